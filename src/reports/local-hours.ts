import { DAY_MS, HOUR_MS, instantToFloating } from '../scheduling';

/**
 * Splits `[start, end)` at the local clock hours of `zone` and calls `visit` with each piece's
 * hour of day (0–23) and length in milliseconds. Pieces follow the wall clock, so on a DST day an
 * hour of day may get more or less than 60 minutes.
 */
export function forEachLocalHour(
  start: number,
  end: number,
  zone: string,
  visit: (hour: number, ms: number) => void,
): void {
  let at = start;
  while (at < end) {
    const floating = instantToFloating(at, zone);
    const sinceMidnight = ((floating % DAY_MS) + DAY_MS) % DAY_MS;
    const hour = Math.floor(sinceMidnight / HOUR_MS);
    const next = Math.min(end, at + (HOUR_MS - (sinceMidnight % HOUR_MS)));
    visit(hour, next - at);
    at = next;
  }
}
