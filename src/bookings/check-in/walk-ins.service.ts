import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BookingsRepository } from '../bookings.repository';
import { assertHoldable, BookingContext, calendarClashes, needsApproval } from '../booking-context';
import { bookingView } from '../booking-views';
import { BookingView } from '../bookings.dto';
import { BookingsService, conflictError } from '../bookings.service';
import { releaseDueNoShows } from '../no-shows';
import { CentersService, ClosuresService } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { WriteTransactions } from '../../database';
import { Principal } from '../../access';
import { isExclusive, ResourceEntity } from '../../resources';
import {
  exclusiveClashes,
  formatInstant,
  localDateOf,
  localWallOf,
  MINUTE_MS,
  openPeriodsOn,
} from '../../scheduling';

/** What a scan of a resource's code would find now (see `WalkInsService.outlook`). */
export type WalkInOutlook =
  | { state: 'closed'; opensAt?: number }
  | { state: 'busy'; freeAt?: number }
  | { state: 'free'; until: number };

/** Title of the booking a walk-in creates. */
export const WALK_IN_TITLE = 'Walk-in';

/**
 * Walk-ins: someone scans a free resource's QR code without a booking, and gets it from the
 * current minute until the next booking (and its buffer), closing time or `walkInMaxMinutes`,
 * checked in. Everything is decided inside one write transaction and stored through the same
 * path and conflict check as any booking.
 */
@Injectable()
export class WalkInsService {
  constructor(
    private readonly writes: WriteTransactions,
    private readonly bookings: BookingsService,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly repository: BookingsRepository,
  ) {}

  /**
   * What a scan would find now, taking nothing: the center closed (and when it opens next, within
   * two weeks), the resource free (until when a walk-in would hold it) or busy (free again from
   * when, if that is today). The QR page shows it before anyone presses a button; the scan itself
   * decides again inside its write transaction.
   */
  async outlook(resource: ResourceEntity, now: number): Promise<WalkInOutlook> {
    const center = await this.centers.getEntity(resource.centerId);
    const zone = center.timezone;
    const start = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const closures = await this.closures.rulesOf(center.id);
    const periodsFrom = (day: number) =>
      openPeriodsOn(
        localDateOf(start + day * 86_400_000, zone),
        zone,
        center.openingHours,
        closures,
      );
    const period = periodsFrom(0).find((p) => p.start <= start && start < p.end);
    if (!period) {
      for (let day = 0; day <= 14; day++) {
        const next = periodsFrom(day).find((p) => p.start > start);
        if (next) return { state: 'closed', opensAt: next.start };
      }
      return { state: 'closed' };
    }
    const manager = this.repository.reads;
    const freeAt = await firstFreeMinute(this.repository, manager, resource, start);
    if (freeAt > start) {
      return { state: 'busy', ...(freeAt < period.end ? { freeAt } : {}) };
    }
    const longest =
      start + Math.min(center.policy.walkInMaxMinutes, resource.maxDurationMinutes) * MINUTE_MS;
    const until = await nextBookingLimit(
      this.repository,
      manager,
      resource,
      start,
      Math.min(longest, period.end),
    );
    return { state: 'free', until };
  }

  async walkIn(caller: Principal, resource: ResourceEntity, now: number): Promise<BookingView> {
    if (!isExclusive(resource.kind)) {
      throw new DomainError(
        'INVALID_STATE',
        'Equipment is lent through a booking; walk-ins are for desks, computers and rooms',
      ).worded('walkInEquipment');
    }
    const center = await this.centers.getEntity(resource.centerId);
    const prepared: BookingContext = { center, resource, held: [{ resource, quantity: 1 }] };
    if (needsApproval(caller, prepared.held)) {
      throw new DomainError(
        'FORBIDDEN',
        `${resource.name} needs a coordinator’s approval: it cannot be taken as a walk-in`,
      ).worded('walkInNeedsApproval', { name: resource.name });
    }
    assertHoldable(prepared);
    const start = Math.floor(now / MINUTE_MS) * MINUTE_MS;

    // Checked against the center's hours and closures like any booking: the calendar, shared.
    const locks = { calendar: center.id, resources: [resource.id] };
    return this.writes.run(locks, async (tx) => {
      const manager = tx.manager;
      await releaseDueNoShows(this.repository, tx, now);
      const context = await this.bookings.refreshContext(manager, prepared);
      assertHoldable(context);
      const zone = context.center.timezone;
      const localDate = localDateOf(start, zone);
      const longest =
        start +
        Math.min(context.center.policy.walkInMaxMinutes, context.resource.maxDurationMinutes) *
          MINUTE_MS;
      const closures = await this.closures.rulesOf(context.center.id, manager);
      const period = openPeriodsOn(localDate, zone, context.center.openingHours, closures).find(
        (p) => p.start <= start && start < p.end,
      );
      if (!period) {
        const session = { start, end: longest, localDate };
        throw conflictError(calendarClashes(context, [session], closures), zone);
      }
      const freeAt = await firstFreeMinute(this.repository, manager, context.resource, start);
      if (freeAt > start) {
        throw new DomainError(
          'RESOURCE_BUSY',
          `${context.resource.name} is in use; it is free again from ${formatInstant(freeAt, zone)}`,
          { freeAt: formatInstant(freeAt, zone) },
        ).worded('busyUntil', { name: context.resource.name, freeAt: formatInstant(freeAt, zone) });
      }
      const until = Math.min(longest, period.end);
      const end = Math.min(
        until,
        await nextBookingLimit(this.repository, manager, context.resource, start, until),
      );
      const session = { start, end, localDate };
      const checked = await this.bookings.checkedBooking(
        tx,
        caller,
        context,
        [session],
        {
          ownerId: caller.id,
          title: WALK_IN_TITLE,
          purpose: 'work',
          attendees: null,
          quantity: 1,
          startLocal: localWallOf(start, zone),
          endLocal: localWallOf(end, zone),
          rule: null,
          exceptions: [],
          skipConflicts: false,
        },
        now,
      );
      const { booking } = checked;
      const [occurrence] = await this.bookings.storeBooking(tx, caller, checked);
      await this.repository.markCheckedIn(tx, occurrence.id, now);
      return bookingView(
        booking,
        [{ ...occurrence, status: 'checked_in', checkedInAt: now }],
        zone,
      );
    });
  }
}

/**
 * The first whole minute from `from` at which a booking of at least one minute could start on
 * the exclusive resource: after every running booking and its buffer, and not so close to the
 * next booking that the new one's buffer would reach it. Follows back-to-back bookings.
 */
async function firstFreeMinute(
  repository: BookingsRepository,
  manager: EntityManager,
  resource: ResourceEntity,
  from: number,
): Promise<number> {
  const bufferMs = resource.bufferMinutes * MINUTE_MS;
  let at = from;
  for (;;) {
    const minute = { start: at, end: at + MINUTE_MS };
    const near = await repository.activeAllocationsNear(manager, [resource.id], minute, bufferMs);
    const clashes = exclusiveClashes(minute, near, resource.bufferMinutes);
    if (clashes.length === 0) return at;
    at = Math.max(...clashes.map((c) => c.end + bufferMs));
  }
}

/** The latest end before `until` that keeps the resource's buffer before its next booking. */
async function nextBookingLimit(
  repository: BookingsRepository,
  manager: EntityManager,
  resource: ResourceEntity,
  start: number,
  until: number,
): Promise<number> {
  const bufferMs = resource.bufferMinutes * MINUTE_MS;
  const near = await repository.activeAllocationsNear(
    manager,
    [resource.id],
    { start, end: until },
    bufferMs,
  );
  const nextStarts = near.filter((a) => a.start >= start).map((a) => a.start - bufferMs);
  return Math.min(until, ...nextStarts);
}
