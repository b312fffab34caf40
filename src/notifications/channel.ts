import type { UserEntity } from '../identity';
import type { NotificationSettingsView } from './settings';
import type { RenderedMessage } from './render';

/** A delivery as the job hands it to a channel. */
export interface OutgoingDelivery {
  /** Stable for the delivery's whole life: an idempotency key where the channel takes one. */
  id: string;
  attempts: number;
  payload: unknown;
}

/**
 * A way to reach people outside the app (email; Telegram next). In-app notifications are not a
 * channel: they are rows written when the event is fanned out. To add a channel, write a class
 * like EmailChannel and provide it under NOTIFICATION_CHANNELS in notifications.module.ts; the
 * outbox, retries, back-off and health figures are shared.
 */
export interface NotificationChannel {
  /** Stored in `notification_deliveries.channel` (at most 16 characters). */
  readonly name: string;
  /** Whether this person gets this event over this channel (configured, reachable, wanted). */
  reaches(person: UserEntity, settings: NotificationSettingsView): boolean;
  /** What to send, stored as JSON with the delivery when the event is fanned out. */
  render(message: RenderedMessage, person: UserEntity): unknown;
  /** Sends it; throws on failure (the job retries with back-off). */
  send(delivery: OutgoingDelivery): Promise<void>;
}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
