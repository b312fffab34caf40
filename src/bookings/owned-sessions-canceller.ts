import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { WriteTransactions } from '../database';
import { OwnedSessions } from '../identity';
import { BookingEntity, OccurrenceEntity } from './booking.entity';
import { resourcesOf } from './booking-context';
import { cancelOccurrences, saveBooking, settleStatus } from './occurrence-writes';

/** Frees the slots of a deactivated user: their sessions that have not started are cancelled. */
@Injectable()
export class OwnedSessionsCanceller extends OwnedSessions {
  constructor(private readonly writes: WriteTransactions) {
    super();
  }

  async cancelUpcoming(manager: EntityManager, ownerId: string, now: number): Promise<number> {
    const upcoming = await upcomingOf(manager, ownerId, now).getMany();
    if (upcoming.length === 0) return 0;
    const bookings = await manager
      .getRepository(BookingEntity)
      .findBy({ id: In([...new Set(upcoming.map((o) => o.bookingId))]) });
    await this.writes.lockResources(manager, bookings.flatMap(resourcesOf));
    await cancelOccurrences(manager, upcoming, now);
    for (const bookingId of new Set(upcoming.map((o) => o.bookingId))) {
      if (!(await settleStatus(manager, bookingId, now)))
        await saveBooking(manager, bookingId, now);
    }
    return upcoming.length;
  }

  countUpcoming(manager: EntityManager, ownerId: string, now: number): Promise<number> {
    return upcomingOf(manager, ownerId, now).getCount();
  }
}

/** The owner's sessions that have not started, of bookings still pending or confirmed. */
function upcomingOf(manager: EntityManager, ownerId: string, now: number) {
  return manager
    .getRepository(OccurrenceEntity)
    .createQueryBuilder('o')
    .innerJoin(BookingEntity, 'b', 'b.id = o.bookingId')
    .where('b.ownerId = :ownerId', { ownerId })
    .andWhere('b.status IN (:...statuses)', { statuses: ['pending', 'confirmed'] })
    .andWhere('o.status = :booked', { booked: 'booked' })
    .andWhere('o.startMs > :now', { now });
}
