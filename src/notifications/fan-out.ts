import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { SessionEntity } from '../bookings';
import { UserEntity } from '../identity';
import type { NotificationChannel } from './channel';
import { gatherFacts } from './compose';
import { OutboxEntity } from '../outbox';
import { DeliveryEntity, NotificationEntity } from './notification.entity';
import { renderMessage } from './render';
import { settingsOf } from './settings';
import { isPostgres, query } from './sql';

/** How many outbox events one transaction fans out. */
export const FAN_OUT_BATCH = 100;

/**
 * Takes up to FAN_OUT_BATCH events not yet fanned out (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so
 * instances take different ones) and, for each person it concerns who wants it: writes the in-app
 * notification in their language and one delivery per channel that reaches them, then marks the
 * event done, all in the caller's transaction. Unique keys make a repeat harmless.
 */
export async function fanOutBatch(
  manager: EntityManager,
  channels: readonly NotificationChannel[],
  publicUrl: string,
  now: number,
): Promise<number> {
  let select = manager
    .getRepository(OutboxEntity)
    .createQueryBuilder('o')
    .where('o.fannedOut = :no', { no: false })
    .orderBy('o.createdAt', 'ASC')
    .limit(FAN_OUT_BATCH);
  if (isPostgres(manager)) select = select.setLock('pessimistic_write').setOnLocked('skip_locked');
  const rows = await select.getMany();
  for (const row of rows) {
    await fanOutOne(manager, row, channels, publicUrl, now);
    await manager.update(OutboxEntity, { id: row.id }, { fannedOut: true });
  }
  return rows.length;
}

async function fanOutOne(
  manager: EntityManager,
  row: OutboxEntity,
  channels: readonly NotificationChannel[],
  publicUrl: string,
  now: number,
): Promise<void> {
  if (!(await stillTrue(manager, row))) return;
  const gathered = await gatherFacts(manager, row);
  if (!gathered) return;
  const recipientIds = row.recipientId
    ? [row.recipientId]
    : row.event === 'booking_pending'
      ? await coordinatorsOf(manager, gathered.centerId)
      : [gathered.ownerId];
  if (recipientIds.length === 0) return;
  const people = await manager.findBy(UserEntity, { id: In(recipientIds), active: true });
  const settings = await settingsOf(
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
    await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({
        id: randomUUID(),
        userId: person.id,
        outboxId: row.id,
        event: row.event,
        bookingId: gathered.facts.bookingId,
        title: message.title.slice(0, 300),
        body: message.text,
        createdAt: row.createdAt,
        readAt: null,
      })
      .orIgnore()
      .execute();
    for (const channel of channels) {
      if (!channel.reaches(person, wanted)) continue;
      await manager
        .createQueryBuilder()
        .insert()
        .into(DeliveryEntity)
        .values({
          id: randomUUID(),
          outboxId: row.id,
          userId: person.id,
          channel: channel.name,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          payload: JSON.stringify(channel.render(message, person)),
          createdAt: now,
          updatedAt: now,
        })
        .orIgnore()
        .execute();
    }
  }
}

/** A reminder is said only if its session is still booked at the time it was meant for. */
async function stillTrue(manager: EntityManager, row: OutboxEntity): Promise<boolean> {
  if (row.event !== 'session_reminder' || !row.occurrenceId) return true;
  const meant = (JSON.parse(row.data ?? '{}') as { startMs?: number }).startMs;
  const session = await manager.findOneBy(SessionEntity, { id: row.occurrenceId });
  return session?.status === 'booked' && session.startMs === meant;
}

/** The active coordinators who run the center: they decide its requests. */
async function coordinatorsOf(manager: EntityManager, centerId: string): Promise<string[]> {
  const rows = await query<{ id: string }>(
    manager,
    `SELECT u.id FROM users u JOIN user_centers uc ON uc.user_id = u.id
      WHERE uc.center_id = ? AND u.role = 'coordinator'`,
    [centerId],
  );
  return rows.map((r) => r.id);
}
