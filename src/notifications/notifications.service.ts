import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { WriteTransactions } from '../database';
import type { Principal } from '../access';
import { formatInstant } from '../scheduling';
import { NotificationSettingsEntity } from './notification.entity';
import type {
  NotificationList,
  NotificationQuery,
  NotificationView,
  UpdateNotificationSettingsInput,
} from './notifications.dto';
import { NotificationRow, NotificationsRepository } from './notifications.repository';
import { NotificationSettingsView, settingsView } from './settings';

/** A person's in-app notifications and notification settings (API.md, Notifications). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
  ) {}

  /** Newest first; times in the booking's center's offset (UTC without a booking). */
  async list(caller: Principal, page: NotificationQuery): Promise<NotificationList> {
    const onlyUnread = page.unread === 'true';
    const rows = await this.repository.pageOf(caller.id, onlyUnread, page.limit, page.offset);
    const total = await this.repository.count(caller.id, onlyUnread);
    return { items: rows.map(view), total, unread: await this.unread(caller.id) };
  }

  unread(userId: string): Promise<number> {
    return this.repository.count(userId, true);
  }

  /** Marks one as read (again: no change); someone else's or an unknown id is 404. */
  async markRead(caller: Principal, id: string): Promise<NotificationView> {
    const now = this.clock.now();
    await this.writes.run({}, async ({ manager }) => {
      const found = await this.repository.findNotificationOf(manager, id, caller.id);
      if (!found) throw new DomainError('NOT_FOUND', 'No such notification');
      if (found.readAt === null) await this.repository.markRead(manager, id, now);
    });
    return view((await this.repository.notificationRow(id))!);
  }

  async markAllRead(caller: Principal): Promise<{ read: number; unread: number }> {
    const now = this.clock.now();
    const read = await this.writes.run({}, ({ manager }) =>
      this.repository.markAllRead(manager, caller.id, now),
    );
    return { read, unread: 0 };
  }

  async settings(userId: string): Promise<NotificationSettingsView> {
    return settingsView(await this.repository.findSettings(userId));
  }

  async updateSettings(
    userId: string,
    input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettingsView> {
    const now = this.clock.now();
    return this.writes.run({}, async ({ manager }) => {
      const stored = await this.repository.findSettings(userId, manager);
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
      await this.repository.storeSettings(manager, row, stored !== null);
      return settingsView(row);
    });
  }
}

function definedOnly(values: object): Record<string, boolean> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'boolean'));
}

function view(row: NotificationRow): NotificationView {
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
