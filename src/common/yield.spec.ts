import { performance } from 'node:perf_hooks';
import { TimeSlices } from './yield';

/** Keeps the event loop busy for `ms` (the work a report does between its yields). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('TimeSlices', () => {
  it('lets a request that came in meanwhile run inside a long loop, not after it', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('request'));
    const slices = new TimeSlices(5);
    for (let step = 0; step < 10; step++) {
      busy(2);
      order.push(`step ${step}`);
      if (slices.due) await slices.next();
    }
    const request = order.indexOf('request');
    expect(request).toBeGreaterThan(0);
    expect(request).toBeLessThan(order.length - 1);
  });

  it('is due only once its slice has passed, and starts a new slice after yielding', async () => {
    const slices = new TimeSlices(100);
    expect(slices.due).toBe(false);
    busy(110);
    expect(slices.due).toBe(true);
    await slices.next();
    expect(slices.due).toBe(false);
  });
});
