/**
 * Whether a session counts as a no-show for occupancy and reports: stored as `no_show` by the
 * release job, or due (see `isDueNoShow` in check-in.ts, the one rule everything shares).
 */
import { isDueNoShow } from './check-in';

export interface NoShowCandidate {
  status: string;
  startMs: number;
}

export function isNoShow(
  session: NoShowCandidate,
  checkInRequired: boolean,
  graceMinutes: number,
  now: number,
): boolean {
  return (
    session.status === 'no_show' ||
    isDueNoShow({ ...session, checkInRequired }, { checkInGraceMinutes: graceMinutes }, now)
  );
}
