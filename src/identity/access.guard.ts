import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { ACCESS_RULE, AccessRule, Principal } from './access';
import { APP_CONFIG, AppConfig } from '../common/config';
import { RouteTargets } from './route-targets';
import { UsersService } from './users.service';
import { validateBeforeRefusing } from './validate-first';
import {
  CSRF_COOKIE,
  CSRF_FIELD,
  isValidCsrfToken,
  parseCookies,
  SESSION_COOKIE,
  WEB_PAGE,
} from './web-session';

/**
 * Deny by default: a route without `@Public()` or `@Roles()` is refused, so a forgotten
 * declaration closes a route instead of opening it (test/routes.e2e-spec.ts also fails on it).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
    private readonly targets: RouteTargets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new DomainError('FORBIDDEN', 'This route declares no access rule');
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const isPage = this.reflector.getAllAndOverride<boolean | undefined>(WEB_PAGE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const cookies = isPage ? parseCookies(request.headers.cookie) : {};
    // Checked before anything else, sign-in included: a forged form changes nothing.
    if (isPage && request.method !== 'GET' && request.method !== 'HEAD') {
      const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (!isValidCsrfToken(cookies[CSRF_COOKIE], sent, this.config.jwtSecret)) {
        throw new DomainError('FORBIDDEN', 'The form is missing its CSRF token or it has expired', {
          reason: 'csrf',
        });
      }
    }
    if (rule.public) return true;
    let principal: Principal;
    try {
      principal = isPage
        ? await this.authenticateSession(cookies[SESSION_COOKIE])
        : await this.authenticate(request.headers.authorization);
    } catch (refusal) {
      await validateBeforeRefusing(context);
      throw refusal;
    }
    if (!rule.roles.includes(principal.role)) {
      await validateBeforeRefusing(context);
      await this.targets.assertVisible(principal, request.params as Record<string, string>);
      throw new DomainError('FORBIDDEN', `A ${principal.role} may not do this`);
    }
    request.principal = principal;
    return true;
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
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
