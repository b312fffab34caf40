import { Body, Get, Inject, Ip, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CentersService } from '../../centers';
import { APP_CONFIG, AppConfig } from '../../common/config';
import { DomainError } from '../../common/domain-error';
import { PagingQuery } from '../../common/pagination';
import {
  OrganizationsService,
  SelfSignupService,
  serializeCookie,
  SESSION_COOKIE,
  SignupInput,
} from '../../identity';
import { Public } from '../../access';
import { checkedInput } from '../shared/page-input';
import { homeOf } from './auth.controller';
import { field, FormBody } from '../shared/form';
import { formProblem } from '../shared/form-fields';
import { Html } from '../shared/html';
import { FormState } from '../people/people.view';
import { SIGNUP_RULES, signupPage } from './signup.view';
import { appendCookie, WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, WebResult } from '../shared/web-result';

const ALL = Object.assign(new PagingQuery(), { limit: 500, offset: 0 });

/** The form's values as typed, without the password (never sent back to the browser). */
function typedWithoutPassword(form: FormBody): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['name', 'email', 'phone', 'centerId', 'organizationId', 'locale']) {
    const value = field(form, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Self sign-up (SELF_SIGNUP): a person creates their own member account and is signed in. When
 * the network does not allow it, `/signup` is no page at all (404). The same service as
 * `POST /api/v1/auth/signup`, with the same limit per client address.
 */
@WebController('signup')
export class SignupController {
  constructor(
    private readonly signup: SelfSignupService,
    private readonly centers: CentersService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async form(@Page() ctx: WebContext): Promise<WebResult> {
    this.signup.assertEnabled();
    if (ctx.principal) return new Redirect(homeOf(ctx.principal));
    return this.page(ctx, { values: { locale: ctx.locale } });
  }

  @Public()
  @Post()
  async create(
    @Page() ctx: WebContext,
    @Body() form: FormBody,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebResult> {
    this.signup.assertEnabled();
    if (ctx.principal) return new Redirect(homeOf(ctx.principal));
    let accessToken: string;
    try {
      const input = await checkedInput(SignupInput, {
        ...typedWithoutPassword(form),
        password: field(form, 'password') ?? '',
      });
      accessToken = (await this.signup.signUp(input, address)).accessToken;
    } catch (error) {
      const problem = formProblem(error, SIGNUP_RULES);
      // A refusal for too many attempts says when to try again (Retry-After), as the API does.
      if (error instanceof DomainError) {
        for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
      }
      return new PageResponse(
        problem.status,
        await this.page(ctx, { values: typedWithoutPassword(form), problem }),
      );
    }
    appendCookie(
      reply,
      serializeCookie(SESSION_COOKIE, accessToken, {
        secure: ctx.secureCookies,
        sameSite: 'Lax',
        maxAgeSeconds: this.config.tokenTtlHours * 3600,
      }),
    );
    return new Redirect('/me?done=signedUp');
  }

  private async page(ctx: WebContext, state: FormState): Promise<Html> {
    const [centers, organizations] = await Promise.all([
      this.centers.allEntities(),
      this.organizations.list(ALL),
    ]);
    return signupPage(ctx, {
      centers: centers.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name })),
      organizations: organizations.items,
      state,
    });
  }
}
