/**
 * The public surface of src/notifications: the outbox the write paths add their events to (in
 * their own transaction), the module and its service for the pages and the health check.
 */
export { bookingCreated, cancelledByStaff, closureAffects, decided } from './events';
export type { SkippedSession } from './events';
export { outbox } from './outbox';
export type { OutboxEvent } from './outbox';
export {
  DEFAULT_REMINDER_MINUTES,
  NOTIFICATION_EVENTS,
  REMINDER_MINUTES,
} from './notification.entity';
export type { DeliveryStatus, NotificationEvent } from './notification.entity';
export { NotificationQuery } from './notifications.dto';
export type { NotificationList, NotificationView } from './notifications.dto';
export type { NotificationSettingsView } from './settings';
export { NotificationDelivery } from './delivery';
export { NotificationJob } from './notification.job';
export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
