import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import {
  AffectedSession,
  CentersService,
  ClosuresService,
  ClosureView,
  CreateClosureInput,
} from '../centers';
import { sentFields } from '../audit-log';
import { WriteTransactions } from '../database';
import { Principal } from '../access';
import {
  isExclusive,
  ResourceEntity,
  ResourcesService,
  ResourceView,
  updatedResource,
  UpdateResourceInput,
} from '../resources';
import { cancelledByStaff, closureAffects, outbox } from '../outbox';
import {
  addDays,
  exclusiveClashes,
  formatInstant,
  isClosedOn,
  localDateOf,
  MINUTE_MS,
  peakUse,
  wallToInstant,
} from '../scheduling';
import { BookingsRepository, MAX_ALLOCATION_MS } from './bookings.repository';
import { releaseDueNoShows } from './no-shows';

/**
 * Changes to a center's calendar or resources that touch existing bookings: a new closure lists
 * the sessions it falls on; a resource is not changed or deactivated under its future sessions
 * unless they are cancelled.
 */
@Injectable()
export class CalendarEffectsService {
  constructor(
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
    private readonly repository: BookingsRepository,
  ) {}

  /** Adds the closure; existing bookings stay, and the sessions on closed days are listed. */
  async addClosure(
    caller: Principal,
    centerId: string,
    input: CreateClosureInput,
  ): Promise<ClosureView & { affected: AffectedSession[] }> {
    const prepared = await this.closures.prepare(caller, centerId, input);
    const zone = (await this.centers.getEntity(centerId)).timezone;
    const now = this.clock.now();
    // One transaction: a booking written just before is listed, one just after sees the closure.
    const locks = { calendar: { centerId, mode: 'exclusive' as const } };
    return this.writes.run(locks, async (tx) => {
      const closure = await this.closures.insert(tx.manager, prepared);
      const until = closure.yearly
        ? Number.MAX_SAFE_INTEGER
        : wallToInstant(`${addDays(closure.to, 1)}T00:00`, zone);
      const rows = await this.repository.activeSessionsOfCenter(tx.manager, centerId, {
        from: now - MAX_ALLOCATION_MS,
        until,
        endsAfter: now,
      });
      const affected = rows
        .filter((row) => isClosedOn(localDateOf(Number(row.startMs), zone), [closure]))
        .map((row) => ({
          bookingId: row.bookingId,
          occurrenceId: row.id,
          resourceId: row.resourceId,
          title: row.title,
          start: formatInstant(Number(row.startMs), zone),
          end: formatInstant(Number(row.endMs), zone),
        }));
      await outbox.enqueueAll(tx.manager, closureAffects(closure.id, affected), now);
      tx.audit({
        actorId: caller.id,
        action: 'closure.created',
        targetType: 'closure',
        targetId: closure.id,
        centerId,
        details: { from: closure.from, to: closure.to, yearly: closure.yearly },
      });
      return { ...closure, affected };
    });
  }

  /**
   * Applies a PATCH. Shrinking a pool, lengthening a buffer or lowering a room's capacity under
   * what future sessions already hold is refused with RESOURCE_HAS_FUTURE_BOOKINGS.
   */
  async updateResource(
    caller: Principal,
    resourceId: string,
    input: UpdateResourceInput,
  ): Promise<ResourceView> {
    await this.resources.getManaged(caller, resourceId);
    const now = this.clock.now();
    const updated = await this.writes.run({ resources: [resourceId] }, async (tx) => {
      const manager = tx.manager;
      await releaseDueNoShows(this.repository, tx, now);
      const current = await this.resources.getEntity(resourceId, manager);
      const next = updatedResource(current, input);
      const tighter =
        next.quantity < current.quantity ||
        next.bufferMinutes > current.bufferMinutes ||
        (next.capacity ?? Infinity) < (current.capacity ?? Infinity);
      if (tighter) await assertFutureFits(this.repository, manager, next, now);
      await this.resources.store(manager, next);
      if (sentFields(input).length === 0) return next;
      tx.audit({
        actorId: caller.id,
        action: 'resource.updated',
        targetType: 'resource',
        targetId: resourceId,
        centerId: current.centerId,
        details: { fields: sentFields(input) },
      });
      return next;
    });
    return this.resources.view(caller, updated);
  }

  /**
   * Deactivates the resource. With future sessions it refuses, unless `cancelFuture`: then the
   * sessions booked on it are cancelled, and where it was lent as equipment only that loan ends
   * and the pool leaves the booking's equipment.
   */
  async deactivateResource(
    caller: Principal,
    resourceId: string,
    cancelFuture: boolean,
  ): Promise<ResourceView> {
    await this.resources.getManaged(caller, resourceId);
    const now = this.clock.now();
    // Only this resource: the other resources of affected bookings only lose what they held
    // (cancelled sessions, ended loans), which frees capacity and needs no conflict check.
    // Every write of such a booking also locks this resource (its resource or one of its
    // pools), so none runs at the same time as this.
    const updated = await this.writes.run({ resources: [resourceId] }, async (tx) => {
      const manager = tx.manager;
      await releaseDueNoShows(this.repository, tx, now);
      const future = await this.repository.futureAllocations(manager, resourceId, now);
      if (future.length > 0 && !cancelFuture) {
        throw new DomainError(
          'RESOURCE_HAS_FUTURE_BOOKINGS',
          `${future.length} future session(s) hold this resource; cancel them first or pass cancelFuture=true`,
        ).worded('futureSessions', { count: future.length });
      }
      const bookings = await this.repository.bookingsByIds(
        future.map((a) => a.bookingId),
        manager,
      );
      for (const booking of bookings.filter(
        (b) => b.status === 'pending' || b.status === 'confirmed',
      )) {
        const held = future.filter((a) => a.bookingId === booking.id);
        if (booking.resourceId === resourceId) {
          const sessions = await this.repository.sessionsByIds(
            held.map((a) => a.occurrenceId),
            manager,
          );
          await this.repository.cancelSessions(tx, booking, sessions, now);
          await outbox.enqueueAll(tx.manager, cancelledByStaff(caller, booking, sessions), now);
          if (!(await this.repository.settleStatus(tx, booking.id, now)))
            await this.repository.saveBooking(tx, booking.id, now);
        } else {
          for (const loan of held) await this.repository.endAllocation(tx, booking, loan, now);
          await this.repository.saveBooking(tx, booking.id, now, (current) => ({
            equipment: current.equipment.filter((e) => e.resourceId !== resourceId),
          }));
        }
      }
      const resource = await this.resources.getEntity(resourceId, manager);
      if (!resource.active) return resource; // already deactivated: nothing changes
      resource.active = false;
      await this.resources.store(manager, resource);
      tx.audit({
        actorId: caller.id,
        action: 'resource.deactivated',
        targetType: 'resource',
        targetId: resourceId,
        centerId: resource.centerId,
        details: { cancelledSessions: future.length },
      });
      return resource;
    });
    return this.resources.view(caller, updated);
  }
}

async function assertFutureFits(
  repository: BookingsRepository,
  manager: EntityManager,
  resource: ResourceEntity,
  now: number,
): Promise<void> {
  const future = await repository.futureAllocations(manager, resource.id, now);
  const uses = future.map((a) => ({ start: a.startMs, end: a.endMs, quantity: a.quantity }));
  const refuse = (why: string, rule: string, values: Record<string, number>) => {
    throw new DomainError(
      'RESOURCE_HAS_FUTURE_BOOKINGS',
      `${why}; change or cancel those sessions first`,
    ).worded(rule, values);
  };
  if (isExclusive(resource.kind)) {
    // Allocations of an exclusive resource never overlap, so sorted neighbours are enough.
    const clash = uses.find(
      (use, i) => i > 0 && exclusiveClashes(use, [uses[i - 1]], resource.bufferMinutes).length > 0,
    );
    if (clash)
      refuse(
        `Future sessions are closer together than a ${resource.bufferMinutes}-minute buffer`,
        'futureBuffer',
        { count: resource.bufferMinutes },
      );
  } else if (uses.length > 0) {
    const bufferMs = resource.bufferMinutes * MINUTE_MS;
    const buffered = uses.map((u) => ({ ...u, end: u.end + bufferMs }));
    const peak = peakUse(buffered, { start: now, end: Math.max(...buffered.map((u) => u.end)) });
    if (peak > resource.quantity) {
      refuse(`Future sessions hold ${peak} units at once`, 'futureUnits', { count: peak });
    }
  }
  if (resource.capacity !== null && future.length > 0) {
    const crowded = await repository.countCrowded(
      manager,
      future.map((a) => a.bookingId),
      resource.id,
      resource.capacity,
    );
    if (crowded > 0)
      refuse(
        `${crowded} future booking(s) have more than ${resource.capacity} attendees`,
        'futureAttendees',
        { count: crowded, capacity: resource.capacity },
      );
  }
}
