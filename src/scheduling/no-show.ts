/**
 * The no-show rule, shared by check-in, the release job, availability and the reports: a session
 * of a resource with `checkInRequired` that is not checked in by start + `checkInGraceMinutes` is a
 * no-show from that moment, whether or not the release job has already marked it `no_show`.
 */
import { MINUTE_MS } from './local-time';

/** The moment a session that nobody checked in to is released as a no-show. */
export function noShowReleaseAt(startMs: number, graceMinutes: number): number {
  return startMs + graceMinutes * MINUTE_MS;
}

export interface NoShowCandidate {
  status: string;
  startMs: number;
}

/**
 * Whether the session counts as a no-show at `now`: marked `no_show` already, or still `booked`
 * on a resource that requires check-in once its grace period is over.
 */
export function isNoShow(
  occurrence: NoShowCandidate,
  checkInRequired: boolean,
  graceMinutes: number,
  now: number,
): boolean {
  if (occurrence.status === 'no_show') return true;
  return (
    occurrence.status === 'booked' &&
    checkInRequired &&
    now >= noShowReleaseAt(occurrence.startMs, graceMinutes)
  );
}
