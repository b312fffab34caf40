import type { Principal } from '../access';

/**
 * API.md answers 404 before 403: a caller refused by a route's role rule is first told whether
 * the things named in the path exist (and are visible to them). The guard asks this; the app
 * module provides the implementation, which asks each feature's service.
 */
export abstract class RouteTargets {
  /** Throws NOT_FOUND when a thing named by the path parameters is missing or hidden from the caller. */
  abstract assertVisible(caller: Principal, params: Record<string, string>): Promise<void>;
}
