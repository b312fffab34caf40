import { EntityManager, In } from 'typeorm';
import { BookingEntity, SessionEntity } from '../bookings';
import { CenterEntity } from '../centers';
import { ClosureEntity } from '../centers';
import { UserEntity } from '../identity';
import { ResourceEntity } from '../resources';
import type { SkippedSession } from '../outbox';
import { OutboxEntity } from '../outbox';
import type { MessageFacts } from './render';

/** Sessions that still hold their place: what a confirmation or reminder lists. */
const LIVE = ['booked', 'checked_in', 'checked_out', 'completed'];

interface OutboxData {
  skipped?: SkippedSession[];
  occurrenceIds?: string[];
  closureId?: string;
}

/**
 * Reads what an outbox event's message says (the booking, its resource, center and sessions) as
 * it stands now. Null when there is nothing left to say (the booking is gone).
 */
export async function gatherFacts(
  manager: EntityManager,
  row: OutboxEntity,
): Promise<{ facts: MessageFacts; ownerId: string; centerId: string } | null> {
  const data = (row.data ? JSON.parse(row.data) : {}) as OutboxData;
  let bookingId = row.bookingId;
  if (!bookingId && row.occurrenceId) {
    const session = await manager.findOneBy(SessionEntity, { id: row.occurrenceId });
    bookingId = session?.bookingId ?? null;
  }
  if (!bookingId) return null;
  const booking = await manager.findOneBy(BookingEntity, { id: bookingId });
  if (!booking) return null;
  const [center, resource, owner] = await Promise.all([
    manager.findOneByOrFail(CenterEntity, { id: booking.centerId }),
    manager.findOneByOrFail(ResourceEntity, { id: booking.resourceId }),
    manager.findOneBy(UserEntity, { id: booking.ownerId }),
  ]);
  const listed = row.occurrenceId ? [row.occurrenceId] : (data.occurrenceIds ?? null);
  const occurrences = await manager.find(SessionEntity, {
    where: listed ? { id: In(listed) } : { bookingId: booking.id, status: In(LIVE) },
    order: { startMs: 'ASC' },
  });
  const closure = data.closureId
    ? await manager.findOneBy(ClosureEntity, { id: data.closureId })
    : null;
  const confirmed = row.event === 'booking_confirmed' || row.event === 'booking_approved';
  return {
    ownerId: booking.ownerId,
    centerId: booking.centerId,
    facts: {
      event: row.event,
      bookingId: booking.id,
      what: booking.title || resource.name,
      resource: resource.name,
      center: center.name,
      zone: center.timezone,
      owner: owner?.name ?? '',
      sessions: occurrences.map((o) => ({ start: o.startMs, end: o.endMs })),
      skipped: data.skipped ?? [],
      reason: row.event === 'booking_rejected' ? booking.rejectionReason : null,
      closure: closure?.reason ?? null,
      closureNames: closure?.names ?? null,
      calendar: confirmed && occurrences.length > 0,
      createdAt: row.createdAt,
    },
  };
}
