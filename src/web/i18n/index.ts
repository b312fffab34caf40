import type { Catalog } from './catalog';
import { audit } from './audit';
import { book } from './book';
import { bookings } from './bookings';
import { common } from './common';
import { center } from './center';
import { member } from './member';
import { network } from './network';
import { notices } from './notices';
import { people } from './people';
import { reports } from './reports';
import { today } from './today';
import { INTL_TAG, Locale, LOCALES } from './locales';

export * from './locales';

/**
 * Every area's catalog. A page area adds its own file beside common.ts and lists it here; keys
 * are prefixed by area (`today.…`, `book.…`) so areas cannot collide.
 */
const AREAS = [
  common,
  notices,
  book,
  member,
  today,
  bookings,
  center,
  reports,
  people,
  audit,
  network,
] as const;

type KeysOf<C> = C extends Catalog<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof AREAS)[number]>;

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.assign({}, ...AREAS.map((area) => area[locale]))]),
) as Record<Locale, Record<MessageKey, string>>;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const strings = MESSAGES[locale];
  return (key, params) => {
    const text = strings[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

export function intlTag(locale: Locale): string {
  return INTL_TAG[locale];
}
