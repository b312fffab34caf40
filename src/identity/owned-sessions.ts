import { EntityManager } from 'typeorm';

/**
 * What deactivating a user does to their bookings, implemented by the bookings module (which owns
 * those tables) and called inside the deactivation's own write transaction.
 */
export abstract class OwnedSessions {
  /** Cancels every session of the user's bookings that has not started; how many it cancelled. */
  abstract cancelUpcoming(manager: EntityManager, ownerId: string, now: number): Promise<number>;

  /** How many sessions `cancelUpcoming` would cancel now (told before a deactivation). */
  abstract countUpcoming(manager: EntityManager, ownerId: string, now: number): Promise<number>;
}
