import { LOCALES, MESSAGES } from '.';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the string catalogs', () => {
  const reference = MESSAGES.en;
  const keys = Object.keys(reference).sort();

  it('has every key in every language, and no key only some languages have', () => {
    for (const locale of LOCALES) {
      expect({ locale, keys: Object.keys(MESSAGES[locale]).sort() }).toEqual({ locale, keys });
    }
  });

  it('has no empty string, and the same {placeholders} in each language', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const key of keys) {
        const text = MESSAGES[locale][key as keyof typeof reference];
        if (!text?.trim()) problems.push(`${locale} ${key}: empty`);
        else if (
          placeholders(text).join() !==
          placeholders(reference[key as keyof typeof reference]).join()
        ) {
          problems.push(`${locale} ${key}: placeholders differ from English`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
