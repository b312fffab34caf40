import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, validationError } from '../common/domain-error';
import { Paged } from '../common/pagination';
import { CentersService, ClosuresService } from '../centers';
import { findTogether, WriteTransactions, WriteTx } from '../database';
import { isStaffOf, Principal } from '../access';
import { UsersService } from '../identity';
import { ResourceEntity, ResourcesService } from '../resources';
import { bookingCreated, outbox } from '../outbox';
import {
  bookingHorizonEnd,
  checkSessionPolicies,
  type Conflict,
  expandSessions,
  type ExpansionInput,
  localDateOf,
  MINUTE_MS,
  parseRequestMoment,
  parseRule,
  type Session,
  shiftWall,
  wallMinutesBetween,
} from '../scheduling';
import {
  assertCapacity,
  assertHoldable,
  assertSessionsFit,
  BookingContext,
  calendarClashes,
  HeldResource,
  heldIds,
  needsApproval,
} from './booking-context';
import { BookingEntity, SessionEntity, Purpose } from './booking.entity';
import { bookingView, conflictView, sessionView, sortConflicts } from './booking-views';
import { BookingQuery, BookingView, CreateBookingInput, ChangedSessionView } from './bookings.dto';
import { bookedConflicts } from './conflict-check';
import { findReplay, requestHash, storeReplay } from './idempotency';
import { releaseDueAmong, releaseDueNoShows } from './no-shows';
import { AllocationRow, BookingsRepository } from './bookings.repository';
import { parseWindowTime } from './window-time';

/** What a new booking stores besides its sessions (see `checkedBooking`). */
export interface NewBookingRequest {
  ownerId: string;
  title: string;
  purpose: Purpose;
  attendees: number | null;
  quantity: number;
  /** The first session's local wall-clock start and end. */
  startLocal: string;
  endLocal: string;
  rule: string | null;
  exceptions: string[];
  skipConflicts: boolean;
}

export interface CheckedBooking {
  booking: BookingEntity;
  /** The owner's `users.number`, which each session keeps. */
  ownerNumber: number;
  kept: Session[];
  skipped: Conflict[];
  held: HeldResource[];
}

export interface CreateResult {
  statusCode: 200 | 201;
  body: BookingView;
}

/** Creating bookings and reading them. Changes to existing bookings: BookingChangesService. */
@Injectable()
export class BookingsService {
  constructor(
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly repository: BookingsRepository,
  ) {}

  // ---------------------------------------------------------------- create

  async create(
    caller: Principal,
    input: CreateBookingInput,
    idempotencyKey?: string,
  ): Promise<CreateResult> {
    const now = this.clock.now();
    const remembered = idempotencyKey !== undefined && !input.dryRun;
    // Only a remembered request needs its hash (a canonical JSON of the body and SHA-256).
    const hash = remembered ? requestHash(input) : '';
    if (remembered) {
      const replay = await findReplay(
        this.repository,
        this.repository.reads,
        caller.id,
        idempotencyKey,
        hash,
        now,
      );
      if (replay) return { statusCode: 201, body: replay };
    }
    if (input.recurrence) parseRule(input.recurrence.rule);
    // The resource, its equipment and its center in one read (one round trip on PostgreSQL).
    const [found, centerOfResource] = await findTogether(this.repository.reads, [
      this.resources.manyQuery([
        input.resourceId,
        ...(input.equipment ?? []).map((e) => e.resourceId),
      ]),
      this.centers.entityOfResourceQuery(input.resourceId),
    ] as const);
    const byId = new Map(found.map((r) => [r.id, r]));
    const resource = byId.get(input.resourceId);
    if (!resource) throw new DomainError('NOT_FOUND', `No resource ${input.resourceId}`);
    const center = centerOfResource;
    if (!center) throw new DomainError('NOT_FOUND', `No center ${resource.centerId}`);
    const zone = center.timezone;
    const start = parseRequestMoment(input.start, zone, 'start');
    const end = parseRequestMoment(input.end, zone, 'end');
    if (end.instant <= start.instant) {
      throw validationError('end', 'must be after start', 'afterField', { other: 'start' });
    }
    const quantity = input.quantity ?? 1;
    if (resource.kind !== 'equipment' && quantity !== 1) {
      throw validationError(
        'quantity',
        'only an equipment pool is booked by quantity',
        'onlyPoolsHaveQuantity',
      );
    }
    const equipment = this.loadEquipment(input, center.id, byId);
    const ownerId = await this.resolveOwner(caller, input.ownerId ?? null, center.id);
    const prepared: BookingContext = {
      center,
      resource,
      held: [{ resource, quantity }, ...equipment],
    };
    assertHoldable(prepared);
    assertCapacity(prepared, input.attendees ?? null);
    const sessions = this.plannedSessions(prepared, now, {
      startWall: start.wall,
      endWall: end.wall,
      first: { start: start.instant, end: end.instant },
      rule: input.recurrence?.rule ?? null,
      exceptions: input.recurrence?.exceptions ?? [],
    });
    // The first session's wall times: a PATCH of `start` later shifts the series from here.
    const firstStart = `${sessions[0].localDate}T${start.wall.slice(11)}`;
    const firstEnd = shiftWall(firstStart, wallMinutesBetween(start.wall, end.wall));

    const locks = {
      idempotency: remembered ? { userId: caller.id, key: idempotencyKey } : undefined,
      calendar: center.id,
      resources: heldIds(prepared),
    };
    return this.writes.run(locks, async (tx) => {
      if (remembered) {
        const replay = await findReplay(
          this.repository,
          tx.manager,
          caller.id,
          idempotencyKey,
          hash,
          now,
        );
        if (replay) return { statusCode: 201, body: replay };
      }
      const checked = await this.checkedBooking(
        tx,
        caller,
        prepared,
        sessions,
        {
          ownerId,
          title: input.title ?? '',
          purpose: input.purpose ?? 'work',
          attendees: input.attendees ?? null,
          quantity,
          startLocal: firstStart,
          endLocal: firstEnd,
          rule: input.recurrence?.rule ?? null,
          exceptions: input.recurrence?.exceptions ?? [],
          skipConflicts: input.skipConflicts ?? false,
        },
        now,
      );
      const { booking, kept, skipped } = checked;
      if (input.dryRun) {
        const preview = kept.map((s) => ({
          id: null,
          startMs: s.start,
          endMs: s.end,
          status: 'booked' as const,
        }));
        return {
          statusCode: 200,
          body: bookingView({ ...booking, id: null }, preview, zone, skipped),
        };
      }
      const occurrences = await this.storeBooking(tx, caller, checked);
      await outbox.enqueue(tx.manager, bookingCreated(booking, skipped), now);
      const body = bookingView(booking, occurrences, zone, skipped);
      if (remembered) {
        await storeReplay(this.repository, tx, caller.id, idempotencyKey, hash, body, now);
      }
      return { statusCode: 201, body };
    });
  }

  /**
   * The one write path of every new booking (requests and walk-ins): checks the sessions against
   * what is committed now (policies, hours, closures, conflicts) and answers the booking to store
   * with the sessions kept. Runs in a write that declared the held resources and the center's
   * calendar; store the result with `storeBooking`. What it checks against is read in one
   * statement (the owner, the center, the resources, the closures and, for one session, the
   * allocations near it with their due no-shows, which it stores first: `releaseDueAmong`); a
   * series stores the due no-shows of its resources first (`releaseDueNoShows`) and reads each
   * session's allocations.
   */
  async checkedBooking(
    tx: WriteTx,
    caller: Principal,
    prepared: BookingContext,
    sessions: Session[],
    request: NewBookingRequest,
    now: number,
  ): Promise<CheckedBooking> {
    const zone = prepared.center.timezone;
    const manager = tx.manager;
    const ids = heldIds(prepared);
    const single = sessions.length === 1;
    if (!single) await releaseDueNoShows(this.repository, tx, now);
    // Checked again on what is committed now; the checks before the transaction only answer early.
    const readBuffer = widestBufferMs(prepared.held.map((h) => h.resource));
    const reads = [
      this.users.entityQuery(request.ownerId, manager),
      this.centers.entityQuery(prepared.center.id, manager),
      this.resources.manyQuery(ids, manager),
      this.closures.rulesQuery(prepared.center.id, manager),
    ] as const;
    const [owner, center, rows, closures, near] = single
      ? await findTogether(manager, [
          ...reads,
          this.repository.activeAllocationsNearQuery(manager, ids, sessions[0], readBuffer, now),
        ] as const)
      : [...(await findTogether(manager, reads)), null];
    if (!owner?.active) throw new DomainError('NOT_FOUND', `No active user ${request.ownerId}`);
    if (!center) throw new DomainError('NOT_FOUND', `No center ${prepared.center.id}`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const held = prepared.held.map((h) => ({
      resource: byId.get(h.resource.id)!,
      quantity: h.quantity,
    }));
    const context: BookingContext = { center, resource: held[0].resource, held };
    assertHoldable(context);
    assertCapacity(context, request.attendees);
    assertSessionsFit(context, sessions, now);
    const calendar = calendarClashes(context, sessions, closures);
    let read: AllocationRow[] | undefined;
    if (near) {
      if (widestBufferMs(held.map((h) => h.resource)) <= readBuffer) {
        read = await releaseDueAmong(this.repository, tx, near, now);
      } else {
        // A buffer grew since the request was prepared: the read was too narrow.
        await releaseDueNoShows(this.repository, tx, now);
      }
    }
    const clashes = [
      ...calendar,
      ...(await bookedConflicts(this.repository, manager, sessions, context.held, {
        alreadyRefused: new Set(calendar.map((c) => c.start)),
        read,
      })),
    ];
    const { kept, skipped } = applySkipping(sessions, clashes, request.skipConflicts, zone);
    const booking: BookingEntity = {
      id: randomUUID(),
      centerId: context.center.id,
      resourceId: context.resource.id,
      ownerId: request.ownerId,
      creatorId: caller.id,
      title: request.title,
      purpose: request.purpose,
      attendees: request.attendees,
      quantity: request.quantity,
      status: needsApproval(caller, context.held) ? 'pending' : 'confirmed',
      startLocal: request.startLocal,
      endLocal: request.endLocal,
      rule: request.rule,
      exceptions: mergeDates(
        request.exceptions,
        skipped.map((c) => localDateOf(c.start, zone)),
      ),
      equipment: context.held
        .slice(1)
        .map((e) => ({ resourceId: e.resource.id, quantity: e.quantity })),
      rejectionReason: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return { booking, ownerNumber: owner.number, kept, skipped, held: context.held };
  }

  /** Stores a booking that `checkedBooking` answered, and records its creation. */
  async storeBooking(
    tx: WriteTx,
    caller: Principal,
    { booking, ownerNumber, kept, held }: CheckedBooking,
  ): Promise<SessionEntity[]> {
    const occurrences = await this.repository.insertSeries(tx, booking, ownerNumber, kept, held);
    tx.audit({
      actorId: caller.id,
      action: 'booking.created',
      targetType: 'booking',
      targetId: booking.id,
      centerId: booking.centerId,
      details: { ownerId: booking.ownerId, sessions: occurrences.length },
    });
    return occurrences;
  }

  // ---------------------------------------------------------------- read

  async list(caller: Principal, query: BookingQuery): Promise<Paged<BookingView>> {
    const zone = query.centerId ? (await this.centers.getEntity(query.centerId)).timezone : null;
    let window: { start: number; end: number } | undefined;
    if (query.from || query.to) {
      const from = query.from ? parseWindowTime(query.from, zone, 'from') : 0;
      const to = query.to ? parseWindowTime(query.to, zone, 'to') : Number.MAX_SAFE_INTEGER;
      if (to <= from) {
        throw validationError('to', 'must be after from', 'afterField', { other: 'from' });
      }
      window = { start: from, end: to };
    }
    const [bookings, total] = await this.repository.listBookings({
      visibleTo: caller,
      centerId: query.centerId,
      resourceId: query.resourceId,
      ownerId: query.ownerId,
      status: query.status,
      window,
      offset: query.offset,
      limit: query.limit,
    });
    return { items: await this.views(bookings), total };
  }

  async get(caller: Principal, id: string): Promise<BookingView> {
    return (await this.views([await this.findVisible(caller, id)]))[0];
  }

  /** One session of a booking the caller has already been allowed to see. */
  async changedSessionView(bookingId: string, occurrenceId: string): Promise<ChangedSessionView> {
    const booking = await this.repository.getBooking(bookingId);
    const session = await this.repository.getSession(occurrenceId, bookingId);
    const zone = (await this.centers.getEntity(booking.centerId)).timezone;
    return {
      ...sessionView(session, zone),
      id: session.id,
      bookingId,
      bookingStatus: booking.status,
    };
  }

  /** The booking if the caller may see it: its owner, the center's staff, admins; else 404. */
  async findVisible(caller: Principal, id: string): Promise<BookingEntity> {
    const booking = await this.repository.findBooking(id);
    if (!booking || !(booking.ownerId === caller.id || isStaffOf(caller, booking.centerId))) {
      throw new DomainError('NOT_FOUND', `No booking ${id}`);
    }
    return booking;
  }

  async views(bookings: BookingEntity[]): Promise<BookingView[]> {
    if (bookings.length === 0) return [];
    const sessions = await this.repository.sessionsOf(bookings.map((b) => b.id));
    const zones = new Map<string, string>();
    for (const centerId of new Set(bookings.map((b) => b.centerId))) {
      zones.set(centerId, (await this.centers.getEntity(centerId)).timezone);
    }
    return bookings.map((booking) =>
      bookingView(
        booking,
        sessions.filter((o) => o.bookingId === booking.id),
        zones.get(booking.centerId)!,
      ),
    );
  }

  // ---------------------------------------------------------------- shared with changes

  /** The booking's center and what it holds, as stored now. */
  async contextOf(booking: BookingEntity, manager?: EntityManager): Promise<BookingContext> {
    const center = await this.centers.getEntity(booking.centerId);
    const resource = await this.resources.getEntity(booking.resourceId);
    const equipment = await Promise.all(
      booking.equipment.map(async (e) => ({
        resource: await this.resources.getEntity(e.resourceId),
        quantity: e.quantity,
      })),
    );
    const context = {
      center,
      resource,
      held: [{ resource, quantity: booking.quantity }, ...equipment],
    };
    return manager ? this.refreshContext(manager, context) : context;
  }

  /**
   * The center and held resources as committed now, read inside the write transaction: whatever
   * changed since the request was prepared (a resource deactivated, shrunk, re-buffered, a room's
   * capacity, the center's policy or hours) is checked as it is now.
   */
  async refreshContext(manager: EntityManager, context: BookingContext): Promise<BookingContext> {
    const center = await this.centers.getEntity(context.center.id, manager);
    const rows = await this.resources.findMany(
      context.held.map((h) => h.resource.id),
      manager,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const held = context.held.map((h) => ({
      resource: byId.get(h.resource.id)!,
      quantity: h.quantity,
    }));
    return { center, resource: held[0].resource, held };
  }

  // ---------------------------------------------------------------- internals

  /** The equipment pools of the request, read with its resource (`found`). */
  private loadEquipment(
    input: CreateBookingInput,
    centerId: string,
    found: ReadonlyMap<string, ResourceEntity>,
  ): HeldResource[] {
    const requests = input.equipment ?? [];
    const ids = requests.map((e) => e.resourceId);
    if (new Set(ids).size !== ids.length || ids.includes(input.resourceId)) {
      throw validationError('equipment', 'each equipment pool may appear once', 'equipmentOnce');
    }
    const missing = requests.find((request) => !found.has(request.resourceId));
    if (missing) throw new DomainError('NOT_FOUND', `No resource ${missing.resourceId}`);
    return requests.map((request, index) => {
      const pool = found.get(request.resourceId)!;
      if (pool.kind !== 'equipment' || pool.centerId !== centerId) {
        throw validationError(
          `equipment.${index}.resourceId`,
          'must be an equipment pool of the same center',
          'equipmentOfCenter',
        );
      }
      return { resource: pool, quantity: request.quantity ?? 1 };
    });
  }

  /** The booking's owner: the caller, or (staff of the center only) someone on whose behalf. */
  private async resolveOwner(
    caller: Principal,
    ownerId: string | null,
    centerId: string,
  ): Promise<string> {
    if (ownerId === null || ownerId === caller.id) return caller.id;
    // Staff first, so that nobody else can probe which user ids exist.
    if (!isStaffOf(caller, centerId)) {
      throw new DomainError('FORBIDDEN', 'Only the center’s staff book on behalf of someone');
    }
    const owner = await this.users.getEntity(ownerId);
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
    if (expansion.sessions.length === 0) {
      throw new DomainError('INVALID_RECURRENCE', 'The request yields no session').worded(
        'noSession',
      );
    }
    return expansion.sessions;
  }
}

// ------------------------------------------------------------------ helpers

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
  const listed = sorted
    .slice(0, 5)
    .map((c) => `${conflictView(c, zone).start} (${c.reason})`)
    .join(', ');
  return new DomainError(
    'BOOKING_CONFLICT',
    `${sessions} session${sessions === 1 ? '' : 's'} clash: ${listed}${sorted.length > 5 ? ', …' : ''}`,
    { conflicts: sorted.map((c) => conflictView(c, zone)) },
  );
}

/** The widest buffer of the resources, in milliseconds. */
function widestBufferMs(resources: readonly ResourceEntity[]): number {
  return Math.max(0, ...resources.map((r) => r.bufferMinutes)) * MINUTE_MS;
}

function mergeDates(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

export { sessionCopiesOf } from './bookings.repository';
