import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../common/config';
import { NotificationsService } from '../../notifications';
import {
  CSRF_COOKIE,
  csrfBindingOf,
  csrfTokenFor,
  LANGUAGE_COOKIE,
  newCsrfSecret,
  parseCookies,
  serializeCookie,
  SESSION_COOKIE,
  SigningSecret,
  UsersService,
} from '../../identity';
import { Principal } from '../../access';
import { isLocale, Locale, localeFromAcceptLanguage, Translate, translator } from '../i18n';

/** What every page needs to render: who is asking, in which language, and the form token. */
export interface WebContext {
  principal?: Principal;
  locale: Locale;
  t: Translate;
  /** The hidden `_csrf` value of every form on the page. */
  csrfToken: string;
  /** The path and query of this request, where a language switch comes back to. */
  path: string;
  /** Whether cookies must be `Secure` (PUBLIC_URL is https). */
  secureCookies: boolean;
  /** The signed-in person's unread notifications, for the bell in the header. */
  unreadNotifications?: number;
}

export type WebRequest = FastifyRequest & { principal?: Principal; webContext?: WebContext };

/** Adds a Set-Cookie header without dropping the ones already set on this reply. */
export function appendCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list =
    existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  void reply.header('set-cookie', [...list, cookie]);
}

@Injectable()
export class WebContextFactory {
  private readonly csrfKey: Buffer;

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    secret: SigningSecret,
    private readonly notifications: NotificationsService,
  ) {
    this.csrfKey = secret.derive('csrf');
  }

  get secureCookies(): boolean {
    return this.config.publicUrl.startsWith('https:');
  }

  async create(request: WebRequest, reply: FastifyReply): Promise<WebContext> {
    const cookies = parseCookies(request.headers.cookie);
    const principal = request.principal ?? (await this.optionalPrincipal(cookies[SESSION_COOKIE]));
    let secret = cookies[CSRF_COOKIE];
    if (!secret) {
      secret = newCsrfSecret();
      appendCookie(
        reply,
        serializeCookie(CSRF_COOKIE, secret, { secure: this.secureCookies, sameSite: 'Lax' }),
      );
    }
    const locale = await this.localeOf(principal, cookies[LANGUAGE_COOKIE], request);
    // Signed in, the forms' token is bound to the session; before sign-in, to this browser.
    const binding = csrfBindingOf(principal?.session, secret)!;
    return {
      principal,
      locale,
      t: translator(locale),
      csrfToken: csrfTokenFor(binding, this.csrfKey),
      path: request.url,
      secureCookies: this.secureCookies,
      // The bell's count; a page still renders when it cannot be read (an error page, say).
      unreadNotifications: principal
        ? await this.notifications.unread(principal.id).catch(() => undefined)
        : undefined,
    };
  }

  /** A signed-in user's saved language wins; then the browser's cookie, its header, Uzbek. */
  private async localeOf(
    principal: Principal | undefined,
    cookie: string | undefined,
    request: FastifyRequest,
  ): Promise<Locale> {
    if (principal) {
      const user = await this.users.getEntity(principal.id).catch(() => undefined);
      if (user && isLocale(user.locale)) return user.locale;
    }
    if (isLocale(cookie)) return cookie;
    return localeFromAcceptLanguage(request.headers['accept-language']) ?? 'uz';
  }

  /** The user behind the session cookie on a public page (the login form), if it is valid. */
  private async optionalPrincipal(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    return this.users.authenticate(token).catch(() => undefined);
  }
}
