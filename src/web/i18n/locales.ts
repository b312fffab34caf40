export const LOCALES = ['uz', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language tag luxon and Intl format with; Uzbek is written in Latin script here. */
export const INTL_TAG: Record<Locale, string> = { uz: 'uz-Latn', ru: 'ru', en: 'en-GB' };

/** Each language's own name, for the switcher. */
export const LANGUAGE_NAME: Record<Locale, string> = {
  uz: 'Oʻzbekcha',
  ru: 'Русский',
  en: 'English',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first supported language of an Accept-Language header, or undefined. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  for (const part of (header ?? '').split(',')) {
    const primary = part.trim().split(';')[0].split('-')[0].toLowerCase();
    if (isLocale(primary)) return primary;
  }
  return undefined;
}
