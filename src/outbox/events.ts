import type { OutboxEvent } from './outbox.repository';

/** A skipped session as a message lists it: its times and why it was skipped. */
export interface SkippedSession {
  start: number;
  end: number;
  reason: string;
}

/** A new booking: confirmed (to its owner) or waiting for approval (to the coordinators). */
export function bookingCreated(
  booking: { id: string; status: string },
  skipped: readonly SkippedSession[],
): OutboxEvent {
  const seen = new Set<number>();
  const sessions = skipped
    .filter((s) => !seen.has(s.start) && seen.add(s.start))
    .map((s) => ({ start: s.start, end: s.end, reason: s.reason }));
  return {
    event: booking.status === 'pending' ? 'booking_pending' : 'booking_confirmed',
    bookingId: booking.id,
    data: sessions.length > 0 ? { skipped: sessions } : undefined,
  };
}

/** Staff cancelled someone else's booking or sessions (none when the owner cancels their own). */
export function cancelledByStaff(
  caller: { id: string },
  booking: { id: string; ownerId: string },
  sessions: ReadonlyArray<{ id: string }>,
): OutboxEvent[] {
  if (caller.id === booking.ownerId) return [];
  return [
    {
      event: 'booking_cancelled_by_staff',
      bookingId: booking.id,
      data: { occurrenceIds: sessions.map((o) => o.id) },
    },
  ];
}

/**
 * A confirmed booking whose times changed went back to waiting for approval (a member moved a
 * session of a room that needs it): the approvers hear of it as of a new request.
 */
export function backToApproval(bookingId: string, before: string, after: string): OutboxEvent[] {
  return before === 'confirmed' && after === 'pending'
    ? [{ event: 'booking_pending', bookingId }]
    : [];
}

/** A coordinator approved or rejected a request (the reason is read from the booking). */
export function decided(bookingId: string, status: 'confirmed' | 'rejected'): OutboxEvent {
  return { event: status === 'confirmed' ? 'booking_approved' : 'booking_rejected', bookingId };
}

/** A new closure falls on sessions: one event per booking, listing its sessions on closed days. */
export function closureAffects(
  closureId: string,
  affected: ReadonlyArray<{ bookingId: string; occurrenceId: string }>,
): OutboxEvent[] {
  const byBooking = new Map<string, string[]>();
  for (const row of affected) {
    byBooking.set(row.bookingId, [...(byBooking.get(row.bookingId) ?? []), row.occurrenceId]);
  }
  return [...byBooking].map(([bookingId, occurrenceIds]) => ({
    event: 'closure_affects_you',
    bookingId,
    data: { closureId, occurrenceIds },
  }));
}
