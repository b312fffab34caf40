import { forEachLocalHour } from './local-hours';
import { offsetSegments } from './offset-segments';

const pieces = (start: string, end: string, zone: string) => {
  const result: Array<[number, number]> = [];
  forEachLocalHour(Date.parse(start), Date.parse(end), zone, (hour, ms) =>
    result.push([hour, ms / 60_000]),
  );
  return result;
};

describe('splitting by local hour', () => {
  it('splits at the local clock hours', () => {
    expect(
      pieces('2026-12-07T09:30:00+05:00', '2026-12-07T12:10:00+05:00', 'Asia/Tashkent'),
    ).toEqual([
      [9, 30],
      [10, 60],
      [11, 60],
      [12, 10],
    ]);
  });

  it('follows the wall clock across a DST change', () => {
    // Berlin springs forward at 02:00 to 03:00 on 29 March 2026.
    expect(
      pieces('2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00', 'Europe/Berlin'),
    ).toEqual([
      [1, 30],
      [3, 30],
    ]);
  });
});

describe('offset segments', () => {
  it('is one offset in a zone without DST', () => {
    const start = Date.parse('2026-01-01T00:00:00+05:00');
    expect(offsetSegments({ start, end: start + 366 * 86_400_000 }, 'Asia/Tashkent')).toEqual([
      { until: Infinity, offsetMs: 5 * 3_600_000 },
    ]);
  });

  it('finds each transition to the minute', () => {
    const start = Date.parse('2026-01-01T00:00:00+01:00');
    expect(offsetSegments({ start, end: start + 365 * 86_400_000 }, 'Europe/Berlin')).toEqual([
      { until: Date.parse('2026-03-29T01:00:00Z'), offsetMs: 3_600_000 },
      { until: Date.parse('2026-10-25T01:00:00Z'), offsetMs: 7_200_000 },
      { until: Infinity, offsetMs: 3_600_000 },
    ]);
  });
});
