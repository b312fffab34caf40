import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';

/** Past this many tracked keys, expired ones are swept so memory stays bounded. */
const SWEEP_AT = 10_000;

/**
 * A sliding window of attempts per key (an email, a client address): at most `max` within
 * `windowMs`, then 429 until the oldest attempt leaves the window. Kept in memory: each app
 * instance counts its own. The sign-in limit and the sign-up limit are two of these.
 */
export class AttemptWindow {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly windowMs: number,
    /** The refusal's message, given the minutes to wait. */
    private readonly refusal: (minutes: number) => string,
  ) {}

  /** TOO_MANY_REQUESTS (with Retry-After) when any of the keys is full. */
  assertAllowed(keys: string[]): void {
    const now = this.clock.now();
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.max) {
        const retryAfterSeconds = Math.ceil((recent[0] + this.windowMs - now) / 1000);
        throw new DomainError(
          'TOO_MANY_REQUESTS',
          this.refusal(Math.ceil(retryAfterSeconds / 60)),
          {},
          { 'retry-after': String(retryAfterSeconds) },
        );
      }
    }
  }

  /** Counts one attempt now under every key; returns its time (to take it back with `forget`). */
  add(keys: string[]): number {
    const now = this.clock.now();
    if (this.attempts.size > SWEEP_AT) this.sweep(now);
    for (const key of keys) this.attempts.set(key, [...this.recent(key, now), now]);
    return now;
  }

  /** Takes back the attempt counted at `at` under `key`. */
  forget(key: string, at: number): void {
    const times = this.attempts.get(key) ?? [];
    const index = times.lastIndexOf(at);
    if (index >= 0) times.splice(index, 1);
    if (times.length === 0) this.attempts.delete(key);
  }

  /** Forgets every attempt under `key`. */
  clear(key: string): void {
    this.attempts.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (kept.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, kept);
    return kept;
  }

  private sweep(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
  }
}
