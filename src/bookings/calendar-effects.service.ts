import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import {
  AffectedSession,
  CentersService,
  ClosuresService,
  ClosureView,
  CreateClosureInput,
} from '../centers';
import { AuditLog, sentFields } from '../audit-log';
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
import { MAX_ALLOCATION_MS } from './allocation-store';
import { AllocationEntity, BookingEntity, OccurrenceEntity } from './booking.entity';
import { lockAndReleaseNoShows } from './no-shows';
import { cancelOccurrences, endAllocation, saveBooking, settleStatus } from './occurrence-writes';

/**
 * Changes to a center's calendar or resources that touch existing bookings: a new closure lists
 * the sessions it falls on; a resource is not changed or deactivated under its future sessions
 * unless they are cancelled.
 */
@Injectable()
export class CalendarEffectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
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
    return this.writes.run(async (manager) => {
      await this.writes.lockCalendar(manager, centerId, 'exclusive');
      const closure = await this.closures.insert(manager, prepared);
      const until = closure.yearly
        ? Number.MAX_SAFE_INTEGER
        : wallToInstant(`${addDays(closure.to, 1)}T00:00`, zone);
      const rows: Array<{
        id: string;
        bookingId: string;
        startMs: number;
        endMs: number;
        title: string;
        resourceId: string;
      }> = await manager
        .getRepository(OccurrenceEntity)
        .createQueryBuilder('o')
        .innerJoin(BookingEntity, 'b', 'b.id = o.bookingId')
        .select([
          'o.id AS id',
          'o.bookingId AS "bookingId"',
          'o.startMs AS "startMs"',
          'o.endMs AS "endMs"',
        ])
        .addSelect(['b.title AS title', 'b.resourceId AS "resourceId"'])
        .where('o.startMs > :from AND o.startMs < :until', { from: now - MAX_ALLOCATION_MS, until })
        .andWhere('o.endMs > :now', { now })
        .andWhere('o.status IN (:...active)', { active: ['booked', 'checked_in'] })
        .andWhere('b.centerId = :centerId', { centerId })
        .andWhere('b.status IN (:...statuses)', { statuses: ['pending', 'confirmed'] })
        .orderBy('o.startMs', 'ASC')
        .getRawMany();
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
      await this.audit.record(manager, {
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
    const updated = await this.writes.run(async (manager) => {
      await lockAndReleaseNoShows(this.writes, manager, [resourceId], now);
      const current = await manager
        .getRepository(ResourceEntity)
        .findOneByOrFail({ id: resourceId });
      const next = updatedResource(current, input);
      const tighter =
        next.quantity < current.quantity ||
        next.bufferMinutes > current.bufferMinutes ||
        (next.capacity ?? Infinity) < (current.capacity ?? Infinity);
      if (tighter) await assertFutureFits(manager, next, now);
      await manager.getRepository(ResourceEntity).save(next);
      if (sentFields(input).length === 0) return next;
      await this.audit.record(manager, {
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
    const updated = await this.writes.run(async (manager) => {
      // Only this resource: the other resources of affected bookings only lose what they held
      // (cancelled sessions, ended loans), which frees capacity and needs no conflict check.
      // Every write of such a booking also locks this resource (its resource or one of its
      // pools), so none runs at the same time as this.
      await lockAndReleaseNoShows(this.writes, manager, [resourceId], now);
      const future = await futureAllocations(manager, resourceId, now);
      if (future.length > 0 && !cancelFuture) {
        throw new DomainError(
          'RESOURCE_HAS_FUTURE_BOOKINGS',
          `${future.length} future session(s) hold this resource; cancel them first or pass cancelFuture=true`,
        ).worded('futureSessions', { count: future.length });
      }
      const bookings = await manager
        .getRepository(BookingEntity)
        .findBy({ id: In([...new Set(future.map((a) => a.bookingId))]) });
      for (const booking of bookings.filter(
        (b) => b.status === 'pending' || b.status === 'confirmed',
      )) {
        const held = future.filter((a) => a.bookingId === booking.id);
        if (booking.resourceId === resourceId) {
          const sessions = await manager
            .getRepository(OccurrenceEntity)
            .findBy({ id: In(held.map((a) => a.occurrenceId)) });
          await cancelOccurrences(manager, sessions, now);
          if (!(await settleStatus(manager, booking.id, now)))
            await saveBooking(manager, booking.id, now);
        } else {
          for (const loan of held) await endAllocation(manager, loan, now);
          await saveBooking(manager, booking.id, now, (current) => ({
            equipment: current.equipment.filter((e) => e.resourceId !== resourceId),
          }));
        }
      }
      const resource = await manager
        .getRepository(ResourceEntity)
        .findOneByOrFail({ id: resourceId });
      if (!resource.active) return resource; // already deactivated: nothing changes
      await manager.update(ResourceEntity, { id: resourceId }, { active: false });
      resource.active = false;
      await this.audit.record(manager, {
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

/** Active allocations of the resource that have not ended (a bounded index range). */
function futureAllocations(
  manager: EntityManager,
  resourceId: string,
  now: number,
): Promise<AllocationEntity[]> {
  return manager
    .getRepository(AllocationEntity)
    .createQueryBuilder('a')
    .where('a.resourceId = :resourceId', { resourceId })
    .andWhere('a.startMs > :from', { from: now - MAX_ALLOCATION_MS })
    .andWhere('a.endMs > :now', { now })
    .andWhere('a.active = :active', { active: true })
    .orderBy('a.startMs', 'ASC')
    .getMany();
}

async function assertFutureFits(
  manager: EntityManager,
  resource: ResourceEntity,
  now: number,
): Promise<void> {
  const future = await futureAllocations(manager, resource.id, now);
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
    const crowded = await manager
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .where('b.id IN (:...ids)', { ids: [...new Set(future.map((a) => a.bookingId))] })
      .andWhere('b.resourceId = :resourceId', { resourceId: resource.id })
      .andWhere('b.attendees > :capacity', { capacity: resource.capacity })
      .getCount();
    if (crowded > 0)
      refuse(
        `${crowded} future booking(s) have more than ${resource.capacity} attendees`,
        'futureAttendees',
        { count: crowded, capacity: resource.capacity },
      );
  }
}
