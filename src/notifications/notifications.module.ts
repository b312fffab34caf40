import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { outbox, OutboxRepository } from '../outbox';
import { NOTIFICATION_CHANNELS, NotificationChannel } from './channel';
import { NotificationDelivery } from './delivery';
import { EmailChannel } from './email.channel';
import { NotificationJob } from './notification.job';
import {
  DeliveryEntity,
  NotificationEntity,
  NotificationSettingsEntity,
} from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { MessageRenderer } from './renderer';

/**
 * Notifications: the outbox the write paths fill (src/outbox, its OutboxRepository), the job that fans events out and
 * delivers them (delivery.ts), the channels (email; add one provider to NOTIFICATION_CHANNELS for
 * another), reminders, and the in-app API. Every statement it runs is NotificationsRepository's
 * or, on `notification_outbox`, OutboxRepository's.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([NotificationEntity, DeliveryEntity, NotificationSettingsEntity]),
  ],
  controllers: [NotificationsController],
  providers: [
    EmailChannel,
    {
      provide: NOTIFICATION_CHANNELS,
      inject: [EmailChannel],
      useFactory: (email: EmailChannel): NotificationChannel[] => [email],
    },
    NotificationsRepository,
    { provide: OutboxRepository, useValue: outbox },
    MessageRenderer,
    NotificationDelivery,
    NotificationJob,
    NotificationsService,
  ],
  exports: [NotificationsService, NotificationDelivery],
})
export class NotificationsModule {}
