import { Body, Get, Headers, Inject, Ip, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../common/config';
import { DomainError, validationError } from '../../common/domain-error';
import {
  LANGUAGE_COOKIE,
  parseCookies,
  serializeCookie,
  SESSION_COOKIE,
  UserManagementService,
  UsersService,
} from '../../identity';
import { isStaff, Principal, Public, SignedIn } from '../../access';
import { field, FormBody } from '../shared/form';
import { isLocale } from '../i18n';
import { appendCookie, WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, safeNextPath, WebResult } from '../shared/web-result';
import { loginPage } from './auth.view';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The start of the site for someone: staff run the day, members see their bookings. */
export function homeOf(principal: Principal): string {
  return isStaff(principal) ? '/admin' : '/me';
}

/** Sign-in, sign-out, the language switch, and `/` sending each user to their start page. */
@WebController()
export class AuthPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly management: UserManagementService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @SignedIn()
  @Get()
  home(@Page() ctx: WebContext): WebResult {
    return new Redirect(homeOf(ctx.principal!));
  }

  @Public()
  @Get('login')
  loginForm(@Page() ctx: WebContext, @Query('next') next?: string): WebResult {
    if (ctx.principal) return new Redirect(safeNextPath(next, homeOf(ctx.principal)));
    return loginPage(ctx, next, '', undefined, this.config.selfSignup);
  }

  @Public()
  @Post('login')
  async login(
    @Page() ctx: WebContext,
    @Body() form: FormBody,
    @Ip() address: string,
    @Headers('cookie') cookieHeader: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebResult> {
    const email = field(form, 'email') ?? '';
    const next = field(form, 'next');
    let signedIn: Awaited<ReturnType<UsersService['login']>>;
    try {
      signedIn = await this.users.login(email, field(form, 'password') ?? '', address);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const throttled = error.code === 'TOO_MANY_REQUESTS';
      if (!throttled && error.code !== 'INVALID_CREDENTIALS') throw error;
      for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
      return new PageResponse(
        error.status,
        loginPage(
          ctx,
          next,
          email,
          ctx.t(throttled ? 'login.throttled' : 'login.failed'),
          this.config.selfSignup,
        ),
      );
    }
    await this.keepChosenLanguage(signedIn.accessToken, cookieHeader);
    appendCookie(
      reply,
      serializeCookie(SESSION_COOKIE, signedIn.accessToken, {
        secure: ctx.secureCookies,
        sameSite: 'Lax',
        maxAgeSeconds: this.config.tokenTtlHours * 3600,
      }),
    );
    const home =
      signedIn.user.role === 'coordinator' || signedIn.user.role === 'admin' ? '/admin' : '/me';
    return new Redirect(safeNextPath(next, home));
  }

  /**
   * A language picked with the switch before signing in (the cookie) is the person's choice now:
   * it becomes the account's, which would otherwise win over it on every page.
   */
  private async keepChosenLanguage(token: string, cookieHeader: string | undefined) {
    const chosen = parseCookies(cookieHeader)[LANGUAGE_COOKIE];
    if (!isLocale(chosen)) return;
    const principal = await this.users.authenticate(token);
    const user = await this.users.getEntity(principal.id);
    if (user.locale !== chosen) {
      await this.management.update(principal, principal.id, { locale: chosen });
    }
  }

  /** Ends this session on the server too (a shared computer's old cookie opens nothing). */
  @Public()
  @Post('logout')
  async logout(
    @Page() ctx: WebContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebResult> {
    if (ctx.principal) await this.users.endSession(ctx.principal);
    appendCookie(
      reply,
      serializeCookie(SESSION_COOKIE, '', {
        secure: ctx.secureCookies,
        sameSite: 'Lax',
        maxAgeSeconds: 0,
      }),
    );
    return new Redirect('/login');
  }

  /** Remembered in a cookie, and for a signed-in user in their account (used on every device). */
  @Public()
  @Post('lang')
  async language(
    @Page() ctx: WebContext,
    @Body() form: FormBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebResult> {
    const locale = field(form, 'locale');
    if (!isLocale(locale)) throw validationError('locale', 'must be uz, ru or en', 'isIn');
    appendCookie(
      reply,
      serializeCookie(LANGUAGE_COOKIE, locale, {
        secure: ctx.secureCookies,
        sameSite: 'Lax',
        maxAgeSeconds: ONE_YEAR_SECONDS,
      }),
    );
    // A signed-in reader's page language is the account's: the same choice again changes nothing.
    if (ctx.principal && ctx.locale !== locale) {
      await this.management.update(ctx.principal, ctx.principal.id, { locale });
    }
    return new Redirect(safeNextPath(field(form, 'next'), '/'));
  }
}
