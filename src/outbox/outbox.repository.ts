import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Dialect, insertRows } from '../database';
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
 * Every statement on `notification_outbox`. Each method takes the manager it runs on: a write's
 * `tx.manager` (an event is stored if and only if the change that causes it commits) or, for the
 * health figures, the DataSource's. One instance, `outbox`, is shared by the write paths (which
 * call `outbox.enqueue(tx.manager, event, now)`, one line) and the delivery job (which is given
 * the same instance as its provider).
 */
export class OutboxRepository {
  /** Stores one event; nothing is sent here (the delivery job does that later). */
  async enqueue(db: EntityManager, event: OutboxEvent, now: number): Promise<void> {
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
    // A second event with the same dedupe key is left out. Through insertRows, so that on
    // PostgreSQL it joins the write's other inserts in one statement.
    await insertRows(db, OutboxEntity, row, { orIgnore: true });
  }

  /** Several events of one write (a closure over many bookings). */
  async enqueueAll(db: EntityManager, events: OutboxEvent[], now: number): Promise<void> {
    for (const event of events) await this.enqueue(db, event, now);
  }

  /**
   * Up to `limit` events not fanned out yet, oldest first, locked for the caller's transaction:
   * on PostgreSQL `FOR UPDATE SKIP LOCKED`, so instances take different ones.
   */
  takeNotFannedOut(db: EntityManager, limit: number): Promise<OutboxEntity[]> {
    let select = db
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .where('o.fannedOut = :no', { no: false })
      .orderBy('o.createdAt', 'ASC')
      .limit(limit);
    if (Dialect.of(db).postgres)
      select = select.setLock('pessimistic_write').setOnLocked('skip_locked');
    return select.getMany();
  }

  /** Marks a batch of events fanned out in one statement. */
  async markFannedOut(db: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await db.update(OutboxEntity, { id: In([...ids]) }, { fannedOut: true });
  }

  /** How many events wait to be fanned out (the health check's backlog). */
  countNotFannedOut(db: EntityManager): Promise<number> {
    return db.getRepository(OutboxEntity).countBy({ fannedOut: false });
  }
}

/** The one instance (the outbox keeps no state). */
export const outbox = new OutboxRepository();
