/** Half-open interval arithmetic: exclusive clashes with buffers and the peak use of a pool. */
import { MINUTE_MS } from './local-time';
import { Interval, PoolUse } from './types';

/** Whether two half-open intervals share an instant (touching ones do not). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The existing intervals that clash with `requested` on an exclusive resource. The buffer follows
 * every booking (the existing ones and the requested one), so each is extended at its end.
 */
export function exclusiveClashes<T extends Interval>(
  requested: Interval,
  existing: readonly T[],
  bufferMinutes: number,
): T[] {
  const buffer = bufferMinutes * MINUTE_MS;
  return existing.filter(
    (ex) => requested.start < ex.end + buffer && ex.start < requested.end + buffer,
  );
}

interface UseEvent {
  at: number;
  delta: number;
}

/** The uses overlapping the window, clipped to it, as +quantity / -quantity events. */
function eventsInside(uses: readonly PoolUse[], window: Interval): UseEvent[] {
  const events: UseEvent[] = [];
  for (const use of uses) {
    if (use.quantity <= 0 || !overlaps(use, window)) continue;
    events.push({ at: Math.max(use.start, window.start), delta: use.quantity });
    events.push({ at: Math.min(use.end, window.end), delta: -use.quantity });
  }
  // Releases before acquisitions at the same instant: a use ending at t frees its units for one starting at t.
  return events.sort((a, b) => a.at - b.at || a.delta - b.delta);
}

/** The largest sum of quantities in use at any instant of `[window.start, window.end)` (sweep line). */
export function peakUse(uses: readonly PoolUse[], window: Interval): number {
  let current = 0;
  let peak = 0;
  for (const event of eventsInside(uses, window)) {
    current += event.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Units of a pool free through the whole window (never below zero). */
export function unitsFreeThrough(
  poolSize: number,
  uses: readonly PoolUse[],
  window: Interval,
): number {
  return Math.max(0, poolSize - peakUse(uses, window));
}
