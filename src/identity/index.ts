/** The public surface of src/identity: what other modules may import (docs/development.md). */
export { AccessGuard } from './access.guard';
export { IdentityModule } from './identity.module';
export { OrganizationsService } from './organizations.service';
export { OwnedSessions } from './owned-sessions';
export type { UpcomingSessions } from './owned-sessions';
export { hashPassword, temporaryPassword } from './passwords';
export { RouteTargets } from './route-targets';
export { SelfSignupService } from './self-signup.service';
export { SigningSecret } from './signing-secret';
export type { SecretSource } from './signing-secret';
export { mayManageRole, UserManagementService } from './user-management.service';
export { OrganizationEntity, ROLES, UserEntity } from './user.entity';
export type { Locale, Role } from './user.entity';
export {
  CreateUserInput,
  OrganizationInput,
  OrganizationQuery,
  SignupInput,
  UpdateUserInput,
  UserQuery,
} from './users.dto';
export type { OrganizationView, UserView } from './users.dto';
export { UsersService } from './users.service';
export {
  CSRF_COOKIE,
  CSRF_FIELD,
  csrfBindingOf,
  csrfTokenFor,
  LANGUAGE_COOKIE,
  newCsrfSecret,
  parseCookies,
  serializeCookie,
  SESSION_COOKIE,
  WebPage,
} from './web-session';
