/**
 * The check-in rules of a session, as pure functions of instants and the center's policy. Every
 * place that decides whether a session still holds its slot (booking writes, availability,
 * schedules, the release job, reports) uses these, so they all agree to the minute.
 */
import { MINUTE_MS } from './local-time';
import type { CenterPolicy } from './types';

/** What the rules need to know about a session. */
export interface CheckInSubject {
  /** The session's status as stored (`booked`, `checked_in`, …). */
  status: string;
  startMs: number;
  /** Whether the booked resource requires check-in (the resource's `checkInRequired`). */
  checkInRequired: boolean;
}

/** The first moment a session can be checked in: `checkInOpensMinutes` before its start. */
export function checkInOpensAt(
  startMs: number,
  policy: Pick<CenterPolicy, 'checkInOpensMinutes'>,
): number {
  return startMs - policy.checkInOpensMinutes * MINUTE_MS;
}

/**
 * The moment a session that requires check-in and was not checked in is released as a no-show:
 * `checkInGraceMinutes` after its start. From this moment on its slot is free.
 */
export function noShowReleaseAt(
  startMs: number,
  policy: Pick<CenterPolicy, 'checkInGraceMinutes'>,
): number {
  return startMs + policy.checkInGraceMinutes * MINUTE_MS;
}

/**
 * Whether the session is a no-show at `nowMs`: its resource requires check-in, it is still only
 * `booked`, and its release moment has come. True whether or not the release job has already
 * stored it (a stored no-show has the status `no_show` and is not "due" any more).
 */
export function isDueNoShow(
  session: CheckInSubject,
  policy: Pick<CenterPolicy, 'checkInGraceMinutes'>,
  nowMs: number,
): boolean {
  return (
    session.checkInRequired &&
    session.status === 'booked' &&
    nowMs >= noShowReleaseAt(session.startMs, policy)
  );
}

/**
 * Until when a slot `[start, end)` of the session is held as of `nowMs`: its end, or, for a due
 * no-show, its release moment (never later than the end).
 */
export function heldUntil(
  session: CheckInSubject,
  endMs: number,
  policy: Pick<CenterPolicy, 'checkInGraceMinutes'>,
  nowMs: number,
): number {
  return isDueNoShow(session, policy, nowMs)
    ? Math.min(endMs, noShowReleaseAt(session.startMs, policy))
    : endMs;
}
