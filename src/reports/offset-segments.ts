import { DAY_MS, type Interval, MINUTE_MS, offsetMinutesAt } from '../scheduling';

/**
 * The zone's UTC offsets over a window, as steps: the offset (ms) in force before each `until`
 * (the last one's `until` is Infinity). Transitions are found day by day, then to the minute.
 */
export function offsetSegments(
  window: Interval,
  zone: string,
): Array<{ until: number; offsetMs: number }> {
  const segments: Array<{ until: number; offsetMs: number }> = [];
  let current = offsetMinutesAt(window.start, zone);
  for (let day = window.start; day < window.end; day += DAY_MS) {
    const next = Math.min(day + DAY_MS, window.end);
    if (offsetMinutesAt(next, zone) === current) continue;
    let [low, high] = [day, next];
    while (high - low > MINUTE_MS) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetMinutesAt(mid, zone) === current) low = mid;
      else high = mid;
    }
    segments.push({ until: high, offsetMs: current * MINUTE_MS });
    current = offsetMinutesAt(high, zone);
  }
  segments.push({ until: Infinity, offsetMs: current * MINUTE_MS });
  return segments;
}
