import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../database';
import { NotificationEvent } from '../outbox';

/** `reminderMinutes` a person may choose; 0: no reminders. */
export const REMINDER_MINUTES = [0, 15, 30, 60, 120, 1440] as const;
export const DEFAULT_REMINDER_MINUTES = 60;

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dropped';

/** One event to one person over one external channel (email; Telegram later). */
@Entity('notification_deliveries')
export class DeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(uuidColumn('outbox_id'))
  outboxId: string;

  @Column(uuidColumn('user_id'))
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column(instantColumn('next_attempt_at'))
  nextAttemptAt: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** JSON: the message as the channel sends it, rendered once when the event was fanned out. */
  @Column({ type: 'text' })
  payload: string;

  @Column(instantColumn('created_at'))
  createdAt: number;

  @Column(instantColumn('updated_at'))
  updatedAt: number;
}

/** An in-app notification: written once per event and person, in the person's language. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(uuidColumn('user_id'))
  userId: string;

  @Column(uuidColumn('outbox_id'))
  outboxId: string;

  @Column({ type: 'varchar', length: 40 })
  event: NotificationEvent;

  @Column(uuidColumn('booking_id', true))
  bookingId: string | null;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column(instantColumn('created_at'))
  createdAt: number;

  @Column(instantColumn('read_at', true))
  readAt: number | null;
}

/** A person's choices; no row: the defaults (everything on, reminders 60 minutes before). */
@Entity('notification_settings')
export class NotificationSettingsEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'boolean', default: true })
  email: boolean;

  @Column({ type: 'boolean', default: true })
  telegram: boolean;

  @Column({ name: 'reminder_minutes', type: 'integer', default: DEFAULT_REMINDER_MINUTES })
  reminderMinutes: number;

  /** JSON `{event: false}` for the events turned off; absent events are on. */
  @Column({ type: 'text', default: '{}' })
  events: string;

  @Column(instantColumn('updated_at'))
  updatedAt: number;
}
