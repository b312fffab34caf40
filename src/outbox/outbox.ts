import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { insertRows } from '../database';
import { NotificationEvent, OutboxEntity } from './outbox.entity';

/** An event as the write that causes it knows it; the job works out who hears of it and how. */
export interface OutboxEvent {
  event: NotificationEvent;
  bookingId?: string;
  occurrenceId?: string;
  /** Only when the people do not follow from the event (see `recipientsOf` in fan-out.ts). */
  recipientId?: string;
  /** What the message needs beyond the stored booking (skipped dates and reasons, a reason…). */
  data?: Record<string, unknown>;
  /** Set for an event that must exist once: a second enqueue with the same key does nothing. */
  dedupeKey?: string;
}

/**
 * The one call a write path makes: `await outbox.enqueue(manager, {event, bookingId}, now)`
 * inside its write transaction, so that the event is stored if and only if the change commits.
 * Nothing is sent here; the delivery job (delivery.job.ts) does that later.
 */
export const outbox = {
  async enqueue(manager: EntityManager, event: OutboxEvent, now: number): Promise<void> {
    const row: OutboxEntity = {
      id: randomUUID(),
      event: event.event,
      bookingId: event.bookingId ?? null,
      occurrenceId: event.occurrenceId ?? null,
      recipientId: event.recipientId ?? null,
      data: event.data === undefined ? null : JSON.stringify(event.data),
      dedupeKey: event.dedupeKey ?? null,
      createdAt: now,
      fannedOut: false,
    };
    // A second event with the same dedupe key is left out.
    await insertRows(manager, OutboxEntity, row, { orIgnore: true });
  },

  /** Several events of one write (a closure over many bookings). */
  async enqueueAll(manager: EntityManager, events: OutboxEvent[], now: number): Promise<void> {
    for (const event of events) await outbox.enqueue(manager, event, now);
  },
};
