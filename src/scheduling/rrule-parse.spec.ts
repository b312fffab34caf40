import { Frequency, Weekday } from 'rrule';
import { DomainError } from './domain-error';
import { parseRule, rruleFrequency } from './rrule-parse';

const utc = (iso: string): number => Date.parse(iso);

function rejection(rule: string): DomainError {
  try {
    parseRule(rule);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${rule} to be refused`);
}

describe('parseRule', () => {
  it('reads a weekly rule with days and a count', () => {
    expect(parseRule('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8')).toEqual({
      freq: 'WEEKLY',
      interval: 1,
      count: 8,
      until: null,
      byParts: { byweekday: [new Weekday(1), new Weekday(3)] },
      setPositions: [],
    });
  });

  it('accepts an RRULE: prefix, lower case and stray separators', () => {
    expect(parseRule(' rrule:freq=daily;interval=2;count=3; ')).toMatchObject({
      freq: 'DAILY',
      interval: 2,
      count: 3,
    });
  });

  it('reads the three forms of UNTIL', () => {
    expect(parseRule('FREQ=DAILY;UNTIL=20261222T040000Z').until).toEqual({
      kind: 'instant',
      ms: utc('2026-12-22T04:00:00Z'),
    });
    expect(parseRule('FREQ=DAILY;UNTIL=20261222T040000').until).toEqual({
      kind: 'local',
      floating: utc('2026-12-22T04:00:00Z'),
    });
    expect(parseRule('FREQ=DAILY;UNTIL=20261222').until).toEqual({
      kind: 'local',
      floating: utc('2026-12-23T00:00:00Z') - 1,
    });
  });

  it('reads numbered weekdays, month days, set positions and the week start', () => {
    expect(parseRule('FREQ=MONTHLY;BYDAY=-1FR,+2MO;BYSETPOS=1,-2;WKST=SU;COUNT=3')).toMatchObject({
      byParts: { byweekday: [new Weekday(4, -1), new Weekday(0, 2)], wkst: 6 },
      setPositions: [1, -2],
    });
    expect(
      parseRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29,-1;BYYEARDAY=60;COUNT=3').byParts,
    ).toEqual({ bymonth: [2], bymonthday: [29, -1], byyearday: [60] });
    expect(parseRule('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3').byParts).toEqual({
      byweekno: [20],
      byweekday: [new Weekday(0)],
    });
  });

  it('spells out plain weekdays mixed with numbered ones (rrule.js would intersect them)', () => {
    const monthly = parseRule('FREQ=MONTHLY;BYDAY=1MO,FR;COUNT=3').byParts.byweekday;
    expect(monthly).toEqual([new Weekday(0, 1), ...[1, 2, 3, 4, 5].map((n) => new Weekday(4, n))]);
    expect(parseRule('FREQ=YEARLY;BYDAY=-1MO,FR;COUNT=3').byParts.byweekday).toHaveLength(54);
    expect(parseRule('FREQ=YEARLY;BYMONTH=3;BYDAY=-1MO,FR;COUNT=3').byParts.byweekday).toHaveLength(
      6,
    );
    expect(parseRule('FREQ=MONTHLY;BYDAY=MO,FR;COUNT=3').byParts.byweekday).toEqual([
      new Weekday(0),
      new Weekday(4),
    ]);
  });

  it('maps frequencies to rrule.js', () => {
    expect(rruleFrequency('WEEKLY')).toBe(Frequency.WEEKLY);
    expect(rruleFrequency('YEARLY')).toBe(Frequency.YEARLY);
  });

  it.each([
    ['FREQ=HOURLY;INTERVAL=2;BYHOUR=1;COUNT=3', /BYHOUR/],
    ['FREQ=HOURLY;COUNT=3', /FREQ=HOURLY is not supported/],
    ['FREQ=MINUTELY;COUNT=3', /MINUTELY/],
    ['FREQ=SECONDLY;COUNT=3', /SECONDLY/],
    ['FREQ=DAILY;BYHOUR=10;COUNT=3', /BYHOUR/],
    ['FREQ=DAILY;BYMINUTE=15;COUNT=3', /BYMINUTE/],
    ['FREQ=DAILY;BYSECOND=1;COUNT=3', /BYSECOND/],
    ['DTSTART:20261201T100000\nRRULE:FREQ=DAILY;COUNT=3', /single RRULE/],
    ['FREQ=DAILY;DTSTART=20261201T100000;COUNT=3', /DTSTART/],
    ['FREQ=DAILY;TZID=Asia/Tashkent;COUNT=3', /TZID/],
    ['FREQ=DAILY;COUNT=0', /COUNT=0/],
    ['FREQ=DAILY;COUNT=-1', /COUNT=-1/],
    ['FREQ=DAILY', /must end/],
    ['FREQ=WEEKLY;INTERVAL=2', /must end/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270101', /both/],
    ['FREQ=WEEKLY;COUNT=abc', /COUNT=ABC/],
    ['FREQ=WEEKLY;COUNT=2.5', /COUNT/],
    ['FREQ=FORTNIGHTLY;COUNT=3', /Unknown FREQ/],
    ['FREQ=;COUNT=3', /Malformed/],
    ['COUNT=3', /FREQ is required/],
    ['FREQ=DAILY;COUNT=3;FOO=1', /Unknown rule part FOO/],
    ['FREQ=DAILY;COUNT=3;BYEASTER=0', /BYEASTER/],
    ['FREQ=DAILY;COUNT=3;COUNT=4', /more than once/],
    ['FREQ=WEEKLY;BYDAY=XX;COUNT=3', /BYDAY/],
    ['FREQ=WEEKLY;BYDAY=MO,,TU;COUNT=3', /BYDAY/],
    ['FREQ=WEEKLY;BYDAY=1MO;COUNT=3', /numbered weekday/],
    ['FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO;COUNT=3', /numbered weekday/],
    ['FREQ=MONTHLY;BYDAY=6MO;COUNT=3', /BYDAY/],
    ['FREQ=MONTHLY;BYDAY=0MO;COUNT=3', /BYDAY/],
    ['FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3', /BYMONTHDAY=32/],
    ['FREQ=MONTHLY;BYMONTHDAY=0;COUNT=3', /BYMONTHDAY=0/],
    ['FREQ=YEARLY;BYMONTH=13;COUNT=3', /BYMONTH=13/],
    ['FREQ=YEARLY;BYMONTH=-1;COUNT=3', /BYMONTH=-1/],
    ['FREQ=YEARLY;BYYEARDAY=367;COUNT=3', /BYYEARDAY/],
    ['FREQ=YEARLY;BYWEEKNO=54;COUNT=3', /BYWEEKNO/],
    ['FREQ=WEEKLY;BYMONTHDAY=1;COUNT=3', /cannot be used with FREQ=WEEKLY/],
    ['FREQ=MONTHLY;BYWEEKNO=1;COUNT=3', /cannot be used/],
    ['FREQ=MONTHLY;BYYEARDAY=1;COUNT=3', /cannot be used/],
    ['FREQ=MONTHLY;BYSETPOS=1;COUNT=3', /needs another/],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0;COUNT=3', /BYSETPOS/],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367;COUNT=3', /BYSETPOS=367/],
    [
      'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO,FR;BYSETPOS=1;COUNT=3',
      /BYSETPOS cannot be used with BYWEEKNO/,
    ],
    ['FREQ=DAILY;INTERVAL=0;COUNT=3', /INTERVAL=0/],
    ['FREQ=DAILY;UNTIL=20270230', /UNTIL/],
    ['FREQ=DAILY;UNTIL=2027-01-01', /UNTIL/],
    ['FREQ=DAILY;UNTIL=20270101T250000Z', /UNTIL/],
    ['FREQ=DAILY;UNTIL=20270101T100000+0500', /UNTIL/],
    ['FREQ=DAILY;WKST=XX;COUNT=3', /WKST/],
    ['FREQ=DAILY;COUNT', /Malformed/],
    ['garbage', /Malformed/],
    ['', /empty/],
    ['   ', /empty/],
  ])('refuses %j with INVALID_RECURRENCE', (rule, message) => {
    const error = rejection(rule);
    expect(error.code).toBe('INVALID_RECURRENCE');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });
});
