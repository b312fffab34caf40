import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  In,
  IsNull,
  LessThanOrEqual,
} from 'typeorm';
import { BookingEntity, SessionEntity } from '../bookings';
import { CenterEntity, ClosureEntity } from '../centers';
import { Dialect } from '../database';
import { UserEntity } from '../identity';
import { ResourceEntity } from '../resources';
import {
  DeliveryEntity,
  DeliveryStatus,
  NotificationEntity,
  NotificationSettingsEntity,
} from './notification.entity';

/** An in-app notification with its booking's center's time zone (null without a booking). */
export interface NotificationRow {
  id: string;
  event: NotificationEntity['event'];
  booking_id: string | null;
  title: string;
  body: string;
  created_at: number;
  read_at: number | null;
  timezone: string | null;
}

/** A delivery as a claim answers it: marked `sending`, its attempt counted. */
export interface ClaimedDelivery {
  id: string;
  channel: string;
  attempts: number;
  payload: string;
}

/** A session whose reminder may be due, with its owner's reminder time (null: the default). */
export interface ReminderCandidate {
  id: string;
  booking_id: string;
  owner_id: string;
  start_ms: number;
  created_at: number;
  minutes: number | null;
}

const NOTIFICATION_COLUMNS = `n.id, n.event, n.booking_id, n.title, n.body, n.created_at, n.read_at,
       c.timezone
  FROM notifications n
  LEFT JOIN bookings b ON b.id = n.booking_id
  LEFT JOIN centers c ON c.id = b.center_id`;

/**
 * Every statement of the notifications module: on its tables `notifications`,
 * `notification_deliveries` and `notification_settings`, and the reads a message and a reminder
 * need from the tables of bookings, centers, resources and identity (read only, by entity; the
 * outbox's own statements are `OutboxRepository`'s, src/outbox). Reads take an optional manager (a
 * write's `tx.manager`); writes take the write's manager.
 */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The manager of reads outside a write (also what a caller passes to OutboxRepository). */
  get reads(): EntityManager {
    return this.dataSource.manager;
  }

  private query<T>(db: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
    return db.query(Dialect.of(db).sql(sql), parameters);
  }

  // -------------------------------------------------------------- in-app notifications

  /** A page of a person's notifications, newest first. */
  pageOf(
    userId: string,
    onlyUnread: boolean,
    limit: number,
    offset: number,
  ): Promise<NotificationRow[]> {
    return this.query<NotificationRow>(
      this.reads,
      `SELECT ${NOTIFICATION_COLUMNS}
        WHERE n.user_id = ?${onlyUnread ? ' AND n.read_at IS NULL' : ''}
        ORDER BY n.created_at DESC, n.id
        LIMIT ? OFFSET ?`,
      [userId, limit, offset],
    );
  }

  count(userId: string, onlyUnread: boolean): Promise<number> {
    return this.reads
      .getRepository(NotificationEntity)
      .countBy(onlyUnread ? { userId, readAt: IsNull() } : { userId });
  }

  async notificationRow(id: string): Promise<NotificationRow | undefined> {
    const [row] = await this.query<NotificationRow>(
      this.reads,
      `SELECT ${NOTIFICATION_COLUMNS} WHERE n.id = ?`,
      [id],
    );
    return row;
  }

  findNotificationOf(
    db: EntityManager,
    id: string,
    userId: string,
  ): Promise<NotificationEntity | null> {
    return db.findOneBy(NotificationEntity, { id, userId });
  }

  async markRead(db: EntityManager, id: string, now: number): Promise<void> {
    await db.update(NotificationEntity, { id }, { readAt: now });
  }

  /** Marks every unread one of a person's read; how many. */
  async markAllRead(db: EntityManager, userId: string, now: number): Promise<number> {
    const result = await db.update(
      NotificationEntity,
      { userId, readAt: IsNull() },
      { readAt: now },
    );
    return result.affected ?? 0;
  }

  /**
   * Writes a batch in one statement, except those whose event already wrote one for their person
   * (a repeated fan-out).
   */
  async insertNotifications(db: EntityManager, rows: NotificationEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(rows)
      .orIgnore()
      .execute();
  }

  // -------------------------------------------------------------- settings

  findSettings(
    userId: string,
    db: EntityManager = this.reads,
  ): Promise<NotificationSettingsEntity | null> {
    return db.findOneBy(NotificationSettingsEntity, { userId });
  }

  settingsOf(db: EntityManager, userIds: readonly string[]): Promise<NotificationSettingsEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return db.findBy(NotificationSettingsEntity, { userId: In([...new Set(userIds)]) });
  }

  /** Inserts or updates, never save(): inside a write on SQLite, save() opens a transaction. */
  async storeSettings(
    db: EntityManager,
    row: NotificationSettingsEntity,
    exists: boolean,
  ): Promise<void> {
    if (exists) await db.update(NotificationSettingsEntity, { userId: row.userId }, row);
    else await db.insert(NotificationSettingsEntity, row);
  }

  // -------------------------------------------------------------- deliveries

  /**
   * Writes a batch in one statement, except those whose event already has one for their person
   * and channel.
   */
  async insertDeliveries(
    db: EntityManager,
    rows: Array<Omit<DeliveryEntity, 'id' | 'status' | 'attempts' | 'lastError'>>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await db
      .createQueryBuilder()
      .insert()
      .into(DeliveryEntity)
      .values(
        rows.map((values) => ({
          id: randomUUID(),
          status: 'pending' as const,
          attempts: 0,
          lastError: null,
          ...values,
        })),
      )
      .orIgnore()
      .execute();
  }

  /**
   * PostgreSQL: marks up to `limit` due deliveries `sending` (pending and due, or `sending` since
   * before `staleBefore`) in one statement, `FOR UPDATE SKIP LOCKED` so instances take different
   * rows, and answers them (committed on its own).
   */
  async claimDueOnPostgres(
    now: number,
    staleBefore: number,
    limit: number,
  ): Promise<ClaimedDelivery[]> {
    const dialect = Dialect.of(this.reads);
    const result: unknown = await this.reads.query(
      dialect.sql(
        `UPDATE notification_deliveries d
            SET status = 'sending', attempts = d.attempts + 1, updated_at = ?
          WHERE d.id IN (
            SELECT id FROM notification_deliveries
             WHERE (status = 'pending' AND next_attempt_at <= ?)
                OR (status = 'sending' AND updated_at <= ?)
             ORDER BY next_attempt_at
             LIMIT ? FOR UPDATE SKIP LOCKED)` +
          dialect.returning(['d.id', 'd.channel', 'd.attempts', 'd.payload']),
      ),
      [now, now, staleBefore, limit],
    );
    return dialect
      .returnedRows<ClaimedDelivery>(result)
      .map((r) => ({ ...r, attempts: Number(r.attempts) }));
  }

  /** The same inside the single writer (SQLite): due deliveries, then each marked `sending`. */
  async claimDueInWrite(
    db: EntityManager,
    now: number,
    staleBefore: number,
    limit: number,
  ): Promise<ClaimedDelivery[]> {
    const rows = await db.find(DeliveryEntity, {
      where: [
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
        { status: 'sending', updatedAt: LessThanOrEqual(staleBefore) },
      ],
      order: { nextAttemptAt: 'ASC' },
      take: limit,
    });
    if (rows.length > 0) {
      await this.query(
        db,
        `UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1,
                updated_at = ? WHERE id IN (${rows.map(() => '?').join(', ')})`,
        [now, ...rows.map((r) => r.id)],
      );
    }
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      attempts: r.attempts + 1,
      payload: r.payload,
    }));
  }

  /**
   * Records a batch of attempts' outcomes, each only if nobody took the delivery over meanwhile
   * (still `sending` with the attempt it was claimed with): one statement per distinct outcome
   * (usually one: all sent at their first attempt).
   */
  async recordAttempts(
    db: EntityManager,
    attempts: ReadonlyArray<{
      claimed: { id: string; attempts: number };
      status: DeliveryStatus;
      nextAttemptAt: number;
      lastError: string | null;
    }>,
    now: number,
  ): Promise<void> {
    const groups = new Map<string, { ids: string[]; first: (typeof attempts)[number] }>();
    for (const attempt of attempts) {
      const key = JSON.stringify([
        attempt.status,
        attempt.nextAttemptAt,
        attempt.lastError,
        attempt.claimed.attempts,
      ]);
      const group = groups.get(key) ?? { ids: [], first: attempt };
      group.ids.push(attempt.claimed.id);
      groups.set(key, group);
    }
    for (const { ids, first } of groups.values()) {
      await db.update(
        DeliveryEntity,
        { id: In(ids), status: 'sending', attempts: first.claimed.attempts },
        {
          status: first.status,
          nextAttemptAt: first.nextAttemptAt,
          lastError: first.lastError,
          updatedAt: now,
        },
      );
    }
  }

  /** Deliveries waiting, being sent and failed: how many, and the oldest one's creation. */
  deliveriesByStatus(): Promise<Array<{ status: string; n: number; oldest: number | null }>> {
    return this.query(
      this.reads,
      `SELECT status, COUNT(*) AS n, MIN(created_at) AS oldest FROM notification_deliveries
        WHERE status IN ('pending', 'sending', 'failed') GROUP BY status`,
      [],
    );
  }

  // -------------------------------------------------------------- what messages read

  /**
   * Booked sessions of confirmed bookings starting in (from, until], with their owner's reminder
   * time: the sessions whose reminder may be due.
   */
  reminderCandidates(db: EntityManager, from: number, until: number): Promise<ReminderCandidate[]> {
    return this.query<ReminderCandidate>(
      db,
      `SELECT o.id, o.booking_id, o.owner_id, o.start_ms, b.created_at,
              s.reminder_minutes AS minutes
         FROM occurrences o
         JOIN bookings b ON b.id = o.booking_id
         LEFT JOIN notification_settings s ON s.user_id = o.owner_id
        WHERE o.status = 'booked' AND o.booking_status = 'confirmed'
          AND o.start_ms > ? AND o.start_ms <= ?`,
      [from, until],
    );
  }

  /**
   * Who decides the center's requests: its active coordinators; when it has none, the network's
   * active admins (who may decide every center's requests), so that no request waits unheard.
   */
  async approversOf(db: EntityManager, centerId: string): Promise<string[]> {
    const dialect = Dialect.of(db);
    const coordinators = await this.query<{ id: string }>(
      db,
      `SELECT u.id FROM users u JOIN user_centers uc ON uc.user_id = u.id
        WHERE uc.center_id = ? AND u.role = 'coordinator' AND u.active = ?`,
      [centerId, dialect.bool(true)],
    );
    if (coordinators.length > 0) return coordinators.map((r) => r.id);
    const admins = await db.find(UserEntity, {
      select: { id: true },
      where: { role: 'admin', active: true },
    });
    return admins.map((r) => r.id);
  }

  // Each of these reads a batch's rows by primary key: one statement per fan-out batch, never one
  // per event (compose.ts).

  usersByIds(db: EntityManager, ids: readonly string[]): Promise<UserEntity[]> {
    return byIds(db, UserEntity, ids);
  }

  sessionsByIds(db: EntityManager, ids: readonly string[]): Promise<SessionEntity[]> {
    return byIds(db, SessionEntity, ids);
  }

  bookingsByIds(db: EntityManager, ids: readonly string[]): Promise<BookingEntity[]> {
    return byIds(db, BookingEntity, ids);
  }

  centersByIds(db: EntityManager, ids: readonly string[]): Promise<CenterEntity[]> {
    return byIds(db, CenterEntity, ids);
  }

  resourcesByIds(db: EntityManager, ids: readonly string[]): Promise<ResourceEntity[]> {
    return byIds(db, ResourceEntity, ids);
  }

  closuresByIds(db: EntityManager, ids: readonly string[]): Promise<ClosureEntity[]> {
    return byIds(db, ClosureEntity, ids);
  }

  /** The bookings' sessions in the given states, by start (idx_occurrences_booking_report). */
  liveSessionsOf(
    db: EntityManager,
    bookingIds: readonly string[],
    statuses: readonly string[],
  ): Promise<SessionEntity[]> {
    if (bookingIds.length === 0) return Promise.resolve([]);
    return db.find(SessionEntity, {
      where: { bookingId: In([...bookingIds]), status: In([...statuses]) },
      order: { startMs: 'ASC' },
    });
  }
}

/** The rows of `entity` with these ids, in one statement (none for no ids). */
function byIds<T extends { id: string }>(
  db: EntityManager,
  entity: EntityTarget<T>,
  ids: readonly string[],
): Promise<T[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.findBy(entity, { id: In([...ids]) } as FindOptionsWhere<T>);
}
