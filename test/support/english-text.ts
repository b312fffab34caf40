import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, MESSAGES, PLURALS } from '../../src/web/i18n';

const SRC = join(__dirname, '..', '..', 'src');

/** What class-validator writes when a decorator has no message of its own. */
const CLASS_VALIDATOR_DEFAULTS = [
  'must be an integer number',
  'must not be less than',
  'must not be greater than',
  'must be a string',
  'should not exist',
  'must be a UUID',
  'must be one of the following values',
  'must be a boolean value',
  'must be shorter than or equal to',
  'must be longer than or equal to',
  'must be an object',
  'must be an array',
  'must contain no more than',
  'must be an email',
  'must match',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The pages' own strings are the catalogs; migrations only hold SQL.
    if (statSync(path).isDirectory()) {
      return name === 'web' || name === 'migrations' ? [] : sourceFiles(path);
    }
    // The notifications' texts are a catalog too (the emails in uz, ru and en).
    if (path.endsWith(join('notifications', 'texts.ts'))) return [];
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The fixed parts of every English sentence the API's code can put in an error: each string or
 * template literal of the services (not the pages) with at least three words, cut at its
 * `${…}` holes, keeping the parts of at least three words. A page in Uzbek or Russian must show
 * none of them.
 */
export function englishApiFragments(): string[] {
  const fragments = new Set(CLASS_VALIDATOR_DEFAULTS);
  const literal = /'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
    for (const match of text.matchAll(literal)) {
      const body = match[1] ?? match[2] ?? '';
      for (const part of body.split(/\$\{[^}]*\}/)) {
        const trimmed = part.replace(/^[\s:;,.()]+|[\s:;,.()]+$/g, '');
        if (/^[A-Za-z][A-Za-z’' -]*( [A-Za-z’'-]+){2,}/.test(trimmed) && !/[<>=]/.test(trimmed)) {
          fragments.add(trimmed);
        }
      }
    }
  }
  return [...fragments];
}

/**
 * The English catalog's sentences that the language says otherwise (long enough not to be a name
 * or a word both languages share): on a page in that language, any of them is a miss.
 */
export function englishOnlyCatalogText(locale: (typeof LOCALES)[number]): string[] {
  const out: string[] = [];
  for (const [key, en] of Object.entries(MESSAGES.en)) {
    const own = MESSAGES[locale][key as keyof typeof MESSAGES.en];
    if (own !== en && en.length >= 15 && !/\{/.test(en)) out.push(en);
  }
  for (const [key, forms] of Object.entries(PLURALS.en)) {
    const own = PLURALS[locale][key as keyof typeof PLURALS.en] as Record<string, string>;
    for (const en of Object.values(forms)) {
      for (const part of en.split(/\{\w+\}/)) {
        const trimmed = part.trim();
        if (trimmed.length >= 15 && !Object.values(own).some((o) => o.includes(trimmed))) {
          out.push(trimmed);
        }
      }
    }
  }
  return out;
}

/** A page's text as a reader sees it: no tags, entities decoded, spaces collapsed. */
export function visibleText(page: string): string {
  return page
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
