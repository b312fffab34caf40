import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AttemptWindow } from './attempt-window';

const MAX_SIGNUPS = 10;
const WINDOW_MS = 15 * 60 * 1000;

/**
 * Self sign-up, limited like sign-in: 10 attempts per 15 minutes from one client address, then
 * 429 until the oldest leaves the window. Every attempt that gets as far as looking for the
 * email counts, successful or not: a created account is what a flood would be after, and a
 * refused one tells whether an email has an account.
 */
@Injectable()
export class SignupThrottle {
  private readonly attempts: AttemptWindow;

  constructor(clock: Clock) {
    this.attempts = new AttemptWindow(
      clock,
      MAX_SIGNUPS,
      WINDOW_MS,
      (minutes) => `Too many sign-ups from this address; try again in ${minutes} minute(s)`,
    );
  }

  /** Refuses when the address has used up its attempts, else counts this one. */
  count(address: string): void {
    const keys = [`address:${address}`];
    this.attempts.assertAllowed(keys);
    this.attempts.add(keys);
  }
}
