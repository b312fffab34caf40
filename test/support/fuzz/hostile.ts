/**
 * The hostile values the fuzzers draw from, each with a short label that the failure report
 * shows. Grouped by what a field is (any value, a string, a number, a time, a local date, a
 * recurrence rule, an id, a redirect target), so that each field gets the kinds that can hurt it.
 */
export type Labeled<T = unknown> = readonly [label: string, value: T];

/**
 * JSON text put into a body as it is: deeply nested values are written as text, since building
 * and serializing them as objects would overflow the test's own stack.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** `[[[…"x"…]]]` nested `depth` levels. */
export function deepArray(depth: number): RawJson {
  return new RawJson(`${'['.repeat(depth)}"x"${']'.repeat(depth)}`);
}

/** `{"a":{"a":…}}` nested `depth` levels. */
export function deepObject(depth: number): RawJson {
  return new RawJson(`${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`);
}

/** JSON.stringify, with RawJson values written as their text. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawJson ? `\u0000raw${raws.push(v.text) - 1}\u0000` : v,
  );
  return text === undefined
    ? 'undefined'
    : text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_, i: string) => raws[Number(i)]);
}

/** Values of the wrong shape for any field. */
export const ANY_VALUE: Labeled[] = [
  ['null', null],
  ['true', true],
  ['0', 0],
  ['-1', -1],
  ['empty string', ''],
  ['empty object', {}],
  ['empty array', []],
  ['array of nulls', [null, null]],
  ['object with __proto__', JSON.parse('{"__proto__":{"admin":true}}')],
  ['object with constructor', { constructor: { prototype: { x: 1 } } }],
  ['deep array 40', deepArray(40)],
  ['deep object 40', deepObject(40)],
  ['deep array 1000', deepArray(1000)],
  ['deep array 1500', deepArray(1500)],
  ['deep array 5000', deepArray(5000)],
  ['deep object 3000', deepObject(3000)],
];

const LONG_ASCII = 'a'.repeat(10_000);
export const ODD_STRINGS: Labeled<string>[] = [
  ['space', ' '],
  ['whitespace', ' \t\r\n '],
  ['NUL', 'a\u0000b'],
  ['control chars', '\u0001\u0007\u001b[31m\u007f'],
  ['CRLF', 'a\r\nb: c'],
  ['U+2028', 'a\u2028b\u2029c'],
  ['RTL override', 'abc\u202egnp.exe'],
  ['zero width', '\u200b\u200c\u200d\ufeff'],
  ['combining', 'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301'],
  ['emoji', '👩🏽‍💻🇺🇿🏳️‍🌈'],
  ['lone surrogate', 'a\ud800b\udc00'],
  ['cyrillic', 'Ташкент я'],
  ['uzbek apostrophes', 'Oʻzbekiston gʻ ʼ ’'],
  ['CJK', '日本語の文字列'],
  ['fullwidth', 'ＡＢＣ１２３'],
  ['html', '<script>alert(1)</script>"\'><img src=x onerror=alert(1)>'],
  ['sql', "' OR 1=1; DROP TABLE users; --"],
  ['csv formula', '=HYPERLINK("http://evil.example","x");=1+1'],
  ['format string', '%s%s%n%x {0} ${x} {{x}}'],
  ['path traversal', '../../../../etc/passwd'],
  ['percent', '%00%0d%0a%ZZ%'],
  ['backslashes', '\\\\server\\share\\'],
  ['long ascii 10k', LONG_ASCII],
  ['long ascii 200k', 'b'.repeat(200_000)],
  ['long emoji 5k', '😀'.repeat(5_000)],
  ['long combining 20k', 'a' + '\u0301'.repeat(20_000)],
  ['long unicode word', 'ж'.repeat(3_000)],
];

export const ODD_NUMBERS: Labeled[] = [
  ['0', 0],
  ['-0', -0],
  ['-1', -1],
  ['1.5', 1.5],
  ['2^31', 2 ** 31],
  ['2^53+1', 2 ** 53 + 1],
  ['1e21', 1e21],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['5e-324', 5e-324],
  ['"1"', '1'],
  ['"NaN"', 'NaN'],
  ['"Infinity"', 'Infinity'],
  ['"0x10"', '0x10'],
  ['"1e3"', '1e3'],
  ['" 5 "', ' 5 '],
];

/** Request times (ISO 8601 date-times). */
export const HOSTILE_TIMES: Labeled<string>[] = [
  ['year 9999', '9999-12-31T23:00'],
  ['year 9999 end', '9999-12-31T23:59'],
  ['year 9999 offset', '9999-12-31T23:59-12:00'],
  ['year 0000', '0000-01-01T00:00'],
  ['year 1900', '1900-01-01T10:00'],
  ['year 2100', '2100-12-31T10:00'],
  ['year 10000', '10000-01-01T10:00'],
  ['negative year', '-000001-01-01T10:00'],
  ['Feb 30', '2026-02-30T10:00'],
  ['month 13', '2026-13-01T10:00'],
  ['24:00', '2026-12-02T24:00'],
  ['25:61', '2026-12-02T25:61'],
  ['seconds', '2026-12-02T10:00:30'],
  ['leap second', '2026-12-31T23:59:60'],
  ['nanoseconds', '2026-12-02T10:00:00.000000001'],
  ['zero fraction', '2026-12-02T10:00:00.000000000'],
  ['offset +14', '2026-12-02T10:00+14:00'],
  ['offset -12', '2026-12-02T10:00-12:00'],
  ['offset +18', '2026-12-02T10:00+18:00'],
  ['offset +23:59', '2026-12-02T10:00+23:59'],
  ['offset +0530 no colon', '2026-12-02T10:00+0530'],
  ['Z lowercase', '2026-12-02t10:00z'],
  ['date only', '2026-12-02'],
  ['space separator', '2026-12-02 10:00'],
  ['epoch number string', '1796176800000'],
  ['week date', '2026-W49-3T10:00'],
  ['ordinal date', '2026-336T10:00'],
  ['fullwidth digits', '２０２６-12-02T10:00'],
  ['DST gap (Berlin)', '2026-03-29T02:30+01:00'],
  ['far past', '1970-01-01T00:00Z'],
];

/** Local dates (`YYYY-MM-DD`). */
export const HOSTILE_DATES: Labeled<string>[] = [
  ['year 9999', '9999-12-31'],
  ['year 9999 start', '9999-01-01'],
  ['year 0000', '0000-01-01'],
  ['year 0001', '0001-01-01'],
  ['year 1969', '1969-12-31'],
  ['year 2100', '2100-12-31'],
  ['Feb 29 non-leap', '2027-02-29'],
  ['Feb 30', '2026-02-30'],
  ['month 00', '2026-00-10'],
  ['day 32', '2026-12-32'],
  ['5-digit year', '10000-01-01'],
  ['with time', '2026-12-02T10:00'],
  ['arabic-indic digits', '٢٠٢٦-١٢-٠٢'],
  ['slashes', '2026/12/02'],
];

/** Recurrence rules: RFC 5545 corner cases, rrule.js traps, and junk. */
export const HOSTILE_RULES: Labeled<string>[] = [
  ['BYSETPOS=-6', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-6;COUNT=2'],
  ['BYSETPOS=-5', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-5;COUNT=6'],
  ['BYSETPOS=0', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0;COUNT=2'],
  ['BYSETPOS=367', 'FREQ=YEARLY;BYDAY=MO;BYSETPOS=367;COUNT=2'],
  ['BYSETPOS without BYxxx', 'FREQ=WEEKLY;BYSETPOS=1;COUNT=2'],
  ['HOURLY loop', 'FREQ=HOURLY;INTERVAL=2;BYHOUR=1;COUNT=2'],
  ['MINUTELY', 'FREQ=MINUTELY;COUNT=1000'],
  ['SECONDLY', 'FREQ=SECONDLY;COUNT=5'],
  ['COUNT=0', 'FREQ=DAILY;COUNT=0'],
  ['COUNT huge', 'FREQ=DAILY;COUNT=999999999'],
  ['COUNT -1', 'FREQ=DAILY;COUNT=-1'],
  ['no COUNT or UNTIL', 'FREQ=DAILY'],
  ['COUNT and UNTIL', 'FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z'],
  ['UNTIL year 9999', 'FREQ=YEARLY;UNTIL=99991231T235959Z'],
  ['UNTIL date only 9999', 'FREQ=DAILY;UNTIL=99991231'],
  ['UNTIL in the past', 'FREQ=DAILY;UNTIL=20000101T000000Z'],
  ['UNTIL junk', 'FREQ=DAILY;UNTIL=tomorrow'],
  ['INTERVAL=0', 'FREQ=DAILY;INTERVAL=0;COUNT=2'],
  ['INTERVAL huge', 'FREQ=DAILY;INTERVAL=2147483648;COUNT=2'],
  ['BYDAY=99MO', 'FREQ=YEARLY;BYDAY=99MO;COUNT=2'],
  ['BYDAY=-53MO', 'FREQ=YEARLY;BYDAY=-53MO;COUNT=2'],
  ['BYMONTHDAY=31 (Feb)', 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3'],
  ['BYMONTHDAY=-31', 'FREQ=MONTHLY;BYMONTHDAY=-31;COUNT=3'],
  ['BYMONTHDAY=0', 'FREQ=MONTHLY;BYMONTHDAY=0;COUNT=2'],
  ['Feb 30 yearly', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2'],
  ['BYYEARDAY=366', 'FREQ=YEARLY;BYYEARDAY=366;COUNT=2'],
  ['BYWEEKNO=53', 'FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;COUNT=2'],
  ['BYHOUR=24', 'FREQ=DAILY;BYHOUR=24;COUNT=2'],
  ['BYMINUTE=60', 'FREQ=DAILY;BYMINUTE=60;COUNT=2'],
  ['WKST junk', 'FREQ=WEEKLY;WKST=XX;COUNT=2'],
  ['duplicate FREQ', 'FREQ=DAILY;FREQ=YEARLY;COUNT=2'],
  ['lowercase', 'freq=weekly;count=2'],
  ['RRULE: prefix', 'RRULE:FREQ=WEEKLY;COUNT=2'],
  ['DTSTART inside', 'DTSTART:99991231T000000Z\nRRULE:FREQ=DAILY;COUNT=2'],
  ['EXDATE inside', 'FREQ=DAILY;COUNT=2;EXDATE=20261202'],
  ['trailing semicolons', 'FREQ=DAILY;COUNT=2;;;'],
  ['empty parts', ';=;=;'],
  ['unicode', 'FREQ=DAILY;COUNT=２'],
  ['long BYDAY', `FREQ=WEEKLY;COUNT=2;BYDAY=${Array(80).fill('MO,TU,WE,TH,FR').join(',')}`],
  [
    'many BYSETPOS',
    `FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;COUNT=5;BYSETPOS=${Array.from({ length: 60 }, (_, i) => i - 30).join(',')}`,
  ],
];

/** Values for ids in paths and bodies that are not the id of anything. */
export const HOSTILE_IDS: Labeled<string>[] = [
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
  ['max uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
  ['uppercase uuid', '0F8FAD5B-D9CB-469F-A165-70867728950E'],
  ['braced uuid', '{0f8fad5b-d9cb-469f-a165-70867728950e}'],
  ['uuid without dashes', '0f8fad5bd9cb469fa16570867728950e'],
  ['not a uuid', 'not-a-uuid'],
  ['number', '1'],
  ['negative', '-1'],
  ['me', 'me'],
  ['dot dot', '..'],
  ['space', ' '],
  ['NUL', '\u0000'],
  ['slash', 'a/b'],
  ['encoded slash', '%2F'],
  ['cyrillic', 'я'],
  ['long', 'c'.repeat(5_000)],
  ['sql', "1' OR '1'='1"],
];

/** `next` and other redirect targets: off-site, header-breaking and non-ASCII. */
export const HOSTILE_NEXT: Labeled<string>[] = [
  ['//evil', '//evil.example/'],
  ['/\\evil', '/\\evil.example/'],
  ['/%09/evil', '/\t/evil.example'],
  ['/ /evil', '/ /evil.example'],
  ['https://evil', 'https://evil.example/'],
  ['javascript:', 'javascript:alert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['/\\n', '/\nx'],
  ['/\\r\\n header', '/\r\nSet-Cookie: planted=1'],
  ['/я', '/я'],
  ['/é', '/é'],
  ['/U+2028', '/\u2028x'],
  ['/NUL', '/\u0000x'],
  ['/DEL', '/\u007fx'],
  ['/emoji', '/😀'],
  ['/%2F%2Fevil', '/%2F%2Fevil.example'],
  ['/%0d%0a', '/%0d%0aSet-Cookie:%20x=1'],
  ['/..', '/../../etc/passwd'],
  ['empty', ''],
  ['space /', ' /'],
  ['/ long', `/${'n'.repeat(10_000)}`],
  ['/ fullwidth', '/／evil.example'],
];

/** Authorization header values that are not a valid token of anyone. */
export const HOSTILE_AUTHORIZATION: Labeled<string>[] = [
  ['Bearer', 'Bearer'],
  ['Bearer empty', 'Bearer '],
  ['Bearer junk', 'Bearer junk'],
  ['Bearer dots', 'Bearer ...'],
  [
    'Bearer alg none',
    `Bearer ${b64('{"alg":"none","typ":"JWT"}')}.${b64('{"sub":"x","role":"admin"}')}.`,
  ],
  ['Bearer long', `Bearer ${'t'.repeat(8_000)}`],
  ['Basic', 'Basic YWRtaW46YWRtaW4='],
  ['bearer lowercase junk', 'bearer x.y.z'],
  ['latin1 bytes', `Bearer ${utf8Bytes('токен')}`],
];

/** Other request headers with odd values (as byte strings: fetch sends them as they are). */
export const HOSTILE_HEADERS: Labeled<Record<string, string>>[] = [
  ['content-type text/plain', { 'content-type': 'text/plain' }],
  ['content-type form', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['content-type multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
  ['content-type json utf-16', { 'content-type': 'application/json; charset=utf-16' }],
  ['content-type json junk param', { 'content-type': 'application/json; x="' }],
  ['content-type xml', { 'content-type': 'application/xml' }],
  ['accept csv', { accept: 'text/csv' }],
  ['accept junk', { accept: 'x/y;q=junk, */*;q=2' }],
  ['accept-language junk', { 'accept-language': 'zz-ZZ;q=abc, *;q=0, ru;q=1.5' }],
  ['accept-language long', { 'accept-language': Array(500).fill('ru-RU;q=0.9').join(',') }],
  ['accept-language utf-8 bytes', { 'accept-language': utf8Bytes('русский') }],
  ['idempotency-key long', { 'idempotency-key': 'k'.repeat(5_000) }],
  ['idempotency-key utf-8 bytes', { 'idempotency-key': utf8Bytes('ключ-я') }],
  ['idempotency-key empty', { 'idempotency-key': '' }],
  ['x-forwarded-for junk', { 'x-forwarded-for': 'junk, 999.1.1.1, ::ffff:1.2.3.4' }],
  ['x-forwarded-host', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }],
  ['cookie junk', { cookie: 'makon_session=junk; makon_csrf=%; makon_lang=xx' }],
  [
    'cookie utf-8 bytes',
    { cookie: `makon_session=${utf8Bytes('я')}; makon_lang=${utf8Bytes('ру')}` },
  ],
  ['cookie long', { cookie: `makon_session=${'c'.repeat(7_000)}` }],
  ['if-none-match', { 'if-none-match': '*', 'if-modified-since': 'junk' }],
  ['range', { range: 'bytes=0-1,5-6' }],
];

/** A string's UTF-8 bytes as a byte string, so a header carries raw non-ASCII bytes. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** A code unit of a surrogate pair that has no partner (its own code point, invalid in UTF-16). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * encodeURIComponent that does not throw on a lone surrogate: such a code unit is sent as the
 * three bytes it would take in UTF-8 (WTF-8), which the server must refuse or decode somehow.
 * The text between lone surrogates goes through encodeURIComponent whole (the same bytes as one
 * code point at a time: a callback per character cost seconds a run on the 900 KB fields).
 */
export function percentEncode(text: string): string {
  let encoded = '';
  let from = 0;
  for (const match of text.matchAll(LONE_SURROGATE)) {
    const code = match[0].charCodeAt(0);
    const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    encoded += encodeURIComponent(text.slice(from, match.index));
    encoded += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    from = match.index + 1;
  }
  return encoded + encodeURIComponent(text.slice(from));
}
