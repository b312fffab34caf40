import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AttemptCounter } from './attempt-counter';

/**
 * Self sign-up, limited like sign-in: 10 attempts per 15 minutes from one client address, then
 * 429 until the oldest leaves the window. Every attempt that gets as far as looking for the
 * email counts, successful or not: a created account is what a flood would be after, and a
 * refused one tells whether an email has an account.
 */
@Injectable()
export class SignupThrottle {
  private readonly attempts: AttemptCounter;

  constructor(clock: Clock) {
    this.attempts = new AttemptCounter(clock, {
      max: 10,
      windowMs: 15 * 60 * 1000,
      what: 'sign-ups from this address',
    });
  }

  /** Refuses when the address has used up its attempts, else counts this one. */
  count(address: string): void {
    this.attempts.count([`address:${address}`]);
  }
}
