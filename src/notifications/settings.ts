import { NOTIFICATION_EVENTS, NotificationEvent } from '../outbox';
import { DEFAULT_REMINDER_MINUTES, NotificationSettingsEntity } from './notification.entity';

/** `GET /users/me/notification-settings` (API.md): every event named, on unless turned off. */
export interface NotificationSettingsView {
  email: boolean;
  telegram: boolean;
  reminderMinutes: number;
  events: Record<NotificationEvent, boolean>;
}

export function settingsView(row: NotificationSettingsEntity | null): NotificationSettingsView {
  const off = row ? (JSON.parse(row.events) as Partial<Record<string, boolean>>) : {};
  const events = Object.fromEntries(
    NOTIFICATION_EVENTS.map((event) => [event, off[event] !== false]),
  ) as Record<NotificationEvent, boolean>;
  return {
    email: row ? Boolean(row.email) : true,
    telegram: row ? Boolean(row.telegram) : true,
    reminderMinutes: row ? row.reminderMinutes : DEFAULT_REMINDER_MINUTES,
    events,
  };
}
