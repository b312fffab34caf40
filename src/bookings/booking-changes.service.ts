import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError, validationError } from '../common/domain-error';
import { ClosuresService } from '../centers';
import { sentFields } from '../audit-log';
import { WriteTransactions, WriteTx } from '../database';
import { isStaffOf, Principal } from '../access';
import { backToApproval, cancelledByStaff, decided, outbox } from '../outbox';
import {
  bookingHorizonEnd,
  formatInstant,
  localDateOf,
  localWallOf,
  MINUTE_MS,
  parseRequestMoment,
  parseRequestTime,
  type Session,
  shiftWall,
  wallMinutesBetween,
  wallToInstant,
} from '../scheduling';
import {
  assertCapacity,
  assertHoldable,
  assertSessionsFit,
  BookingContext,
  calendarClashes,
  heldIds,
  needsApproval,
  resourcesOf,
} from './booking-context';
import { BookingEntity, BookingStatus } from './booking.entity';
import {
  BookingView,
  ChangedSessionView,
  MoveOccurrenceInput,
  UpdateBookingInput,
} from './bookings.dto';
import { BookingsService, conflictError } from './bookings.service';
import { bookedConflicts } from './conflict-check';
import { BookingsRepository } from './bookings.repository';
import { releaseDueNoShows } from './no-shows';

/** Changes to existing bookings: details and times, cancellations, moves, approval. */
@Injectable()
export class BookingChangesService {
  constructor(
    private readonly writes: WriteTransactions,
    private readonly bookings: BookingsService,
    private readonly closures: ClosuresService,
    private readonly clock: Clock,
    private readonly repository: BookingsRepository,
  ) {}

  async update(caller: Principal, id: string, input: UpdateBookingInput): Promise<BookingView> {
    const booking = await this.bookings.findVisible(caller, id);
    if (Object.values(input).every((value) => value === undefined)) {
      return (await this.bookings.views([booking]))[0];
    }
    const prepared = await this.bookings.contextOf(booking);
    const zone = prepared.center.timezone;
    const newStart =
      input.start === undefined ? null : parseRequestMoment(input.start, zone, 'start');
    const newEnd = input.end === undefined ? null : parseRequestMoment(input.end, zone, 'end');
    const timesChange = newStart !== null || newEnd !== null;
    assertChangeable(booking);
    if (input.attendees !== undefined) assertCapacity(prepared, input.attendees);
    const now = this.clock.now();
    if (timesChange) {
      assertHoldable(prepared);
      const horizon = bookingHorizonEnd(now, prepared.center.policy);
      if (Math.max(newStart?.instant ?? 0, newEnd?.instant ?? 0) > horizon) {
        throw new DomainError(
          'TOO_FAR_AHEAD',
          `Sessions may end at most ${prepared.center.policy.maxAdvanceDays} days ahead`,
        ).worded('seriesTooFarAhead', { count: prepared.center.policy.maxAdvanceDays });
      }
    }

    const locks = {
      calendar: timesChange ? prepared.center.id : undefined,
      resources: heldIds(prepared),
    };
    const saved = await this.writes.run(locks, async (tx) => {
      const manager = tx.manager;
      await releaseDueNoShows(this.repository, tx, now);
      const current = await this.repository.getBooking(id, manager);
      assertChangeable(current);
      const changes: Partial<BookingEntity> = {
        title: input.title ?? current.title,
        purpose: input.purpose ?? current.purpose,
        attendees: input.attendees ?? current.attendees,
      };
      const context = await this.bookings.refreshContext(manager, prepared);
      if (input.attendees !== undefined) assertCapacity(context, input.attendees);
      if (timesChange) {
        assertHoldable(context);
        const startWall = newStart?.wall ?? current.startLocal;
        const endWall =
          newEnd?.wall ??
          shiftWall(startWall, wallMinutesBetween(current.startLocal, current.endLocal));
        if (wallMinutesBetween(startWall, endWall) <= 0) {
          throw validationError('end', 'must be after start', 'afterField', { other: 'start' });
        }
        await this.shiftSeries(tx, context, current, { startWall, endWall, now });
        Object.assign(changes, {
          startLocal: startWall,
          endLocal: endWall,
          status: statusAfterMove(caller, context, current.status),
        });
      }
      tx.audit({
        actorId: caller.id,
        action: 'booking.updated',
        targetType: 'booking',
        targetId: id,
        centerId: current.centerId,
        details: { fields: sentFields(input) },
      });
      const next = await this.repository.saveBooking(tx, id, now, () => changes);
      await outbox.enqueueAll(tx.manager, backToApproval(id, current.status, next.status), now);
      return next;
    });
    return (await this.bookings.views([saved]))[0];
  }

  /** Cancels every session that has not ended. */
  async cancel(caller: Principal, id: string): Promise<BookingView> {
    const booking = await this.bookings.findVisible(caller, id);
    assertChangeable(booking);
    const now = this.clock.now();
    const saved = await this.writes.run({ resources: resourcesOf(booking) }, async (tx) => {
      await releaseDueNoShows(this.repository, tx, now);
      const current = await this.repository.getBooking(id, tx.manager);
      assertChangeable(current);
      const open = (await this.repository.activeSessions(tx.manager, id)).filter(
        (o) => o.endMs > now,
      );
      if (open.length === 0) {
        throw new DomainError(
          'INVALID_STATE',
          'Every session has ended: nothing is left to cancel',
        ).worded('nothingLeftToCancel');
      }
      await this.repository.cancelSessions(tx, current, open, now);
      await outbox.enqueueAll(tx.manager, cancelledByStaff(caller, current, open), now);
      tx.audit({
        actorId: caller.id,
        action: 'booking.cancelled',
        targetType: 'booking',
        targetId: id,
        centerId: current.centerId,
        details: { sessions: open.length },
      });
      return this.repository.saveBooking(tx, id, now, () => ({ status: 'cancelled' }));
    });
    return (await this.bookings.views([saved]))[0];
  }

  async moveSession(
    caller: Principal,
    bookingId: string,
    occurrenceId: string,
    input: MoveOccurrenceInput,
  ): Promise<ChangedSessionView> {
    const booking = await this.bookings.findVisible(caller, bookingId);
    const prepared = await this.bookings.contextOf(booking);
    const zone = prepared.center.timezone;
    const start = parseRequestTime(input.start, zone, 'start');
    const end = parseRequestTime(input.end, zone, 'end');
    if (end <= start) {
      throw validationError('end', 'must be after start', 'afterField', { other: 'start' });
    }
    await this.assertSessionOf(bookingId, occurrenceId);
    assertChangeable(booking);
    assertHoldable(prepared);
    const now = this.clock.now();
    const session: Session = { start, end, localDate: localDateOf(start, zone) };
    assertSessionsFit(prepared, [session], now);

    const locks = { calendar: prepared.center.id, resources: heldIds(prepared) };
    await this.writes.run(locks, async (tx) => {
      const manager = tx.manager;
      await releaseDueNoShows(this.repository, tx, now);
      const occurrence = await this.repository.getSession(occurrenceId, bookingId, manager);
      if (occurrence.status !== 'booked' || occurrence.startMs <= now) {
        throw new DomainError(
          'INVALID_STATE',
          'Only a session that has not started can be moved',
        ).worded('moveStarted');
      }
      const context = await this.bookings.refreshContext(manager, prepared);
      assertHoldable(context);
      assertSessionsFit(context, [session], now);
      const closures = await this.closures.rulesOf(context.center.id, manager);
      const clashes = [
        ...calendarClashes(context, [session], closures),
        ...(await bookedConflicts(this.repository, manager, [session], context.held, {
          ignoreSessions: new Set([occurrenceId]),
        })),
      ];
      if (clashes.length > 0) throw conflictError(clashes, zone);
      await this.repository.moveSession(tx, booking, occurrenceId, session);
      tx.audit({
        actorId: caller.id,
        action: 'occurrence.moved',
        targetType: 'occurrence',
        targetId: occurrenceId,
        centerId: context.center.id,
        details: {
          bookingId,
          from: formatInstant(occurrence.startMs, zone),
          to: formatInstant(session.start, zone),
        },
      });
      let before = '';
      const next = await this.repository.saveBooking(tx, bookingId, now, (current) => {
        before = current.status;
        return { status: statusAfterMove(caller, context, current.status) };
      });
      await outbox.enqueueAll(tx.manager, backToApproval(bookingId, before, next.status), now);
    });
    return this.bookings.changedSessionView(bookingId, occurrenceId);
  }

  async cancelSession(
    caller: Principal,
    bookingId: string,
    occurrenceId: string,
    scope: 'this' | 'following',
  ): Promise<ChangedSessionView> {
    const booking = await this.bookings.findVisible(caller, bookingId);
    assertChangeable(booking);
    await this.assertSessionOf(bookingId, occurrenceId);
    const now = this.clock.now();
    await this.writes.run({ resources: resourcesOf(booking) }, async (tx) => {
      await releaseDueNoShows(this.repository, tx, now);
      const occurrences = await this.repository.activeSessions(tx.manager, bookingId);
      const target = occurrences.find((o) => o.id === occurrenceId);
      if (!target) {
        throw new DomainError('INVALID_STATE', 'This session is no longer active').worded(
          'sessionInactive',
        );
      }
      if (target.endMs <= now) {
        throw new DomainError('INVALID_STATE', 'This session has already ended').worded(
          'sessionEnded',
        );
      }
      const cancelled =
        scope === 'following' ? occurrences.filter((o) => o.startMs >= target.startMs) : [target];
      await this.repository.cancelSessions(tx, booking, cancelled, now);
      await outbox.enqueueAll(tx.manager, cancelledByStaff(caller, booking, cancelled), now);
      tx.audit({
        actorId: caller.id,
        action: 'occurrence.cancelled',
        targetType: 'occurrence',
        targetId: occurrenceId,
        centerId: booking.centerId,
        details: { bookingId, scope, sessions: cancelled.length },
      });
      if (!(await this.repository.settleStatus(tx, bookingId, now)))
        await this.repository.saveBooking(tx, bookingId, now);
    });
    return this.bookings.changedSessionView(bookingId, occurrenceId);
  }

  approve(caller: Principal, id: string): Promise<BookingView> {
    return this.decide(caller, id, 'confirmed', null);
  }

  reject(caller: Principal, id: string, reason: string): Promise<BookingView> {
    return this.decide(caller, id, 'rejected', reason);
  }

  private async decide(
    caller: Principal,
    id: string,
    status: 'confirmed' | 'rejected',
    reason: string | null,
  ): Promise<BookingView> {
    const booking = await this.bookings.findVisible(caller, id);
    if (!isStaffOf(caller, booking.centerId)) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the center’s coordinators and admins decide requests',
      );
    }
    const now = this.clock.now();
    const saved = await this.writes.run({ resources: resourcesOf(booking) }, async (tx) => {
      const current = await this.repository.getBooking(id, tx.manager);
      if (current.status !== 'pending') {
        throw new DomainError(
          'INVALID_STATE',
          `The booking is ${current.status}, not pending`,
        ).worded('bookingNotPending', { status: current.status });
      }
      if (status === 'rejected') {
        const active = await this.repository.activeSessions(tx.manager, id);
        await this.repository.releaseSessions(tx, current, active);
      }
      await outbox.enqueue(tx.manager, decided(id, status), now);
      tx.audit({
        actorId: caller.id,
        action: status === 'confirmed' ? 'booking.approved' : 'booking.rejected',
        targetType: 'booking',
        targetId: id,
        centerId: current.centerId,
        details: reason === null ? undefined : { reason },
      });
      return this.repository.saveBooking(tx, id, now, () => ({ status, rejectionReason: reason }));
    });
    return (await this.bookings.views([saved]))[0];
  }

  /**
   * Moves every session of the booking that has not started by the same local shift as the first
   * session's new start, with the new length; checked like a new booking.
   */
  private async shiftSeries(
    tx: WriteTx,
    context: BookingContext,
    booking: BookingEntity,
    to: { startWall: string; endWall: string; now: number },
  ): Promise<void> {
    const zone = context.center.timezone;
    const shift = wallMinutesBetween(booking.startLocal, to.startWall);
    const length = wallMinutesBetween(to.startWall, to.endWall);
    const manager = tx.manager;
    const movable = (await this.repository.activeSessions(manager, booking.id)).filter(
      (o) => o.status === 'booked' && o.startMs > to.now,
    );
    if (movable.length === 0) {
      throw new DomainError('INVALID_STATE', 'No session of this booking is left to move').worded(
        'nothingToMove',
      );
    }
    const sessions = movable.map((session) => {
      const startWall = shiftWall(localWallOf(session.startMs, zone), shift);
      const start = wallToInstant(startWall, zone);
      let end = wallToInstant(shiftWall(startWall, length), zone);
      if (end <= start) end = start + length * MINUTE_MS;
      return { start, end, localDate: localDateOf(start, zone) };
    });
    assertSessionsFit(context, sessions, to.now);
    const closures = await this.closures.rulesOf(context.center.id, manager);
    const calendar = calendarClashes(context, sessions, closures);
    const clashes = [
      ...calendar,
      ...(await bookedConflicts(this.repository, manager, sessions, context.held, {
        ignoreSessions: new Set(movable.map((o) => o.id)),
        alreadyRefused: new Set(calendar.map((c) => c.start)),
      })),
    ];
    if (clashes.length > 0) throw conflictError(clashes, zone);
    for (const [index, occurrence] of movable.entries()) {
      await this.repository.moveSession(tx, booking, occurrence.id, sessions[index]);
    }
  }

  /** 404 unless the session belongs to the booking (looked up before any 422 or 409). */
  private async assertSessionOf(bookingId: string, occurrenceId: string): Promise<void> {
    if (!(await this.repository.sessionExists(occurrenceId, bookingId))) {
      throw new DomainError('NOT_FOUND', `No session ${occurrenceId}`);
    }
  }
}

function assertChangeable(booking: BookingEntity): void {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') {
    throw new DomainError('INVALID_STATE', `The booking is ${booking.status}`).worded(
      'bookingStatus',
      { status: booking.status },
    );
  }
}

/** A member who moves an approved request needs it approved again. */
function statusAfterMove(
  caller: Principal,
  context: BookingContext,
  status: BookingStatus,
): BookingStatus {
  return status === 'confirmed' && needsApproval(caller, context.held) ? 'pending' : status;
}
