import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DomainError } from '../common/domain-error';
import { formatInstant } from './local-time';
import { ExpansionInput, SessionExpansion, expandSessions } from './recurrence';
import { Session } from './types';
import { domainErrorOf, errorCodeOf as codeOf } from '../../test/support/domain-errors';

const TASHKENT = 'Asia/Tashkent';
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const utc = (iso: string): number => Date.parse(iso.endsWith('Z') ? iso : `${iso}Z`);

/** A far horizon: tests about the horizon set their own. */
const FAR_HORIZON = utc('2040-01-01T00:00Z');

function expand(input: Partial<ExpansionInput>): SessionExpansion {
  return expandSessions({
    startWall: '2026-12-01T10:00',
    endWall: '2026-12-01T12:00',
    zone: TASHKENT,
    horizonEndMs: FAR_HORIZON,
    maxOccurrences: 366,
    ...input,
  });
}

function formatted(sessions: Session[], zone: string): string[] {
  return sessions.map((s) => `${formatInstant(s.start, zone)}/${formatInstant(s.end, zone)}`);
}

describe('expandSessions without a rule', () => {
  it('gives the single session with its local date', () => {
    expect(expand({}).sessions).toEqual([
      { start: utc('2026-12-01T05:00Z'), end: utc('2026-12-01T07:00Z'), localDate: '2026-12-01' },
    ]);
  });

  it('accepts an end at 24:00 or on the next day', () => {
    const [a] = expand({ startWall: '2026-12-01T20:00', endWall: '2026-12-01T24:00' }).sessions;
    const [b] = expand({ startWall: '2026-12-01T20:00', endWall: '2026-12-02T00:00' }).sessions;
    expect(a).toEqual(b);
    expect(a.end - a.start).toBe(4 * 60 * MINUTE);
  });

  it('uses the requested instants of the first session when given', () => {
    const first = { start: utc('2026-10-25T01:30Z'), end: utc('2026-10-25T02:30Z') };
    const { sessions } = expand({
      zone: BERLIN,
      startWall: '2026-10-25T02:30',
      endWall: '2026-10-25T03:30',
      first,
    });
    expect(sessions).toEqual([{ ...first, localDate: '2026-10-25' }]);
  });

  it.each([
    ['2026-12-01T10:00', '2026-12-01T10:00'],
    ['2026-12-01T10:00', '2026-12-01T09:00'],
  ])('refuses %s–%s: end must be after start', (startWall, endWall) => {
    const error = domainErrorOf(() => expand({ startWall, endWall }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.extras.details).toEqual([{ field: 'end', message: 'must be after start' }]);
  });

  it('refuses a malformed wall time', () => {
    expect(codeOf(() => expand({ startWall: '2026-12-01 10:00' }))).toBe('VALIDATION_FAILED');
  });
});

describe('expandSessions with a rule', () => {
  it('repeats weekly with COUNT, accepting an RRULE: prefix', () => {
    const { sessions } = expand({ rule: 'RRULE:FREQ=WEEKLY;COUNT=3' });
    expect(sessions.map((s) => s.localDate)).toEqual(['2026-12-01', '2026-12-08', '2026-12-15']);
  });

  it('starts at the first match at or after the start when the start does not match', () => {
    // 2026-11-30 is a Monday.
    const { sessions } = expand({
      startWall: '2026-11-30T10:00',
      endWall: '2026-11-30T12:00',
      rule: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3',
    });
    expect(sessions.map((s) => s.localDate)).toEqual(['2026-12-01', '2026-12-03', '2026-12-08']);
  });

  it('counts COUNT before removing exceptions', () => {
    const { sessions } = expand({
      rule: 'FREQ=WEEKLY;COUNT=8',
      exceptions: ['2026-12-22', '2030-01-01'],
    });
    expect(sessions).toHaveLength(7);
    expect(sessions.map((s) => s.localDate)).not.toContain('2026-12-22');
  });

  it('refuses malformed exception dates', () => {
    const error = domainErrorOf(() =>
      expand({ rule: 'FREQ=DAILY;COUNT=2', exceptions: ['2026-12-32'] }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.extras.details).toEqual([
      { field: 'recurrence.exceptions', message: expect.stringContaining('2026-12-32') },
    ]);
  });

  it.each([
    [BERLIN, '2027-03-15', ['+01:00', '+01:00', '+02:00', '+02:00']],
    [NEW_YORK, '2027-03-01', ['-05:00', '-05:00', '-04:00', '-04:00']],
  ])('keeps 10:00 local in %s across the March change', (zone, date, offsets) => {
    const { sessions } = expand({
      zone,
      startWall: `${date}T10:00`,
      endWall: `${date}T11:00`,
      rule: 'FREQ=WEEKLY;COUNT=4',
    });
    const starts = sessions.map((s) => formatInstant(s.start, zone));
    expect(starts.map((s) => s.slice(10, 19))).toEqual(Array(4).fill('T10:00:00'));
    expect(starts.map((s) => s.slice(19))).toEqual(offsets);
    expect(sessions.every((s) => s.end - s.start === 60 * MINUTE)).toBe(true);
  });

  it('moves a session in the spring gap forward and keeps its length (Berlin)', () => {
    const { sessions } = expand({
      zone: BERLIN,
      startWall: '2027-03-21T02:30',
      endWall: '2027-03-21T03:30',
      rule: 'FREQ=WEEKLY;COUNT=2',
    });
    expect(formatted(sessions, BERLIN)).toEqual([
      '2027-03-21T02:30:00+01:00/2027-03-21T03:30:00+01:00',
      '2027-03-28T03:30:00+02:00/2027-03-28T04:30:00+02:00',
    ]);
  });

  it('keeps 1 h for a 02:00–03:00 session on the spring day (New York)', () => {
    const { sessions } = expand({
      zone: NEW_YORK,
      startWall: '2027-03-07T02:00',
      endWall: '2027-03-07T03:00',
      rule: 'FREQ=WEEKLY;COUNT=2',
    });
    expect(formatted(sessions, NEW_YORK)).toEqual([
      '2027-03-07T02:00:00-05:00/2027-03-07T03:00:00-05:00',
      '2027-03-14T03:00:00-04:00/2027-03-14T04:00:00-04:00',
    ]);
  });

  it('shortens a session whose start only is in the gap (its end exists)', () => {
    const { sessions } = expand({
      zone: BERLIN,
      startWall: '2027-03-27T01:30',
      endWall: '2027-03-27T03:30',
      rule: 'FREQ=DAILY;COUNT=2',
    });
    expect(formatted(sessions, BERLIN)[1]).toBe(
      '2027-03-28T01:30:00+01:00/2027-03-28T03:30:00+02:00',
    );
  });

  it.each([
    [BERLIN, '2026-10-18T02:30', '2026-10-18T03:30', '2026-10-25T02:30:00+02:00'],
    [NEW_YORK, '2026-10-25T01:30', '2026-10-25T02:30', '2026-11-01T01:30:00-04:00'],
  ])(
    'takes the earlier instant of an ambiguous autumn time in %s',
    (zone, startWall, endWall, second) => {
      const { sessions } = expand({ zone, startWall, endWall, rule: 'FREQ=WEEKLY;COUNT=2' });
      expect(formatInstant(sessions[1].start, zone)).toBe(second);
    },
  );

  describe('UNTIL', () => {
    const daily = (rule: string, from = '09:00', to = '10:00'): string[] =>
      expand({ startWall: `2026-12-20T${from}`, endWall: `2026-12-20T${to}`, rule }).sessions.map(
        (s) => s.localDate,
      );

    it('is inclusive, and an instant (Z) is converted to the center zone', () => {
      // 2026-12-22 09:00+05:00 is 04:00Z.
      expect(daily('FREQ=DAILY;UNTIL=20261222T040000Z')).toEqual([
        '2026-12-20',
        '2026-12-21',
        '2026-12-22',
      ]);
      expect(daily('FREQ=DAILY;UNTIL=20261222T035900Z')).toEqual(['2026-12-20', '2026-12-21']);
    });

    it('converts a Z UNTIL near midnight to the local date it falls on', () => {
      // 2026-12-21T19:30Z is 2026-12-22 00:30 in Tashkent: the 00:30 session that day is included.
      expect(daily('FREQ=DAILY;UNTIL=20261221T193000Z', '00:30', '01:30')).toEqual([
        '2026-12-20',
        '2026-12-21',
        '2026-12-22',
      ]);
    });

    it('takes a floating UNTIL as local time, and a date-only UNTIL as that whole day', () => {
      expect(daily('FREQ=DAILY;UNTIL=20261222T090000')).toEqual([
        '2026-12-20',
        '2026-12-21',
        '2026-12-22',
      ]);
      expect(daily('FREQ=DAILY;UNTIL=20261222T085900')).toEqual(['2026-12-20', '2026-12-21']);
      expect(daily('FREQ=DAILY;UNTIL=20261222')).toEqual([
        '2026-12-20',
        '2026-12-21',
        '2026-12-22',
      ]);
    });

    it('compares a Z UNTIL by instant inside the repeated autumn hour', () => {
      // Sessions at 02:30 take the +02:00 instant (00:30Z); an UNTIL at 01:15Z (02:15+01:00) is after it.
      const { sessions } = expand({
        zone: BERLIN,
        startWall: '2026-10-24T02:30',
        endWall: '2026-10-24T03:00',
        rule: 'FREQ=DAILY;UNTIL=20261025T011500Z',
      });
      expect(sessions.map((s) => s.localDate)).toEqual(['2026-10-24', '2026-10-25']);
    });
  });

  describe('rejections', () => {
    it.each([
      'FREQ=HOURLY;INTERVAL=2;BYHOUR=1;COUNT=3',
      'FREQ=DAILY;BYHOUR=10;COUNT=3',
      'FREQ=DAILY',
      'garbage',
    ])('refuses %j with INVALID_RECURRENCE (the parser is tested in rrule-parse.spec)', (rule) => {
      expect(codeOf(() => expand({ rule }))).toBe('INVALID_RECURRENCE');
    });

    it('names the reason for the looping HOURLY rule', () => {
      expect(
        domainErrorOf(() => expand({ rule: 'FREQ=HOURLY;INTERVAL=2;BYHOUR=1;COUNT=3' })).message,
      ).toMatch(/HOUR/);
    });

    it.each([
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1',
      'FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=4;UNTIL=29991231',
      'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11;COUNT=5',
      'FREQ=DAILY;BYMONTHDAY=-30;BYMONTH=2;UNTIL=29991231',
      'FREQ=MONTHLY;INTERVAL=12;BYMONTH=6;COUNT=2',
      'FREQ=DAILY;INTERVAL=7;BYDAY=MO;COUNT=1',
      'FREQ=YEARLY;BYMONTH=1;BYDAY=MO;BYSETPOS=10;COUNT=1',
      'FREQ=YEARLY;BYYEARDAY=60;BYMONTH=1;COUNT=1',
      'FREQ=YEARLY;BYWEEKNO=1;BYMONTH=7;COUNT=1',
    ])('returns for the never-matching rule %j: INVALID_RECURRENCE', (rule) => {
      // 2026-12-01 is a Tuesday, so the DAILY;INTERVAL=7;BYDAY=MO rule never lands on a Monday.
      const error = domainErrorOf(() => expand({ rule, horizonEndMs: utc('2027-03-01T00:00Z') }));
      expect(error.code).toBe('INVALID_RECURRENCE');
      expect(error.message).toBe('The rule yields no session');
    });

    it('refuses a rule whose exceptions remove every session', () => {
      const error = domainErrorOf(() =>
        expand({ rule: 'FREQ=DAILY;COUNT=2', exceptions: ['2026-12-01', '2026-12-02'] }),
      );
      expect(error.code).toBe('INVALID_RECURRENCE');
    });

    it('refuses a single session removed by an exception', () => {
      expect(codeOf(() => expand({ exceptions: ['2026-12-01'] }))).toBe('INVALID_RECURRENCE');
    });

    it('refuses an UNTIL before the start', () => {
      expect(codeOf(() => expand({ rule: 'FREQ=DAILY;UNTIL=20261130' }))).toBe(
        'INVALID_RECURRENCE',
      );
    });

    it('refuses sessions that overlap each other', () => {
      const error = domainErrorOf(() =>
        expand({ endWall: '2026-12-02T12:00', rule: 'FREQ=DAILY;COUNT=3' }),
      );
      expect(error.code).toBe('INVALID_RECURRENCE');
      expect(error.message).toMatch(/overlap/);
    });
  });

  describe('limits', () => {
    it('allows exactly maxOccurrences sessions and refuses one more', () => {
      expect(expand({ rule: 'FREQ=DAILY;COUNT=366' }).sessions).toHaveLength(366);
      expect(codeOf(() => expand({ rule: 'FREQ=DAILY;COUNT=367' }))).toBe('TOO_MANY_OCCURRENCES');
    });

    it('counts sessions after exceptions', () => {
      const { sessions } = expand({
        rule: 'FREQ=DAILY;COUNT=368',
        exceptions: ['2026-12-05', '2026-12-06'],
      });
      expect(sessions).toHaveLength(366);
    });

    it('counts sessions past the horizon towards the limit', () => {
      const horizonEndMs = utc('2027-03-01T00:00Z');
      expect(codeOf(() => expand({ rule: 'FREQ=DAILY;UNTIL=20991231', horizonEndMs }))).toBe(
        'TOO_MANY_OCCURRENCES',
      );
    });
  });

  describe('the horizon', () => {
    const horizonEndMs = utc('2027-03-01T00:00Z');

    it('returns the sessions ending by the horizon and reports the first one past it', () => {
      const result = expand({ rule: 'FREQ=WEEKLY;COUNT=20', horizonEndMs });
      expect(result.sessions).toHaveLength(13);
      expect(result.sessions.at(-1)?.localDate).toBe('2027-02-23');
      expect(result.beyondHorizon).toBe(true);
      expect(result.firstBeyondHorizon?.localDate).toBe('2027-03-02');
    });

    it('reports nothing past the horizon for a series inside it', () => {
      const result = expand({ rule: 'FREQ=WEEKLY;COUNT=4', horizonEndMs });
      expect(result).toMatchObject({ beyondHorizon: false, firstBeyondHorizon: null });
    });

    it('finds a Feb-29-only rule whose sessions all lie past the horizon', () => {
      const result = expand({ rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2', horizonEndMs });
      expect(result.sessions).toEqual([]);
      expect(result.beyondHorizon).toBe(true);
      expect(result.firstBeyondHorizon?.localDate).toBe('2028-02-29');
    });

    it('reports a series going on long after the horizon even if the scan stopped before', () => {
      const result = expand({ rule: 'FREQ=YEARLY;INTERVAL=10;COUNT=2', horizonEndMs });
      expect(result.sessions.map((s) => s.localDate)).toEqual(['2026-12-01']);
      expect(result).toMatchObject({ beyondHorizon: true, firstBeyondHorizon: null });
    });

    it('reports a single session past the horizon', () => {
      const result = expand({
        startWall: '2027-06-01T10:00',
        endWall: '2027-06-01T11:00',
        horizonEndMs,
      });
      expect(result.sessions).toEqual([]);
      expect(result.firstBeyondHorizon?.localDate).toBe('2027-06-01');
    });

    it('counts a session ending exactly at the horizon as inside', () => {
      const result = expand({
        startWall: '2027-02-28T22:00',
        endWall: '2027-03-01T05:00',
        horizonEndMs,
      });
      expect(result.sessions).toHaveLength(1);
      expect(result.beyondHorizon).toBe(false);
    });

    it.each([
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=2',
      'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2',
    ])('scans %j all the way to 4 years past the horizon', (rule) => {
      // Horizon 2028-02-27: the scan reaches 2032-03-02, just past the second Feb 29 (2032-02-29).
      const run = (): SessionExpansion =>
        expand({ rule, horizonEndMs: utc('2028-02-27T00:00Z'), maxOccurrences: 1 });
      expect(codeOf(run)).toBe('TOO_MANY_OCCURRENCES');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: daily and weekly rules against an oracle that walks dates with luxon.

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** luxon's instant of a wall time: the earliest valid one; in a gap luxon moves forward by the gap. */
function luxonInstant(floating: number, zone: string): number {
  const f = new Date(floating);
  const dt = DateTime.fromObject(
    {
      year: f.getUTCFullYear(),
      month: f.getUTCMonth() + 1,
      day: f.getUTCDate(),
      hour: f.getUTCHours(),
      minute: f.getUTCMinutes(),
    },
    { zone },
  );
  return Math.min(...dt.getPossibleOffsets().map((d) => d.toMillis()));
}

interface Case {
  zone: string;
  startFloating: number;
  durationMinutes: number;
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  byDay: number[];
  end:
    | { count: number }
    | { untilDays: number; untilKind: 'date' | 'floating' | 'instant'; untilMinute: number };
  exceptionPicks: number[];
}

/** DST changes (all on Sundays) of the zones under test: spring gaps and autumn repeats. */
const DST_CHANGES: Array<[string, string]> = [
  [BERLIN, '2026-03-29'],
  [BERLIN, '2026-10-25'],
  [BERLIN, '2027-03-28'],
  [NEW_YORK, '2026-03-08'],
  [NEW_YORK, '2026-11-01'],
  [NEW_YORK, '2027-03-14'],
];

const anyStart = fc.record({
  zone: fc.constantFrom(TASHKENT, BERLIN, NEW_YORK),
  startFloating: fc
    .tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 1439 }))
    .map(([day, minute]) => utc('2026-01-01T00:00') + day * DAY + minute * MINUTE),
});

/** Starts a few days or weeks before a DST change, at night, so sessions hit the gap or repeat. */
const startBeforeDstChange = fc
  .tuple(
    fc.constantFrom(...DST_CHANGES),
    fc.oneof(
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 3 }).map((w) => 7 * w),
    ),
    // 00:00–04:00 in 5-minute steps, or any minute of the hours that are skipped or repeated.
    fc.oneof(
      fc.integer({ min: 0, max: 48 }).map((step) => 5 * step),
      fc.integer({ min: 60, max: 179 }),
    ),
  )
  .map(([[zone, date], daysBefore, minute]) => ({
    zone,
    startFloating: utc(`${date}T00:00`) - daysBefore * DAY + minute * MINUTE,
  }));

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    start: fc.oneof(anyStart, startBeforeDstChange),
    durationMinutes: fc.oneof(
      fc.integer({ min: 15, max: 600 }),
      fc.integer({ min: 1, max: 12 }).map((q) => 15 * q),
    ),
    freq: fc.constantFrom<'DAILY' | 'WEEKLY'>('DAILY', 'WEEKLY'),
    interval: fc.integer({ min: 1, max: 3 }),
    byDay: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
    end: fc.oneof(
      fc.record({ count: fc.integer({ min: 1, max: 25 }) }),
      fc.record({
        untilDays: fc.integer({ min: 0, max: 80 }),
        untilKind: fc.constantFrom<'date' | 'floating' | 'instant'>('date', 'floating', 'instant'),
        untilMinute: fc.integer({ min: 0, max: 1439 }),
      }),
    ),
    exceptionPicks: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
  })
  .map(({ start, ...rest }) => ({ ...start, ...rest }));

const isoDate = (floating: number): string => new Date(floating).toISOString().slice(0, 10);
const isoWall = (floating: number): string => new Date(floating).toISOString().slice(0, 16);
const compact = (floating: number): string =>
  new Date(floating).toISOString().slice(0, 19).replace(/[-:]/g, '');

/** The floating time of the case's UNTIL (its date at `untilMinute`), or null for a COUNT. */
function untilFloatingOf(c: Case): number | null {
  if ('count' in c.end) return null;
  const midnight = c.startFloating - (c.startFloating % DAY);
  return midnight + c.end.untilDays * DAY + c.end.untilMinute * MINUTE;
}

function ruleOf(c: Case): string {
  const parts = [`FREQ=${c.freq}`, `INTERVAL=${c.interval}`];
  if (c.freq === 'WEEKLY' && c.byDay.length > 0) {
    parts.push(`BYDAY=${c.byDay.map((d) => DAY_CODES[d]).join(',')}`);
  }
  const until = untilFloatingOf(c);
  if ('count' in c.end) parts.push(`COUNT=${c.end.count}`);
  else if (until !== null) {
    const text = compact(until);
    const kind = c.end.untilKind;
    parts.push(
      `UNTIL=${kind === 'date' ? text.slice(0, 8) : text}${kind === 'instant' ? 'Z' : ''}`,
    );
  }
  return parts.join(';');
}

/** Candidate dates (floating midnight) of the rule in order, walked with luxon. */
function* oracleDates(c: Case): Generator<number> {
  const start = DateTime.fromMillis(c.startFloating, { zone: 'UTC' }).startOf('day');
  if (c.freq === 'DAILY') {
    for (let k = 0; ; k++) yield start.plus({ days: k * c.interval }).toMillis();
  }
  const days = c.byDay.length > 0 ? [...c.byDay].sort((a, b) => a - b) : [start.weekday - 1];
  const weekStart = start.minus({ days: start.weekday - 1 });
  for (let w = 0; ; w++) {
    for (const d of days) {
      const date = weekStart.plus({ days: w * 7 * c.interval + d });
      if (date >= start) yield date.toMillis();
    }
  }
}

function oracleSessions(c: Case): Session[] {
  const timeOfDay = c.startFloating % DAY;
  const duration = c.durationMinutes * MINUTE;
  const reference =
    luxonInstant(c.startFloating + duration, c.zone) - luxonInstant(c.startFloating, c.zone);
  const untilFloating = untilFloatingOf(c);
  const isBeyondUntil = (startFloating: number, start: number): boolean => {
    if (untilFloating === null || 'count' in c.end) return false;
    if (c.end.untilKind === 'instant') return start > untilFloating;
    if (c.end.untilKind === 'date') return isoDate(startFloating) > isoDate(untilFloating);
    return startFloating > untilFloating;
  };
  const sessions: Session[] = [];
  let matches = 0;
  for (const midnight of oracleDates(c)) {
    const startFloating = midnight + timeOfDay;
    const start = luxonInstant(startFloating, c.zone);
    if (isBeyondUntil(startFloating, start)) break;
    let end = luxonInstant(startFloating + duration, c.zone);
    if (end <= start) end = start + reference;
    sessions.push({
      start,
      end,
      localDate: DateTime.fromMillis(start, { zone: c.zone }).toISODate() ?? '',
    });
    matches += 1;
    if ('count' in c.end && matches === c.end.count) break;
    if (matches > 400) break;
  }
  return sessions;
}

/** Checks one case against the oracle, plus order and wall-time properties of the result. */
function checkAgainstOracle(c: Case): void {
  const all = oracleSessions(c);
  const reference =
    luxonInstant(c.startFloating + c.durationMinutes * MINUTE, c.zone) -
    luxonInstant(c.startFloating, c.zone);
  fc.pre(reference > 0);
  const exceptions = c.exceptionPicks.filter((i) => i < all.length).map((i) => all[i].localDate);
  const expected = all.filter((s) => !exceptions.includes(s.localDate));
  const input: ExpansionInput = {
    startWall: isoWall(c.startFloating),
    endWall: isoWall(c.startFloating + c.durationMinutes * MINUTE),
    zone: c.zone,
    rule: ruleOf(c),
    exceptions,
    horizonEndMs: FAR_HORIZON,
    maxOccurrences: 1000,
  };
  if (expected.length === 0) {
    expect(codeOf(() => expandSessions(input))).toBe('INVALID_RECURRENCE');
    return;
  }
  const result = expandSessions(input);
  expect(result.sessions).toEqual(expected);
  expect(result.beyondHorizon).toBe(false);

  const startTime = isoWall(c.startFloating).slice(11);
  result.sessions.forEach((s, i) => {
    if (i > 0) expect(s.start).toBeGreaterThan(result.sessions[i - 1].start);
    const wall = DateTime.fromMillis(s.start, { zone: c.zone }).toFormat('HH:mm');
    // Every session starts at the first one's wall time, unless a gap moved it forward.
    if (wall !== startTime) expect(wall > startTime).toBe(true);
  });
}

describe('expandSessions against a luxon oracle (property)', () => {
  it('gives the oracle sessions for daily and weekly rules in three zones', () => {
    fc.assert(fc.property(caseArbitrary, checkAgainstOracle), { numRuns: 400 });
  });

  it('gives the oracle sessions for daily series crossing a DST change at night', () => {
    const crossing = fc
      .record({
        change: fc.constantFrom(...DST_CHANGES),
        daysBefore: fc.integer({ min: 1, max: 3 }),
        minute: fc.oneof(fc.integer({ min: 60, max: 179 }), fc.integer({ min: 0, max: 300 })),
        durationMinutes: fc.integer({ min: 15, max: 240 }),
      })
      .map(({ change: [zone, date], daysBefore, minute, durationMinutes }): Case => ({
        zone,
        startFloating: utc(`${date}T00:00`) - daysBefore * DAY + minute * MINUTE,
        durationMinutes,
        freq: 'DAILY',
        interval: 1,
        byDay: [],
        end: { count: daysBefore + 2 },
        exceptionPicks: [],
      }));
    fc.assert(fc.property(crossing, checkAgainstOracle), { numRuns: 600 });
  });
});

describe('expandSessions on arbitrary rules (property)', () => {
  const part = (key: string, values: fc.Arbitrary<number[]>): fc.Arbitrary<string | null> =>
    fc.option(
      values.map((v) => `${key}=${v.join(',')}`),
      { nil: null },
    );
  const signed = (max: number): fc.Arbitrary<number> =>
    fc.integer({ min: 1, max }).chain((n) => fc.constantFrom(n, -n));

  const ruleArbitrary = fc
    .tuple(
      fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      fc.integer({ min: 1, max: 13 }),
      part(
        'BYMONTH',
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
      ),
      part('BYMONTHDAY', fc.uniqueArray(signed(31), { minLength: 1, maxLength: 3 })),
      part('BYYEARDAY', fc.uniqueArray(signed(366), { minLength: 1, maxLength: 2 })),
      part('BYWEEKNO', fc.uniqueArray(signed(53), { minLength: 1, maxLength: 2 })),
      part('BYSETPOS', fc.uniqueArray(signed(40), { minLength: 1, maxLength: 2 })),
      fc.option(fc.uniqueArray(fc.constantFrom(...DAY_CODES), { minLength: 1, maxLength: 3 }), {
        nil: null,
      }),
      fc.oneof(
        fc.integer({ min: 1, max: 400 }).map((n) => `COUNT=${n}`),
        fc.constant('UNTIL=29991231'),
      ),
    )
    .map(([freq, interval, ...rest]) =>
      [
        `FREQ=${freq}`,
        `INTERVAL=${interval}`,
        ...rest.map((p) => (Array.isArray(p) ? `BYDAY=${p.join(',')}` : p)),
      ]
        .filter((p): p is string => p !== null)
        .join(';'),
    );

  it('always returns or throws a DomainError, never hangs or crashes', () => {
    fc.assert(
      fc.property(ruleArbitrary, fc.constantFrom(TASHKENT, BERLIN, NEW_YORK), (rule, zone) => {
        try {
          const result = expand({ rule, zone, horizonEndMs: utc('2027-03-01T00:00Z') });
          expect(result.sessions.length + (result.beyondHorizon ? 1 : 0)).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect(['INVALID_RECURRENCE', 'TOO_MANY_OCCURRENCES']).toContain(
            (error as DomainError).code,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
