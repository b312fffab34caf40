/**
 * The public surface of src/outbox: what the write paths add to the notification outbox, in their
 * own transaction (the events and the one function that writes them). Its own module so that the
 * modules that write events (bookings) do not load the notifications module that delivers them
 * (which reads bookings): no import cycle.
 */
export {
  backToApproval,
  bookingCreated,
  cancelledByStaff,
  closureAffects,
  decided,
} from './events';
export type { SkippedSession } from './events';
export { outbox, OutboxRepository } from './outbox.repository';
export type { OutboxEvent } from './outbox.repository';
export { NOTIFICATION_EVENTS, OutboxEntity } from './outbox.entity';
export type { NotificationEvent } from './outbox.entity';
