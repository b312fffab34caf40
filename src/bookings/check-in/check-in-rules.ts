import { DomainError } from '../../common/domain-error';
import { BookingEntity, SessionEntity } from '../booking.entity';
import { type CenterPolicy, checkInOpensAt, formatInstant, isDueNoShow } from '../../scheduling';

/** What a check-in or check-out does to a session: change it, or nothing (asked again). */
export type Transition = 'change' | 'unchanged';

export interface SessionState {
  booking: Pick<BookingEntity, 'status'>;
  occurrence: Pick<SessionEntity, 'status' | 'startMs' | 'endMs'>;
  checkInRequired: boolean;
  policy: CenterPolicy;
  zone: string;
}

/**
 * Whether the session can be checked in at `now`; throws the refusal otherwise. The window opens
 * `checkInOpensMinutes` before the start and closes at the no-show release (resources with
 * check-in required) or at the end.
 */
export function checkInTransition(state: SessionState, now: number): Transition {
  const { booking, occurrence, policy, zone } = state;
  switch (occurrence.status) {
    case 'checked_in':
      return 'unchanged';
    case 'no_show':
      throw released();
    case 'checked_out':
      throw new DomainError(
        'INVALID_STATE',
        'This session was checked out; book again to return',
      ).worded('sessionCheckedOut');
    case 'cancelled':
      throw new DomainError('INVALID_STATE', 'This session is cancelled').worded(
        'sessionCancelled',
      );
    case 'completed':
      throw new DomainError('INVALID_STATE', 'This session is over').worded('sessionOver');
    case 'booked':
      break;
  }
  if (booking.status !== 'confirmed') {
    throw new DomainError(
      'INVALID_STATE',
      `The booking is ${booking.status}, not confirmed`,
    ).worded('bookingNotConfirmed', { status: booking.status });
  }
  const opensAt = checkInOpensAt(occurrence.startMs, policy);
  if (now < opensAt) {
    throw new DomainError(
      'CHECK_IN_NOT_OPEN',
      `Check-in opens at ${formatInstant(opensAt, zone)}`,
      { opensAt: formatInstant(opensAt, zone) },
    ).worded('checkInOpensAt', { opensAt: formatInstant(opensAt, zone) });
  }
  const subject = { ...occurrence, checkInRequired: state.checkInRequired };
  if (isDueNoShow(subject, policy, now)) throw released();
  if (now >= occurrence.endMs) {
    throw new DomainError('INVALID_STATE', 'This session has ended').worded('sessionEnded');
  }
  return 'change';
}

/** Whether the session can be checked out at `now`; throws the refusal otherwise. */
export function checkOutTransition(
  occurrence: Pick<SessionEntity, 'status' | 'endMs'>,
  now: number,
): Transition {
  switch (occurrence.status) {
    case 'checked_out':
      return 'unchanged';
    case 'checked_in':
      if (now >= occurrence.endMs) {
        throw new DomainError(
          'INVALID_STATE',
          'This session has ended; there is nothing to free',
        ).worded('sessionEnded');
      }
      return 'change';
    case 'booked':
      throw new DomainError('INVALID_STATE', 'This session is not checked in').worded(
        'notCheckedIn',
      );
    case 'no_show':
      throw new DomainError('INVALID_STATE', 'This session was released as a no-show').worded(
        'releasedNoShow',
      );
    default:
      throw new DomainError('INVALID_STATE', `This session is ${occurrence.status}`).worded(
        'sessionStatus',
        { status: occurrence.status },
      );
  }
}

function released(): DomainError {
  return new DomainError(
    'ALREADY_RELEASED',
    'Nobody checked in within the grace period: the session was released for others',
  );
}
