import { safeNextPath } from './web-result';

const BASE = 'https://makon.example/admin/bookings?page=2';
const ORIGIN = new URL(BASE).origin;

/** Values a visitor may send as `next`: none may leave the site or carry a byte a header refuses. */
const HOSTILE = [
  '//evil.example',
  '//evil.example/path',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/ /evil.example',
  '/%09/evil.example', // no control character itself, but is kept: it stays on the site
  'http://evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  'data:text/html,x',
  'evil.example',
  '',
  '?x=1',
  '#top',
  '/me\r\nSet-Cookie: x=1',
  '/me\nx',
  '/me\rx',
  '/\u2028x',
  '/\u2029x',
  '/\u0085x',
  '/я',
  '/\u0430dmin', // Cyrillic а
  '/é',
  '/\u00a0x',
  '/\u0000x',
  '/\u007fx',
  '/x\ty',
  '/x y',
  '/a//b',
  '/a/\\b',
  '/\ud800',
  '/\u{1F600}',
  '/.//evil.example',
  '/./\\evil.example',
];

/** Paths on this site that must be kept as they are. */
const SAFE = [
  '/',
  '/me',
  '/admin/bookings?page=2&status=pending',
  '/login?next=%2Fme',
  '/book?center=1#form',
  '/%09/evil.example',
  '/a/b/c',
  "/x?q=a'b",
];

describe('safeNextPath', () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))(
    'never leaves the site nor keeps an unsafe byte: %s',
    (_label, value) => {
      const kept = safeNextPath(value, '/fallback');
      expect(new URL(kept, BASE).origin).toBe(ORIGIN);
      expect(kept).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      expect(kept).not.toMatch(/\/\/|\\/);
    },
  );

  it.each(
    HOSTILE.filter((value) => value !== '/%09/evil.example').map((value) => [
      JSON.stringify(value),
      value,
    ]),
  )('falls back for %s', (_label, value) => {
    expect(safeNextPath(value, '/fallback')).toBe('/fallback');
  });

  it.each(SAFE)('keeps %s', (value) => {
    expect(safeNextPath(value, '/fallback')).toBe(value);
    expect(new URL(value, BASE).origin).toBe(ORIGIN);
  });

  it('falls back for anything but a string', () => {
    for (const value of [undefined, null, 1, ['/me'], { toString: () => '/me' }]) {
      expect(safeNextPath(value, '/fallback')).toBe('/fallback');
    }
  });
});
