import { performance } from 'node:perf_hooks';

/**
 * While people's requests come in, background work (the notification job) takes at most this share
 * of the time: after a unit of it that took t ms, it waits t × (1 − share) / share before the
 * next. Measured at c=1 on the 1M data set (docs/benchmarks.md): unpaced delivery made bookings 1.72× slower, a 10% share 1.11×, 5% 1.09×.
 */
export const BACKGROUND_SHARE = 0.05;
/**
 * Requests that ended this recently still count as people using the server (ms): long enough to
 * bridge the gap between one request and the next of a client that sends them one after another,
 * short enough that a monitor asking for /health a few times a second does not hold the job back.
 */
export const QUIET_AFTER_MS = 20;
/** The longest wait between two units of background work, however long the last one took (ms). */
export const MAX_GIVE_WAY_MS = 2_000;
/**
 * A request that neither ended nor was followed by another for this long no longer counts as in
 * flight: a client that went away without Fastify seeing the end must not slow the job forever.
 */
const FORGOTTEN_AFTER_MS = 30_000;

/** How long background work waits after a unit that took `elapsedMs`, when requests are coming in. */
export function giveWayMs(elapsedMs: number, busy: boolean): number {
  if (!busy || !(elapsedMs > 0)) return 0;
  return Math.min(MAX_GIVE_WAY_MS, (elapsedMs * (1 - BACKGROUND_SHARE)) / BACKGROUND_SHARE);
}

/**
 * The HTTP requests in flight, counted by the server's hooks (app.setup.ts), so that background
 * work gives way to people: the job's email and in-app notifications may wait seconds, a booking
 * should not (docs/operations.md, "Delivery gives way to requests").
 */
export class RequestActivity {
  private inFlight = 0;
  private startedCount = 0;
  private endedCount = 0;
  private lastChangeAt = Number.NEGATIVE_INFINITY;
  private lastEndAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = () => performance.now()) {}

  started(): void {
    this.startedCount++;
    this.inFlight++;
    this.lastChangeAt = this.now();
  }

  ended(): void {
    this.endedCount++;
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.lastChangeAt = this.lastEndAt = this.now();
  }

  /** Whether people are using the server: a request in flight, or one that ended just now. */
  busy(): boolean {
    const now = this.now();
    if (now - this.lastEndAt < QUIET_AFTER_MS) return true;
    return this.inFlight > 0 && now - this.lastChangeAt < FORGOTTEN_AFTER_MS;
  }

  /**
   * Called by background work after a unit of it that began at `startedAt` (this clock's
   * milliseconds): waits as giveWayMs says while requests come in, else only lets waiting I/O and
   * requests run (setImmediate).
   */
  giveWay(startedAt: number): Promise<void> {
    const wait = giveWayMs(this.now() - startedAt, this.busy());
    return new Promise((resolve) => {
      if (wait > 0) setTimeout(resolve, wait);
      else setImmediate(resolve);
    });
  }

  /** How many requests the hooks saw start and end (for tests and diagnostics). */
  counts(): { started: number; ended: number } {
    return { started: this.startedCount, ended: this.endedCount };
  }

  /** This clock's now, for a unit's `startedAt`. */
  mark(): number {
    return this.now();
  }
}
