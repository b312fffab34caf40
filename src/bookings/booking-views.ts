import { isStaff, Principal } from '../access';
import { type Conflict, formatInstant } from '../scheduling';
import { BookingEntity, SessionEntity } from './booking.entity';
import { BookingAnswer, BookingView, ConflictView, SessionView } from './bookings.dto';

export function conflictView(conflict: Conflict, zone: string): ConflictView {
  const view: ConflictView = {
    start: formatInstant(conflict.start, zone),
    end: formatInstant(conflict.end, zone),
    resourceId: conflict.resourceId,
    reason: conflict.reason,
  };
  if (conflict.available !== undefined) view.available = conflict.available;
  return view;
}

/** Conflicts sorted by the requested session's start, then resource (API.md). */
export function sortConflicts(conflicts: Conflict[]): Conflict[] {
  return [...conflicts].sort(
    (a, b) => a.start - b.start || a.resourceId.localeCompare(b.resourceId),
  );
}

export function bookingView(
  booking: Omit<BookingEntity, 'id'> & { id: string | null },
  sessions: Array<
    Pick<SessionEntity, 'startMs' | 'endMs' | 'status'> &
      Partial<Pick<SessionEntity, 'checkedInAt' | 'checkedOutAt'>> & { id: string | null }
  >,
  zone: string,
  skipped: Conflict[] = [],
): BookingView {
  return {
    id: booking.id,
    centerId: booking.centerId,
    resourceId: booking.resourceId,
    ownerId: booking.ownerId,
    creatorId: booking.creatorId,
    title: booking.title,
    purpose: booking.purpose,
    attendees: booking.attendees,
    quantity: booking.quantity,
    status: booking.status,
    rejectionReason: booking.rejectionReason,
    recurrence: booking.rule ? { rule: booking.rule, exceptions: booking.exceptions } : null,
    equipment: booking.equipment,
    occurrences: [...sessions]
      .sort((a, b) => a.startMs - b.startMs)
      .map((o) => sessionView(o, zone)),
    skipped: sortConflicts(skipped).map((c) => conflictView(c, zone)),
  };
}

/** A session; `checkedInAt` and `checkedOutAt` only once they happened. */
export function sessionView(
  session: Pick<SessionEntity, 'startMs' | 'endMs' | 'status'> &
    Partial<Pick<SessionEntity, 'checkedInAt' | 'checkedOutAt'>> & { id: string | null },
  zone: string,
): SessionView {
  const view: SessionView = {
    id: session.id,
    start: formatInstant(session.startMs, zone),
    end: formatInstant(session.endMs, zone),
    status: session.status,
  };
  if (session.checkedInAt != null) {
    view.checkedInAt = formatInstant(session.checkedInAt, zone);
  }
  if (session.checkedOutAt != null) {
    view.checkedOutAt = formatInstant(session.checkedOutAt, zone);
  }
  return view;
}

/**
 * A booking as its caller gets it. Members and trainers get no other user's id: where staff made
 * the booking on their behalf, `creatorId` (and `ownerId`, should it ever not be theirs) is null.
 * Staff get the booking as it is.
 */
export function bookingAnswer(caller: Principal, view: BookingView): BookingAnswer {
  if (isStaff(caller)) return view;
  const own = (id: string): string | null => (id === caller.id ? id : null);
  return { ...view, ownerId: own(view.ownerId), creatorId: own(view.creatorId) };
}
