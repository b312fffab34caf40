import { SetMetadata } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The web pages sign in with a cookie instead of a bearer header. The cookie holds the same
 * signed token the API issues, so one check (UsersService.authenticate: signature, expiry,
 * revocation) serves both. Forms carry a CSRF token: an HMAC of a random per-browser cookie, so
 * another site can neither read nor forge it, and it works before sign-in (the login form) too.
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

export function csrfTokenFor(secret: string, key: string): string {
  return createHmac('sha256', key).update(`csrf:${secret}`).digest('base64url');
}

export function isValidCsrfToken(secret: string | undefined, token: unknown, key: string): boolean {
  if (!secret || typeof token !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(secret, key));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
