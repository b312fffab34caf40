import { LOCALES, MESSAGES, TextKey } from './index';

/**
 * Someone in a hurry at the door must not press "sign out" for "check out" or the reverse: in
 * every language, the labels that end a session at a place share no word with the one that ends
 * the session in Makon.
 */
const CHECK_OUT_LABELS: TextKey[] = ['session.checkOut', 'today.checkOut', 'scan.checkOut'];

function words(text: string): Set<string> {
  return new Set(
    text
      .toLocaleLowerCase()
      .split(/[^\p{L}\p{M}ʻʼ'’]+/u)
      .filter(Boolean),
  );
}

describe('check-out and sign-out wording', () => {
  it.each(LOCALES)('share no word in %s', (locale) => {
    const signOut = words(MESSAGES[locale]['nav.signOut']);
    for (const key of CHECK_OUT_LABELS) {
      const shared = [...words(MESSAGES[locale][key])].filter((w) => signOut.has(w));
      expect({ key, shared }).toEqual({ key, shared: [] });
    }
  });
});
