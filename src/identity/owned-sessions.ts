import { EntityManager } from 'typeorm';
import { WriteTx } from '../database';

/** A user's sessions that have not started, and the resources they hold. */
export interface UpcomingSessions {
  readonly resources: readonly string[];
  readonly sessionIds: readonly string[];
}

/**
 * What deactivating a user does to their bookings, implemented by the bookings module (which owns
 * those tables) and called inside the deactivation's own write: `upcoming` as the write's
 * declared `resources` (a read inside the write, before the resource locks), then `cancel`.
 */
export abstract class OwnedSessions {
  /** The user's sessions that have not started, of bookings still pending or confirmed. */
  abstract upcoming(
    manager: EntityManager,
    ownerId: string,
    now: number,
  ): Promise<UpcomingSessions>;

  /** Cancels those sessions (the write declared their resources); how many it cancelled. */
  abstract cancel(tx: WriteTx, upcoming: UpcomingSessions, now: number): Promise<number>;

  /** How many sessions a deactivation would cancel now (told before a deactivation). */
  abstract countUpcoming(manager: EntityManager, ownerId: string, now: number): Promise<number>;
}
