import { DateTime } from 'luxon';
import { intlTag, Locale } from '../i18n';

/** Dates and times are shown in the center's zone and the reader's language, never the server's. */
function at(ms: number, zone: string, locale: Locale): DateTime {
  return DateTime.fromMillis(ms, { zone }).setLocale(intlTag(locale));
}

/** "Tuesday 1 December 2026" in the reader's language. */
export function formatDate(ms: number, zone: string, locale: Locale): string {
  return at(ms, zone, locale).toFormat('cccc d MMMM yyyy');
}

/** "1 Dec" style short date. */
export function formatShortDate(ms: number, zone: string, locale: Locale): string {
  return at(ms, zone, locale).toFormat('ccc d MMM');
}

/** 24-hour "14:00": the convention in all three languages here. */
export function formatTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
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
  return new Intl.NumberFormat(intlTag(locale), {
    maximumFractionDigits: fractionDigits,
  }).format(value);
}
