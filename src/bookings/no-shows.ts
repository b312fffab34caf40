import { EntityManager } from 'typeorm';
import { WriteTransactions, WriteTx } from '../database';
import { outbox } from '../outbox';
import { DAY_MS, heldUntil, isDueNoShow, noShowReleaseAt } from '../scheduling';
import {
  AllocationRow,
  BookingsRepository,
  MAX_ALLOCATION_MS,
  NearAllocation,
  NoShowCandidate,
} from './bookings.repository';

/**
 * No-show release: a session of a resource with `checkInRequired` that is not checked in by its
 * start + `policy.checkInGraceMinutes` becomes `no_show`, and its allocations end at that moment
 * (scheduling/check-in.ts has the rule). Three places apply it:
 * - every booking write first stores the due releases of the resources it involves
 *   (`releaseDueNoShows`), so its conflict check reads them as stored; a new booking of one
 *   session reads the candidates with its conflict read instead and stores the releases due
 *   among them (`releaseDueAmong`), the only ones its decision depends on;
 * - reads (availability, schedules) see due releases at once through `withDueNoShows`, even
 *   before they are stored;
 * - the job stores every due release each minute (`releaseAllDueNoShows`).
 * Storing is a conditional update (`status = 'booked'`): safe to repeat and to run concurrently.
 */

/** How far back the job looks for sessions to release; older ones stay as they are stored. */
export const NO_SHOW_LOOKBACK_MS = 7 * DAY_MS;

/** Stores the releases that are due at `now`; the number of sessions this call released. */
async function release(
  repository: BookingsRepository,
  tx: WriteTx,
  due: NoShowCandidate[],
  now: number,
): Promise<number> {
  let released = 0;
  for (const candidate of due) {
    const subject = { status: 'booked', startMs: candidate.startMs, checkInRequired: true };
    if (!isDueNoShow(subject, candidate.policy, now)) continue;
    const at = noShowReleaseAt(candidate.startMs, candidate.policy);
    if (!(await repository.releaseNoShow(tx, candidate.occurrenceId, at))) continue;
    await outbox.enqueue(
      tx.manager,
      { event: 'no_show_released', occurrenceId: candidate.occurrenceId },
      now,
    );
    released++;
  }
  return released;
}

/**
 * Call first inside a write: stores the no-show releases due on the resources the write declared,
 * so what the write checks is what holds.
 */
export async function releaseDueNoShows(
  repository: BookingsRepository,
  tx: WriteTx,
  now: number,
): Promise<void> {
  const held = await repository.activeAllocationsNear(
    tx.manager,
    [...tx.resources],
    { start: now - MAX_ALLOCATION_MS, end: now },
    0,
  );
  const due = await repository.noShowCandidatesAmong(
    tx.manager,
    held.map((row) => row.occurrenceId),
  );
  await release(repository, tx, due, now);
}

/**
 * Stores the releases due at `now` among allocations read with their no-show candidates
 * (`activeAllocationsNearQuery`), and answers the allocations as they hold once released: those
 * of a released session end at its release moment. Nothing is written when none is due.
 */
export async function releaseDueAmong(
  repository: BookingsRepository,
  tx: WriteTx,
  rows: NearAllocation[],
  now: number,
): Promise<AllocationRow[]> {
  const due = new Map<string, NoShowCandidate>();
  for (const { candidate } of rows) {
    if (!candidate) continue;
    const subject = { status: 'booked', startMs: candidate.startMs, checkInRequired: true };
    if (isDueNoShow(subject, candidate.policy, now)) due.set(candidate.occurrenceId, candidate);
  }
  const released = new Map<string, number>();
  for (const candidate of due.values()) {
    if ((await release(repository, tx, [candidate], now)) === 1) {
      released.set(candidate.occurrenceId, noShowReleaseAt(candidate.startMs, candidate.policy));
    }
  }
  return rows.map(({ candidate: _candidate, ...row }) => {
    const at = released.get(row.occurrenceId);
    return at === undefined || row.end <= at ? row : { ...row, end: at };
  });
}

/**
 * Stores every release due at `now` (the job). Reads booked sessions that started within
 * NO_SHOW_LOOKBACK_MS through the index on occurrences' start, never the whole history; declares
 * the resources their allocations hold.
 */
export async function releaseAllDueNoShows(
  writes: WriteTransactions,
  repository: BookingsRepository,
  now: number,
): Promise<number> {
  let due: NoShowCandidate[] = [];
  const resources = async (db: EntityManager): Promise<string[]> => {
    due = await repository.noShowCandidatesStarted(db, now - NO_SHOW_LOOKBACK_MS, now);
    const allocations = await repository.allocationsOfSessions(
      db,
      due.map((c) => c.occurrenceId),
    );
    return [...new Set(allocations.map((a) => a.resourceId))];
  };
  const outcome = await writes.runJobOnce('no-show-release', { resources }, (tx) =>
    due.length === 0 ? Promise.resolve(0) : release(repository, tx, due, now),
  );
  return outcome.ran ? outcome.result : 0;
}

export interface EffectiveAllocation extends AllocationRow {
  /** A no-show due now that the job has not stored yet: `end` is its release moment. */
  dueNoShow: boolean;
}

/**
 * The allocations as they hold at `now`: a due no-show that the job has not stored yet already
 * ends at its release moment. For reads; writes store the releases instead.
 */
export async function withDueNoShows(
  repository: BookingsRepository,
  manager: EntityManager,
  rows: AllocationRow[],
  now: number,
): Promise<EffectiveAllocation[]> {
  const started = rows.filter((row) => row.start < now).map((row) => row.occurrenceId);
  const due = new Map(
    (await repository.noShowCandidatesAmong(manager, started)).map(
      (c) => [c.occurrenceId, c] as const,
    ),
  );
  return rows.map((row) => {
    const candidate = due.get(row.occurrenceId);
    if (!candidate) return { ...row, dueNoShow: false };
    const subject = { status: 'booked', startMs: candidate.startMs, checkInRequired: true };
    const end = heldUntil(subject, row.end, candidate.policy, now);
    return { ...row, end, dueNoShow: isDueNoShow(subject, candidate.policy, now) };
  });
}
