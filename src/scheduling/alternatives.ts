/**
 * Ways out of a clash: the same time on another resource, the nearest free time on this one, and
 * a series' clashing dates a week later. Pure: callers pass the busy times they read, the
 * calendar, and the bounds (`now`, the booking horizon); nothing here reads the clock.
 */
import { openPeriodsOn, WeekHours } from './calendar';
import { addDays, DAY_MS, localDateOf, localWallOf, MINUTE_MS, wallToInstant } from './local-time';
import { ClosureRule, Interval } from './types';

/** The center's calendar a session must fit: opening hours and closures in its zone. */
export interface CenterCalendar {
  zone: string;
  hours: WeekHours;
  closures: readonly ClosureRule[];
}

/** A resource's busy times (its sessions, without the buffer) and the buffer after each. */
export interface BusyResource {
  id: string;
  busy: readonly Interval[];
  bufferMinutes: number;
}

/** Earliest start and latest end an alternative may have (now and the booking horizon). */
export interface AlternativeBounds {
  notBefore: number;
  notAfter: number;
}

/**
 * The open ranges of starts that clash with one busy interval, for a session of `duration`: the
 * buffer follows every booking (as in `exclusiveClashes`), so `s` clashes with `b` exactly when
 * `b.start - buffer - duration < s < b.end + buffer`.
 */
function blockedStarts(busy: readonly Interval[], bufferMs: number, duration: number): Interval[] {
  return busy.map((b) => ({ start: b.start - bufferMs - duration, end: b.end + bufferMs }));
}

function freeOfBusy(session: Interval, busy: readonly Interval[], bufferMinutes: number): boolean {
  const blocked = blockedStarts(busy, bufferMinutes * MINUTE_MS, session.end - session.start);
  return !blocked.some((range) => range.start < session.start && session.start < range.end);
}

/**
 * The resources (in the order given) on which every one of `sessions` is free. The calendar is
 * the center's and the same for all of them, so it is not asked here.
 */
export function resourcesFreeFor(
  sessions: readonly Interval[],
  candidates: readonly BusyResource[],
): string[] {
  return candidates
    .filter((c) => sessions.every((s) => freeOfBusy(s, c.busy, c.bufferMinutes)))
    .map((c) => c.id);
}

/** The open periods of the local dates from `first` to `last`, as instants. */
function openPeriodsBetween(first: string, last: string, calendar: CenterCalendar): Interval[] {
  const periods: Interval[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    periods.push(...openPeriodsOn(date, calendar.zone, calendar.hours, calendar.closures));
  }
  return periods;
}

/** Whether a start fits: inside one open period and the bounds, and clear of every busy range. */
function fitsAt(
  start: number,
  duration: number,
  periods: readonly Interval[],
  blocked: readonly Interval[],
  bounds: AlternativeBounds,
): boolean {
  const end = start + duration;
  return (
    start >= bounds.notBefore &&
    end <= bounds.notAfter &&
    periods.some((p) => p.start <= start && end <= p.end) &&
    !blocked.some((range) => range.start < start && start < range.end)
  );
}

/**
 * The nearest free times of the same length on one resource, the latest one before the requested
 * start and the earliest one after it, moved in steps of `stepMinutes` (so 15:00 moves to 14:45,
 * 15:15…), at most `searchDays` days either way.
 */
export function nearestFreeTimes(input: {
  requested: Interval;
  resource: BusyResource;
  calendar: CenterCalendar;
  bounds: AlternativeBounds;
  stepMinutes: number;
  searchDays: number;
}): { earlier?: Interval; later?: Interval } {
  const { requested, calendar, bounds } = input;
  const duration = requested.end - requested.start;
  const step = input.stepMinutes * MINUTE_MS;
  if (duration <= 0 || step <= 0) return {};
  const day = localDateOf(requested.start, calendar.zone);
  const periods = openPeriodsBetween(
    addDays(day, -input.searchDays - 1),
    addDays(day, input.searchDays + 1),
    calendar,
  );
  const blocked = blockedStarts(
    input.resource.busy,
    input.resource.bufferMinutes * MINUTE_MS,
    duration,
  );
  const reach = Math.ceil((input.searchDays * DAY_MS) / step);
  const at = (k: number): Interval | undefined => {
    const start = requested.start + k * step;
    return fitsAt(start, duration, periods, blocked, bounds)
      ? { start, end: start + duration }
      : undefined;
  };
  let earlier: Interval | undefined;
  let later: Interval | undefined;
  for (let k = 1; k <= reach && !(earlier && later); k++) {
    earlier ??= at(-k);
    later ??= at(k);
  }
  return { ...(earlier ? { earlier } : {}), ...(later ? { later } : {}) };
}

/** A session moved by whole days at the same wall-clock times (a week later is 7). */
export function shiftedByDays(session: Interval, days: number, zone: string): Interval {
  const move = (ms: number) => {
    const [date, time] = localWallOf(ms, zone).split('T');
    return wallToInstant(`${addDays(date, days)}T${time}`, zone);
  };
  return { start: move(session.start), end: move(session.end) };
}

/**
 * For a series' clashing dates, the same times a week later that would fit: inside the opening
 * hours, on no closure, inside the bounds, free on the resource and clear of the series' own
 * sessions (`own`). A week that the series itself holds (a weekly or daily series holds most)
 * is passed over for the next one, up to `maxWeeks` weeks later; a week that clashes is not.
 */
export function weekLaterFits(input: {
  clashing: readonly Interval[];
  own: readonly Interval[];
  resource: BusyResource;
  calendar: CenterCalendar;
  bounds: AlternativeBounds;
  maxWeeks?: number;
}): Interval[] {
  const { calendar } = input;
  const bufferMs = input.resource.bufferMinutes * MINUTE_MS;
  const fits: Interval[] = [];
  for (const session of input.clashing) {
    for (let week = 1; week <= (input.maxWeeks ?? 1); week++) {
      const moved = shiftedByDays(session, 7 * week, calendar.zone);
      const duration = moved.end - moved.start;
      if (duration <= 0 || moved.end > input.bounds.notAfter) break;
      const taken = blockedStarts([...input.own, ...fits], bufferMs, duration);
      if (taken.some((range) => range.start < moved.start && moved.start < range.end)) continue;
      const day = localDateOf(moved.start, calendar.zone);
      const periods = openPeriodsBetween(day, day, calendar);
      const blocked = blockedStarts(input.resource.busy, bufferMs, duration);
      if (fitsAt(moved.start, duration, periods, blocked, input.bounds)) fits.push(moved);
      break;
    }
  }
  return fits;
}
