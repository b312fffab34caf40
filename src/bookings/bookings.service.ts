import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, validationError } from '../common/domain-error';
import { Page } from '../common/pagination';
import { CenterEntity } from '../centers/center.entity';
import { CentersService } from '../centers/centers.service';
import { ClosuresService } from '../centers/closures.service';
import { WriteTransactions } from '../database/write-transactions';
import { Principal, isStaffOf } from '../identity/access';
import { UsersService } from '../identity/users.service';
import { isExclusive, ResourceEntity } from '../resources/resource.entity';
import { ResourcesService } from '../resources/resources.service';
import {
  bookingHorizonEnd,
  calendarConflicts,
  checkSessionPolicies,
  expandSessions,
  localDateOf,
  localWallOf,
  parseRequestMoment,
  parseRequestTime,
  parseRule,
  wallToInstant,
} from '../scheduling';
import type { ExpansionInput } from '../scheduling';
import type { Conflict, Session } from '../scheduling/types';
import { shiftWall, wallMinutesBetween } from '../scheduling/wall-shift';
import { insertAllocations, NewAllocation } from './allocation-store';
import {
  BookingEntity,
  BookingStatus,
  IdempotencyKeyEntity,
  OccurrenceEntity,
} from './booking.entity';
import { bookingView, conflictView, sortConflicts } from './booking-views';
import {
  BookingQuery,
  BookingView,
  CreateBookingInput,
  MoveOccurrenceInput,
  UpdateBookingInput,
} from './bookings.dto';
import { bookedConflicts, HeldResource } from './conflict-check';
import { activeOccurrences, cancelOccurrences, moveOccurrenceTo } from './occurrence-writes';

const MINUTE = 60_000;
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface CreateResult {
  statusCode: 200 | 201;
  body: BookingView;
}

/** Everything a booking's sessions are checked against, loaded before the write transaction. */
interface BookingContext {
  center: CenterEntity;
  resource: ResourceEntity;
  held: HeldResource[];
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- create

  async create(
    caller: Principal,
    input: CreateBookingInput,
    idempotencyKey?: string,
  ): Promise<CreateResult> {
    rejectObviousOrder(input.start, input.end);
    if (input.recurrence) parseRule(input.recurrence.rule);
    const resource = await this.resources.getEntity(input.resourceId);
    const center = await this.centers.getEntity(resource.centerId);
    const zone = center.timezone;
    const start = parseRequestMoment(input.start, zone, 'start');
    const end = parseRequestMoment(input.end, zone, 'end');
    if (end.instant <= start.instant) throw validationError('end', 'must be after start');
    const quantity = input.quantity ?? 1;
    if (resource.kind !== 'equipment' && quantity !== 1) {
      throw validationError('quantity', 'only an equipment pool is booked by quantity');
    }
    const equipment = await this.loadEquipment(input, center.id);
    const ownerId = await this.resolveOwner(caller, input.ownerId ?? null, center.id);
    const context: BookingContext = {
      center,
      resource,
      held: [{ resource, quantity }, ...equipment],
    };
    assertHoldable(context, input.attendees ?? null);

    const now = this.clock.now();
    const sessions = this.plannedSessions(context, now, {
      startWall: start.wall,
      endWall: end.wall,
      first: { start: start.instant, end: end.instant },
      rule: input.recurrence?.rule ?? null,
      exceptions: input.recurrence?.exceptions ?? [],
    });
    const calendar = calendarConflicts(
      sessions,
      resource.id,
      zone,
      center.openingHours,
      await this.closures.rulesOf(center.id),
    );
    const requestHash = hashRequest(input);

    return this.writes.run(async (manager) => {
      if (idempotencyKey && !input.dryRun) {
        const replay = await findReplay(manager, caller.id, idempotencyKey, requestHash, now);
        if (replay) return replay;
      }
      const clashes = [...calendar, ...(await bookedConflicts(manager, sessions, context.held))];
      const { kept, skipped } = applySkipping(
        sessions,
        clashes,
        input.skipConflicts ?? false,
        zone,
      );
      const booking: BookingEntity = {
        id: input.dryRun ? '' : randomUUID(),
        centerId: center.id,
        resourceId: resource.id,
        ownerId,
        creatorId: caller.id,
        title: input.title ?? '',
        purpose: input.purpose ?? 'work',
        attendees: input.attendees ?? null,
        quantity,
        status: needsApproval(caller, resource) ? 'pending' : 'confirmed',
        startLocal: start.wall,
        endLocal: end.wall,
        rule: input.recurrence?.rule ?? null,
        exceptions: mergeDates(
          input.recurrence?.exceptions ?? [],
          skipped.map((c) => localDateOf(c.start, zone)),
        ),
        equipment: equipment.map((e) => ({ resourceId: e.resource.id, quantity: e.quantity })),
        rejectionReason: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      if (input.dryRun) {
        const occurrences = kept.map((s) => ({
          id: null,
          startMs: s.start,
          endMs: s.end,
          status: 'booked' as const,
        }));
        return {
          statusCode: 200,
          body: bookingView({ ...booking, id: null }, occurrences, zone, skipped),
        };
      }
      const occurrences = await insertSeries(manager, booking, kept, context.held);
      const body = bookingView(booking, occurrences, zone, skipped);
      if (idempotencyKey) {
        await storeReplay(manager, caller.id, idempotencyKey, requestHash, body, now);
      }
      return { statusCode: 201, body };
    });
  }

  // ---------------------------------------------------------------- read

  async list(caller: Principal, query: BookingQuery): Promise<Page<BookingView>> {
    const zone = query.centerId ? (await this.centers.getEntity(query.centerId)).timezone : null;
    const builder = this.dataSource
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .orderBy('b.startLocal', 'ASC')
      .addOrderBy('b.id', 'ASC');
    if (caller.role === 'coordinator') {
      builder.andWhere('(b.ownerId = :me OR b.centerId IN (:...centers))', {
        me: caller.id,
        centers: caller.centerIds.length > 0 ? caller.centerIds : [''],
      });
    } else if (caller.role !== 'admin') {
      builder.andWhere('b.ownerId = :me', { me: caller.id });
    }
    if (query.centerId) builder.andWhere('b.centerId = :centerId', { centerId: query.centerId });
    if (query.resourceId) {
      builder.andWhere('b.resourceId = :resourceId', { resourceId: query.resourceId });
    }
    if (query.ownerId) builder.andWhere('b.ownerId = :ownerId', { ownerId: query.ownerId });
    if (query.status) builder.andWhere('b.status = :status', { status: query.status });
    if (query.from || query.to) {
      const from = query.from ? parseWindowTime(query.from, zone, 'from') : 0;
      const to = query.to ? parseWindowTime(query.to, zone, 'to') : Number.MAX_SAFE_INTEGER;
      if (to <= from) throw validationError('to', 'must be after from');
      builder.andWhere(
        'EXISTS (SELECT 1 FROM occurrences o WHERE o.booking_id = b.id AND o.start_ms < :to AND o.end_ms > :from)',
        { from, to },
      );
    }
    const [bookings, total] = await builder.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: await this.views(bookings), total };
  }

  async get(caller: Principal, id: string): Promise<BookingView> {
    const booking = await this.visibleBooking(caller, id);
    return (await this.views([booking]))[0];
  }

  // ---------------------------------------------------------------- change

  async update(caller: Principal, id: string, input: UpdateBookingInput): Promise<BookingView> {
    const booking = await this.visibleBooking(caller, id);
    const context = await this.contextOf(booking);
    const zone = context.center.timezone;
    const newStart =
      input.start === undefined ? null : parseRequestMoment(input.start, zone, 'start');
    const newEnd = input.end === undefined ? null : parseRequestMoment(input.end, zone, 'end');
    assertChangeable(booking);
    const attendees = input.attendees ?? booking.attendees;
    assertHoldable(context, attendees);
    const now = this.clock.now();
    const horizon = bookingHorizonEnd(now, context.center.policy);
    if (Math.max(newStart?.instant ?? 0, newEnd?.instant ?? 0) > horizon) {
      throw new DomainError(
        'TOO_FAR_AHEAD',
        `Sessions may end at most ${context.center.policy.maxAdvanceDays} days ahead`,
      );
    }

    return this.writes
      .run(async (manager) => {
        const current = await manager.getRepository(BookingEntity).findOneByOrFail({ id });
        assertChangeable(current);
        const next: BookingEntity = {
          ...current,
          title: input.title ?? current.title,
          purpose: input.purpose ?? current.purpose,
          attendees,
          version: current.version + 1,
          updatedAt: now,
        };
        if (newStart !== null || newEnd !== null) {
          const startWall = newStart === null ? current.startLocal : newStart.wall;
          const endWall =
            newEnd === null
              ? shiftWall(startWall, wallMinutesBetween(current.startLocal, current.endLocal))
              : newEnd.wall;
          if (wallMinutesBetween(startWall, endWall) <= 0) {
            throw validationError('end', 'must be after start');
          }
          await this.shiftSeries(manager, context, current, startWall, endWall, now);
          next.startLocal = startWall;
          next.endLocal = endWall;
        }
        await manager.getRepository(BookingEntity).save(next);
        return next;
      })
      .then((saved) => this.views([saved]).then((views) => views[0]));
  }

  async cancel(caller: Principal, id: string): Promise<BookingView> {
    const booking = await this.visibleBooking(caller, id);
    assertChangeable(booking);
    const now = this.clock.now();
    const saved = await this.writes.run(async (manager) => {
      const current = await manager.getRepository(BookingEntity).findOneByOrFail({ id });
      assertChangeable(current);
      const occurrences = await activeOccurrences(manager, id);
      await cancelOccurrences(
        manager,
        occurrences.filter((o) => o.endMs > now),
        now,
      );
      const next = {
        ...current,
        status: 'cancelled' as const,
        version: current.version + 1,
        updatedAt: now,
      };
      await manager.getRepository(BookingEntity).save(next);
      return next;
    });
    return (await this.views([saved]))[0];
  }

  async moveOccurrence(
    caller: Principal,
    bookingId: string,
    occurrenceId: string,
    input: MoveOccurrenceInput,
  ): Promise<BookingView> {
    const booking = await this.visibleBooking(caller, bookingId);
    const context = await this.contextOf(booking);
    const zone = context.center.timezone;
    const start = parseRequestTime(input.start, zone, 'start');
    const end = parseRequestTime(input.end, zone, 'end');
    if (end <= start) throw validationError('end', 'must be after start');
    assertChangeable(booking);
    const now = this.clock.now();
    const session: Session = { start, end, localDate: localDateOf(start, zone) };
    this.checkPolicies(context, [session], now);
    const calendar = calendarConflicts(
      [session],
      context.resource.id,
      zone,
      context.center.openingHours,
      await this.closures.rulesOf(context.center.id),
    );
    await this.writes.run(async (manager) => {
      const occurrence = await manager
        .getRepository(OccurrenceEntity)
        .findOneBy({ id: occurrenceId, bookingId });
      if (!occurrence) throw new DomainError('NOT_FOUND', `No session ${occurrenceId}`);
      if (occurrence.status !== 'booked' || occurrence.startMs <= now) {
        throw new DomainError('INVALID_STATE', 'Only a session that has not started can be moved');
      }
      const clashes = [
        ...calendar,
        ...(await bookedConflicts(manager, [session], context.held, new Set([occurrenceId]))),
      ];
      if (clashes.length > 0) throw conflictError(clashes, zone);
      await moveOccurrenceTo(manager, occurrenceId, session);
      await touch(manager, bookingId, now);
    });
    return this.get(caller, bookingId);
  }

  async cancelOccurrence(
    caller: Principal,
    bookingId: string,
    occurrenceId: string,
    scope: 'this' | 'following',
  ): Promise<BookingView> {
    const booking = await this.visibleBooking(caller, bookingId);
    assertChangeable(booking);
    const now = this.clock.now();
    await this.writes.run(async (manager) => {
      const occurrences = await activeOccurrences(manager, bookingId);
      const target = occurrences.find((o) => o.id === occurrenceId);
      if (!target) {
        const exists = await manager
          .getRepository(OccurrenceEntity)
          .existsBy({ id: occurrenceId, bookingId });
        if (!exists) throw new DomainError('NOT_FOUND', `No session ${occurrenceId}`);
        throw new DomainError('INVALID_STATE', 'This session is no longer active');
      }
      if (target.endMs <= now) {
        throw new DomainError('INVALID_STATE', 'This session has already ended');
      }
      const cancelled =
        scope === 'following' ? occurrences.filter((o) => o.startMs >= target.startMs) : [target];
      await cancelOccurrences(manager, cancelled, now);
      const remaining = occurrences.length - cancelled.length;
      const current = await manager.getRepository(BookingEntity).findOneByOrFail({ id: bookingId });
      await manager.getRepository(BookingEntity).save({
        ...current,
        status: remaining === 0 ? 'cancelled' : current.status,
        version: current.version + 1,
        updatedAt: now,
      });
    });
    return this.get(caller, bookingId);
  }

  async approve(caller: Principal, id: string): Promise<BookingView> {
    return this.decide(caller, id, 'confirmed', null);
  }

  async reject(caller: Principal, id: string, reason: string): Promise<BookingView> {
    return this.decide(caller, id, 'rejected', reason);
  }

  // ---------------------------------------------------------------- internals

  private async decide(
    caller: Principal,
    id: string,
    status: 'confirmed' | 'rejected',
    reason: string | null,
  ): Promise<BookingView> {
    const booking = await this.visibleBooking(caller, id);
    if (!isStaffOf(caller, booking.centerId)) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the center’s coordinators and admins decide requests',
      );
    }
    const now = this.clock.now();
    const saved = await this.writes.run(async (manager) => {
      const current = await manager.getRepository(BookingEntity).findOneByOrFail({ id });
      if (current.status !== 'pending') {
        throw new DomainError('INVALID_STATE', `The booking is ${current.status}, not pending`);
      }
      if (status === 'rejected') {
        await cancelOccurrences(manager, await activeOccurrences(manager, id), now);
      }
      const next = {
        ...current,
        status,
        rejectionReason: reason,
        version: current.version + 1,
        updatedAt: now,
      };
      await manager.getRepository(BookingEntity).save(next);
      return next;
    });
    return (await this.views([saved]))[0];
  }

  /** The booking if the caller may see it: its owner, the center's staff, admins; else 404. */
  private async visibleBooking(caller: Principal, id: string): Promise<BookingEntity> {
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id });
    if (!booking || !(booking.ownerId === caller.id || isStaffOf(caller, booking.centerId))) {
      throw new DomainError('NOT_FOUND', `No booking ${id}`);
    }
    return booking;
  }

  private async contextOf(booking: BookingEntity): Promise<BookingContext> {
    const resource = await this.resources.getEntity(booking.resourceId);
    const center = await this.centers.getEntity(booking.centerId);
    const equipment = await Promise.all(
      booking.equipment.map(async (e) => ({
        resource: await this.resources.getEntity(e.resourceId),
        quantity: e.quantity,
      })),
    );
    return { center, resource, held: [{ resource, quantity: booking.quantity }, ...equipment] };
  }

  private async loadEquipment(
    input: CreateBookingInput,
    centerId: string,
  ): Promise<HeldResource[]> {
    const requests = input.equipment ?? [];
    const ids = requests.map((e) => e.resourceId);
    if (new Set(ids).size !== ids.length || ids.includes(input.resourceId)) {
      throw validationError('equipment', 'each equipment pool may appear once');
    }
    return Promise.all(
      requests.map(async (request, index) => {
        const pool = await this.resources.getEntity(request.resourceId);
        if (pool.kind !== 'equipment' || pool.centerId !== centerId) {
          throw validationError(
            `equipment.${index}.resourceId`,
            'must be an equipment pool of the same center',
          );
        }
        return { resource: pool, quantity: request.quantity ?? 1 };
      }),
    );
  }

  /** The booking's owner: the caller, or (staff of the center only) someone on whose behalf. */
  private async resolveOwner(
    caller: Principal,
    ownerId: string | null,
    centerId: string,
  ): Promise<string> {
    if (ownerId === null || ownerId === caller.id) return caller.id;
    const owner = await this.users.getEntity(ownerId);
    if (!isStaffOf(caller, centerId)) {
      throw new DomainError('FORBIDDEN', 'Only the center’s staff book on behalf of someone');
    }
    if (!owner.active) throw new DomainError('NOT_FOUND', `No active user ${ownerId}`);
    return owner.id;
  }

  /**
   * The sessions of the request, checked against the center's policies (past, window, length,
   * count) in the order API.md gives them.
   */
  private plannedSessions(
    context: BookingContext,
    now: number,
    input: Pick<ExpansionInput, 'startWall' | 'endWall' | 'first' | 'rule' | 'exceptions'>,
  ): Session[] {
    const policy = context.center.policy;
    const expansion = expandSessions({
      ...input,
      zone: context.center.timezone,
      horizonEndMs: bookingHorizonEnd(now, policy),
      maxOccurrences: policy.maxOccurrences,
    });
    checkSessionPolicies({
      ...expansion,
      nowMs: now,
      policy,
      minDurationMinutes: context.resource.minDurationMinutes,
      maxDurationMinutes: context.resource.maxDurationMinutes,
    });
    return expansion.sessions;
  }

  private checkPolicies(context: BookingContext, sessions: Session[], now: number): void {
    checkSessionPolicies({
      sessions,
      nowMs: now,
      policy: context.center.policy,
      minDurationMinutes: context.resource.minDurationMinutes,
      maxDurationMinutes: context.resource.maxDurationMinutes,
    });
  }

  /**
   * Moves every session of the booking that has not started by the same local shift as the first
   * session's new start, with the new length; checked like a new booking.
   */
  private async shiftSeries(
    manager: EntityManager,
    context: BookingContext,
    booking: BookingEntity,
    startWall: string,
    endWall: string,
    now: number,
  ): Promise<void> {
    const zone = context.center.timezone;
    const shift = wallMinutesBetween(booking.startLocal, startWall);
    const length = wallMinutesBetween(startWall, endWall);
    const movable = (await activeOccurrences(manager, booking.id)).filter(
      (o) => o.status === 'booked' && o.startMs > now,
    );
    if (movable.length === 0) {
      throw new DomainError('INVALID_STATE', 'No session of this booking is left to move');
    }
    const moved = movable.map((occurrence) => {
      const newStartWall = shiftWall(localWallOf(occurrence.startMs, zone), shift);
      const start = wallToInstant(newStartWall, zone);
      let end = wallToInstant(shiftWall(newStartWall, length), zone);
      if (end <= start) end = start + length * MINUTE;
      return { occurrence, session: { start, end, localDate: localDateOf(start, zone) } };
    });
    const sessions = moved.map((m) => m.session);
    this.checkPolicies(context, sessions, now);
    const clashes = [
      ...calendarConflicts(
        sessions,
        context.resource.id,
        zone,
        context.center.openingHours,
        await this.closures.rulesOf(context.center.id),
      ),
      ...(await bookedConflicts(
        manager,
        sessions,
        context.held,
        new Set(movable.map((o) => o.id)),
      )),
    ];
    if (clashes.length > 0) throw conflictError(clashes, zone);
    for (const { occurrence, session } of moved) {
      await moveOccurrenceTo(manager, occurrence.id, session);
    }
  }

  private async views(bookings: BookingEntity[]): Promise<BookingView[]> {
    if (bookings.length === 0) return [];
    const occurrences = await this.dataSource.getRepository(OccurrenceEntity).find({
      where: { bookingId: In(bookings.map((b) => b.id)) },
      order: { startMs: 'ASC' },
    });
    const zones = new Map<string, string>();
    for (const centerId of new Set(bookings.map((b) => b.centerId))) {
      zones.set(centerId, (await this.centers.getEntity(centerId)).timezone);
    }
    return bookings.map((booking) =>
      bookingView(
        booking,
        occurrences.filter((o) => o.bookingId === booking.id),
        zones.get(booking.centerId)!,
      ),
    );
  }
}

// ------------------------------------------------------------------ helpers

function needsApproval(caller: Principal, resource: ResourceEntity): boolean {
  return resource.requiresApproval && caller.role === 'member';
}

function assertChangeable(booking: BookingEntity): void {
  if (booking.status !== 'pending' && booking.status !== 'confirmed') {
    throw new DomainError('INVALID_STATE', `The booking is ${booking.status}`);
  }
}

/** The 422 checks that do not depend on the sessions: active resources, units, capacity. */
function assertHoldable(context: BookingContext, attendees: number | null): void {
  for (const { resource, quantity } of context.held) {
    if (!resource.active) {
      throw new DomainError('RESOURCE_INACTIVE', `${resource.name} is deactivated`);
    }
    if (quantity > resource.quantity) {
      throw new DomainError(
        'QUANTITY_EXCEEDS_POOL',
        `${resource.name} has ${resource.quantity} units; ${quantity} were asked for`,
      );
    }
  }
  const room = context.resource;
  if (attendees !== null && room.capacity !== null && attendees > room.capacity) {
    throw new DomainError(
      'CAPACITY_EXCEEDED',
      `${room.name} holds ${room.capacity} people; ${attendees} attendees were given`,
    );
  }
}

/** A 400 for `end <= start` that needs no zone (both local, or both with the same offset form). */
function rejectObviousOrder(start: string, end: string): void {
  const hasOffset = (value: string) => /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  if (!hasOffset(start) && !hasOffset(end) && end.slice(0, 16) <= start.slice(0, 16)) {
    throw validationError('end', 'must be after start');
  }
}

function parseWindowTime(value: string, zone: string | null, field: string): number {
  if (zone === null && !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw validationError(field, 'needs an offset (such as Z or +05:00) unless centerId is given');
  }
  return parseRequestTime(value, zone ?? 'UTC', field);
}

function applySkipping(
  sessions: Session[],
  clashes: Conflict[],
  skipConflicts: boolean,
  zone: string,
): { kept: Session[]; skipped: Conflict[] } {
  if (clashes.length === 0) return { kept: sessions, skipped: [] };
  if (!skipConflicts) throw conflictError(clashes, zone);
  const clashing = new Set(clashes.map((c) => c.start));
  const kept = sessions.filter((s) => !clashing.has(s.start));
  if (kept.length === 0) throw conflictError(clashes, zone);
  return { kept, skipped: clashes };
}

export function conflictError(clashes: Conflict[], zone: string): DomainError {
  const sorted = sortConflicts(clashes);
  const sessions = new Set(sorted.map((c) => c.start)).size;
  return new DomainError(
    'BOOKING_CONFLICT',
    `${sessions} session${sessions === 1 ? '' : 's'} clash: ${sorted
      .slice(0, 5)
      .map((c) => `${conflictView(c, zone).start} (${c.reason})`)
      .join(', ')}${sorted.length > 5 ? ', …' : ''}`,
    { conflicts: sorted.map((c) => conflictView(c, zone)) },
  );
}

function mergeDates(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

async function insertSeries(
  manager: EntityManager,
  booking: BookingEntity,
  sessions: Session[],
  held: HeldResource[],
): Promise<OccurrenceEntity[]> {
  await manager.insert(BookingEntity, booking);
  const occurrences: OccurrenceEntity[] = sessions.map((s) => ({
    id: randomUUID(),
    bookingId: booking.id,
    startMs: s.start,
    endMs: s.end,
    status: 'booked',
    checkedInAt: null,
    checkedOutAt: null,
  }));
  for (let i = 0; i < occurrences.length; i += 400) {
    await manager.insert(OccurrenceEntity, occurrences.slice(i, i + 400));
  }
  const allocations: NewAllocation[] = occurrences.flatMap((o) =>
    held.map(({ resource, quantity }) => ({
      id: randomUUID(),
      occurrenceId: o.id,
      bookingId: booking.id,
      resourceId: resource.id,
      start: o.startMs,
      end: o.endMs,
      quantity,
      exclusive: isExclusive(resource.kind),
    })),
  );
  await insertAllocations(manager, allocations);
  return occurrences;
}

async function touch(manager: EntityManager, bookingId: string, now: number): Promise<void> {
  const current = await manager.getRepository(BookingEntity).findOneByOrFail({ id: bookingId });
  await manager.getRepository(BookingEntity).save({
    ...current,
    version: current.version + 1,
    updatedAt: now,
  });
}

function hashRequest(input: CreateBookingInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

async function findReplay(
  manager: EntityManager,
  userId: string,
  key: string,
  requestHash: string,
  now: number,
): Promise<CreateResult | null> {
  const stored = await manager.getRepository(IdempotencyKeyEntity).findOneBy({ userId, key });
  if (!stored || stored.createdAt < now - IDEMPOTENCY_WINDOW_MS) return null;
  if (stored.requestHash !== requestHash) {
    throw new DomainError(
      'INVALID_STATE',
      'This Idempotency-Key was already used for a different request',
    );
  }
  return { statusCode: 201, body: JSON.parse(stored.responseBody) as BookingView };
}

async function storeReplay(
  manager: EntityManager,
  userId: string,
  key: string,
  requestHash: string,
  body: BookingView,
  now: number,
): Promise<void> {
  const repository = manager.getRepository(IdempotencyKeyEntity);
  await repository.delete({ userId, key });
  await repository.insert({
    userId,
    key,
    requestHash,
    statusCode: 201,
    responseBody: JSON.stringify(body),
    createdAt: now,
  });
}

export type { BookingStatus };
