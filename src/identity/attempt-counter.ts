import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';

/** Past this many tracked keys, expired ones are swept so memory stays bounded. */
const SWEEP_AT = 10_000;

export interface AttemptLimit {
  /** Attempts allowed per key within the window. */
  max: number;
  windowMs: number;
  /** What is counted, for the refusal's message ("failed sign-ins"). */
  what: string;
}

/**
 * Attempts per key in a sliding window, kept in memory (each app instance counts its own): past
 * the limit, 429 TOO_MANY_REQUESTS with Retry-After until the oldest attempt leaves the window.
 * The sign-in limit and the email-change limit both count with it.
 */
export class AttemptCounter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: AttemptLimit,
  ) {}

  /**
   * Refuses when any of the keys is at its limit, else counts this attempt on every key at once
   * (before the work it guards, so parallel attempts cannot all slip under the limit). Returns
   * the attempt's time, for `takeBack`.
   */
  count(keys: readonly string[]): number {
    const now = this.clock.now();
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.limit.max) {
        const retryAfterSeconds = Math.ceil((recent[0] + this.limit.windowMs - now) / 1000);
        const minutes = Math.ceil(retryAfterSeconds / 60);
        throw new DomainError(
          'TOO_MANY_REQUESTS',
          `Too many ${this.limit.what}; try again in ${minutes} minute(s)`,
          {},
          { 'retry-after': String(retryAfterSeconds) },
        ).worded('tryAgainInMinutes', { count: minutes });
      }
    }
    if (this.attempts.size > SWEEP_AT) this.sweep(now);
    for (const key of keys) this.attempts.set(key, [...this.recent(key, now), now]);
    return now;
  }

  /** Forgets every attempt on this key. */
  forget(key: string): void {
    this.attempts.delete(key);
  }

  /** Takes back the one attempt counted at `at` on this key. */
  takeBack(key: string, at: number): void {
    const times = this.attempts.get(key) ?? [];
    const index = times.lastIndexOf(at);
    if (index >= 0) times.splice(index, 1);
    if (times.length === 0) this.attempts.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
    if (kept.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, kept);
    return kept;
  }

  private sweep(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
  }
}
