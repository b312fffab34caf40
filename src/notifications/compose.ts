import { EntityManager } from 'typeorm';
import type { SkippedSession } from '../outbox';
import { OutboxEntity } from '../outbox';
import { NotificationsRepository } from './notifications.repository';
import type { MessageFacts } from './render';

/** Sessions that still hold their place: what a confirmation or reminder lists. */
const LIVE = ['booked', 'checked_in', 'checked_out', 'completed'];

interface OutboxData {
  skipped?: SkippedSession[];
  occurrenceIds?: string[];
  closureId?: string;
}

/** Reads shared by a fan-out batch's events (its centers and resources), by kind and id. */
export type BatchCache = Map<string, Promise<unknown>>;

function once<T>(cache: BatchCache | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!cache) return read();
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = read();
    cache.set(key, hit);
  }
  return hit;
}

/**
 * Reads what an outbox event's message says (the booking, its resource, center and sessions) as
 * it stands now. Null when there is nothing left to say (the booking is gone).
 */
export async function gatherFacts(
  repository: NotificationsRepository,
  manager: EntityManager,
  row: OutboxEntity,
  cache?: BatchCache,
): Promise<{ facts: MessageFacts; ownerId: string; centerId: string } | null> {
  const data = (row.data ? JSON.parse(row.data) : {}) as OutboxData;
  let bookingId = row.bookingId;
  if (!bookingId && row.occurrenceId) {
    const session = await repository.findSession(manager, row.occurrenceId);
    bookingId = session?.bookingId ?? null;
  }
  if (!bookingId) return null;
  const booking = await repository.findBooking(manager, bookingId);
  if (!booking) return null;
  const [center, resource, owner] = await Promise.all([
    once(cache, `center:${booking.centerId}`, () =>
      repository.getCenter(manager, booking.centerId),
    ),
    once(cache, `resource:${booking.resourceId}`, () =>
      repository.getResource(manager, booking.resourceId),
    ),
    repository.findUser(manager, booking.ownerId),
  ]);
  const listed = row.occurrenceId ? [row.occurrenceId] : (data.occurrenceIds ?? null);
  const occurrences = await repository.sessionsFor(manager, listed, booking.id, LIVE);
  const closure = data.closureId ? await repository.findClosure(manager, data.closureId) : null;
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
