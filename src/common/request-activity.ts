import { performance } from 'node:perf_hooks';

/**
 * While people's requests come in, background work (the notification job) takes at most this share
 * of the time: after a unit of it that took t ms, it waits t × (1 − share) / share before the
 * next. Measured at c=1 on the 1M data set (docs/benchmarks.md): unpaced delivery made bookings 1.72× slower, a 5% share 1.00×.
 */
export const BACKGROUND_SHARE = 0.05;
/**
 * People are using the server when requests were in flight for at least this share of the last
 * UTILIZATION_WINDOW_MS: a client sending requests one after another keeps it near 1, a monitor
 * asking for /health a few times a second or a few people on the pages near 0.
 */
export const BUSY_UTILIZATION = 0.25;
export const UTILIZATION_WINDOW_MS = 1_000;
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
  /** When the server last went from no request in flight to one; null while none is. */
  private busySince: number | null = null;
  /** The periods with requests in flight that ended within the window, oldest first. */
  private readonly periods: Array<{ from: number; to: number }> = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  started(): void {
    const now = this.now();
    this.startedCount++;
    this.busySince ??= now;
    this.inFlight++;
    this.lastChangeAt = now;
  }

  ended(): void {
    const now = this.now();
    this.endedCount++;
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.lastChangeAt = now;
    if (this.inFlight === 0 && this.busySince !== null) {
      this.periods.push({ from: this.busySince, to: now });
      this.busySince = null;
    }
    this.forgetBefore(now - UTILIZATION_WINDOW_MS);
  }

  /** The share of the last UTILIZATION_WINDOW_MS during which a request was in flight. */
  utilization(): number {
    const now = this.now();
    const windowStart = now - UTILIZATION_WINDOW_MS;
    this.forgetBefore(windowStart);
    let busyMs = 0;
    for (const period of this.periods) busyMs += period.to - Math.max(period.from, windowStart);
    if (this.busySince !== null && now - this.lastChangeAt < FORGOTTEN_AFTER_MS)
      busyMs += now - Math.max(this.busySince, windowStart);
    return Math.min(1, busyMs / UTILIZATION_WINDOW_MS);
  }

  /** Whether people are using the server (BUSY_UTILIZATION). */
  busy(): boolean {
    return this.utilization() >= BUSY_UTILIZATION;
  }

  /**
   * Called by background work after a unit of it that began at `startedAt` (this clock's
   * milliseconds): waits as giveWayMs says while people use the server, else only lets waiting
   * I/O and requests run (setImmediate).
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

  private forgetBefore(time: number): void {
    while (this.periods.length > 0 && this.periods[0].to <= time) this.periods.shift();
  }
}
