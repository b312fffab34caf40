import { performance } from 'node:perf_hooks';

/** Lets the requests and I/O that came in meanwhile run before the rest of a long computation. */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * For a loop on the event loop that may run for a hundred ms or more (a year's report adds up
 * thousands of groups): `if (slices.due) await slices.next()` after each step yields once
 * `sliceMs` have passed since the last yield, so that a booking waits for one slice, not for the
 * whole loop.
 */
export class TimeSlices {
  private since = performance.now();

  constructor(private readonly sliceMs = 8) {}

  /** Whether this slice's time is used up. */
  get due(): boolean {
    return performance.now() - this.since >= this.sliceMs;
  }

  /** Yields, then starts the next slice. */
  async next(): Promise<void> {
    await yieldToRequests();
    this.since = performance.now();
  }
}
