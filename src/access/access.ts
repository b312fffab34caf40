import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../identity';

export const ACCESS_RULE = 'makon:access';

export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Anyone may call this route, signed in or not. */
export const Public = () => SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);

/** Only signed-in users with one of these roles may call this route. */
export const Roles = (...roles: Role[]) =>
  SetMetadata(ACCESS_RULE, { public: false, roles } satisfies AccessRule);

export const ALL_ROLES: readonly Role[] = ['member', 'trainer', 'coordinator', 'admin'];
export const STAFF_ROLES: readonly Role[] = ['coordinator', 'admin'];

/** Any signed-in user. */
export const SignedIn = () => Roles(...ALL_ROLES);

/** Coordinators (for their own centers, checked by the service) and admins. */
export const Staff = () => Roles(...STAFF_ROLES);

/** The signed-in caller, as the guard resolved it. */
export interface Principal {
  id: string;
  role: Role;
  name: string;
  /** Centers a coordinator runs; empty for other roles. */
  centerIds: string[];
  /** The signed-in session (its token's id and expiry, epoch ms), which signing out ends. */
  session?: { id: string; expiresAt: number };
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

/** Admins manage every center; coordinators the ones they run. */
export function isStaffOf(principal: Principal, centerId: string): boolean {
  return (
    principal.role === 'admin' ||
    (principal.role === 'coordinator' && principal.centerIds.includes(centerId))
  );
}

export function isStaff(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'coordinator';
}
