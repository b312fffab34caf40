import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;
/** Past this many tracked keys, expired ones are swept so memory stays bounded. */
const SWEEP_AT = 10_000;

/**
 * API.md: 10 failed sign-ins per 15 minutes per email and per client address, then 429 until the
 * oldest failure leaves the window. Kept in memory: each app instance counts its own attempts.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /**
   * Refuses when the limit is reached, else counts this attempt as a failure right away (before
   * the slow password check), so parallel attempts cannot all slip under the limit. A success
   * takes it back with `succeeded`.
   */
  begin(email: string, address: string): number {
    this.assertAllowed(email, address);
    const now = this.clock.now();
    if (this.failures.size > SWEEP_AT) this.sweep(now);
    for (const key of keysOf(email, address)) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
    return now;
  }

  /** The attempt begun at `startedAt` succeeded: the email starts afresh, the address forgets it. */
  succeeded(email: string, address: string, startedAt: number): void {
    this.failures.delete(`email:${email}`);
    const key = `address:${address}`;
    const times = this.failures.get(key) ?? [];
    const index = times.lastIndexOf(startedAt);
    if (index >= 0) times.splice(index, 1);
    if (times.length === 0) this.failures.delete(key);
  }

  private assertAllowed(email: string, address: string): void {
    const now = this.clock.now();
    for (const key of keysOf(email, address)) {
      const recent = this.recent(key, now);
      if (recent.length >= MAX_FAILURES) {
        const retryAfterSeconds = Math.ceil((recent[0] + WINDOW_MS - now) / 1000);
        throw new DomainError(
          'TOO_MANY_REQUESTS',
          `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`,
          {},
          { 'retry-after': String(retryAfterSeconds) },
        ).worded('tryAgainInMinutes', { count: Math.ceil(retryAfterSeconds / 60) });
      }
    }
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}

function keysOf(email: string, address: string): string[] {
  return [`email:${email}`, `address:${address}`];
}
