import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { WriteTransactions } from '../database';
import type { Principal } from '../access';
import { formatInstant } from '../scheduling';
import { NotificationEntity, NotificationSettingsEntity } from './notification.entity';
import type {
  NotificationList,
  NotificationQuery,
  NotificationView,
  UpdateNotificationSettingsInput,
} from './notifications.dto';
import { NotificationSettingsView, settingsView } from './settings';
import { query } from './sql';

interface Row {
  id: string;
  event: NotificationEntity['event'];
  booking_id: string | null;
  title: string;
  body: string;
  created_at: number;
  read_at: number | null;
  timezone: string | null;
}

/** A person's in-app notifications and notification settings (API.md, Notifications). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
  ) {}

  /** Newest first; times in the booking's center's offset (UTC without a booking). */
  async list(caller: Principal, page: NotificationQuery): Promise<NotificationList> {
    const onlyUnread = page.unread === 'true';
    const where = `n.user_id = ?${onlyUnread ? ' AND n.read_at IS NULL' : ''}`;
    const rows = await query<Row>(
      this.dataSource.manager,
      `SELECT n.id, n.event, n.booking_id, n.title, n.body, n.created_at, n.read_at, c.timezone
         FROM notifications n
         LEFT JOIN bookings b ON b.id = n.booking_id
         LEFT JOIN centers c ON c.id = b.center_id
        WHERE ${where}
        ORDER BY n.created_at DESC, n.id
        LIMIT ? OFFSET ?`,
      [caller.id, page.limit, page.offset],
    );
    const [{ total }] = await query<{ total: number }>(
      this.dataSource.manager,
      `SELECT COUNT(*) AS total FROM notifications n WHERE ${where}`,
      [caller.id],
    );
    return { items: rows.map(view), total: Number(total), unread: await this.unread(caller.id) };
  }

  async unread(userId: string): Promise<number> {
    return this.dataSource.getRepository(NotificationEntity).countBy({ userId, readAt: IsNull() });
  }

  /** Marks one as read (again: no change); someone else's or an unknown id is 404. */
  async markRead(caller: Principal, id: string): Promise<NotificationView> {
    const now = this.clock.now();
    await this.writes.run({}, async ({ manager }) => {
      const found = await manager.findOneBy(NotificationEntity, { id, userId: caller.id });
      if (!found) throw new DomainError('NOT_FOUND', 'No such notification');
      if (found.readAt === null) {
        await manager.update(NotificationEntity, { id }, { readAt: now });
      }
    });
    const [row] = await query<Row>(
      this.dataSource.manager,
      `SELECT n.id, n.event, n.booking_id, n.title, n.body, n.created_at, n.read_at, c.timezone
         FROM notifications n
         LEFT JOIN bookings b ON b.id = n.booking_id
         LEFT JOIN centers c ON c.id = b.center_id
        WHERE n.id = ?`,
      [id],
    );
    return view(row);
  }

  async markAllRead(caller: Principal): Promise<{ read: number; unread: number }> {
    const now = this.clock.now();
    const result = await this.writes.run({}, ({ manager }) =>
      manager.update(NotificationEntity, { userId: caller.id, readAt: IsNull() }, { readAt: now }),
    );
    return { read: result.affected ?? 0, unread: 0 };
  }

  async settings(userId: string): Promise<NotificationSettingsView> {
    return settingsView(
      await this.dataSource.manager.findOneBy(NotificationSettingsEntity, { userId }),
    );
  }

  async updateSettings(
    userId: string,
    input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettingsView> {
    const now = this.clock.now();
    return this.writes.run({}, async ({ manager }) => {
      const stored = await manager.findOneBy(NotificationSettingsEntity, { userId });
      const current = settingsView(stored);
      const events = { ...current.events, ...definedOnly(input.events ?? {}) };
      const row: NotificationSettingsEntity = {
        userId,
        email: input.email ?? current.email,
        telegram: input.telegram ?? current.telegram,
        reminderMinutes: input.reminderMinutes ?? current.reminderMinutes,
        events: JSON.stringify(Object.fromEntries(Object.entries(events).filter(([, on]) => !on))),
        updatedAt: now,
      };
      // insert or update, never save(): inside a write on SQLite, save() would open a second
      // transaction (docs/development.md, "The one way to the data").
      if (stored) await manager.update(NotificationSettingsEntity, { userId }, row);
      else await manager.insert(NotificationSettingsEntity, row);
      return settingsView(row);
    });
  }
}

function definedOnly(values: object): Record<string, boolean> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'boolean'));
}

function view(row: Row): NotificationView {
  const zone = row.timezone ?? 'UTC';
  return {
    id: row.id,
    event: row.event,
    createdAt: formatInstant(Number(row.created_at), zone),
    readAt: row.read_at === null ? null : formatInstant(Number(row.read_at), zone),
    title: row.title,
    body: row.body,
    ...(row.booking_id ? { bookingId: row.booking_id } : {}),
  };
}
