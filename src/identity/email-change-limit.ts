import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AttemptCounter } from './attempt-counter';

/**
 * Changing one's own email: 5 attempts per hour per user, counted whether the email was free or
 * taken, then 429 with Retry-After. Without it, the 409 for a taken email would let anyone signed
 * in test, one by one, which addresses have accounts. In memory, per instance, as the sign-in limit.
 */
@Injectable()
export class EmailChangeLimit {
  private readonly attempts: AttemptCounter;

  constructor(clock: Clock) {
    this.attempts = new AttemptCounter(clock, {
      max: 5,
      windowMs: 60 * 60 * 1000,
      what: 'email changes',
    });
  }

  /** Counts an attempt by this user to change their own email, or refuses it. */
  attempt(userId: string): void {
    this.attempts.count([`user:${userId}`]);
  }
}
