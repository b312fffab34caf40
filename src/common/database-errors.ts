import { DomainError } from './domain-error';

/** SQLSTATE codes the app answers as a client error rather than a 500. */
export const SQLSTATE = {
  exclusionViolation: '23P01',
  uniqueViolation: '23505',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  stringTooLong: '22001',
  numericOutOfRange: '22003',
  invalidByteSequence: '22021',
  untranslatableCharacter: '22P05',
} as const;

/** What the PostgreSQL driver reports (TypeORM wraps it in QueryFailedError.driverError). */
export interface DriverError {
  code?: string;
  detail?: string;
  constraint?: string;
}

export function driverErrorOf(error: unknown): DriverError | null {
  if (error === null || typeof error !== 'object' || error instanceof DomainError) return null;
  const wrapped = (error as { driverError?: unknown }).driverError;
  const candidate = (wrapped ?? error) as DriverError;
  return typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)
    ? candidate
    : null;
}

/** A transaction that lost a race and may simply be run again. */
export function isRetryable(error: unknown): boolean {
  const code = driverErrorOf(error)?.code;
  return code === SQLSTATE.serializationFailure || code === SQLSTATE.deadlockDetected;
}

/** The requested interval of an exclusion violation, from the detail PostgreSQL gives. */
export interface RefusedAllocation {
  resourceId: string;
  start: number;
  end: number;
}

export function refusedAllocation(error: unknown): RefusedAllocation | null {
  const detail = driverErrorOf(error)?.detail ?? '';
  const match =
    /^Key \(resource_id, int8range\(start_ms, end_ms\)\)=\(([^,]+), \[(\d+),(\d+)\)\)/.exec(detail);
  return match ? { resourceId: match[1], start: Number(match[2]), end: Number(match[3]) } : null;
}

/**
 * The DomainError for a database error that a request, not the server, caused: a race lost to
 * another instance (the exclusion constraint, a unique key), or a value PostgreSQL refuses where
 * SQLite would have stored it. Null for anything else (a real 500).
 */
export function domainErrorFor(error: unknown): DomainError | null {
  switch (driverErrorOf(error)?.code) {
    case SQLSTATE.exclusionViolation:
      return new DomainError(
        'BOOKING_CONFLICT',
        'Another booking took this slot at the same moment',
        { conflicts: [] },
      ).worded('takenConcurrently');
    case SQLSTATE.uniqueViolation:
      return new DomainError(
        'ALREADY_EXISTS',
        'This was created at the same moment by another request',
      ).worded('createdConcurrently');
    case SQLSTATE.serializationFailure:
    case SQLSTATE.deadlockDetected:
      return new DomainError(
        'INVALID_STATE',
        'Another change to the same bookings ran at the same moment; try again',
      ).worded('changedConcurrently');
    case SQLSTATE.stringTooLong:
    case SQLSTATE.numericOutOfRange:
    case SQLSTATE.invalidByteSequence:
    case SQLSTATE.untranslatableCharacter:
      return new DomainError('VALIDATION_FAILED', 'A value is too long, too large or not text', {
        details: [{ field: 'body', message: 'a value is too long, too large or not text' }],
      }).worded('tooLong', undefined, 'body');
    default:
      return null;
  }
}
