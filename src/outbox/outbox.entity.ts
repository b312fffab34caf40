import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../database';

/** What Makon tells people about (API.md, Additions 1.1, Notifications). */
export const NOTIFICATION_EVENTS = [
  'booking_confirmed',
  'booking_pending',
  'booking_approved',
  'booking_rejected',
  'booking_cancelled_by_staff',
  'session_reminder',
  'no_show_released',
  'closure_affects_you',
  'waitlist_booked',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/**
 * One event, written in the same transaction as the change that causes it. The delivery job fans
 * it out (`fannedOut`): one in-app notification and one delivery per external channel for each
 * person it concerns.
 */
@Entity('notification_outbox')
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  event: NotificationEvent;

  @Column(uuidColumn('booking_id', true))
  bookingId: string | null;

  @Column(uuidColumn('occurrence_id', true))
  occurrenceId: string | null;

  /** Null: the people follow from the event (the booking's owner, the center's coordinators). */
  @Column(uuidColumn('recipient_id', true))
  recipientId: string | null;

  /** JSON: what the event needs beyond the booking (skipped dates, a closure's dates…). */
  @Column({ type: 'text', nullable: true })
  data: string | null;

  /** Unique when set: an event that must exist once (a reminder for a session at its start). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  @Column(instantColumn('created_at'))
  createdAt: number;

  @Column({ name: 'fanned_out', type: 'boolean', default: false })
  fannedOut: boolean;
}
