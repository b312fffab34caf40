/**
 * The public surface of src/notifications: the module that delivers what the write paths put in
 * the outbox (src/outbox), its service for the pages and the health check.
 */
export { DEFAULT_REMINDER_MINUTES, REMINDER_MINUTES } from './notification.entity';
export type { DeliveryStatus } from './notification.entity';
export { NotificationQuery } from './notifications.dto';
export type { NotificationList, NotificationView } from './notifications.dto';
export type { NotificationSettingsView } from './settings';
export { NotificationDelivery } from './delivery';
export { NotificationJob } from './notification.job';
export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
