import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, LessThanOrEqual, MoreThan } from 'typeorm';
import { AuditLog } from '../../audit-log';
import { resourcesOf } from '../booking-context';
import { AllocationEntity, BookingEntity, OccurrenceEntity } from '../booking.entity';
import { ChangedSessionView } from '../bookings.dto';
import { BookingsService } from '../bookings.service';
import { lockAndReleaseNoShows } from '../no-shows';
import { endAllocation } from '../occurrence-writes';
import { CentersService } from '../../centers';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { WriteTransactions } from '../../database';
import { isStaffOf, Principal } from '../../access';
import { ResourceEntity } from '../../resources';
import { checkInOpensAt, isDueNoShow, MINUTE_MS } from '../../scheduling';
import { checkInTransition, checkOutTransition } from './check-in-rules';

/** Check-in and check-out of sessions, by their owner or the center's staff. */
@Injectable()
export class CheckInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly bookings: BookingsService,
    private readonly centers: CentersService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async checkIn(caller: Principal, occurrenceId: string): Promise<ChangedSessionView> {
    const booking = await this.bookingOfSession(caller, occurrenceId);
    const now = this.clock.now();
    await this.writes.run(async (manager) => {
      await lockAndReleaseNoShows(this.writes, manager, resourcesOf(booking), now);
      const context = await this.bookings.contextOf(booking, manager);
      const state = {
        booking: await manager.getRepository(BookingEntity).findOneByOrFail({ id: booking.id }),
        occurrence: await manager
          .getRepository(OccurrenceEntity)
          .findOneByOrFail({ id: occurrenceId }),
        checkInRequired: context.resource.checkInRequired,
        policy: context.center.policy,
        zone: context.center.timezone,
      };
      if (checkInTransition(state, now) === 'unchanged') return;
      await manager.update(
        OccurrenceEntity,
        { id: occurrenceId, status: 'booked' },
        { status: 'checked_in', checkedInAt: now },
      );
      await this.recordOnBehalf(manager, caller, booking, occurrenceId, 'checked_in');
    });
    return this.bookings.sessionView(booking.id, occurrenceId);
  }

  /** Staff acting for someone leave an audit entry; people checking themselves in do not. */
  private async recordOnBehalf(
    manager: EntityManager,
    caller: Principal,
    booking: BookingEntity,
    occurrenceId: string,
    what: 'checked_in' | 'checked_out',
  ): Promise<void> {
    if (caller.id === booking.ownerId) return;
    await this.audit.record(manager, {
      actorId: caller.id,
      action:
        what === 'checked_in'
          ? 'occurrence.checked_in_on_behalf'
          : 'occurrence.checked_out_on_behalf',
      targetType: 'occurrence',
      targetId: occurrenceId,
      centerId: booking.centerId,
      details: { bookingId: booking.id, ownerId: booking.ownerId },
    });
  }

  /** Checks the session out; what it holds ends at the next whole minute and is free at once. */
  async checkOut(caller: Principal, occurrenceId: string): Promise<ChangedSessionView> {
    const booking = await this.bookingOfSession(caller, occurrenceId);
    const now = this.clock.now();
    await this.writes.run(async (manager) => {
      await lockAndReleaseNoShows(this.writes, manager, resourcesOf(booking), now);
      const occurrence = await manager
        .getRepository(OccurrenceEntity)
        .findOneByOrFail({ id: occurrenceId });
      if (checkOutTransition(occurrence, now) === 'unchanged') return;
      await manager.update(
        OccurrenceEntity,
        { id: occurrenceId, status: 'checked_in' },
        { status: 'checked_out', checkedOutAt: now },
      );
      const held = await manager
        .getRepository(AllocationEntity)
        .findBy({ occurrenceId, active: true });
      for (const allocation of held) await endAllocation(manager, allocation, now);
      await this.recordOnBehalf(manager, caller, booking, occurrenceId, 'checked_out');
    });
    return this.bookings.sessionView(booking.id, occurrenceId);
  }

  /**
   * The caller's session on the resource that a scan of its QR code checks in now: one whose
   * window is open (a `booked` one before one already checked in), or null.
   */
  async openSessionOf(caller: Principal, resource: ResourceEntity): Promise<string | null> {
    const now = this.clock.now();
    const center = await this.centers.getEntity(resource.centerId);
    const bookings = await this.dataSource
      .getRepository(BookingEntity)
      .findBy({ ownerId: caller.id, resourceId: resource.id, status: 'confirmed' });
    if (bookings.length === 0) return null;
    const sessions = await this.dataSource.getRepository(OccurrenceEntity).find({
      where: {
        bookingId: In(bookings.map((b) => b.id)),
        status: In(['booked', 'checked_in']),
        startMs: LessThanOrEqual(now + center.policy.checkInOpensMinutes * MINUTE_MS),
        endMs: MoreThan(now),
      },
      order: { startMs: 'ASC' },
    });
    const open = sessions.filter(
      (s) =>
        s.status === 'checked_in' ||
        (checkInOpensAt(s.startMs, center.policy) <= now &&
          !isDueNoShow({ ...s, checkInRequired: resource.checkInRequired }, center.policy, now)),
    );
    const pick = open.find((s) => s.status === 'booked') ?? open[0];
    return pick?.id ?? null;
  }

  /**
   * The booking of the session if the caller may check it in or out: its owner, the center's
   * staff. Someone else's session is 404, except to a coordinator (of another center): 403.
   */
  private async bookingOfSession(caller: Principal, occurrenceId: string): Promise<BookingEntity> {
    const occurrence = await this.dataSource
      .getRepository(OccurrenceEntity)
      .findOneBy({ id: occurrenceId });
    const booking =
      occurrence &&
      (await this.dataSource.getRepository(BookingEntity).findOneBy({ id: occurrence.bookingId }));
    if (!booking) throw new DomainError('NOT_FOUND', `No session ${occurrenceId}`);
    // Like its booking, someone else's session does not exist for those who may not see it.
    if (booking.ownerId === caller.id || isStaffOf(caller, booking.centerId)) return booking;
    throw new DomainError('NOT_FOUND', `No session ${occurrenceId}`);
  }

  /** 404 unless the session exists and the caller could act on it or is staff (route lookup). */
  async assertSessionVisible(caller: Principal, occurrenceId: string): Promise<void> {
    await this.bookingOfSession(caller, occurrenceId);
  }
}
