import { audit } from '../audit/audit.i18n';
import { auth } from '../auth/auth.i18n';
import { bookings } from '../bookings/bookings.i18n';
import { center } from '../center/center.i18n';
import { book, bookPlurals } from '../member/book.i18n';
import { member } from '../member/member.i18n';
import { scan } from '../member/scan.i18n';
import { network } from '../network/network.i18n';
import { notificationPages } from '../notifications/notifications.i18n';
import { people } from '../people/people.i18n';
import { reports, reportPlurals } from '../reports/reports.i18n';
import { today } from '../today/today.i18n';
import type { Catalog, PluralCatalog, PluralForms } from './catalog';
import { common } from './common';
import { errors, errorPlurals } from './errors';
import { features } from './features';
import { INTL_TAG, Locale, LOCALES } from './locales';
import { notices } from './notices';

export * from './locales';

/**
 * Every catalog: the shared ones beside this file (the frame, errors, features, notices) and each
 * page area's `<area>.i18n.ts` beside its pages, listed here. Keys are prefixed by area
 * (`today.…`, `book.…`) so areas cannot collide. Messages that depend on a number are plural
 * catalogs, listed in PLURAL_AREAS.
 */
const AREAS = [
  common,
  auth,
  notices,
  errors,
  features,
  book,
  member,
  scan,
  today,
  bookings,
  center,
  reports,
  people,
  audit,
  network,
  notificationPages,
] as const;
const PLURAL_AREAS = [bookPlurals, errorPlurals, reportPlurals] as const;

type KeysOf<C> = C extends Catalog<infer K> ? K : never;
type PluralKeysOf<C> = C extends PluralCatalog<infer K> ? K : never;
export type TextKey = KeysOf<(typeof AREAS)[number]>;
export type PluralKey = PluralKeysOf<(typeof PLURAL_AREAS)[number]>;
export type MessageKey = TextKey | PluralKey;

export const MESSAGES: Record<Locale, Record<TextKey, string>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.assign({}, ...AREAS.map((area) => area[locale]))]),
) as Record<Locale, Record<TextKey, string>>;

export const PLURALS: Record<Locale, Record<PluralKey, PluralForms>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.assign({}, ...PLURAL_AREAS.map((area) => area[locale]))]),
) as Record<Locale, Record<PluralKey, PluralForms>>;

/** Whether a key names a message of the catalogs (a key built from data may not). */
export function isMessageKey(key: string): key is MessageKey {
  return key in MESSAGES.en || key in PLURALS.en;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The form of a plural message for `count` in the language (`other` when it lacks the form). */
export function pluralForm(locale: Locale, forms: PluralForms, count: number): string {
  const category = pluralRulesOf(locale).select(count);
  return (forms as Record<string, string>)[category] ?? forms.other;
}

/**
 * Intl's rules and formats cost far more to build than to use, and never change: one per
 * language (and, for number formats, per options). A report page formats thousands of numbers.
 */
const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function pluralRulesOf(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(INTL_TAG[locale])));
  return rules;
}

/** The language's number format with `options`, built once. */
export function numberFormatOf(
  locale: Locale,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(INTL_TAG[locale], options)));
  return format;
}

export function translator(locale: Locale): Translate {
  const strings = MESSAGES[locale];
  const plural = PLURALS[locale];
  return (key, params) => {
    const forms = plural[key as PluralKey] as PluralForms | undefined;
    if (forms) {
      // The count picks the form, and is written as the language writes numbers (1 234).
      const count = Number(params?.count ?? 0);
      const text = pluralForm(locale, forms, count);
      return fill(text, {
        ...params,
        count: numberFormatOf(locale).format(count),
      });
    }
    const text = strings[key as TextKey] ?? key;
    return params ? fill(text, params) : text;
  };
}

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function intlTag(locale: Locale): string {
  return INTL_TAG[locale];
}
