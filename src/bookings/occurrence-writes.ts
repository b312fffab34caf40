import { EntityManager, In, MoreThan } from 'typeorm';
import { MINUTE_MS, type Session } from '../scheduling';
import { AllocationEntity, BookingEntity, OccurrenceEntity } from './booking.entity';

/**
 * Writes on bookings, their sessions and allocations. Callers run them inside a write transaction.
 */

const ACTIVE_OCCURRENCE = ['booked', 'checked_in'] as const;

export async function activeOccurrences(
  manager: EntityManager,
  bookingId: string,
): Promise<OccurrenceEntity[]> {
  return manager.getRepository(OccurrenceEntity).find({
    where: { bookingId, status: In([...ACTIVE_OCCURRENCE]) },
    order: { startMs: 'ASC' },
  });
}

/** The next whole minute at or after `now`: when a running session's slot frees. */
export function nextWholeMinute(now: number): number {
  return Math.ceil(now / MINUTE_MS) * MINUTE_MS;
}

/**
 * Cancels the sessions. One that is already running keeps the part that has passed: its
 * allocations end at the next whole minute instead of disappearing.
 */
export async function cancelOccurrences(
  manager: EntityManager,
  occurrences: OccurrenceEntity[],
  now: number,
): Promise<void> {
  const cut = nextWholeMinute(now);
  for (const occurrence of occurrences) {
    await manager.update(OccurrenceEntity, { id: occurrence.id }, { status: 'cancelled' });
    if (occurrence.startMs < cut) {
      // Only ever shorten: an allocation already cut (a loan that ended) must not grow back.
      await manager.update(
        AllocationEntity,
        { occurrenceId: occurrence.id, active: true, endMs: MoreThan(cut) },
        { endMs: cut },
      );
    } else {
      await manager.update(AllocationEntity, { occurrenceId: occurrence.id }, { active: false });
    }
  }
}

/** Cancels the sessions and frees every slot they held, past ones included (a rejection). */
export async function releaseOccurrences(
  manager: EntityManager,
  occurrences: OccurrenceEntity[],
): Promise<void> {
  const ids = occurrences.map((o) => o.id);
  if (ids.length === 0) return;
  await manager.update(OccurrenceEntity, { id: In(ids) }, { status: 'cancelled' });
  await manager.update(AllocationEntity, { occurrenceId: In(ids) }, { active: false });
}

/** Ends what one allocation holds from now on: cut at the next minute if running, else gone. */
export async function endAllocation(
  manager: EntityManager,
  allocation: AllocationEntity,
  now: number,
): Promise<void> {
  const cut = nextWholeMinute(now);
  if (allocation.startMs >= cut) {
    await manager.update(AllocationEntity, { id: allocation.id }, { active: false });
  } else if (allocation.endMs > cut) {
    await manager.update(AllocationEntity, { id: allocation.id }, { endMs: cut });
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

/** Saves changes to a booking as a new version. */
export async function saveBooking(
  manager: EntityManager,
  bookingId: string,
  now: number,
  changes: (current: BookingEntity) => Partial<BookingEntity> = () => ({}),
): Promise<BookingEntity> {
  const repository = manager.getRepository(BookingEntity);
  const current = await repository.findOneByOrFail({ id: bookingId });
  const next = { ...current, ...changes(current), version: current.version + 1, updatedAt: now };
  await repository.save(next);
  return next;
}

/**
 * A pending or confirmed booking with no active session left becomes cancelled (as a new version).
 * Whether it did.
 */
export async function settleStatus(
  manager: EntityManager,
  bookingId: string,
  now: number,
): Promise<boolean> {
  const active = await manager
    .getRepository(OccurrenceEntity)
    .countBy({ bookingId, status: In([...ACTIVE_OCCURRENCE]) });
  if (active > 0) return false;
  const booking = await manager.getRepository(BookingEntity).findOneByOrFail({ id: bookingId });
  if (booking.status !== 'pending' && booking.status !== 'confirmed') return false;
  await saveBooking(manager, bookingId, now, () => ({ status: 'cancelled' }));
  return true;
}
