import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { ACCESS_RULE, AccessRule, Principal } from '../access';
import { RouteTargets } from './route-targets';
import { SigningSecret } from './signing-secret';
import { UsersService } from './users.service';
import { validateBeforeRefusing } from './validate-first';
import {
  CSRF_COOKIE,
  CSRF_FIELD,
  csrfBindingOf,
  isValidCsrfToken,
  parseCookies,
  SESSION_COOKIE,
  WEB_PAGE,
} from './web-session';

type GuardedRequest = FastifyRequest & { principal?: Principal };

/**
 * Deny by default: a route without `@Public()` or `@Roles()` is refused, so a forgotten
 * declaration closes a route instead of opening it (test/routes.e2e-spec.ts also fails on it).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly csrfKey: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
    private readonly targets: RouteTargets,
    secret: SigningSecret,
  ) {
    this.csrfKey = secret.derive('csrf');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new DomainError('FORBIDDEN', 'This route declares no access rule');
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const isPage = this.reflector.getAllAndOverride<boolean | undefined>(WEB_PAGE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPage) return this.admitPage(context, rule, request);
    if (rule.public) return true;
    const principal = await this.refusingUnauthenticated(context, () =>
      this.authenticate(request.headers.authorization),
    );
    return this.admit(context, rule, request, principal);
  }

  /**
   * A page: signed in by the session cookie. A form post (anything but GET and HEAD) must carry
   * the CSRF token of its session (or, without one, of the browser's cookie), checked before the
   * route runs, sign-in included: a forged form changes nothing.
   */
  private async admitPage(
    context: ExecutionContext,
    rule: AccessRule,
    request: GuardedRequest,
  ): Promise<boolean> {
    const unsafe = request.method !== 'GET' && request.method !== 'HEAD';
    // A public page read needs nothing here; its page context finds the session, if any.
    if (rule.public && !unsafe) return true;
    const cookies = parseCookies(request.headers.cookie);
    const principal = rule.public
      ? await this.optionalSession(cookies[SESSION_COOKIE])
      : await this.refusingUnauthenticated(context, () =>
          this.authenticateSession(cookies[SESSION_COOKIE]),
        );
    if (unsafe) {
      const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      const binding = csrfBindingOf(principal?.session, cookies[CSRF_COOKIE]);
      if (!isValidCsrfToken(binding, sent, this.csrfKey)) {
        throw new DomainError('FORBIDDEN', 'The form is missing its CSRF token or it has expired', {
          reason: 'csrf',
        });
      }
    }
    if (rule.public) {
      if (principal) request.principal = principal;
      return true;
    }
    return this.admit(context, rule, request, principal!);
  }

  private async admit(
    context: ExecutionContext,
    rule: AccessRule,
    request: GuardedRequest,
    principal: Principal,
  ): Promise<boolean> {
    if (!rule.public && !rule.roles.includes(principal.role)) {
      await validateBeforeRefusing(context);
      await this.targets.assertVisible(principal, request.params as Record<string, string>);
      throw new DomainError('FORBIDDEN', `A ${principal.role} may not do this`);
    }
    request.principal = principal;
    return true;
  }

  /** The principal, or (a malformed request told first that it is malformed) the refusal. */
  private async refusingUnauthenticated(
    context: ExecutionContext,
    authenticate: () => Promise<Principal>,
  ): Promise<Principal> {
    try {
      return await authenticate();
    } catch (refusal) {
      await validateBeforeRefusing(context);
      throw refusal;
    }
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const token = bearerToken(header);
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Sign in: no bearer token was sent');
    return this.users.authenticate(token);
  }

  private async authenticateSession(token: string | undefined): Promise<Principal> {
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Sign in: no session cookie was sent');
    return this.users.authenticate(token);
  }

  /** The session's user on a public page (sign-in, sign-out, language), when it is valid. */
  private async optionalSession(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    return this.users.authenticate(token).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') return undefined;
      throw error;
    });
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
