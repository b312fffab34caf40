import { ERROR_STATUS } from '../../common/domain-error';
import { intlTag, LOCALES, MESSAGES, PLURALS, translator } from '.';

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

describe('the plural catalogs', () => {
  const reference = PLURALS.en;
  const keys = Object.keys(reference).sort();

  it('give each language exactly its plural categories, with the same {placeholders}', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      expect({ locale, keys: Object.keys(PLURALS[locale]).sort() }).toEqual({ locale, keys });
      const categories = new Intl.PluralRules(intlTag(locale)).resolvedOptions().pluralCategories;
      for (const key of keys) {
        const forms = PLURALS[locale][key as keyof typeof reference] as Record<string, string>;
        if (Object.keys(forms).sort().join() !== [...categories].sort().join()) {
          problems.push(`${locale} ${key}: forms ${Object.keys(forms).join()}`);
        }
        const expected = [
          ...new Set(placeholders(reference[key as keyof typeof reference].other)),
        ].join();
        for (const [category, text] of Object.entries(forms)) {
          if (!text.trim()) problems.push(`${locale} ${key} ${category}: empty`);
          const own = [...new Set(placeholders(text))].join();
          // A form may leave the number out ("must not be empty" for one character).
          if (own !== expected && own !== expected.replace(/^count,?|,?count(?=,|$)/, '')) {
            problems.push(`${locale} ${key} ${category}: placeholders ${own} ≠ ${expected}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('picks the form the count needs in each language, and writes the count as it writes numbers', () => {
    const en = translator('en');
    const ru = translator('ru');
    const uz = translator('uz');
    expect(en('book.clashes', { count: 1 })).toBe('1 date clashes');
    expect(en('book.clashes', { count: 2 })).toBe('2 dates clash');
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => ru('book.clashes', { count }))).toEqual([
      '1 дата пересекается',
      '2 даты пересекаются',
      '5 дат пересекаются',
      '11 дат пересекаются',
      '21 дата пересекается',
      '22 даты пересекаются',
      '25 дат пересекаются',
    ]);
    expect(uz('book.clashes', { count: 1 })).toBe('1 ta sana toʻqnashadi');
    expect(ru('book.reason.unitsFree', { count: 1235 })).toBe('свободно только 1\u00a0235 единиц');
  });
});

describe('the error catalog', () => {
  it('says every error code of the API', () => {
    const missing = Object.keys(ERROR_STATUS).filter((code) => !(`code.${code}` in MESSAGES.en));
    expect(missing).toEqual([]);
  });
});
