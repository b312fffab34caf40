import { DateTime } from 'luxon';

/**
 * Arithmetic on local wall-clock values (`YYYY-MM-DDTHH:mm`) as calendar fields, independent of any
 * zone: "the same local shift" for every session of a series, whatever the DST changes between.
 */
const FORMAT = "yyyy-MM-dd'T'HH:mm";

function floating(wall: string): DateTime {
  return DateTime.fromFormat(wall, FORMAT, { zone: 'UTC' });
}

export function wallMinutesBetween(from: string, to: string): number {
  return Math.round(floating(to).diff(floating(from), 'minutes').minutes);
}

export function shiftWall(wall: string, minutes: number): string {
  return floating(wall).plus({ minutes }).toFormat(FORMAT);
}
