import { DateTime } from 'luxon';
import { localTimeOf } from '../../scheduling';
import { intlTag, Locale, numberFormatOf } from '../i18n';

/** Dates and times are shown in the center's zone and the reader's language, never the server's. */
function at(ms: number, zone: string, locale: Locale): DateTime {
  return DateTime.fromMillis(ms, { zone }).setLocale(intlTag(locale));
}

/**
 * "Tuesday 1 December 2026" in the reader's language; in Uzbek as it is written there,
 * "1-dekabr, 2026-yil, seshanba".
 */
export function formatDate(ms: number, zone: string, locale: Locale): string {
  if (locale === 'uz') return at(ms, zone, locale).toFormat("d'-'MMMM', 'yyyy'-yil, 'cccc");
  return at(ms, zone, locale).toFormat('cccc d MMMM yyyy');
}

/** "Tue 1 Dec" style short date; Uzbek "Sesh, 1-dek". */
export function formatShortDate(ms: number, zone: string, locale: Locale): string {
  if (locale === 'uz') return at(ms, zone, locale).toFormat("ccc', 'd'-'MMM");
  return at(ms, zone, locale).toFormat('ccc d MMM');
}

/**
 * A calendar date (`2026-12-08`, no zone) as the reader writes it: "8 December 2026",
 * "8 декабря 2026", "8-dekabr, 2026-yil"; with `yearly`, day and month only (a holiday that comes
 * back every year). Text that is not a date is returned as it is.
 */
export function formatCalendarDate(date: string, locale: Locale, yearly = false): string {
  const day = DateTime.fromISO(date);
  if (!day.isValid) return date;
  const uz = locale === 'uz';
  const pattern = yearly
    ? uz
      ? "d'-'MMMM"
      : 'd MMMM'
    : uz
      ? "d'-'MMMM', 'yyyy'-yil'"
      : 'd MMMM yyyy';
  return day.setLocale(intlTag(locale)).toFormat(pattern);
}

/**
 * 24-hour "14:00": the convention in all three languages here. From the scheduling module's
 * offsets, which it remembers per day: luxon asks Intl each time, and Today's grid shows a
 * thousand times a page (about a sixth of its work at 1M sessions). Luxon's answer where the zone
 * is not one (stored zones always are).
 */
export function formatTime(ms: number, zone: string): string {
  try {
    return localTimeOf(ms, zone);
  } catch {
    return DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
  }
}

export function formatDateTime(ms: number, zone: string, locale: Locale): string {
  return `${formatShortDate(ms, zone, locale)} ${formatTime(ms, zone)}`;
}

/** "Tue 1 Dec 14:00–17:00", or both ends in full when the range spans days. */
export function formatRange(startMs: number, endMs: number, zone: string, locale: Locale): string {
  const sameDay = at(startMs, zone, locale).hasSame(at(endMs, zone, locale), 'day');
  return sameDay
    ? `${formatShortDate(startMs, zone, locale)} ${formatTime(startMs, zone)}–${formatTime(endMs, zone)}`
    : `${formatDateTime(startMs, zone, locale)} – ${formatDateTime(endMs, zone, locale)}`;
}

export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  return numberFormatOf(locale, { maximumFractionDigits: fractionDigits }).format(value);
}
