import type { Locale } from './locales';

/**
 * One area's strings in the three languages. English is the reference: the other two must have
 * exactly its keys (the type says so, and test/web-i18n.e2e-spec.ts checks the merged catalog).
 * `{name}` in a string is replaced by the parameter of that name.
 */
export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

export function catalog<const E extends Record<string, string>>(strings: {
  en: E;
  ru: Record<keyof E, string>;
  uz: Record<keyof E, string>;
}): Catalog<Extract<keyof E, string>> {
  return strings;
}
