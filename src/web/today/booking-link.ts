import { localDateOf, MINUTE_MS } from '../../scheduling';
import { formatTime } from '../shared/format';

const FIVE_MINUTES = 5 * MINUTE_MS;

/** The booking form's time fields, as a link fills them in. */
export interface BookingTime {
  date: string;
  startTime: string;
  endTime: string;
}

/** Where Today's free time starts: the next five minutes from `now` (the past is not free). */
export function bookableFrom(now: number): number {
  return Math.ceil(now / FIVE_MINUTES) * FIVE_MINUTES;
}

/** The form's fields for `start` to `end` (the same local day) in the center's zone. */
export function bookingTimeOf(start: number, end: number, zone: string): BookingTime {
  return {
    date: localDateOf(start, zone),
    startTime: formatTime(start, zone),
    endTime: formatTime(end, zone),
  };
}

/**
 * The booking form's address with a resource and a time filled in: the query that
 * `new URLSearchParams({ center, resourceId, date, startTime, endTime })` gives, written out
 * (Today draws a few hundred of these a page; a clock's `:` is left as it is, which a query
 * may hold).
 */
export function bookingFormUrl(centerId: string, resourceId: string, time: BookingTime): string {
  return (
    `/book?center=${encodeURIComponent(centerId)}&resourceId=${encodeURIComponent(resourceId)}` +
    `&date=${time.date}&startTime=${time.startTime}&endTime=${time.endTime}`
  );
}
