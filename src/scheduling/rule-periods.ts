/**
 * The periods of a recurrence rule (a day, a week from WKST, a month, a year) and BYSETPOS on a
 * period's set, as RFC 5545 defines them. Values are floating milliseconds (see local-time.ts).
 */
import { DAY_MS } from './local-time';
import type { RuleFrequency } from './rrule-parse';

export interface Period {
  /** Floating midnight starting the period. */
  start: number;
  /** Floating midnight starting the next period (exclusive end). */
  end: number;
}

const mod = (n: number, m: number): number => ((n % m) + m) % m;

/** Floating midnight of a year, month (1-12, may overflow into the next year) and day 1. */
function firstOfMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, 1);
  return date.getTime();
}

/**
 * The period of `freq` that contains the floating time. Weeks start on `weekStart` (0 = Monday,
 * rrule.js's numbering); the other periods are calendar days, months and years.
 */
export function periodOf(freq: RuleFrequency, floating: number, weekStart = 0): Period {
  const day = Math.floor(floating / DAY_MS);
  if (freq === 'DAILY') return { start: day * DAY_MS, end: (day + 1) * DAY_MS };
  if (freq === 'WEEKLY') {
    // 1970-01-01 (day 0) was a Thursday: weekday 3 when Monday is 0.
    const first = day - mod(mod(day + 3, 7) - weekStart, 7);
    return { start: first * DAY_MS, end: (first + 7) * DAY_MS };
  }
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  if (freq === 'YEARLY') return { start: firstOfMonth(year, 1), end: firstOfMonth(year + 1, 1) };
  const month = date.getUTCMonth() + 1;
  return { start: firstOfMonth(year, month), end: firstOfMonth(year, month + 1) };
}

/**
 * BYSETPOS on one period's set (in ascending order): position n is the n-th member, -n the n-th
 * from the end. A position beyond the set's size selects nothing (rrule.js 2.8.1 takes the first
 * member for a negative one). The result is in order, each member once.
 */
export function selectSetPositions<T>(set: readonly T[], positions: readonly number[]): T[] {
  const indexes = new Set<number>();
  for (const position of positions) {
    const index = position > 0 ? position - 1 : set.length + position;
    if (index >= 0 && index < set.length) indexes.add(index);
  }
  return [...indexes].sort((a, b) => a - b).map((index) => set[index]);
}
