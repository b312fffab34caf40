import { Module } from '@nestjs/common';
import { NOTIFICATION_CHANNELS, NotificationChannel } from './channel';
import { NotificationDelivery } from './delivery';
import { EmailChannel } from './email.channel';
import { NotificationJob } from './notification.job';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * Notifications: the outbox the write paths fill (outbox.ts), the job that fans events out and
 * delivers them (delivery.ts), the channels (email; add one provider to NOTIFICATION_CHANNELS for
 * another), reminders, and the in-app API.
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    EmailChannel,
    {
      provide: NOTIFICATION_CHANNELS,
      inject: [EmailChannel],
      useFactory: (email: EmailChannel): NotificationChannel[] => [email],
    },
    NotificationDelivery,
    NotificationJob,
    NotificationsService,
  ],
  exports: [NotificationsService, NotificationDelivery],
})
export class NotificationsModule {}
