import { SetMetadata } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The web pages sign in with a cookie instead of a bearer header. The cookie holds the same
 * signed token the API issues, so one check (UsersService.authenticate: signature, expiry,
 * revocation) serves both. Forms carry a CSRF token, an HMAC that another site can neither read
 * nor forge: signed in, of the session's id, so a token fetched under one session is worth
 * nothing under another; before sign-in (the sign-in form, the language switch), of a random
 * per-browser cookie.
 */
export const SESSION_COOKIE = 'makon_session';
export const CSRF_COOKIE = 'makon_csrf';
export const LANGUAGE_COOKIE = 'makon_lang';
export const CSRF_FIELD = '_csrf';

export const WEB_PAGE = 'makon:web-page';

/** Routes of this controller are pages: the session cookie signs in, forms need the CSRF token. */
export const WebPage = () => SetMetadata(WEB_PAGE, true);

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A cookie that is not valid percent-encoding is ignored, not an error.
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  secure: boolean;
  sameSite: 'Lax' | 'Strict';
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `SameSite=${options.sameSite}`];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function newCsrfSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** What a form's CSRF token is bound to: the signed-in session, or (before sign-in) the browser. */
export type CsrfBinding = { session: string } | { browser: string };

/** The binding of a request: its valid session if it has one, else its CSRF cookie (if any). */
export function csrfBindingOf(
  session: { id: string } | undefined,
  browserSecret: string | undefined,
): CsrfBinding | undefined {
  if (session) return { session: session.id };
  return browserSecret ? { browser: browserSecret } : undefined;
}

export function csrfTokenFor(binding: CsrfBinding, key: Buffer): string {
  const subject =
    'session' in binding ? `session:${binding.session}` : `browser:${binding.browser}`;
  return createHmac('sha256', key).update(`csrf:${subject}`).digest('base64url');
}

export function isValidCsrfToken(
  binding: CsrfBinding | undefined,
  token: unknown,
  key: Buffer,
): boolean {
  if (!binding || typeof token !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(binding, key));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
