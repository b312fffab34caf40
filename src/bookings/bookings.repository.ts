import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, LessThan, LessThanOrEqual, MoreThan } from 'typeorm';
import { Dialect, insertRows, RowsQuery, WriteTx } from '../database';
import { CenterEntity } from '../centers';
import { isExclusive, ResourceEntity } from '../resources';
import {
  type CenterPolicy,
  type Interval,
  MINUTE_MS,
  type PoolUse,
  type Session,
} from '../scheduling';
import {
  AllocationEntity,
  BookingEntity,
  IdempotencyKeyEntity,
  SessionEntity,
} from './booking.entity';

/**
 * The longest an allocation can last (resource maximum durations and walk-ins are capped at a
 * day). It bounds the index range scan of a conflict check, so the check's cost depends on the
 * rows near the requested time, never on the length of the history.
 */
export const MAX_ALLOCATION_MS = 24 * 60 * 60 * 1000;

export interface AllocationRow extends PoolUse {
  id: string;
  resourceId: string;
  occurrenceId: string;
  bookingId: string;
}

/** A resource a new booking holds in each session, and how many units. */
export interface HeldUnits {
  resource: Pick<ResourceEntity, 'id' | 'kind'>;
  quantity: number;
}

/** An allocation near a new session, with its session if that may be a due no-show. */
export interface NearAllocation extends AllocationRow {
  /** Its session when booked, started before `now` and of a resource that requires check-in. */
  candidate: NoShowCandidate | null;
}

/** A booked session that may become a no-show, with its center's policy. */
export interface NoShowCandidate {
  occurrenceId: string;
  startMs: number;
  policy: CenterPolicy;
}

/** An active session of a center that a new closure may fall on. */
export interface SessionOfCenter {
  id: string;
  bookingId: string;
  startMs: number;
  endMs: number;
  title: string;
  resourceId: string;
}

export interface BookingFilter {
  /** A coordinator: their own bookings and their centers'; a member: their own; admins: all. */
  visibleTo: { role: string; id: string; centerIds: readonly string[] };
  centerId?: string;
  resourceId?: string;
  ownerId?: string;
  status?: string;
  /** Bookings with a session overlapping [from, to). */
  window?: Interval;
  offset: number;
  limit: number;
}

const ACTIVE_SESSION = ['booked', 'checked_in'] as const;
const INSERT_CHUNK = 400;

/** What each session keeps of its booking for the reports (see SessionEntity). */
export function sessionCopiesOf(booking: BookingEntity) {
  return {
    centerId: booking.centerId,
    resourceId: booking.resourceId,
    ownerId: booking.ownerId,
    purpose: booking.purpose,
    attendees: booking.attendees,
    quantity: booking.quantity,
    bookingStatus: booking.status,
  };
}

/**
 * A new booked session of the booking from `interval.start` to `interval.end`; `ownerNumber` is
 * the owner's `users.number`.
 */
export function newSessionRow(
  booking: BookingEntity,
  ownerNumber: number,
  id: string,
  interval: Interval,
): SessionEntity {
  return {
    id,
    bookingId: booking.id,
    ownerNumber,
    startMs: interval.start,
    endMs: interval.end,
    status: 'booked',
    checkedInAt: null,
    checkedOutAt: null,
    ...sessionCopiesOf(booking),
  };
}

/** The next whole minute at or after `now`: when a running session's slot frees. */
export function nextWholeMinute(now: number): number {
  return Math.ceil(now / MINUTE_MS) * MINUTE_MS;
}

/** Every resource a stored booking holds: what its writes declare as `resources`. */
export function resourcesOf(booking: Pick<BookingEntity, 'resourceId' | 'equipment'>): string[] {
  return [booking.resourceId, ...booking.equipment.map((e) => e.resourceId)];
}

/**
 * Every statement on the bookings module's tables (`bookings`, `occurrences`, `allocations`,
 * `idempotency_keys`) except the read models of the day views and reports
 * (`session-records.ts`, `session-aggregates.ts`). Reads take the manager to read through (a
 * write's `tx.manager`, or `this.reads` outside a write); writes take the write (`WriteTx`), and
 * those on allocations check that the write declared the resources they touch:
 * creating or moving allocations needs every resource they hold, freeing a booking's allocations
 * (cancel, reject, check-out, a loan's end) needs at least one of them declared (the one the
 * write decides on; freeing the others only gives capacity back).
 */
@Injectable()
export class BookingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The manager for reads outside a write. */
  get reads(): EntityManager {
    return this.dataSource.manager;
  }

  // -------------------------------------------------------------- bookings

  findBooking(id: string, db: EntityManager = this.reads): Promise<BookingEntity | null> {
    return db.getRepository(BookingEntity).findOneBy({ id });
  }

  getBooking(id: string, db: EntityManager = this.reads): Promise<BookingEntity> {
    return db.getRepository(BookingEntity).findOneByOrFail({ id });
  }

  bookingsByIds(ids: readonly string[], db: EntityManager = this.reads): Promise<BookingEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.getRepository(BookingEntity).findBy({ id: In([...new Set(ids)]) });
  }

  /** The confirmed bookings of an owner on a resource (the QR scan's check-in). */
  confirmedBookingsOf(ownerId: string, resourceId: string): Promise<BookingEntity[]> {
    return this.reads
      .getRepository(BookingEntity)
      .findBy({ ownerId, resourceId, status: 'confirmed' });
  }

  /** A page of bookings, by first session start then id, and how many match. */
  listBookings(filter: BookingFilter): Promise<[BookingEntity[], number]> {
    const builder = this.reads
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .orderBy('b.startLocal', 'ASC')
      .addOrderBy('b.id', 'ASC');
    const caller = filter.visibleTo;
    if (caller.role === 'coordinator') {
      builder.andWhere('(b.ownerId = :me OR b.centerId IN (:...centers))', {
        me: caller.id,
        centers: caller.centerIds.length > 0 ? caller.centerIds : [''],
      });
    } else if (caller.role !== 'admin') {
      builder.andWhere('b.ownerId = :me', { me: caller.id });
    }
    if (filter.centerId) builder.andWhere('b.centerId = :centerId', { centerId: filter.centerId });
    if (filter.resourceId) {
      builder.andWhere('b.resourceId = :resourceId', { resourceId: filter.resourceId });
    }
    if (filter.ownerId) builder.andWhere('b.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.status) builder.andWhere('b.status = :status', { status: filter.status });
    if (filter.window) {
      builder.andWhere(
        'EXISTS (SELECT 1 FROM occurrences o WHERE o.booking_id = b.id AND o.start_ms < :to AND o.end_ms > :from)',
        { from: filter.window.start, to: filter.window.end },
      );
    }
    return builder.skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  /** How many of the bookings on the resource have more attendees than `capacity`. */
  countCrowded(
    db: EntityManager,
    bookingIds: readonly string[],
    resourceId: string,
    capacity: number,
  ): Promise<number> {
    return db
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .where('b.id IN (:...ids)', { ids: [...new Set(bookingIds)] })
      .andWhere('b.resourceId = :resourceId', { resourceId })
      .andWhere('b.attendees > :capacity', { capacity })
      .getCount();
  }

  /** Saves changes to a booking as a new version. */
  async saveBooking(
    tx: WriteTx,
    bookingId: string,
    now: number,
    changes: (current: BookingEntity) => Partial<BookingEntity> = () => ({}),
  ): Promise<BookingEntity> {
    const current = await this.getBooking(bookingId, tx.manager);
    const next = { ...current, ...changes(current), version: current.version + 1, updatedAt: now };
    const { id, ...columns } = next;
    await tx.manager.update(BookingEntity, { id }, columns);
    return next;
  }

  /**
   * A pending or confirmed booking with no active session left becomes cancelled (as a new
   * version). Whether it did.
   */
  async settleStatus(tx: WriteTx, bookingId: string, now: number): Promise<boolean> {
    const active = await tx.manager
      .getRepository(SessionEntity)
      .countBy({ bookingId, status: In([...ACTIVE_SESSION]) });
    if (active > 0) return false;
    const booking = await this.getBooking(bookingId, tx.manager);
    if (booking.status !== 'pending' && booking.status !== 'confirmed') return false;
    await this.saveBooking(tx, bookingId, now, () => ({ status: 'cancelled' }));
    return true;
  }

  /** Inserts a new booking, its sessions and their allocations (every held resource declared). */
  async insertSeries(
    tx: WriteTx,
    booking: BookingEntity,
    ownerNumber: number,
    sessions: Session[],
    held: readonly HeldUnits[],
  ): Promise<SessionEntity[]> {
    tx.assertDeclared(
      held.map((h) => h.resource.id),
      'insertSeries',
    );
    const db = tx.manager;
    await insertRows(db, BookingEntity, booking);
    const occurrences = sessions.map((s) => newSessionRow(booking, ownerNumber, randomUUID(), s));
    for (let i = 0; i < occurrences.length; i += INSERT_CHUNK) {
      await insertRows(db, SessionEntity, occurrences.slice(i, i + INSERT_CHUNK));
    }
    const allocations: AllocationEntity[] = occurrences.flatMap((o) =>
      held.map(({ resource, quantity }) => ({
        id: randomUUID(),
        occurrenceId: o.id,
        bookingId: booking.id,
        resourceId: resource.id,
        startMs: o.startMs,
        endMs: o.endMs,
        quantity,
        exclusive: isExclusive(resource.kind),
        active: true,
      })),
    );
    for (let i = 0; i < allocations.length; i += INSERT_CHUNK) {
      await insertRows(db, AllocationEntity, allocations.slice(i, i + INSERT_CHUNK));
    }
    return occurrences;
  }

  // -------------------------------------------------------------- occurrences

  findSession(id: string, db: EntityManager = this.reads): Promise<SessionEntity | null> {
    return db.getRepository(SessionEntity).findOneBy({ id });
  }

  /** The session of the booking (fails when there is none: looked up after a 404 check). */
  getSession(
    id: string,
    bookingId?: string,
    db: EntityManager = this.reads,
  ): Promise<SessionEntity> {
    return db
      .getRepository(SessionEntity)
      .findOneByOrFail(bookingId === undefined ? { id } : { id, bookingId });
  }

  sessionExists(id: string, bookingId: string): Promise<boolean> {
    return this.reads.getRepository(SessionEntity).existsBy({ id, bookingId });
  }

  sessionsByIds(ids: readonly string[], db: EntityManager = this.reads) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.getRepository(SessionEntity).findBy({ id: In([...ids]) });
  }

  /** Every session of the bookings, by start. */
  sessionsOf(bookingIds: readonly string[]): Promise<SessionEntity[]> {
    return this.reads.getRepository(SessionEntity).find({
      where: { bookingId: In([...bookingIds]) },
      order: { startMs: 'ASC' },
    });
  }

  /** The booking's sessions that are booked or checked in, by start. */
  activeSessions(db: EntityManager, bookingId: string): Promise<SessionEntity[]> {
    return db.getRepository(SessionEntity).find({
      where: { bookingId, status: In([...ACTIVE_SESSION]) },
      order: { startMs: 'ASC' },
    });
  }

  /** The sessions of the bookings that are booked or checked in and open for check-in by `until`. */
  sessionsOpenBy(bookingIds: readonly string[], until: number, now: number) {
    return this.reads.getRepository(SessionEntity).find({
      where: {
        bookingId: In([...bookingIds]),
        status: In([...ACTIVE_SESSION]),
        startMs: LessThanOrEqual(until),
        endMs: MoreThan(now),
      },
      order: { startMs: 'ASC' },
    });
  }

  /** The active sessions of a center's pending or confirmed bookings starting in the range. */
  activeSessionsOfCenter(
    db: EntityManager,
    centerId: string,
    range: { from: number; until: number; endsAfter: number },
  ): Promise<SessionOfCenter[]> {
    return db
      .getRepository(SessionEntity)
      .createQueryBuilder('o')
      .innerJoin(BookingEntity, 'b', 'b.id = o.bookingId')
      .select([
        'o.id AS id',
        'o.bookingId AS "bookingId"',
        'o.startMs AS "startMs"',
        'o.endMs AS "endMs"',
      ])
      .addSelect(['b.title AS title', 'b.resourceId AS "resourceId"'])
      .where('o.startMs > :from AND o.startMs < :until', range)
      .andWhere('o.endMs > :endsAfter', range)
      .andWhere('o.status IN (:...active)', { active: [...ACTIVE_SESSION] })
      .andWhere('b.centerId = :centerId', { centerId })
      .andWhere('b.status IN (:...statuses)', { statuses: ['pending', 'confirmed'] })
      .orderBy('o.startMs', 'ASC')
      .getRawMany();
  }

  /** The owner's sessions that have not started, of bookings still pending or confirmed. */
  private upcomingOf(db: EntityManager, ownerId: string, now: number) {
    return db
      .getRepository(SessionEntity)
      .createQueryBuilder('o')
      .innerJoin(BookingEntity, 'b', 'b.id = o.bookingId')
      .where('b.ownerId = :ownerId', { ownerId })
      .andWhere('b.status IN (:...statuses)', { statuses: ['pending', 'confirmed'] })
      .andWhere('o.status = :booked', { booked: 'booked' })
      .andWhere('o.startMs > :now', { now });
  }

  upcomingSessionsOf(db: EntityManager, ownerId: string, now: number) {
    return this.upcomingOf(db, ownerId, now).getMany();
  }

  countUpcomingSessionsOf(db: EntityManager, ownerId: string, now: number) {
    return this.upcomingOf(db, ownerId, now).getCount();
  }

  /** The resources the owner's upcoming sessions hold (what their cancellation declares). */
  async resourcesOfUpcoming(db: EntityManager, ownerId: string, now: number): Promise<string[]> {
    const upcoming = await this.upcomingSessionsOf(db, ownerId, now);
    const bookings = await this.bookingsByIds(
      upcoming.map((o) => o.bookingId),
      db,
    );
    return [...new Set(bookings.flatMap(resourcesOf))];
  }

  /** Checks a booked session in (conditional: only a `booked` one). */
  async markCheckedIn(tx: WriteTx, occurrenceId: string, now: number): Promise<void> {
    await tx.manager.update(
      SessionEntity,
      { id: occurrenceId, status: 'booked' },
      { status: 'checked_in', checkedInAt: now },
    );
  }

  /** Checks a checked-in session out; what it holds ends at the next whole minute. */
  async markCheckedOut(
    tx: WriteTx,
    booking: BookingEntity,
    occurrenceId: string,
    now: number,
  ): Promise<void> {
    await tx.manager.update(
      SessionEntity,
      { id: occurrenceId, status: 'checked_in' },
      { status: 'checked_out', checkedOutAt: now },
    );
    const held = await tx.manager
      .getRepository(AllocationEntity)
      .findBy({ occurrenceId, active: true });
    for (const allocation of held) await this.endAllocation(tx, booking, allocation, now);
  }

  /**
   * Cancels the sessions. One that is already running keeps the part that has passed: its
   * allocations end at the next whole minute instead of disappearing.
   */
  async cancelSessions(
    tx: WriteTx,
    booking: Pick<BookingEntity, 'resourceId' | 'equipment'>,
    sessions: SessionEntity[],
    now: number,
  ): Promise<void> {
    this.assertFrees(tx, booking, 'cancelSessions');
    const cut = nextWholeMinute(now);
    for (const session of sessions) {
      await tx.manager.update(SessionEntity, { id: session.id }, { status: 'cancelled' });
      if (session.startMs < cut) {
        // Only ever shorten: an allocation already cut (a loan that ended) must not grow back.
        await tx.manager.update(
          AllocationEntity,
          { occurrenceId: session.id, active: true, endMs: MoreThan(cut) },
          { endMs: cut },
        );
      } else {
        await tx.manager.update(AllocationEntity, { occurrenceId: session.id }, { active: false });
      }
    }
  }

  /** Cancels the sessions and frees every slot they held, past ones included (a rejection). */
  async releaseSessions(
    tx: WriteTx,
    booking: Pick<BookingEntity, 'resourceId' | 'equipment'>,
    sessions: SessionEntity[],
  ): Promise<void> {
    this.assertFrees(tx, booking, 'releaseSessions');
    const ids = sessions.map((o) => o.id);
    if (ids.length === 0) return;
    await tx.manager.update(SessionEntity, { id: In(ids) }, { status: 'cancelled' });
    await tx.manager.update(AllocationEntity, { occurrenceId: In(ids) }, { active: false });
  }

  /** Moves a session that has not started, with its allocations (every resource declared). */
  async moveSession(
    tx: WriteTx,
    booking: Pick<BookingEntity, 'resourceId' | 'equipment'>,
    occurrenceId: string,
    session: Session,
  ): Promise<void> {
    tx.assertDeclared(resourcesOf(booking), 'moveOccurrence');
    await tx.manager.update(
      SessionEntity,
      { id: occurrenceId },
      { startMs: session.start, endMs: session.end },
    );
    await tx.manager.update(
      AllocationEntity,
      { occurrenceId, active: true },
      { startMs: session.start, endMs: session.end },
    );
  }

  // -------------------------------------------------------------- allocations

  /**
   * Active allocations of the given resources that could clash with `window` once a buffer of up
   * to `bufferMs` is added after each side. The conflict check's statement (every booking runs it
   * once per session): a prepared plain statement, through the index on
   * `(resource_id, start_ms, end_ms)`.
   */
  async activeAllocationsNear(
    db: EntityManager,
    resourceIds: readonly string[],
    window: Interval,
    bufferMs: number,
  ): Promise<AllocationRow[]> {
    if (resourceIds.length === 0) return [];
    const dialect = Dialect.of(db);
    const rows: Array<Record<string, string | number>> = await db.query(
      dialect.sql(
        `SELECT id, resource_id, occurrence_id, booking_id, start_ms, end_ms, quantity
           FROM allocations
          WHERE resource_id IN (${dialect.list(resourceIds.length)})
            AND active = ?
            AND start_ms < ?
            AND start_ms >= ?
            AND end_ms > ?`,
      ),
      [
        ...resourceIds,
        dialect.bool(true),
        window.end + bufferMs,
        window.start - bufferMs - MAX_ALLOCATION_MS,
        window.start - bufferMs,
      ],
    );
    return rows.map(allocationRowOf);
  }

  /**
   * `activeAllocationsNear`'s read (not sent yet: a booking sends it with the rest of what it
   * checks, `findTogether`), each row with its session when that may be a due no-show at `now`
   * (booked, started, its resource requires check-in): the no-show candidates of
   * `noShowCandidatesAmong`, read in the same statement. The joins are only made for allocations
   * that started before `now`.
   */
  activeAllocationsNearQuery(
    db: EntityManager,
    resourceIds: readonly string[],
    window: Interval,
    bufferMs: number,
    now: number,
  ): RowsQuery<NearAllocation[]> {
    const dialect = Dialect.of(db);
    const policies = new Map<string, CenterPolicy>();
    return new RowsQuery(
      `SELECT a.id, a.resource_id, a.occurrence_id, a.booking_id, a.start_ms, a.end_ms, a.quantity,
              o.start_ms AS session_start_ms, c.policy
         FROM allocations a
         LEFT JOIN occurrences o ON a.start_ms < ? AND o.id = a.occurrence_id AND o.status = ?
         LEFT JOIN bookings b ON b.id = o.booking_id
         LEFT JOIN resources r ON r.id = b.resource_id AND r.check_in_required = ?
         LEFT JOIN centers c ON r.id IS NOT NULL AND c.id = b.center_id
        WHERE a.resource_id IN (${dialect.list(resourceIds.length)})
          AND a.active = ?
          AND a.start_ms < ?
          AND a.start_ms >= ?
          AND a.end_ms > ?`,
      [
        now,
        'booked',
        dialect.bool(true),
        ...resourceIds,
        dialect.bool(true),
        window.end + bufferMs,
        window.start - bufferMs - MAX_ALLOCATION_MS,
        window.start - bufferMs,
      ],
      (rows) =>
        rows.map((row) => {
          const policyText = row.policy as string | null;
          let policy = policyText === null ? undefined : policies.get(policyText);
          if (policyText !== null && !policy) {
            policy = JSON.parse(policyText) as CenterPolicy;
            policies.set(policyText, policy);
          }
          return {
            ...allocationRowOf(row),
            candidate: policy
              ? {
                  occurrenceId: String(row.occurrence_id),
                  startMs: Number(row.session_start_ms),
                  policy,
                }
              : null,
          };
        }),
    );
  }

  /** Active allocations of the resource that have not ended (a bounded index range). */
  futureAllocations(db: EntityManager, resourceId: string, now: number) {
    return db
      .getRepository(AllocationEntity)
      .createQueryBuilder('a')
      .where('a.resourceId = :resourceId', { resourceId })
      .andWhere('a.startMs > :from', { from: now - MAX_ALLOCATION_MS })
      .andWhere('a.endMs > :now', { now })
      .andWhere('a.active = :active', { active: true })
      .orderBy('a.startMs', 'ASC')
      .getMany();
  }

  /** The allocations of the sessions (active or not). */
  allocationsOfSessions(db: EntityManager, occurrenceIds: readonly string[]) {
    if (occurrenceIds.length === 0) return Promise.resolve([]);
    return db.getRepository(AllocationEntity).findBy({ occurrenceId: In([...occurrenceIds]) });
  }

  /** Ends what one allocation of the booking holds from now on: cut at the next minute, or gone. */
  async endAllocation(
    tx: WriteTx,
    booking: Pick<BookingEntity, 'resourceId' | 'equipment'>,
    allocation: AllocationEntity,
    now: number,
  ): Promise<void> {
    this.assertFrees(tx, booking, 'endAllocation');
    const cut = nextWholeMinute(now);
    if (allocation.startMs >= cut) {
      await tx.manager.update(AllocationEntity, { id: allocation.id }, { active: false });
    } else if (allocation.endMs > cut) {
      await tx.manager.update(AllocationEntity, { id: allocation.id }, { endMs: cut });
    }
  }

  // -------------------------------------------------------------- no-shows

  /**
   * Booked sessions among `occurrenceIds` whose resource requires check-in, with their policy.
   * Plain SQL: a week of a big center's availability passes thousands of ids, and the query
   * builder's parameter expansion cost more than the query.
   */
  async noShowCandidatesAmong(
    db: EntityManager,
    occurrenceIds: readonly string[],
  ): Promise<NoShowCandidate[]> {
    if (occurrenceIds.length === 0) return [];
    const ids = [...new Set(occurrenceIds)];
    const dialect = Dialect.of(db);
    const rows: Array<{ id: string; start_ms: number | string; policy: string }> = await db.query(
      dialect.sql(
        `SELECT o.id, o.start_ms, c.policy
           FROM occurrences o
           JOIN bookings b ON b.id = o.booking_id
           JOIN resources r ON r.id = b.resource_id
           JOIN centers c ON c.id = b.center_id
          WHERE o.status = ?
            AND r.check_in_required = ?
            AND o.id IN (${dialect.list(ids.length)})`,
      ),
      ['booked', dialect.bool(true), ...ids],
    );
    const policies = new Map<string, CenterPolicy>();
    return rows.map((row) => {
      let policy = policies.get(row.policy);
      if (!policy) {
        policy = JSON.parse(row.policy) as CenterPolicy;
        policies.set(row.policy, policy);
      }
      return { occurrenceId: String(row.id), startMs: Number(row.start_ms), policy };
    });
  }

  /** Booked sessions of resources that require check-in, started in [from, until). */
  async noShowCandidatesStarted(
    db: EntityManager,
    from: number,
    until: number,
  ): Promise<NoShowCandidate[]> {
    const rows: Array<{ id: string; startMs: number | string; policy: string }> = await db
      .getRepository(SessionEntity)
      .createQueryBuilder('o')
      .innerJoin(BookingEntity, 'b', 'b.id = o.bookingId')
      .innerJoin(ResourceEntity, 'r', 'r.id = b.resourceId')
      .innerJoin(CenterEntity, 'c', 'c.id = b.centerId')
      .select(['o.id AS id', 'o.startMs AS "startMs"', 'c.policy AS policy'])
      .where('o.status = :booked', { booked: 'booked' })
      .andWhere('r.checkInRequired = :required', { required: true })
      .andWhere('o.startMs >= :from', { from })
      .andWhere('o.startMs < :until', { until })
      .getRawMany();
    return rows.map((row) => ({
      occurrenceId: row.id,
      startMs: Number(row.startMs),
      policy: JSON.parse(row.policy) as CenterPolicy,
    }));
  }

  /**
   * Marks a booked session a no-show and ends its allocations at `releaseAt`; whether it did
   * (conditional on `status = 'booked'`: checked in or released meanwhile, nothing happens). It
   * only ever shortens what a session holds, so it is safe under any write's locks.
   */
  async releaseNoShow(tx: WriteTx, occurrenceId: string, releaseAt: number): Promise<boolean> {
    const changed = await tx.manager.update(
      SessionEntity,
      { id: occurrenceId, status: 'booked' },
      { status: 'no_show' },
    );
    if (changed.affected !== 1) return false;
    await tx.manager.update(
      AllocationEntity,
      { occurrenceId, active: true, endMs: MoreThan(releaseAt) },
      { endMs: releaseAt },
    );
    return true;
  }

  // -------------------------------------------------------------- idempotency keys

  findIdempotencyKey(
    db: EntityManager,
    userId: string,
    key: string,
  ): Promise<IdempotencyKeyEntity | null> {
    return db.getRepository(IdempotencyKeyEntity).findOneBy({ userId, key });
  }

  /** Remembers the answer (in the booking's own write) and forgets keys older than `expiredAt`. */
  async storeIdempotencyKey(
    tx: WriteTx,
    row: IdempotencyKeyEntity,
    expiredBefore: number,
  ): Promise<void> {
    const repository = tx.manager.getRepository(IdempotencyKeyEntity);
    await repository.delete({ createdAt: LessThan(expiredBefore) });
    await repository.delete({ userId: row.userId, key: row.key });
    await repository.insert(row);
  }

  // -------------------------------------------------------------- internals

  private assertFrees(
    tx: WriteTx,
    booking: Pick<BookingEntity, 'resourceId' | 'equipment'>,
    what: string,
  ): void {
    const held = resourcesOf(booking);
    if (!held.some((id) => tx.resources.has(id))) tx.assertDeclared(held, what);
  }
}

/** An allocation as the conflict check reads it, from a raw row of either database. */
function allocationRowOf(row: Record<string, unknown>): AllocationRow {
  return {
    id: String(row.id),
    resourceId: String(row.resource_id),
    occurrenceId: String(row.occurrence_id),
    bookingId: String(row.booking_id),
    start: Number(row.start_ms),
    end: Number(row.end_ms),
    quantity: Number(row.quantity),
  };
}
