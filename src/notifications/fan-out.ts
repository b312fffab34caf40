import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { NotificationChannel } from './channel';
import { BatchCache, gatherFacts } from './compose';
import type { NotificationEntity } from './notification.entity';
import { OutboxEntity, OutboxRepository } from '../outbox';
import { NotificationsRepository } from './notifications.repository';
import { renderMessage } from './render';
import { settingsOf } from './settings';

/**
 * How many outbox events one transaction fans out: small enough that a request's write never
 * waits long behind one (the job yields between batches).
 */
export const FAN_OUT_BATCH = 25;

/** What a batch writes, in one statement each at its end. */
interface BatchWrites {
  notifications: NotificationEntity[];
  deliveries: Parameters<NotificationsRepository['insertDeliveries']>[1];
}

/**
 * Takes up to FAN_OUT_BATCH events not yet fanned out (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so
 * instances take different ones) and, for each person it concerns who wants it: writes the in-app
 * notification in their language and one delivery per channel that reaches them, then marks the
 * event done, all in the caller's transaction. Unique keys make a repeat harmless. The batch's
 * centers and resources are read once each (BatchCache), and its writes are three statements.
 */
export async function fanOutBatch(
  repositories: { notifications: NotificationsRepository; outbox: OutboxRepository },
  manager: EntityManager,
  channels: readonly NotificationChannel[],
  publicUrl: string,
  now: number,
): Promise<number> {
  const rows = await repositories.outbox.takeNotFannedOut(manager, FAN_OUT_BATCH);
  const cache: BatchCache = new Map();
  const writes: BatchWrites = { notifications: [], deliveries: [] };
  for (const row of rows) {
    await fanOutOne(repositories.notifications, manager, row, channels, publicUrl, now, {
      cache,
      writes,
    });
  }
  await repositories.notifications.insertNotifications(manager, writes.notifications);
  await repositories.notifications.insertDeliveries(manager, writes.deliveries);
  await repositories.outbox.markFannedOut(
    manager,
    rows.map((row) => row.id),
  );
  return rows.length;
}

async function fanOutOne(
  repository: NotificationsRepository,
  manager: EntityManager,
  row: OutboxEntity,
  channels: readonly NotificationChannel[],
  publicUrl: string,
  now: number,
  batch: { cache: BatchCache; writes: BatchWrites },
): Promise<void> {
  if (!(await stillTrue(repository, manager, row))) return;
  const gathered = await gatherFacts(repository, manager, row, batch.cache);
  if (!gathered) return;
  const recipientIds = row.recipientId
    ? [row.recipientId]
    : row.event === 'booking_pending'
      ? await repository.approversOf(manager, gathered.centerId)
      : [gathered.ownerId];
  if (recipientIds.length === 0) return;
  const people = await repository.activeUsers(manager, recipientIds);
  const settings = await settingsOf(
    repository,
    manager,
    people.map((p) => p.id),
  );
  for (const person of people) {
    const wanted = settings.get(person.id)!;
    if (!wanted.events[row.event]) continue;
    const link =
      row.event === 'booking_pending'
        ? `${publicUrl}/admin/bookings/${gathered.facts.bookingId}`
        : `${publicUrl}/me`;
    const message = renderMessage(gathered.facts, person.locale, link);
    batch.writes.notifications.push({
      id: randomUUID(),
      userId: person.id,
      outboxId: row.id,
      event: row.event,
      bookingId: gathered.facts.bookingId,
      title: message.title.slice(0, 300),
      body: message.text,
      createdAt: row.createdAt,
      readAt: null,
    });
    for (const channel of channels) {
      if (!channel.reaches(person, wanted)) continue;
      batch.writes.deliveries.push({
        outboxId: row.id,
        userId: person.id,
        channel: channel.name,
        nextAttemptAt: now,
        payload: JSON.stringify(channel.render(message, person)),
        createdAt: now,
        updatedAt: now,
      });
    }
  }
}

/** A reminder is said only if its session is still booked at the time it was meant for. */
async function stillTrue(
  repository: NotificationsRepository,
  manager: EntityManager,
  row: OutboxEntity,
): Promise<boolean> {
  if (row.event !== 'session_reminder' || !row.occurrenceId) return true;
  const meant = (JSON.parse(row.data ?? '{}') as { startMs?: number }).startMs;
  const session = await repository.findSession(manager, row.occurrenceId);
  return session?.status === 'booked' && session.startMs === meant;
}
