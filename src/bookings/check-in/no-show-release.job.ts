import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { BookingsRepository } from '../bookings.repository';
import { releaseAllDueNoShows } from '../no-shows';
import { Clock } from '../../common/clock';
import { WriteTransactions } from '../../database';

/**
 * Every minute, stores the no-show releases that are due (reads already treat them as released;
 * this makes it durable for history and reports). Idempotent: a session is released by a
 * conditional update, so repeated or concurrent runs (several instances) release it once.
 * The timer runs only when `RUN_JOBS` is true; tests call `run()` themselves.
 */
@Injectable()
export class NoShowReleaseJob {
  private readonly logger = new Logger('NoShowReleaseJob');

  constructor(
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
    private readonly repository: BookingsRepository,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'no-show-release' })
  async onTimer(): Promise<void> {
    try {
      const released = await this.run();
      if (released > 0) this.logger.log(`Released ${released} no-show session(s)`);
    } catch (error) {
      this.logger.error('No-show release failed', error instanceof Error ? error.stack : error);
    }
  }

  /** Stores every release due now; the number of sessions this run released. */
  run(): Promise<number> {
    return releaseAllDueNoShows(this.writes, this.repository, this.clock.now());
  }
}
