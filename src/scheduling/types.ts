/**
 * Types shared by the pure scheduling core. Instants are integer epoch milliseconds (UTC);
 * local wall-clock values are strings in the center's zone. Nothing here reads the clock.
 */

/** Half-open interval of instants `[start, end)` in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** An interval holding `quantity` units of a pool. */
export interface PoolUse extends Interval {
  quantity: number;
}

/** `HH:mm` local time; `to` may be `24:00` (midnight at the end of the day). */
export interface OpeningPeriod {
  from: string;
  to: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type OpeningHours = Record<Weekday, OpeningPeriod[]>;

/** A closure over local dates `from`..`to` (`YYYY-MM-DD`, inclusive); `yearly` repeats by month-day. */
export interface ClosureRule {
  from: string;
  to: string;
  yearly: boolean;
  reason?: string;
}

export interface CenterPolicy {
  maxAdvanceDays: number;
  maxOccurrences: number;
  checkInOpensMinutes: number;
  checkInGraceMinutes: number;
  walkInMaxMinutes: number;
}

export const DEFAULT_POLICY: CenterPolicy = {
  maxAdvanceDays: 90,
  maxOccurrences: 366,
  checkInOpensMinutes: 15,
  checkInGraceMinutes: 15,
  walkInMaxMinutes: 240,
};

/** One session produced by expansion: instants plus the local date (in the center's zone) it falls on. */
export interface Session extends Interval {
  localDate: string;
}

export type ConflictReason = 'booked' | 'closed' | 'outside_hours' | 'insufficient_quantity';

/** A clash of a requested session, as reported in API.md (instants; the API formats them). */
export interface Conflict extends Interval {
  resourceId: string;
  reason: ConflictReason;
  /** Units free at the peak, for `insufficient_quantity`. */
  available?: number;
}
