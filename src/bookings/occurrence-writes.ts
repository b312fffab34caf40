import { EntityManager, In } from 'typeorm';
import type { Session } from '../scheduling/types';
import { AllocationEntity, OccurrenceEntity } from './booking.entity';

const MINUTE = 60_000;
const ACTIVE_OCCURRENCE = ['booked', 'checked_in'] as const;

/** Writes on sessions and their allocations; callers run them inside a write transaction. */
export async function activeOccurrences(
  manager: EntityManager,
  bookingId: string,
): Promise<OccurrenceEntity[]> {
  return manager.getRepository(OccurrenceEntity).find({
    where: { bookingId, status: In([...ACTIVE_OCCURRENCE]) },
    order: { startMs: 'ASC' },
  });
}

/**
 * Cancels the sessions. One that is already running keeps the part that has passed: its
 * allocation ends at the next whole minute instead of disappearing.
 */
export async function cancelOccurrences(
  manager: EntityManager,
  occurrences: OccurrenceEntity[],
  now: number,
): Promise<void> {
  const nextMinute = Math.ceil(now / MINUTE) * MINUTE;
  for (const occurrence of occurrences) {
    await manager.update(OccurrenceEntity, { id: occurrence.id }, { status: 'cancelled' });
    if (occurrence.startMs < nextMinute) {
      await manager.update(
        AllocationEntity,
        { occurrenceId: occurrence.id, active: true },
        { endMs: Math.min(occurrence.endMs, nextMinute) },
      );
    } else {
      await manager.update(AllocationEntity, { occurrenceId: occurrence.id }, { active: false });
    }
  }
}

export async function moveOccurrenceTo(
  manager: EntityManager,
  occurrenceId: string,
  session: Session,
): Promise<void> {
  await manager.update(
    OccurrenceEntity,
    { id: occurrenceId },
    { startMs: session.start, endMs: session.end },
  );
  await manager.update(
    AllocationEntity,
    { occurrenceId, active: true },
    { startMs: session.start, endMs: session.end },
  );
}
