/**
 * Arithmetic on local wall-clock values (`YYYY-MM-DDTHH:mm`) as calendar fields, independent of any
 * zone: "the same local shift" for every session of a series, whatever the DST changes between.
 * The fields are read as if they were UTC, where every day has 24 hours. (Plain Date arithmetic:
 * luxon's `fromFormat` cost about 0.2 ms a call on the booking path; see docs/benchmarks.md.)
 */
const MINUTE_MS = 60_000;

function floatingMs(wall: string): number {
  return Date.parse(`${wall}:00Z`);
}

export function wallMinutesBetween(from: string, to: string): number {
  return Math.round((floatingMs(to) - floatingMs(from)) / MINUTE_MS);
}

export function shiftWall(wall: string, minutes: number): string {
  return new Date(floatingMs(wall) + minutes * MINUTE_MS).toISOString().slice(0, 16);
}
