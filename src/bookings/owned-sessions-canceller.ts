import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WriteTx } from '../database';
import { OwnedSessions, UpcomingSessions } from '../identity';
import { BookingsRepository, resourcesOf } from './bookings.repository';

/** Frees the slots of a deactivated user: their sessions that have not started are cancelled. */
@Injectable()
export class OwnedSessionsCanceller extends OwnedSessions {
  constructor(private readonly repository: BookingsRepository) {
    super();
  }

  async upcoming(manager: EntityManager, ownerId: string, now: number): Promise<UpcomingSessions> {
    const sessions = await this.repository.upcomingSessionsOf(manager, ownerId, now);
    const bookings = await this.repository.bookingsByIds(
      sessions.map((o) => o.bookingId),
      manager,
    );
    return {
      resources: [...new Set(bookings.flatMap(resourcesOf))],
      sessionIds: sessions.map((o) => o.id),
    };
  }

  async cancel(tx: WriteTx, upcoming: UpcomingSessions, now: number): Promise<number> {
    const sessions = (await this.repository.sessionsByIds(upcoming.sessionIds, tx.manager)).filter(
      (o) => o.status === 'booked' && o.startMs > now,
    );
    if (sessions.length === 0) return 0;
    const bookings = await this.repository.bookingsByIds(
      sessions.map((o) => o.bookingId),
      tx.manager,
    );
    for (const booking of bookings) {
      const own = sessions.filter((o) => o.bookingId === booking.id);
      await this.repository.cancelSessions(tx, booking, own, now);
      if (!(await this.repository.settleStatus(tx, booking.id, now))) {
        await this.repository.saveBooking(tx, booking.id, now);
      }
    }
    return sessions.length;
  }

  countUpcoming(manager: EntityManager, ownerId: string, now: number): Promise<number> {
    return this.repository.countUpcomingSessionsOf(manager, ownerId, now);
  }
}
