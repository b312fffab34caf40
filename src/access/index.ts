/**
 * The public surface of src/access: who is calling (Principal) and the routes' access rules
 * (`@Public`, `@SignedIn`, `@Staff`, `@Roles`), beneath every module. The guard that enforces
 * them, with the users and the signing secret it needs, is in src/identity.
 */
export {
  ACCESS_RULE,
  ALL_ROLES,
  CurrentUser,
  isStaff,
  isStaffOf,
  Public,
  Roles,
  SignedIn,
  Staff,
  STAFF_ROLES,
} from './access';
export type { AccessRule, Principal } from './access';
