import { EntityManager, In, MoreThan, SelectQueryBuilder } from 'typeorm';
import { CenterEntity } from '../centers';
import { WriteTransactions } from '../database';
import { ResourceEntity } from '../resources';
import { type CenterPolicy, DAY_MS, heldUntil, isDueNoShow, noShowReleaseAt } from '../scheduling';
import { activeAllocationsNear, AllocationRow, MAX_ALLOCATION_MS } from './allocation-store';
import { AllocationEntity, BookingEntity, OccurrenceEntity } from './booking.entity';

/**
 * No-show release: a session of a resource with `checkInRequired` that is not checked in by its
 * start + `policy.checkInGraceMinutes` becomes `no_show`, and its allocations end at that moment
 * (scheduling/check-in.ts has the rule). Three places apply it:
 * - every booking write first stores the due releases of the resources it involves
 *   (`lockAndReleaseNoShows`), so its conflict check reads them as stored;
 * - reads (availability, schedules) see due releases at once through `withDueNoShows`, even
 *   before they are stored;
 * - the job stores every due release each minute (`releaseAllDueNoShows`).
 * Storing is a conditional update (`status = 'booked'`): safe to repeat and to run concurrently.
 */

/** How far back the job looks for sessions to release; older ones stay as they are stored. */
export const NO_SHOW_LOOKBACK_MS = 7 * DAY_MS;

interface Candidate {
  occurrenceId: string;
  startMs: number;
  policy: CenterPolicy;
}

/**
 * Booked sessions among `occurrenceIds` whose resource requires check-in, with their policy.
 * Plain SQL: a week of a big center's availability passes thousands of ids, and the query
 * builder's parameter expansion cost more than the query.
 */
async function candidatesAmong(
  manager: EntityManager,
  occurrenceIds: string[],
): Promise<Candidate[]> {
  if (occurrenceIds.length === 0) return [];
  const ids = [...new Set(occurrenceIds)];
  const postgres = manager.connection.options.type === 'postgres';
  const marks = ids.map((_, i) => (postgres ? `$${i + 3}` : '?'));
  const rows: Array<{ id: string; start_ms: number | string; policy: string }> =
    await manager.query(
      `SELECT o.id, o.start_ms, c.policy
         FROM occurrences o
         JOIN bookings b ON b.id = o.booking_id
         JOIN resources r ON r.id = b.resource_id
         JOIN centers c ON c.id = b.center_id
        WHERE o.status = ${postgres ? '$1' : '?'}
          AND r.check_in_required = ${postgres ? '$2' : '?'}
          AND o.id IN (${marks.join(', ')})`,
      ['booked', postgres ? true : 1, ...ids],
    );
  const policies = new Map<string, CenterPolicy>();
  return rows.map((row) => {
    let policy = policies.get(row.policy);
    if (!policy) {
      policy = JSON.parse(row.policy) as CenterPolicy;
      policies.set(row.policy, policy);
    }
    return { occurrenceId: String(row.id), startMs: Number(row.start_ms), policy };
  });
}

type Builder = SelectQueryBuilder<OccurrenceEntity>;

async function candidates(
  manager: EntityManager,
  narrow: (query: Builder) => Builder,
): Promise<Candidate[]> {
  const query = manager
    .getRepository(OccurrenceEntity)
    .createQueryBuilder('o')
    .innerJoin(BookingEntity, 'b', 'b.id = o.bookingId')
    .innerJoin(ResourceEntity, 'r', 'r.id = b.resourceId')
    .innerJoin(CenterEntity, 'c', 'c.id = b.centerId')
    .select(['o.id AS id', 'o.startMs AS "startMs"', 'c.policy AS policy'])
    .where('o.status = :booked', { booked: 'booked' })
    .andWhere('r.checkInRequired = :required', { required: true });
  const rows: Array<{ id: string; startMs: number | string; policy: string }> =
    await narrow(query).getRawMany();
  return rows.map((row) => ({
    occurrenceId: row.id,
    startMs: Number(row.startMs),
    policy: JSON.parse(row.policy) as CenterPolicy,
  }));
}

/** Stores the releases that are due at `now`; the number of sessions this call released. */
async function release(manager: EntityManager, due: Candidate[], now: number): Promise<number> {
  let released = 0;
  for (const candidate of due) {
    const subject = { status: 'booked', startMs: candidate.startMs, checkInRequired: true };
    if (!isDueNoShow(subject, candidate.policy, now)) continue;
    const changed = await manager.update(
      OccurrenceEntity,
      { id: candidate.occurrenceId, status: 'booked' },
      { status: 'no_show' },
    );
    if (changed.affected !== 1) continue; // checked in or released meanwhile
    const at = noShowReleaseAt(candidate.startMs, candidate.policy);
    await manager.update(
      AllocationEntity,
      { occurrenceId: candidate.occurrenceId, active: true, endMs: MoreThan(at) },
      { endMs: at },
    );
    released++;
  }
  return released;
}

/**
 * Call first inside a write transaction, with every resource the write involves: locks them, then
 * stores the no-show releases due on them, so what the write checks is what holds.
 */
export async function lockAndReleaseNoShows(
  writes: WriteTransactions,
  manager: EntityManager,
  resourceIds: readonly string[],
  now: number,
): Promise<void> {
  const ids = [...new Set(resourceIds)];
  await writes.lockResources(manager, ids);
  // Sessions that started within a day (the longest a session lasts) and hold these resources.
  const held = await activeAllocationsNear(
    manager,
    ids,
    { start: now - MAX_ALLOCATION_MS, end: now },
    0,
  );
  const due = await candidatesAmong(
    manager,
    held.map((row) => row.occurrenceId),
  );
  await release(manager, due, now);
}

/**
 * Stores every release due at `now` (the job). Reads booked sessions that started within
 * NO_SHOW_LOOKBACK_MS through the index on occurrences' start, never the whole history.
 */
export async function releaseAllDueNoShows(
  writes: WriteTransactions,
  now: number,
): Promise<number> {
  // With several instances, one runs it at a time; the others skip this minute.
  const outcome = await writes.runJobOnce('no-show-release', async (manager) => {
    const due = await candidates(manager, (query) =>
      query
        .andWhere('o.startMs >= :from', { from: now - NO_SHOW_LOOKBACK_MS })
        .andWhere('o.startMs < :now', { now }),
    );
    if (due.length === 0) return 0;
    const allocations = await manager.getRepository(AllocationEntity).findBy({
      occurrenceId: In(due.map((c) => c.occurrenceId)),
    });
    await writes.lockResources(manager, [...new Set(allocations.map((a) => a.resourceId))]);
    return release(manager, due, now);
  });
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
  manager: EntityManager,
  rows: AllocationRow[],
  now: number,
): Promise<EffectiveAllocation[]> {
  const started = rows.filter((row) => row.start < now).map((row) => row.occurrenceId);
  const due = new Map(
    (await candidatesAmong(manager, started)).map((c) => [c.occurrenceId, c] as const),
  );
  return rows.map((row) => {
    const candidate = due.get(row.occurrenceId);
    if (!candidate) return { ...row, dueNoShow: false };
    const subject = { status: 'booked', startMs: candidate.startMs, checkInRequired: true };
    const end = heldUntil(subject, row.end, candidate.policy, now);
    return { ...row, end, dueNoShow: isDueNoShow(subject, candidate.policy, now) };
  });
}
