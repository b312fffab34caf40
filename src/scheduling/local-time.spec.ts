import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  canonicalZone,
  daysBetween,
  formatInstant,
  isLocalDate,
  isValidZone,
  localDateOf,
  localWallOf,
  parseRequestMoment,
  parseRequestTime,
  wallToInstant,
  weekdayOf,
} from './local-time';
import { domainErrorOf } from '../../test/support/domain-errors';

const TASHKENT = 'Asia/Tashkent';
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const MINUTE = 60_000;

const utc = (iso: string): number => Date.parse(iso.endsWith('Z') ? iso : `${iso}Z`);

describe('parseRequestTime', () => {
  it.each([
    ['2026-12-01T10:00', '2026-12-01T05:00Z'],
    ['2026-12-01T10:00:00', '2026-12-01T05:00Z'],
    ['2026-12-01T10:00:00.000', '2026-12-01T05:00Z'],
    ['2026-12-01T10:00+05:00', '2026-12-01T05:00Z'],
    ['2026-12-01T10:00:00+0500', '2026-12-01T05:00Z'],
    ['2026-12-01T10:00Z', '2026-12-01T10:00Z'],
    ['2026-12-01t10:00:00z', '2026-12-01T10:00Z'],
    ['2026-12-01T10:00-03', '2026-12-01T13:00Z'],
    ['2026-12-01T10:00-03:30', '2026-12-01T13:30Z'],
    ['2026-12-01T24:00', '2026-12-01T19:00Z'],
    ['2026-12-31T24:00:00', '2026-12-31T19:00Z'],
  ])('reads %s in Tashkent as %s', (input, expected) => {
    expect(parseRequestTime(input, TASHKENT, 'start')).toBe(utc(expected));
  });

  it.each(['2026-12-01T10:00:30', '2026-12-01T10:00:00.5', '2026-12-01T10:00:00.001+05:00'])(
    'refuses %s: seconds and milliseconds must be zero',
    (input) => {
      const error = domainErrorOf(() => parseRequestTime(input, TASHKENT, 'end'));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.extras.details).toEqual([
        { field: 'end', message: expect.stringMatching(/zero/) },
      ]);
    },
  );

  it.each([
    '',
    '2026-12-01',
    '2026-12-01 10:00',
    '2026-12-01T10',
    '2026-12-01T1:00',
    '26-12-01T10:00',
    '2026-13-01T10:00',
    '2026-02-29T10:00',
    '2026-04-31T10:00',
    '2026-12-01T25:00',
    '2026-12-01T10:60',
    '2026-12-01T24:30',
    '2026-12-01T10:00+25:00',
    '2026-12-01T10:00+05:60',
    '2026-12-01T10:00 +05:00',
    '2026-12-01T10:00:00:00',
    'tomorrow',
  ])('refuses malformed %j with VALIDATION_FAILED naming the field', (input) => {
    const error = domainErrorOf(() => parseRequestTime(input, TASHKENT, 'start'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.extras.details).toEqual([{ field: 'start', message: expect.any(String) }]);
  });

  it.each([
    [BERLIN, '2027-03-28T02:30', '2027-03-28T03:30:00+02:00'],
    [NEW_YORK, '2027-03-14T02:30', '2027-03-14T03:30:00-04:00'],
    [BERLIN, '2027-03-28T02:00', '2027-03-28T03:00:00+02:00'],
    [BERLIN, '2027-03-28T03:00', '2027-03-28T03:00:00+02:00'],
  ])('moves a %s spring-gap time %s forward by the gap', (zone, input, expected) => {
    expect(formatInstant(parseRequestTime(input, zone, 'start'), zone)).toBe(expected);
  });

  it.each([
    [BERLIN, '2026-10-25T02:30', '2026-10-25T02:30:00+02:00'],
    [NEW_YORK, '2026-11-01T01:30', '2026-11-01T01:30:00-04:00'],
    [BERLIN, '2026-10-25T02:00', '2026-10-25T02:00:00+02:00'],
    [NEW_YORK, '2026-11-01T01:00', '2026-11-01T01:00:00-04:00'],
  ])('reads an ambiguous %s autumn time %s as the earlier instant', (zone, input, expected) => {
    expect(formatInstant(parseRequestTime(input, zone, 'start'), zone)).toBe(expected);
  });

  it('keeps an explicit later offset of an ambiguous time, and names its wall time', () => {
    const moment = parseRequestMoment('2026-10-25T02:30+01:00', BERLIN, 'start');
    expect(moment).toEqual({
      instant: utc('2026-10-25T01:30Z'),
      wall: '2026-10-25T02:30',
      hadOffset: true,
    });
  });

  it('gives the wall time as requested for a wall-clock input, even in a gap', () => {
    expect(parseRequestMoment('2027-03-28T02:30', BERLIN, 'start')).toEqual({
      instant: utc('2027-03-28T01:30Z'),
      wall: '2027-03-28T02:30',
      hadOffset: false,
    });
    expect(parseRequestMoment('2026-12-01T24:00', TASHKENT, 'end').wall).toBe('2026-12-02T00:00');
  });
});

describe('formatInstant', () => {
  it.each([
    [TASHKENT, '2026-12-01T05:00Z', '2026-12-01T10:00:00+05:00'],
    ['UTC', '2026-12-01T05:00Z', '2026-12-01T05:00:00+00:00'],
    ['Etc/UTC', '2026-12-01T05:00Z', '2026-12-01T05:00:00+00:00'],
    [NEW_YORK, '2026-12-01T05:00Z', '2026-12-01T00:00:00-05:00'],
    [NEW_YORK, '2026-07-01T05:00Z', '2026-07-01T01:00:00-04:00'],
    ['Asia/Kolkata', '2026-12-01T05:00Z', '2026-12-01T10:30:00+05:30'],
    ['Asia/Kathmandu', '2026-12-01T05:00Z', '2026-12-01T10:45:00+05:45'],
    ['America/St_Johns', '2026-12-01T05:00Z', '2026-12-01T01:30:00-03:30'],
    [TASHKENT, '2026-12-31T19:00Z', '2027-01-01T00:00:00+05:00'],
    [TASHKENT, '1900-01-01T00:00Z', '1900-01-01T04:37:00+04:37'],
  ])('formats in %s: %s -> %s', (zone, iso, expected) => {
    expect(formatInstant(utc(iso), zone)).toBe(expected);
  });

  it('round-trips through parseRequestTime for any minute instant and zone', () => {
    const zones = [TASHKENT, BERLIN, NEW_YORK, 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * 366 * 24 * 60 }),
        fc.constantFrom(...zones),
        (minutes, zone) => {
          const ms = utc('2000-01-01T00:00Z') + minutes * MINUTE;
          expect(parseRequestTime(formatInstant(ms, zone), 'UTC', 'at')).toBe(ms);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('local dates and wall times of instants', () => {
  it('takes the date and wall time in the zone, not in UTC', () => {
    const ms = utc('2026-12-31T20:30Z');
    expect(localDateOf(ms, TASHKENT)).toBe('2027-01-01');
    expect(localWallOf(ms, TASHKENT)).toBe('2027-01-01T01:30');
    expect(localDateOf(ms, NEW_YORK)).toBe('2026-12-31');
    expect(localWallOf(ms, NEW_YORK)).toBe('2026-12-31T15:30');
  });

  it('shows both passes of the repeated autumn hour as the same wall time', () => {
    expect(localWallOf(utc('2026-10-25T00:30Z'), BERLIN)).toBe('2026-10-25T02:30');
    expect(localWallOf(utc('2026-10-25T01:30Z'), BERLIN)).toBe('2026-10-25T02:30');
  });
});

describe('wallToInstant', () => {
  it('reads 24:00 as the midnight starting the next day', () => {
    expect(wallToInstant('2026-12-01T24:00', TASHKENT)).toBe(
      wallToInstant('2026-12-02T00:00', TASHKENT),
    );
  });

  it.each(['2026-12-01', '2026-12-01T10:00:00', '2026-02-30T10:00', '2026-12-01T24:01', 'x'])(
    'throws a RangeError for the malformed wall time %j',
    (wall) => {
      expect(() => wallToInstant(wall, TASHKENT)).toThrow(RangeError);
    },
  );

  it('throws a RangeError for an unknown zone', () => {
    expect(() => wallToInstant('2026-12-01T10:00', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('handles years below 100 literally (Date.UTC would map them to 19xx)', () => {
    expect(localWallOf(wallToInstant('0050-06-01T10:00', 'UTC'), 'UTC')).toBe('0050-06-01T10:00');
  });

  /**
   * Brute force: every instant carrying the wall time, from the offsets the zone uses within a
   * day either side, checked by luxon's own formatting; in a gap, walk forward minute by minute to
   * the first existing wall time (the transition) and read the wall time with the earlier offset.
   */
  function bruteForceWallToInstant(wall: string, zone: string): number {
    const floating = utc(wall);
    const wallAt = (ms: number): string =>
      DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    const offsets = new Set<number>();
    for (let k = -48; k <= 48; k++) {
      offsets.add(DateTime.fromMillis(floating + k * 30 * MINUTE, { zone }).offset);
    }
    const instantsOf = (f: number): number[] =>
      [...offsets]
        .map((o) => f - o * MINUTE)
        .filter((ms) => wallAt(ms) === new Date(f).toISOString().slice(0, 16));
    const matches = instantsOf(floating);
    if (matches.length > 0) return Math.min(...matches);
    for (let m = 1; m <= 24 * 60; m++) {
      const [transition] = instantsOf(floating + m * MINUTE);
      if (transition !== undefined) {
        const offsetBefore = DateTime.fromMillis(transition - MINUTE, { zone }).offset;
        return floating - offsetBefore * MINUTE;
      }
    }
    throw new Error(`no wall time found after ${wall}`);
  }

  /** Transitions (spring and autumn) of the zones under test, as local wall times. */
  const NEAR_TRANSITIONS: Array<[string, string]> = [
    [BERLIN, '2027-03-28T02:00'],
    [BERLIN, '2026-10-25T02:00'],
    [BERLIN, '2026-03-29T02:00'],
    [NEW_YORK, '2027-03-14T02:00'],
    [NEW_YORK, '2026-11-01T01:00'],
    ['Australia/Lord_Howe', '2026-10-04T02:00'],
    ['Australia/Lord_Howe', '2026-04-05T01:30'],
    ['America/Santiago', '2026-09-06T00:00'],
    ['America/Santiago', '2026-04-04T23:00'],
    ['Asia/Tehran', '2021-03-22T00:00'],
    [TASHKENT, '2026-06-01T12:00'],
  ];

  it('matches a brute-force oracle around DST transitions in several zones', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NEAR_TRANSITIONS),
        fc.integer({ min: -4 * 60, max: 4 * 60 }),
        ([zone, anchor], shift) => {
          const wall = new Date(utc(anchor) + shift * MINUTE).toISOString().slice(0, 16);
          expect(wallToInstant(wall, zone)).toBe(bruteForceWallToInstant(wall, zone));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agrees with the oracle on random wall times over decades', () => {
    const zones = [BERLIN, NEW_YORK, TASHKENT, 'Australia/Lord_Howe', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 60 * 366 * 24 * 4 }),
        (zone, quarterHours) => {
          const wall = new Date(utc('1990-01-01T00:00') + quarterHours * 15 * MINUTE)
            .toISOString()
            .slice(0, 16);
          expect(wallToInstant(wall, zone)).toBe(bruteForceWallToInstant(wall, zone));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('zones and local dates', () => {
  it.each([
    [TASHKENT, true],
    ['UTC', true],
    [NEW_YORK, true],
    ['Mars/Olympus', false],
    ['', false],
    [42, false],
    [null, false],
  ])('isValidZone(%j) is %s', (zone, expected) => {
    expect(isValidZone(zone)).toBe(expected);
  });

  it.each([
    ['asia/tashkent', TASHKENT],
    ['ASIA/SAMARKAND', 'Asia/Samarkand'],
    [TASHKENT, TASHKENT],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['us/eastern', NEW_YORK],
    ['Mars/Olympus', null],
    ['+05:00', null],
    ['', null],
    [42, null],
  ])('canonicalZone(%j) is %j', (zone, expected) => {
    expect(canonicalZone(zone)).toBe(expected);
  });

  it('fixes the letter case of every zone the runtime knows, keeping its name', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      expect(canonicalZone(zone.toLowerCase())).toBe(zone);
    }
  });

  it.each([
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2027-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    [' 2026-01-01', false],
    [20260101, false],
  ])('isLocalDate(%j) is %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  it('counts calendar days and names weekdays, whatever the process zone', () => {
    expect(daysBetween('2026-12-01', '2027-03-01')).toBe(90);
    expect(daysBetween('2027-03-01', '2026-12-01')).toBe(-90);
    expect(weekdayOf('2026-12-01')).toBe('tue');
    expect(weekdayOf('2026-12-06')).toBe('sun');
    expect(weekdayOf('2027-03-28')).toBe('sun');
    expect(weekdayOf('2026-12-07')).toBe('mon');
  });

  it('walks the same dates as luxon for any shift (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 * 366 }),
        fc.integer({ min: -4000, max: 4000 }),
        (offset, shift) => {
          const start = DateTime.utc(1950, 1, 1).plus({ days: offset });
          const date = start.toISODate() ?? '';
          const expected = start.plus({ days: shift });
          expect(addDays(date, shift)).toBe(expected.toISODate());
          expect(daysBetween(date, addDays(date, shift))).toBe(shift);
          expect(weekdayOf(date)).toBe(start.toFormat('ccc').toLowerCase());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
