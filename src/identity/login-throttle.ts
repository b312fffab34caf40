import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AttemptCounter } from './attempt-counter';

/**
 * API.md: 10 failed sign-ins per 15 minutes per email and per client address, then 429 until the
 * oldest failure leaves the window. Kept in memory: each app instance counts its own attempts.
 * The client address is the connection's, or with TRUST_PROXY the one the proxy forwards.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures: AttemptCounter;

  constructor(clock: Clock) {
    this.failures = new AttemptCounter(clock, {
      max: 10,
      windowMs: 15 * 60 * 1000,
      what: 'failed sign-ins',
    });
  }

  /**
   * Refuses when the limit is reached, else counts this attempt as a failure right away (before
   * the slow password check), so parallel attempts cannot all slip under the limit. A success
   * takes it back with `succeeded`.
   */
  begin(email: string, address: string): number {
    return this.failures.count(keysOf(email, address));
  }

  /** The attempt begun at `startedAt` succeeded: the email starts afresh, the address forgets it. */
  succeeded(email: string, address: string, startedAt: number): void {
    this.failures.forget(`email:${email}`);
    this.failures.takeBack(`address:${address}`, startedAt);
  }
}

function keysOf(email: string, address: string): string[] {
  return [`email:${email}`, `address:${address}`];
}
