import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatDate, formatShortDate, formatTime } from './format';

describe('dates on the pages', () => {
  // Tuesday 1 December 2026, 10:00 in Tashkent (+05:00).
  const at = Date.parse('2026-12-01T05:00:00Z');
  const zone = 'Asia/Tashkent';

  it('names the month as it is written inside a date (Russian: the genitive)', () => {
    expect(formatDate(at, zone, 'ru')).toBe('вторник 1 декабря 2026');
    // Uzbek writes the day with its suffix, then the year, then the weekday.
    expect(formatDate(at, zone, 'uz')).toBe('1-dekabr, 2026-yil, seshanba');
    expect(formatShortDate(at, zone, 'uz')).toBe('Sesh, 1-dek');
    expect(formatDate(at, zone, 'en')).toBe('Tuesday 1 December 2026');
    expect(formatShortDate(at, zone, 'ru')).toBe('вт 1 дек.');
  });

  it('shows the center’s local time, not the server’s', () => {
    expect(formatTime(at, zone)).toBe('10:00');
    expect(formatDate(Date.parse('2026-11-30T20:00:00Z'), zone, 'en')).toBe(
      'Tuesday 1 December 2026',
    );
  });
});

describe('formatTime', () => {
  const zones = [
    'Asia/Tashkent',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'UTC',
  ];

  it("agrees with luxon's HH:mm at any instant from 1970 to 2100, DST and odd offsets included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          expect(formatTime(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toFormat('HH:mm'));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees at the minutes around each DST change of 2026 in New York and London', () => {
    const changes = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z'];
    for (const change of changes) {
      for (let minute = -3; minute <= 3; minute++) {
        const ms = Date.parse(change) + minute * 60_000 + 1_234;
        for (const zone of ['America/New_York', 'Europe/London']) {
          expect(formatTime(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toFormat('HH:mm'));
        }
      }
    }
  });

  it('answers for a name that is not a zone instead of throwing', () => {
    expect(() => formatTime(0, 'Not/AZone')).not.toThrow();
  });
});
