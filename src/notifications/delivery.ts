import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../common/config';
import { RequestActivity } from '../common/request-activity';
import { WriteTransactions } from '../database';
import { OutboxRepository } from '../outbox';
import { NOTIFICATION_CHANNELS, NotificationChannel } from './channel';
import { FAN_OUT_BATCH, fanOutBatch } from './fan-out';
import { ClaimedDelivery, NotificationsRepository } from './notifications.repository';
import { MessageRenderer } from './renderer';

/** Attempts per delivery before it is marked `failed` with its last error. */
export const MAX_ATTEMPTS = 10;
/** How many deliveries one claim takes (and one write records). */
export const SEND_BATCH = 50;

type Outcome = 'sent' | 'retrying' | 'failed';

/** Wait after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export interface DeliveryRound {
  fannedOut: number;
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Works the outbox off: fans new events out, then sends due deliveries. A delivery is marked
 * `sending` (with its attempt counted) and committed before it is sent, and recorded `sent`,
 * `pending` again with a later `next_attempt_at`, or `failed` after; a delivery whose instance died
 * between sending and recording is taken again after NOTIFICATION_LEASE_SECONDS, so at most one duplicate
 * per crash (docs/operations.md). PostgreSQL: claims use `FOR UPDATE SKIP LOCKED`, instances take
 * different rows. SQLite: claims go through the single writer (WriteTransactions).
 */
@Injectable()
export class NotificationDelivery {
  private readonly channels: Map<string, NotificationChannel>;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NOTIFICATION_CHANNELS) channels: NotificationChannel[],
    private readonly renderer: MessageRenderer,
    private readonly activity: RequestActivity,
  ) {
    this.channels = new Map(channels.map((c) => [c.name, c] as const));
  }

  /**
   * One round: everything fanned out, every due delivery tried once. A fan-out batch and a send
   * batch take turns, so that sending goes on while events keep coming; between turns the job
   * gives way to people's requests (RequestActivity).
   */
  async run(): Promise<DeliveryRound> {
    const round: DeliveryRound = { fannedOut: 0, sent: 0, retrying: 0, failed: 0 };
    const tried = new Set<string>();
    let fanningOut = true;
    for (;;) {
      const began = this.activity.mark();
      if (fanningOut) {
        const done = await fanOutBatch(
          { notifications: this.repository, outbox: this.outbox },
          (work) => this.writes.run({}, ({ manager }) => work(manager)),
          [...this.channels.values()],
          this.config.publicUrl,
          this.clock.now(),
          { oneTransaction: this.writes.postgres },
          this.renderer,
        );
        round.fannedOut += done;
        fanningOut = done === FAN_OUT_BATCH;
      }
      const sent = await this.sendBatch(tried, round);
      if (!fanningOut && sent === 0) return round;
      await this.activity.giveWay(began);
    }
  }

  /** Claims, sends and records one batch of due deliveries not yet tried this round; how many. */
  private async sendBatch(tried: Set<string>, round: DeliveryRound): Promise<number> {
    const claimed = (await this.claim(this.clock.now())).filter((c) => !tried.has(c.id));
    if (claimed.length === 0) return 0;
    claimed.forEach((c) => tried.add(c.id));
    // The pool sends them over its few connections; their outcomes are recorded in one write.
    const errors = await Promise.all(claimed.map((c) => this.sendOne(c)));
    const outcomes = await this.record(claimed, errors);
    for (const outcome of outcomes) round[outcome]++;
    return claimed.length;
  }

  /** Marks up to SEND_BATCH due deliveries `sending` and answers them (committed). */
  private async claim(now: number): Promise<ClaimedDelivery[]> {
    const staleBefore = now - this.config.notificationLeaseMs;
    if (this.writes.postgres) {
      return this.repository.claimDueOnPostgres(now, staleBefore, SEND_BATCH);
    }
    return this.writes.run({}, ({ manager }) =>
      this.repository.claimDueInWrite(manager, now, staleBefore, SEND_BATCH),
    );
  }

  /** Sends one; null when it went, else the error (never throws). */
  private async sendOne(claimed: ClaimedDelivery): Promise<string | null> {
    try {
      const channel = this.channels.get(claimed.channel);
      if (!channel) throw new Error(`no channel "${claimed.channel}" on this instance`);
      await channel.send({
        id: claimed.id,
        attempts: claimed.attempts,
        payload: JSON.parse(claimed.payload),
      });
      return null;
    } catch (caught) {
      return (caught instanceof Error ? caught.message : String(caught)).slice(0, 1000);
    }
  }

  /** Records a batch's attempts in one write: sent, pending again later, or failed for good. */
  private async record(
    claimed: ClaimedDelivery[],
    errors: Array<string | null>,
  ): Promise<Outcome[]> {
    const now = this.clock.now();
    const outcomes = claimed.map((c, i): Outcome =>
      errors[i] === null ? 'sent' : c.attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying',
    );
    await this.writes.run({}, ({ manager }) =>
      // Each only if nobody took it over meanwhile (a lease that ran out).
      this.repository.recordAttempts(
        manager,
        claimed.map((c, i) => ({
          claimed: c,
          status: outcomes[i] === 'retrying' ? 'pending' : outcomes[i],
          nextAttemptAt: outcomes[i] === 'retrying' ? now + retryDelayMs(c.attempts) : now,
          lastError: errors[i],
        })),
        now,
      ),
    );
    return outcomes;
  }

  /** The outbox's state for `GET /health` and the operations docs. */
  async backlog(): Promise<{ waiting: number; failed: number; oldestWaitingMs: number | null }> {
    const now = this.clock.now();
    const events = await this.outbox.countNotFannedOut(this.repository.reads);
    const rows = await this.repository.deliveriesByStatus();
    let waiting = Number(events);
    let failed = 0;
    let oldest: number | null = null;
    for (const row of rows) {
      if (row.status === 'failed') {
        failed += Number(row.n);
        continue;
      }
      waiting += Number(row.n);
      if (row.oldest !== null) oldest = Math.min(oldest ?? Infinity, Number(row.oldest));
    }
    return { waiting, failed, oldestWaitingMs: oldest === null ? null : now - oldest };
  }
}
