import fc from 'fast-check';
import {
  BusyResource,
  CenterCalendar,
  nearestFreeTimes,
  resourcesFreeFor,
  shiftedByDays,
  weekLaterFits,
} from './alternatives';
import { calendarConflicts, DEFAULT_OPENING_HOURS } from './calendar';
import { exclusiveClashes } from './intervals';
import { localDateOf, MINUTE_MS, wallToInstant } from './local-time';
import { Interval } from './types';

const TASHKENT = 'Asia/Tashkent';
const BERLIN = 'Europe/Berlin';
const at = (wall: string, zone = TASHKENT) => wallToInstant(wall, zone);
const span = (from: string, to: string, zone = TASHKENT): Interval => ({
  start: at(from, zone),
  end: at(to, zone),
});

/** The canonical verdicts: the calendar's conflicts and the exclusive clash check. */
function oracleFits(
  session: Interval,
  resource: BusyResource,
  calendar: CenterCalendar,
  bounds: { notBefore: number; notAfter: number },
  own: readonly Interval[] = [],
): boolean {
  const localDate = localDateOf(session.start, calendar.zone);
  return (
    session.start >= bounds.notBefore &&
    session.end <= bounds.notAfter &&
    calendarConflicts(
      [{ ...session, localDate }],
      resource.id,
      calendar.zone,
      calendar.hours,
      calendar.closures,
    ).length === 0 &&
    exclusiveClashes(session, [...resource.busy, ...own], resource.bufferMinutes).length === 0
  );
}

const calendarOf = (zone: string): CenterCalendar => ({
  zone,
  hours: DEFAULT_OPENING_HOURS,
  closures: [{ from: '2026-12-08', to: '2026-12-08', yearly: true, reason: 'Constitution Day' }],
});

/** Busy sessions on 2026-12-01..12 (and around Berlin's March DST change), whole minutes. */
const busyArbitrary = (base: number) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 12 * 24 * 4 }), fc.integer({ min: 1, max: 16 }))
      .map(([quarter, length]) => ({
        start: base + quarter * 15 * MINUTE_MS + (quarter % 7) * MINUTE_MS,
        end: base + (quarter + length) * 15 * MINUTE_MS,
      })),
    { maxLength: 25 },
  );

describe('resourcesFreeFor', () => {
  it('keeps the resources free for every session, in the order given', () => {
    const sessions = [span('2026-12-01T15:00', '2026-12-01T16:30')];
    const candidates: BusyResource[] = [
      { id: 'a', busy: [span('2026-12-01T14:00', '2026-12-01T15:00')], bufferMinutes: 0 },
      { id: 'b', busy: [span('2026-12-01T14:00', '2026-12-01T15:00')], bufferMinutes: 15 },
      { id: 'c', busy: [span('2026-12-01T16:30', '2026-12-01T18:00')], bufferMinutes: 0 },
      { id: 'd', busy: [span('2026-12-01T16:00', '2026-12-01T17:00')], bufferMinutes: 0 },
    ];
    expect(resourcesFreeFor(sessions, candidates)).toEqual(['a', 'c']);
  });

  it('agrees with the exclusive clash check (property)', () => {
    const base = at('2026-12-01T00:00');
    fc.assert(
      fc.property(
        busyArbitrary(base),
        busyArbitrary(base),
        fc.integer({ min: 0, max: 30 }),
        (sessions, busy, bufferMinutes) => {
          const candidate = { id: 'x', busy, bufferMinutes };
          const expected = sessions.every(
            (s) => exclusiveClashes(s, busy, bufferMinutes).length === 0,
          );
          expect(resourcesFreeFor(sessions, [candidate])).toEqual(expected ? ['x'] : []);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('nearestFreeTimes', () => {
  const calendar = calendarOf(TASHKENT);
  const bounds = { notBefore: at('2026-12-01T08:00'), notAfter: at('2027-01-01T00:00') };

  it('finds the times either side of a clash, in quarter hours', () => {
    const resource = {
      id: 'r',
      busy: [span('2026-12-02T14:00', '2026-12-02T16:30')],
      bufferMinutes: 0,
    };
    const found = nearestFreeTimes({
      requested: span('2026-12-02T15:00', '2026-12-02T16:30'),
      resource,
      calendar,
      bounds,
      stepMinutes: 15,
      searchDays: 7,
    });
    expect(found.earlier).toEqual(span('2026-12-02T12:30', '2026-12-02T14:00'));
    expect(found.later).toEqual(span('2026-12-02T16:30', '2026-12-02T18:00'));
  });

  it('skips the closure and the closed Sunday', () => {
    // Monday 7 December after hours: Tuesday 8 is Constitution Day, so Wednesday 9 comes next.
    const found = nearestFreeTimes({
      requested: span('2026-12-07T17:30', '2026-12-07T19:00'),
      resource: { id: 'r', busy: [], bufferMinutes: 0 },
      calendar,
      bounds,
      stepMinutes: 15,
      searchDays: 7,
    });
    expect(found.earlier).toEqual(span('2026-12-07T16:30', '2026-12-07T18:00'));
    expect(found.later).toEqual(span('2026-12-09T09:00', '2026-12-09T10:30'));
  });

  it('never offers a time before now', () => {
    const found = nearestFreeTimes({
      requested: span('2026-12-01T09:00', '2026-12-01T10:00'),
      resource: { id: 'r', busy: [span('2026-12-01T09:00', '2026-12-01T10:00')], bufferMinutes: 0 },
      calendar,
      bounds,
      stepMinutes: 15,
      searchDays: 3,
    });
    expect(found.earlier).toBeUndefined();
    expect(found.later).toEqual(span('2026-12-01T10:00', '2026-12-01T11:00'));
  });

  it.each([TASHKENT, BERLIN])(
    'agrees with a step-by-step oracle on the canonical checks in %s (property)',
    (zone) => {
      const cal = calendarOf(zone);
      // Berlin's clocks go forward on 2027-03-28: the search crosses it.
      const base = zone === BERLIN ? at('2027-03-24T00:00', zone) : at('2026-12-01T00:00', zone);
      const limits = { notBefore: base + 2 * 86_400_000, notAfter: base + 11 * 86_400_000 };
      fc.assert(
        fc.property(
          busyArbitrary(base),
          fc.integer({ min: 0, max: 30 }),
          fc.integer({ min: 2 * 96, max: 11 * 96 }),
          fc.integer({ min: 1, max: 16 }),
          fc.constantFrom(5, 15, 30),
          fc.integer({ min: 0, max: 3 }),
          (busy, bufferMinutes, quarter, quarters, stepMinutes, searchDays) => {
            const requested = {
              start: base + quarter * 15 * MINUTE_MS,
              end: base + (quarter + quarters) * 15 * MINUTE_MS,
            };
            const resource = { id: 'r', busy, bufferMinutes };
            const found = nearestFreeTimes({
              requested,
              resource,
              calendar: cal,
              bounds: limits,
              stepMinutes,
              searchDays,
            });
            const step = stepMinutes * MINUTE_MS;
            const duration = requested.end - requested.start;
            const reach = Math.ceil((searchDays * 86_400_000) / step);
            const oracle = (direction: 1 | -1): Interval | undefined => {
              for (let k = 1; k <= reach; k++) {
                const start = requested.start + direction * k * step;
                const session = { start, end: start + duration };
                if (oracleFits(session, resource, cal, limits)) return session;
              }
              return undefined;
            };
            expect(found.earlier).toEqual(oracle(-1));
            expect(found.later).toEqual(oracle(1));
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

describe('weekLaterFits', () => {
  const calendar = calendarOf(TASHKENT);
  const bounds = { notBefore: at('2026-12-01T08:00'), notAfter: at('2027-01-01T00:00') };

  it('moves a session a week later at the same wall-clock time, across a DST change', () => {
    const moved = shiftedByDays(span('2027-03-24T10:00', '2027-03-24T12:00', BERLIN), 7, BERLIN);
    expect(moved).toEqual(span('2027-03-31T10:00', '2027-03-31T12:00', BERLIN));
  });

  it('offers the clashing dates a week later when they are free', () => {
    // A weekly series on Wednesdays; 2 December clashes, and 9 December is free.
    const fits = weekLaterFits({
      clashing: [span('2026-12-02T15:00', '2026-12-02T16:30')],
      own: [span('2026-12-16T15:00', '2026-12-16T16:30')],
      resource: { id: 'r', busy: [span('2026-12-02T15:00', '2026-12-02T16:30')], bufferMinutes: 0 },
      calendar,
      bounds,
    });
    expect(fits).toEqual([span('2026-12-09T15:00', '2026-12-09T16:30')]);
  });

  it('does not offer a date the series already holds, or a closure day', () => {
    const fits = weekLaterFits({
      clashing: [
        span('2026-12-02T15:00', '2026-12-02T16:30'),
        span('2026-12-01T15:00', '2026-12-01T16:30'),
      ],
      own: [span('2026-12-09T15:00', '2026-12-09T16:30')],
      resource: { id: 'r', busy: [], bufferMinutes: 0 },
      calendar,
      bounds,
    });
    expect(fits).toEqual([]);
  });

  it('passes over the weeks a weekly series holds itself, to the first week after it', () => {
    const weekly = ['02', '09', '16'].map((d) => span(`2026-12-${d}T15:00`, `2026-12-${d}T16:30`));
    const fits = weekLaterFits({
      clashing: [weekly[0]],
      own: weekly,
      resource: { id: 'r', busy: [weekly[0]], bufferMinutes: 0 },
      calendar,
      bounds,
      maxWeeks: 8,
    });
    expect(fits).toEqual([span('2026-12-23T15:00', '2026-12-23T16:30')]);
  });

  it('agrees with the canonical checks (property)', () => {
    const base = at('2026-12-01T00:00');
    fc.assert(
      fc.property(
        busyArbitrary(base),
        busyArbitrary(base),
        busyArbitrary(base),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (clashing, own, busy, bufferMinutes, maxWeeks) => {
          const resource = { id: 'r', busy, bufferMinutes };
          const fits = weekLaterFits({ clashing, own, resource, calendar, bounds, maxWeeks });
          // The oracle: the first week clear of the series (the exclusive check against its own
          // sessions and the ones already offered), then the canonical checks on that week alone.
          const expected: Interval[] = [];
          for (const session of clashing) {
            for (let week = 1; week <= maxWeeks; week++) {
              const moved = shiftedByDays(session, 7 * week, TASHKENT);
              if (moved.end > bounds.notAfter) break;
              const ownClash = exclusiveClashes(moved, [...own, ...expected], bufferMinutes);
              if (ownClash.length > 0) continue;
              if (oracleFits(moved, resource, calendar, bounds)) expected.push(moved);
              break;
            }
          }
          expect(fits).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
