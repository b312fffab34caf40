import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AttemptWindow } from './attempt-window';

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;

/**
 * API.md: 10 failed sign-ins per 15 minutes per email and per client address, then 429 until the
 * oldest failure leaves the window. Kept in memory: each app instance counts its own attempts.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures: AttemptWindow;

  constructor(clock: Clock) {
    this.failures = new AttemptWindow(
      clock,
      MAX_FAILURES,
      WINDOW_MS,
      (minutes) => `Too many failed sign-ins; try again in ${minutes} minute(s)`,
    );
  }

  /**
   * Refuses when the limit is reached, else counts this attempt as a failure right away (before
   * the slow password check), so parallel attempts cannot all slip under the limit. A success
   * takes it back with `succeeded`.
   */
  begin(email: string, address: string): number {
    const keys = keysOf(email, address);
    this.failures.assertAllowed(keys);
    return this.failures.add(keys);
  }

  /** The attempt begun at `startedAt` succeeded: the email starts afresh, the address forgets it. */
  succeeded(email: string, address: string, startedAt: number): void {
    this.failures.clear(`email:${email}`);
    this.failures.forget(`address:${address}`, startedAt);
  }
}

function keysOf(email: string, address: string): string[] {
  return [`email:${email}`, `address:${address}`];
}
