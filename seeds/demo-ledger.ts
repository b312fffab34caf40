import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  AuditDetails,
  AuditEntryEntity,
  AuditTargetType,
} from '../src/audit-log/audit-entry.entity';
import {
  AllocationEntity,
  BookingEntity,
  SessionEntity,
  type Purpose,
} from '../src/bookings/booking.entity';
import { sessionCopiesOf } from '../src/bookings/bookings.service';
import { newSessionRow, nextWholeMinute } from '../src/bookings/bookings.repository';
import { isExclusive, ResourceEntity } from '../src/resources/resource.entity';
import { localWallOf, noShowReleaseAt } from '../src/scheduling';
import type { CenterPolicy, Interval } from '../src/scheduling/types';

/** The rows of the demo's activity, ready to insert. */
export interface DemoActivity {
  bookings: BookingEntity[];
  occurrences: SessionEntity[];
  allocations: AllocationEntity[];
  audit: AuditEntryEntity[];
}

export interface NewDemoBooking {
  center: { id: string; timezone: string };
  resource: ResourceEntity;
  ownerId: string;
  /** The owner's `users.number`. */
  ownerNumber: number;
  creatorId: string;
  title: string;
  purpose: Purpose;
  attendees: number | null;
  /** Units of an equipment pool booked on its own; 1 otherwise. */
  quantity: number;
  /** `pending` for a member's request on a resource that needs approval. */
  status: 'confirmed' | 'pending';
  sessions: Interval[];
  /** `FREQ=WEEKLY;COUNT=n` for a series, with its exception dates. */
  rule: string | null;
  exceptions: string[];
  equipment: Array<{ resource: ResourceEntity; quantity: number }>;
  createdAt: number;
}

export interface DemoBooking {
  booking: BookingEntity;
  sessions: SessionEntity[];
}

/**
 * The demo's history written the way the services write it: each method does to the rows what
 * the service of the same action does (bookings.service `insertSeries`, booking-changes.service,
 * check-in.service, no-shows.ts) and records the same audit entry, at the moment it happened.
 * Nothing here checks conflicts: the planner (demo-activity.ts) only asks for what fits.
 */
export class DemoLedger {
  readonly rows: DemoActivity = { bookings: [], occurrences: [], allocations: [], audit: [] };
  private readonly allocationsOf = new Map<string, AllocationEntity[]>();

  constructor(private readonly newId: () => string = randomUUID) {}

  /** A new booking (POST /bookings): version 1, every session booked, every slot held. */
  create(input: NewDemoBooking): DemoBooking {
    const zone = input.center.timezone;
    const first = input.sessions[0];
    const booking: BookingEntity = {
      id: this.newId(),
      centerId: input.center.id,
      resourceId: input.resource.id,
      ownerId: input.ownerId,
      creatorId: input.creatorId,
      title: input.title,
      purpose: input.purpose,
      attendees: input.attendees,
      quantity: input.quantity,
      status: input.status,
      startLocal: localWallOf(first.start, zone),
      endLocal: localWallOf(first.end, zone),
      rule: input.rule,
      exceptions: input.exceptions,
      equipment: input.equipment.map((e) => ({ resourceId: e.resource.id, quantity: e.quantity })),
      rejectionReason: null,
      version: 1,
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
    };
    const held = [{ resource: input.resource, quantity: input.quantity }, ...input.equipment];
    const sessions = input.sessions.map((s): SessionEntity => {
      const session = newSessionRow(booking, input.ownerNumber, this.newId(), s);
      const allocations = held.map((h): AllocationEntity => ({
        id: this.newId(),
        occurrenceId: session.id,
        bookingId: booking.id,
        resourceId: h.resource.id,
        startMs: s.start,
        endMs: s.end,
        quantity: h.quantity,
        exclusive: isExclusive(h.resource.kind),
        active: true,
      }));
      this.allocationsOf.set(session.id, allocations);
      this.rows.allocations.push(...allocations);
      return session;
    });
    this.rows.bookings.push(booking);
    this.rows.occurrences.push(...sessions);
    this.record(
      input.createdAt,
      input.creatorId,
      'booking.created',
      'booking',
      booking.id,
      booking,
      {
        ownerId: booking.ownerId,
        sessions: sessions.length,
      },
    );
    return { booking, sessions };
  }

  /** A walk-in (a QR scan of a free desk): booked from `start` and checked in at `at`. */
  walkIn(input: NewDemoBooking, at: number): DemoBooking {
    const made = this.create({ ...input, createdAt: at });
    made.sessions[0].status = 'checked_in';
    made.sessions[0].checkedInAt = at;
    return made;
  }

  approve(made: DemoBooking, at: number, staffId: string): void {
    this.record(at, staffId, 'booking.approved', 'booking', made.booking.id, made.booking, null);
    this.save(made, at, { status: 'confirmed', rejectionReason: null });
  }

  /** A rejection frees every slot the request held. */
  reject(made: DemoBooking, at: number, staffId: string, reason: string): void {
    const { booking, sessions } = made;
    for (const session of sessions.filter((s) => isActive(s))) {
      session.status = 'cancelled';
      for (const allocation of this.allocationsOf.get(session.id)!) allocation.active = false;
    }
    this.record(at, staffId, 'booking.rejected', 'booking', booking.id, booking, { reason });
    this.save(made, at, { status: 'rejected', rejectionReason: reason });
  }

  /** Cancels every session that has not ended. */
  cancel(made: DemoBooking, at: number, actorId: string): void {
    const { booking, sessions } = made;
    const open = sessions.filter((s) => isActive(s) && s.endMs > at);
    this.cancelSessions(open, at);
    this.record(at, actorId, 'booking.cancelled', 'booking', booking.id, booking, {
      sessions: open.length,
    });
    this.save(made, at, { status: 'cancelled' });
  }

  /** Cancels one session of a series (scope `this`). */
  cancelSession(made: DemoBooking, session: SessionEntity, at: number, actorId: string): void {
    const { booking } = made;
    this.cancelSessions([session], at);
    this.record(at, actorId, 'occurrence.cancelled', 'occurrence', session.id, booking, {
      bookingId: booking.id,
      scope: 'this',
      sessions: 1,
    });
    const left = made.sessions.some((s) => isActive(s));
    this.save(made, at, left ? {} : { status: 'cancelled' });
  }

  /** `staffId` when a coordinator checks in on the owner's behalf (audited), else null. */
  checkIn(booking: BookingEntity, session: SessionEntity, at: number, staffId: string | null) {
    session.status = 'checked_in';
    session.checkedInAt = at;
    if (staffId) {
      this.record(
        at,
        staffId,
        'occurrence.checked_in_on_behalf',
        'occurrence',
        session.id,
        booking,
        {
          bookingId: booking.id,
          ownerId: booking.ownerId,
        },
      );
    }
  }

  /** What the session holds ends at the next whole minute. */
  checkOut(booking: BookingEntity, session: SessionEntity, at: number, staffId: string | null) {
    session.status = 'checked_out';
    session.checkedOutAt = at;
    const cut = nextWholeMinute(at);
    for (const allocation of this.allocationsOf.get(session.id)!) {
      if (!allocation.active) continue;
      if (allocation.startMs >= cut) allocation.active = false;
      else if (allocation.endMs > cut) allocation.endMs = cut;
    }
    if (staffId) {
      this.record(
        at,
        staffId,
        'occurrence.checked_out_on_behalf',
        'occurrence',
        session.id,
        booking,
        {
          bookingId: booking.id,
          ownerId: booking.ownerId,
        },
      );
    }
  }

  /** The no-show release: the slot is free from start + grace. */
  noShow(session: SessionEntity, policy: CenterPolicy): void {
    session.status = 'no_show';
    const at = noShowReleaseAt(session.startMs, policy);
    for (const allocation of this.allocationsOf.get(session.id)!) {
      if (allocation.active && allocation.endMs > at) allocation.endMs = at;
    }
  }

  private cancelSessions(sessions: SessionEntity[], at: number): void {
    const cut = nextWholeMinute(at);
    for (const session of sessions) {
      session.status = 'cancelled';
      for (const allocation of this.allocationsOf.get(session.id)!) {
        if (session.startMs >= cut) allocation.active = false;
        else if (allocation.active && allocation.endMs > cut) allocation.endMs = cut;
      }
    }
  }

  /**
   * A change saved as a new version (`saveBooking`); the sessions' copies follow, as the trigger
   * of migration SessionReportCopies makes them.
   */
  private save({ booking, sessions }: DemoBooking, at: number, changes: Partial<BookingEntity>) {
    Object.assign(booking, changes, { version: booking.version + 1, updatedAt: at });
    for (const session of sessions) Object.assign(session, sessionCopiesOf(booking));
  }

  private record(
    at: number,
    actorId: string,
    action: AuditAction,
    targetType: AuditTargetType,
    targetId: string,
    booking: BookingEntity,
    details: AuditDetails | null,
  ): void {
    this.rows.audit.push({
      id: this.newId(),
      atMs: at,
      actorId,
      action,
      targetType,
      targetId,
      centerId: booking.centerId,
      details,
    });
  }
}

function isActive(session: SessionEntity): boolean {
  return session.status === 'booked' || session.status === 'checked_in';
}
