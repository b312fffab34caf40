import { DateTime } from 'luxon';
import type { ResourceKind } from '../../resources';
import { intlTag, Locale, MessageKey, numberFormatOf } from '../i18n';
import { formatNumber } from '../shared/format';
import { WebContext } from '../shared/web-context';

/** The kinds in the order the reports show them. */
export const KINDS: readonly ResourceKind[] = ['desk', 'computer', 'room', 'equipment'];

/** Each kind's figures count its own hours, never added to another kind's. */
export const KIND_NAME: Record<ResourceKind, MessageKey> = {
  desk: 'reports.kinds.desk',
  computer: 'reports.kinds.computer',
  room: 'reports.kinds.room',
  equipment: 'reports.kinds.equipment',
};

/** Desks and computers count place-hours, rooms room-hours, equipment unit-hours. */
export const KIND_UNIT: Record<ResourceKind, MessageKey> = {
  desk: 'reports.unit.place',
  computer: 'reports.unit.place',
  room: 'reports.unit.room',
  equipment: 'reports.unit.unit',
};

/** Hours (two decimals, as the service gives them) as hours and minutes: "12 h 30 min", "45 min". */
export function hoursAndMinutes(ctx: WebContext, value: number): string {
  const minutes = Math.round(value * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hText = formatNumber(h, ctx.locale);
  if (m === 0) return ctx.t('reports.hoursOnly', { h: hText });
  if (h === 0) return ctx.t('reports.minutesOnly', { m });
  return ctx.t('reports.hoursMinutes', { h: hText, m });
}

/** A fraction as a percentage in the reader's language ("31.3%", "31,3 %"). */
export function percentOf(locale: Locale, fraction: number): string {
  return numberFormatOf(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** The separator a spreadsheet in the reader's language expects: `;` where the decimal mark is `,`. */
export function csvSeparatorOf(locale: Locale): ',' | ';' {
  return locale === 'en' ? ',' : ';';
}

/**
 * A number as a spreadsheet in the reader's language reads it: the locale's decimal mark, no
 * grouping ("1234,5" in Russian and Uzbek, "1234.5" in English).
 */
export function csvNumber(locale: Locale, value: number, fractionDigits = 2): string {
  const text = String(Math.round(value * 10 ** fractionDigits) / 10 ** fractionDigits);
  return csvSeparatorOf(locale) === ';' ? text.replace('.', ',') : text;
}

/** A percentage as a spreadsheet reads it: "31,3%" in Russian and Uzbek, "31.3%" in English. */
export function csvPercent(locale: Locale, fraction: number): string {
  return `${csvNumber(locale, fraction * 100, 1)}%`;
}

/** A date as the reader's spreadsheet writes it: 01.12.2026 (ru, uz), 01/12/2026 (en). */
export function csvDate(locale: Locale, date: string): string {
  return DateTime.fromISO(date).toFormat(locale === 'en' ? 'dd/MM/yyyy' : 'dd.MM.yyyy');
}

/** "December 2026", "декабрь 2026", "2026-yil, dekabr". */
export function monthName(locale: Locale, month: string): string {
  const day = DateTime.fromISO(`${month}-01`).setLocale(intlTag(locale));
  return locale === 'uz'
    ? day.toFormat("yyyy'-yil, 'LLLL").toLowerCase()
    : day.toFormat('LLLL yyyy');
}
