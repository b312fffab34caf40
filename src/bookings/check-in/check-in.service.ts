import { Injectable } from '@nestjs/common';
import { BookingEntity } from '../booking.entity';
import { BookingsRepository } from '../bookings.repository';
import { BookingsService } from '../bookings.service';
import { ChangedSessionView } from '../bookings.dto';
import { resourcesOf } from '../booking-context';
import { releaseDueNoShows } from '../no-shows';
import { CentersService } from '../../centers';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { WriteTransactions, WriteTx } from '../../database';
import { isStaffOf, Principal } from '../../access';
import { ResourceEntity } from '../../resources';
import { checkInOpensAt, isDueNoShow, MINUTE_MS } from '../../scheduling';
import { checkInTransition, checkOutTransition } from './check-in-rules';

/** Check-in and check-out of sessions, by their owner or the center's staff. */
@Injectable()
export class CheckInService {
  constructor(
    private readonly repository: BookingsRepository,
    private readonly writes: WriteTransactions,
    private readonly bookings: BookingsService,
    private readonly centers: CentersService,
    private readonly clock: Clock,
  ) {}

  async checkIn(caller: Principal, occurrenceId: string): Promise<ChangedSessionView> {
    const booking = await this.bookingOfSession(caller, occurrenceId);
    const now = this.clock.now();
    await this.writes.run({ resources: resourcesOf(booking) }, async (tx) => {
      const manager = tx.manager;
      await releaseDueNoShows(this.repository, tx, now);
      const context = await this.bookings.contextOf(booking, manager);
      const state = {
        booking: await this.repository.getBooking(booking.id, manager),
        occurrence: await this.repository.getSession(occurrenceId, undefined, manager),
        checkInRequired: context.resource.checkInRequired,
        policy: context.center.policy,
        zone: context.center.timezone,
      };
      if (checkInTransition(state, now) === 'unchanged') return;
      await this.repository.markCheckedIn(tx, occurrenceId, now);
      this.recordOnBehalf(tx, caller, booking, occurrenceId, 'checked_in');
    });
    return this.bookings.changedSessionView(booking.id, occurrenceId);
  }

  /** Staff acting for someone leave an audit entry; people checking themselves in do not. */
  private recordOnBehalf(
    tx: WriteTx,
    caller: Principal,
    booking: BookingEntity,
    occurrenceId: string,
    what: 'checked_in' | 'checked_out',
  ): void {
    if (caller.id === booking.ownerId) return;
    tx.audit({
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
    await this.writes.run({ resources: resourcesOf(booking) }, async (tx) => {
      await releaseDueNoShows(this.repository, tx, now);
      const session = await this.repository.getSession(occurrenceId, undefined, tx.manager);
      if (checkOutTransition(session, now) === 'unchanged') return;
      await this.repository.markCheckedOut(tx, booking, occurrenceId, now);
      this.recordOnBehalf(tx, caller, booking, occurrenceId, 'checked_out');
    });
    return this.bookings.changedSessionView(booking.id, occurrenceId);
  }

  /**
   * The caller's session on the resource that a scan of its QR code checks in now: one whose
   * window is open (a `booked` one before one already checked in), or null.
   */
  async openSessionOf(caller: Principal, resource: ResourceEntity): Promise<string | null> {
    return (await this.openSessionFor(caller, resource))?.id ?? null;
  }

  /** The same session as `openSessionOf`, with its state and times (for the QR page). */
  async openSessionFor(
    caller: Principal,
    resource: ResourceEntity,
  ): Promise<{ id: string; status: string; startMs: number; endMs: number } | null> {
    const now = this.clock.now();
    const center = await this.centers.getEntity(resource.centerId);
    const bookings = await this.repository.confirmedBookingsOf(caller.id, resource.id);
    if (bookings.length === 0) return null;
    const sessions = await this.repository.sessionsOpenBy(
      bookings.map((b) => b.id),
      now + center.policy.checkInOpensMinutes * MINUTE_MS,
      now,
    );
    const open = sessions.filter(
      (s) =>
        s.status === 'checked_in' ||
        (checkInOpensAt(s.startMs, center.policy) <= now &&
          !isDueNoShow({ ...s, checkInRequired: resource.checkInRequired }, center.policy, now)),
    );
    const pick = open.find((s) => s.status === 'booked') ?? open[0];
    return pick
      ? { id: pick.id, status: pick.status, startMs: pick.startMs, endMs: pick.endMs }
      : null;
  }

  /**
   * The booking of the session if the caller may check it in or out: its owner, the center's
   * staff. Someone else's session is 404, except to a coordinator (of another center): 403.
   */
  private async bookingOfSession(caller: Principal, occurrenceId: string): Promise<BookingEntity> {
    const occurrence = await this.repository.findSession(occurrenceId);
    const booking = occurrence && (await this.repository.findBooking(occurrence.bookingId));
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
