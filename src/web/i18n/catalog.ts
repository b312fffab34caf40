import type { Locale } from './locales';

/**
 * One area's strings in the three languages. English is the reference: the other two must have
 * exactly its keys (the type says so, and src/web/i18n/messages.spec.ts checks the merged
 * catalog). `{name}` in a string is replaced by the parameter of that name.
 */
export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

export function catalog<const E extends Record<string, string>>(strings: {
  en: E;
  ru: Record<keyof E, string>;
  uz: Record<keyof E, string>;
}): Catalog<Extract<keyof E, string>> {
  return strings;
}

/** The plural categories each language has for whole numbers (Intl.PluralRules, CLDR). */
export interface PluralFormsOf {
  en: { one: string; other: string };
  uz: { one: string; other: string };
  /** `other` is for fractions (1,5 часа); whole numbers are one, few or many. */
  ru: { one: string; few: string; many: string; other: string };
}

export type PluralForms = PluralFormsOf[Locale];

/**
 * Messages that depend on a number, `{count}`: each language gives the form of each of its plural
 * categories, and the translator picks the one `Intl.PluralRules` names for the count ("1 date
 * clashes", "2 dates clash"; "1 дата", "2 даты", "5 дат").
 */
export type PluralCatalog<K extends string> = { [L in Locale]: Record<K, PluralFormsOf[L]> };

export function plurals<const E extends Record<string, PluralFormsOf['en']>>(forms: {
  en: E;
  ru: Record<keyof E, PluralFormsOf['ru']>;
  uz: Record<keyof E, PluralFormsOf['uz']>;
}): PluralCatalog<Extract<keyof E, string>> {
  return forms;
}
