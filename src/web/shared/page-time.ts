import { MINUTE_MS } from '../../scheduling';

/**
 * "Now" as a page hands it to the API, which takes whole minutes only: a real clock is almost
 * never on one, so every page that asks a service about "now" rounds it here, never by itself.
 */
export const pageTime = {
  /** The start of the minute `ms` is in: "from now" for lists and walk-ins. */
  minuteOf(ms: number): number {
    return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  },

  /** The first whole minute after `ms` (the next one even when `ms` is whole): "from now on". */
  nextMinuteAfter(ms: number): number {
    return Math.floor(ms / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  },

  /**
   * An instant as the API's request times take it (`2026-12-01T05:00Z`); refuses one with
   * seconds, so a page that forgot to round fails in its tests, not on a member's phone.
   */
  requestTime(ms: number): string {
    if (!Number.isFinite(ms) || ms % MINUTE_MS !== 0) {
      throw new Error(`pageTime.requestTime: ${ms} is not a whole minute; round it first`);
    }
    return `${new Date(ms).toISOString().slice(0, 16)}Z`;
  },
};
