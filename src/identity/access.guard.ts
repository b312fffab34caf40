import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { ACCESS_RULE, AccessRule, Principal } from './access';
import { RouteTargets } from './route-targets';
import { UsersService } from './users.service';
import { validateBeforeRefusing } from './validate-first';

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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new DomainError('FORBIDDEN', 'This route declares no access rule');
    if (rule.public) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    let principal: Principal;
    try {
      principal = await this.authenticate(request.headers.authorization);
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
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
