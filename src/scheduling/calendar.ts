/** Opening hours and closures of a center, in its local time. */
import type { RuleProblem } from './domain-error';
import {
  addDays,
  daysBetween,
  isLocalDate,
  localDateOf,
  wallToInstant,
  weekdayOf,
} from './local-time';
import {
  ClosureRule,
  Conflict,
  Interval,
  OpeningPeriod,
  Session,
  WEEKDAYS,
  Weekday,
} from './types';

/** Opening hours as the functions here read them; an `OpeningHours` value fits. */
export type WeekHours = Readonly<Record<Weekday, readonly OpeningPeriod[]>>;

const workday = (): readonly OpeningPeriod[] =>
  Object.freeze([Object.freeze({ from: '09:00', to: '18:00' })]);

/** Monday to Saturday 09:00–18:00, Sunday closed. Frozen: copy it to change it. */
export const DEFAULT_OPENING_HOURS: WeekHours = Object.freeze({
  mon: workday(),
  tue: workday(),
  wed: workday(),
  thu: workday(),
  fri: workday(),
  sat: workday(),
  sun: Object.freeze([]),
});

const HH_MM = /^(\d{2}):(\d{2})$/;
const MINUTES_PER_DAY = 24 * 60;

/**
 * Minutes since midnight of an `HH:mm` time, or null when invalid. `24:00` (the midnight ending
 * the day) is only valid as the end of a period.
 */
export function parseHHmm(value: unknown, role: 'from' | 'to'): number | null {
  const match = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours > 24) return null;
  const total = hours * 60 + minutes;
  if (total > MINUTES_PER_DAY || (total === MINUTES_PER_DAY && role === 'from')) return null;
  return total;
}

const problem = (message: string, rule: string, values?: RuleProblem['values']): RuleProblem => ({
  message,
  rule,
  ...(values && { values }),
});

function validateDay(day: string, periods: unknown): RuleProblem | null {
  const shape = (message: string) => problem(message, 'openingHoursShape');
  if (!Array.isArray(periods)) return shape(`${day} must be a list of periods`);
  const ranges: Array<[number, number]> = [];
  for (const period of periods as unknown[]) {
    if (typeof period !== 'object' || period === null || Array.isArray(period)) {
      return shape(`${day}: each period must be an object {"from": "HH:mm", "to": "HH:mm"}`);
    }
    const extra = Object.keys(period).find((key) => key !== 'from' && key !== 'to');
    if (extra !== undefined) {
      return shape(`${day}: a period has only "from" and "to", not "${extra}"`);
    }
    const { from, to } = period as Partial<Record<'from' | 'to', unknown>>;
    const start = parseHHmm(from, 'from');
    const end = parseHHmm(to, 'to');
    if (start === null || end === null) {
      return problem(
        `${day}: each period needs "from" and "to" as HH:mm (00:00–23:59, "to" up to 24:00)`,
        'openingHoursTime',
        { day },
      );
    }
    if (start >= end) {
      return problem(
        `${day}: ${String(from)}–${String(to)} must end after it starts`,
        'openingHoursOrder',
        { day, from: String(from), to: String(to) },
      );
    }
    ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i][0] < ranges[i - 1][1]) {
      return problem(`${day}: periods overlap`, 'openingHoursOverlap', { day });
    }
  }
  return null;
}

/** A problem with a week of opening hours (all seven days, valid periods, none overlapping), or null. */
export function validateOpeningHours(hours: unknown): RuleProblem | null {
  const shape = (message: string) => problem(message, 'openingHoursShape');
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    return shape('openingHours must be an object with the keys mon…sun');
  }
  const record = hours as Record<string, unknown>;
  const unknownKey = Object.keys(record).find(
    (key) => !(WEEKDAYS as readonly string[]).includes(key),
  );
  if (unknownKey !== undefined) return shape(`openingHours has an unknown day "${unknownKey}"`);
  for (const day of WEEKDAYS) {
    if (!(day in record)) return shape(`openingHours lacks ${day}`);
    const found = validateDay(day, record[day]);
    if (found) return found;
  }
  return null;
}

/** A problem with a closure (real dates, from <= to, a yearly one spanning at most a year), or null. */
export function validateClosureRule(rule: ClosureRule): RuleProblem | null {
  if (!isLocalDate(rule.from) || !isLocalDate(rule.to)) {
    return problem('from and to must be dates YYYY-MM-DD', 'localDate');
  }
  if (rule.to < rule.from) {
    return problem('to must not be before from', 'notBeforeField', { other: 'from' });
  }
  if (rule.yearly && daysBetween(rule.from, rule.to) >= 365) {
    return problem('a yearly closure must span less than a year', 'yearlyTooLong');
  }
  return null;
}

const monthDay = (localDate: string): string => localDate.slice(5);

function closureCovers(rule: ClosureRule, localDate: string): boolean {
  if (!rule.yearly) return rule.from <= localDate && localDate <= rule.to;
  // Yearly: by month-day, literally (a 02-29 bound only exists in leap years); may wrap the year end.
  const [from, to, day] = [monthDay(rule.from), monthDay(rule.to), monthDay(localDate)];
  return from <= to ? from <= day && day <= to : day >= from || day <= to;
}

/** The closure covering a local date, if any. */
export function isClosedOn<Rule extends ClosureRule>(
  localDate: string,
  closures: readonly Rule[],
): Rule | undefined {
  return closures.find((rule) => closureCovers(rule, localDate));
}

function periodInterval(localDate: string, period: OpeningPeriod, zone: string): Interval {
  return {
    start: wallToInstant(`${localDate}T${period.from}`, zone),
    end: wallToInstant(`${localDate}T${period.to}`, zone),
  };
}

/** The opening periods of a local date as instants (gap rule applied), without closures. */
function periodsOf(localDate: string, zone: string, hours: WeekHours): Interval[] {
  return hours[weekdayOf(localDate)]
    .map((period) => periodInterval(localDate, period, zone))
    .filter((interval) => interval.end > interval.start)
    .sort((a, b) => a.start - b.start);
}

/** The open periods of a local date as instants; none on a closure day. */
export function openPeriodsOn(
  localDate: string,
  zone: string,
  hours: WeekHours,
  closures: readonly ClosureRule[],
): Interval[] {
  return isClosedOn(localDate, closures) ? [] : periodsOf(localDate, zone, hours);
}

/** Whether the session lies inside one opening period of the local day of its start. */
export function fitsOpeningHours(session: Interval, zone: string, hours: WeekHours): boolean {
  return periodsOf(localDateOf(session.start, zone), zone, hours).some(
    (period) => period.start <= session.start && session.end <= period.end,
  );
}

/** Every local date a session touches (its start's date to the date of its last instant). */
function datesTouched(session: Interval, zone: string): string[] {
  const first = localDateOf(session.start, zone);
  const last = localDateOf(Math.max(session.start, session.end - 1), zone);
  const dates = [first];
  for (let date = first; date < last;) {
    date = addDays(date, 1);
    dates.push(date);
  }
  return dates;
}

/**
 * Calendar conflicts of requested sessions: one `closed` entry for a session touching a closure
 * day, otherwise one `outside_hours` entry for a session outside the opening hours.
 */
export function calendarConflicts(
  sessions: readonly Session[],
  resourceId: string,
  zone: string,
  hours: WeekHours,
  closures: readonly ClosureRule[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const { start, end } of sessions) {
    const closed = datesTouched({ start, end }, zone).some((date) => isClosedOn(date, closures));
    if (closed) conflicts.push({ start, end, resourceId, reason: 'closed' });
    else if (!fitsOpeningHours({ start, end }, zone, hours)) {
      conflicts.push({ start, end, resourceId, reason: 'outside_hours' });
    }
  }
  return conflicts.sort((a, b) => a.start - b.start);
}
