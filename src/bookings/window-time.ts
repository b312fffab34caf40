import { parseRequestTime } from '../scheduling';
import { validationError } from '../common/domain-error';
import { hasExplicitOffset } from './request-time.validators';

/**
 * A query window's bound: an instant when it has an offset, otherwise a wall-clock time in the
 * given center's zone; without a center there is no zone to read it in.
 */
export function parseWindowTime(value: string, zone: string | null, field: string): number {
  if (zone === null && !hasExplicitOffset(value)) {
    throw validationError(
      field,
      'needs an offset (such as Z or +05:00) unless centerId is given',
      'needsOffset',
    );
  }
  return parseRequestTime(value, zone ?? 'UTC', field);
}
