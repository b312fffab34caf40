import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  DEFAULT_OPENING_HOURS,
  WeekHours,
  calendarConflicts,
  fitsOpeningHours,
  isClosedOn,
  openPeriodsOn,
  parseHHmm,
  validateClosureRule,
  validateOpeningHours,
} from './calendar';
import { formatInstant, wallToInstant } from './local-time';
import { ClosureRule, Interval, OpeningHours, OpeningPeriod, Session } from './types';

const TASHKENT = 'Asia/Tashkent';
const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const local = (wall: string, zone = TASHKENT): number => wallToInstant(wall, zone);
const session = (from: string, to: string, zone = TASHKENT): Session => ({
  start: local(from, zone),
  end: local(to, zone),
  localDate: from.slice(0, 10),
});

function hoursWith(overrides: Partial<OpeningHours>): WeekHours {
  return { ...DEFAULT_OPENING_HOURS, ...overrides };
}

describe('isClosedOn', () => {
  const newYear: ClosureRule = {
    from: '2026-12-31',
    to: '2027-01-02',
    yearly: true,
    reason: 'New Year',
  };
  const leapDay: ClosureRule = { from: '2028-02-29', to: '2028-02-29', yearly: true };
  const endOfFebruary: ClosureRule = { from: '2027-02-28', to: '2027-03-01', yearly: true };
  const renovation: ClosureRule = { from: '2027-05-10', to: '2027-05-20', yearly: false };

  it.each([
    ['2030-12-31', newYear, true],
    ['2031-01-01', newYear, true],
    ['2031-01-02', newYear, true],
    ['2031-01-03', newYear, false],
    ['2030-12-30', newYear, false],
    ['2032-02-29', leapDay, true],
    ['2031-02-28', leapDay, false],
    ['2031-03-01', leapDay, false],
    ['2028-02-29', endOfFebruary, true],
    ['2029-02-28', endOfFebruary, true],
    ['2029-03-02', endOfFebruary, false],
    ['2027-05-10', renovation, true],
    ['2027-05-20', renovation, true],
    ['2027-05-21', renovation, false],
    ['2028-05-15', renovation, false],
  ])('on %s, %j closes: %s', (date, rule, expected) => {
    expect(isClosedOn(date, [rule])).toBe(expected ? rule : undefined);
  });

  it('gives the first closure covering the date', () => {
    expect(isClosedOn('2031-01-01', [renovation, newYear, leapDay])).toBe(newYear);
    expect(isClosedOn('2031-01-05', [renovation, newYear, leapDay])).toBeUndefined();
  });

  /**
   * Oracle: walk the closure day by day and collect the dates it covers; a yearly one is walked in
   * the leap year 2000 (split at the year end when it wraps) and compared by month-day.
   */
  function oracleCloses(rule: ClosureRule, date: string): boolean {
    const walk = (from: string, to: string): string[] => {
      const days: string[] = [];
      for (let ms = Date.parse(`${from}T00:00Z`); ms <= Date.parse(`${to}T00:00Z`); ms += DAY) {
        days.push(new Date(ms).toISOString().slice(0, 10));
      }
      return days;
    };
    if (!rule.yearly) return walk(rule.from, rule.to).includes(date);
    const [from, to] = [`2000-${rule.from.slice(5)}`, `2000-${rule.to.slice(5)}`];
    const days =
      from <= to ? walk(from, to) : [...walk(from, '2000-12-31'), ...walk('2000-01-01', to)];
    return days.some((day) => day.slice(5) === date.slice(5));
  }

  const dateArbitrary = fc
    .integer({ min: 0, max: 12 * 366 })
    .map((d) => DateTime.utc(2024, 1, 1).plus({ days: d }).toISODate() ?? '');

  it('agrees with a day-walking oracle (property)', () => {
    fc.assert(
      fc.property(
        dateArbitrary,
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        dateArbitrary,
        (from, length, yearly, date) => {
          const to = DateTime.fromISO(from).plus({ days: length }).toISODate() ?? '';
          const rule: ClosureRule = { from, to, yearly };
          expect(isClosedOn(date, [rule]) !== undefined).toBe(oracleCloses(rule, date));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the oracle around the year end and leap days (property)', () => {
    const nearYearEnd = fc
      .tuple(fc.integer({ min: 2024, max: 2036 }), fc.integer({ min: -70, max: 70 }))
      .map(([year, shift]) => DateTime.utc(year, 1, 1).plus({ days: shift }).toISODate() ?? '');
    fc.assert(
      fc.property(
        nearYearEnd,
        fc.integer({ min: 0, max: 70 }),
        nearYearEnd,
        (from, length, date) => {
          const to = DateTime.fromISO(from).plus({ days: length }).toISODate() ?? '';
          const rule: ClosureRule = { from, to, yearly: true };
          expect(isClosedOn(date, [rule]) !== undefined).toBe(oracleCloses(rule, date));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('fitsOpeningHours', () => {
  // 2026-12-01 is a Tuesday; 2026-12-06 a Sunday.
  it.each([
    ['2026-12-01T09:00', '2026-12-01T18:00', true],
    ['2026-12-01T10:00', '2026-12-01T12:00', true],
    ['2026-12-01T08:59', '2026-12-01T10:00', false],
    ['2026-12-01T17:00', '2026-12-01T18:01', false],
    ['2026-12-06T10:00', '2026-12-06T12:00', false],
  ])('default hours: %s–%s fits: %s', (from, to, expected) => {
    expect(fitsOpeningHours(session(from, to), TASHKENT, DEFAULT_OPENING_HOURS)).toBe(expected);
  });

  it('needs one period: a session across two touching periods does not fit', () => {
    const split = hoursWith({
      tue: [
        { from: '09:00', to: '13:00' },
        { from: '13:00', to: '18:00' },
      ],
    });
    expect(fitsOpeningHours(session('2026-12-01T12:00', '2026-12-01T14:00'), TASHKENT, split)).toBe(
      false,
    );
    expect(fitsOpeningHours(session('2026-12-01T13:00', '2026-12-01T14:00'), TASHKENT, split)).toBe(
      true,
    );
  });

  it('reads 24:00 as the next midnight, and a session into the next day does not fit', () => {
    const late = hoursWith({
      tue: [{ from: '18:00', to: '24:00' }],
      wed: [{ from: '00:00', to: '24:00' }],
    });
    expect(fitsOpeningHours(session('2026-12-01T20:00', '2026-12-02T00:00'), TASHKENT, late)).toBe(
      true,
    );
    expect(fitsOpeningHours(session('2026-12-01T23:00', '2026-12-02T01:00'), TASHKENT, late)).toBe(
      false,
    );
  });

  it('applies the gap rule to period bounds and compares instants (Berlin spring day)', () => {
    // Sunday 2027-03-28: 02:00 does not exist; the period starts at 03:00+02:00.
    const night = hoursWith({ sun: [{ from: '02:00', to: '05:00' }] });
    expect(
      fitsOpeningHours(session('2027-03-28T03:00', '2027-03-28T05:00', BERLIN), BERLIN, night),
    ).toBe(true);
    const before = { start: Date.parse('2027-03-28T00:30Z'), end: Date.parse('2027-03-28T02:00Z') };
    expect(fitsOpeningHours(before, BERLIN, night)).toBe(false);
  });

  it('lets a full autumn day (25 h) fit a 00:00–24:00 period', () => {
    const allDay = hoursWith({ sun: [{ from: '00:00', to: '24:00' }] });
    const day = session('2026-10-25T00:00', '2026-10-26T00:00', BERLIN);
    expect(day.end - day.start).toBe(25 * HOUR);
    expect(fitsOpeningHours(day, BERLIN, allDay)).toBe(true);
  });
});

describe('openPeriodsOn', () => {
  const closures: ClosureRule[] = [
    { from: '2027-03-21', to: '2027-03-21', yearly: true, reason: 'Navruz' },
  ];

  it('gives the periods of the day as instants, in order', () => {
    const hours = hoursWith({
      tue: [
        { from: '14:00', to: '18:00' },
        { from: '08:00', to: '12:00' },
      ],
    });
    const periods = openPeriodsOn('2026-12-01', TASHKENT, hours, closures);
    expect(
      periods.map((p) => [formatInstant(p.start, TASHKENT), formatInstant(p.end, TASHKENT)]),
    ).toEqual([
      ['2026-12-01T08:00:00+05:00', '2026-12-01T12:00:00+05:00'],
      ['2026-12-01T14:00:00+05:00', '2026-12-01T18:00:00+05:00'],
    ]);
  });

  it('is empty on a closure day and on a day without hours', () => {
    expect(openPeriodsOn('2028-03-21', TASHKENT, DEFAULT_OPENING_HOURS, closures)).toEqual([]);
    expect(openPeriodsOn('2026-12-06', TASHKENT, DEFAULT_OPENING_HOURS, closures)).toEqual([]);
  });

  it('drops a period swallowed by the spring gap', () => {
    const hours = hoursWith({
      sun: [
        { from: '02:00', to: '03:00' },
        { from: '10:00', to: '12:00' },
      ],
    });
    const periods: Interval[] = openPeriodsOn('2027-03-28', BERLIN, hours, []);
    expect(periods).toHaveLength(1);
    expect(formatInstant(periods[0].start, BERLIN)).toBe('2027-03-28T10:00:00+02:00');
  });
});

describe('calendarConflicts', () => {
  const closures: ClosureRule[] = [{ from: '2026-12-31', to: '2027-01-02', yearly: true }];

  it('gives one closed or outside_hours entry per session, sorted by start', () => {
    const sessions = [
      session('2026-12-31T10:00', '2026-12-31T12:00'),
      session('2026-12-29T10:00', '2026-12-29T12:00'),
      session('2026-12-30T17:00', '2026-12-30T19:00'),
      session('2027-01-01T20:00', '2027-01-01T22:00'),
    ];
    expect(
      calendarConflicts(sessions, 'room-1', TASHKENT, DEFAULT_OPENING_HOURS, closures),
    ).toEqual([
      {
        start: sessions[2].start,
        end: sessions[2].end,
        resourceId: 'room-1',
        reason: 'outside_hours',
      },
      { start: sessions[0].start, end: sessions[0].end, resourceId: 'room-1', reason: 'closed' },
      { start: sessions[3].start, end: sessions[3].end, resourceId: 'room-1', reason: 'closed' },
    ]);
  });

  it('reports a session running into a closure day as closed', () => {
    const allDay: OpeningHours = {
      mon: [{ from: '00:00', to: '24:00' }],
      tue: [{ from: '00:00', to: '24:00' }],
      wed: [{ from: '00:00', to: '24:00' }],
      thu: [{ from: '00:00', to: '24:00' }],
      fri: [{ from: '00:00', to: '24:00' }],
      sat: [{ from: '00:00', to: '24:00' }],
      sun: [{ from: '00:00', to: '24:00' }],
    };
    const night = session('2026-12-30T22:00', '2026-12-31T02:00');
    const untilMidnight = session('2026-12-30T22:00', '2026-12-31T00:00');
    expect(calendarConflicts([night], 'r', TASHKENT, allDay, closures)[0]?.reason).toBe('closed');
    expect(calendarConflicts([untilMidnight], 'r', TASHKENT, allDay, closures)).toEqual([]);
  });
});

describe('parseHHmm', () => {
  it.each([
    ['00:00', 'from', 0],
    ['09:30', 'from', 570],
    ['23:59', 'from', 1439],
    ['24:00', 'to', 1440],
    ['24:00', 'from', null],
    ['24:01', 'to', null],
    ['25:00', 'to', null],
    ['12:60', 'from', null],
    ['9:00', 'from', null],
    ['09:00:00', 'from', null],
    [900, 'from', null],
  ] as const)('parseHHmm(%j, %s) is %j', (value, role, expected) => {
    expect(parseHHmm(value, role)).toBe(expected);
  });
});

describe('validateOpeningHours', () => {
  it('accepts the default hours and touching periods', () => {
    expect(validateOpeningHours(DEFAULT_OPENING_HOURS)).toBeNull();
    expect(
      validateOpeningHours(
        hoursWith({
          mon: [
            { from: '13:00', to: '24:00' },
            { from: '00:00', to: '13:00' },
          ],
        }),
      ),
    ).toBeNull();
  });

  it.each([
    [null, /object/],
    [[], /object/],
    [{ ...DEFAULT_OPENING_HOURS, sun: undefined }, /sun/],
    [(({ sun: _sun, ...rest }) => rest)(DEFAULT_OPENING_HOURS), /lacks sun/],
    [{ ...DEFAULT_OPENING_HOURS, holiday: [] }, /unknown day "holiday"/],
    [
      hoursWith({ mon: [{ from: '18:00', to: '09:00' }] }),
      /mon: 18:00–09:00 must end after it starts/,
    ],
    [hoursWith({ mon: [{ from: '09:00', to: '09:00' }] }), /must end after/],
    [
      hoursWith({
        tue: [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '18:00' },
        ],
      }),
      /tue: periods overlap/,
    ],
    [hoursWith({ wed: [{ from: '9:00', to: '18:00' }] }), /wed: .*HH:mm/],
    [hoursWith({ wed: [{ from: '24:00', to: '24:00' }] }), /HH:mm/],
    [{ ...DEFAULT_OPENING_HOURS, thu: 'closed' }, /thu must be a list/],
    [{ ...DEFAULT_OPENING_HOURS, fri: [null] }, /fri/],
  ])('refuses %j', (hours, message) => {
    expect(validateOpeningHours(hours)?.message).toMatch(message);
  });
});

describe('validateClosureRule', () => {
  it.each([
    [{ from: '2026-12-31', to: '2027-01-02', yearly: true }, null],
    [{ from: '2027-05-01', to: '2027-09-01', yearly: false }, null],
    [{ from: '2027-01-02', to: '2027-01-01', yearly: false }, /before/],
    [{ from: '2027-02-30', to: '2027-03-01', yearly: false }, /dates/],
    [{ from: '2027-01-01', to: '2028-01-01', yearly: true }, /less than a year/],
  ])('validateClosureRule(%j)', (rule, expected) => {
    const problem = validateClosureRule(rule);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem?.message).toMatch(expected);
  });
});

describe('DEFAULT_OPENING_HOURS', () => {
  it('cannot be changed by accident', () => {
    expect(() =>
      (DEFAULT_OPENING_HOURS.mon as OpeningPeriod[]).push({ from: '20:00', to: '21:00' }),
    ).toThrow(TypeError);
    expect(DEFAULT_OPENING_HOURS.mon).toEqual([{ from: '09:00', to: '18:00' }]);
  });
});
