import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression, Interval } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { WriteTransactions } from '../database';
import { OutboxRepository } from '../outbox';
import { DeliveryRound, NotificationDelivery } from './delivery';
import { NotificationsRepository } from './notifications.repository';
import { enqueueDueReminders } from './reminders';

/**
 * The timers (only when `RUN_JOBS` is true; tests call `deliver()` and `remind()` themselves):
 * every 5 seconds the outbox is worked off, every minute the due reminders are enqueued.
 */
@Injectable()
export class NotificationJob {
  private readonly logger = new Logger('NotificationJob');
  private delivering = false;

  constructor(
    private readonly delivery: NotificationDelivery,
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
    private readonly repository: NotificationsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  @Interval('notification-delivery', 5_000)
  async onDeliveryTimer(): Promise<void> {
    if (this.delivering) return; // the previous round is still sending
    this.delivering = true;
    try {
      const round = await this.deliver();
      if (round.failed > 0) this.logger.warn(`${round.failed} notification(s) failed for good`);
    } catch (error) {
      this.logger.error(
        'Notification delivery failed',
        error instanceof Error ? error.stack : error,
      );
    } finally {
      this.delivering = false;
    }
  }

  @Cron(CronExpression.EVERY_MINUTE, { name: 'session-reminders' })
  async onReminderTimer(): Promise<void> {
    try {
      await this.remind();
    } catch (error) {
      this.logger.error('Reminders failed', error instanceof Error ? error.stack : error);
    }
  }

  deliver(): Promise<DeliveryRound> {
    return this.delivery.run();
  }

  /** Enqueues the reminders due now; how many. */
  remind(): Promise<number> {
    return enqueueDueReminders(
      { notifications: this.repository, outbox: this.outbox },
      this.writes,
      this.clock.now(),
    );
  }
}
