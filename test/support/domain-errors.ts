import { DomainError, ErrorCode } from '../../src/common/domain-error';

/** The DomainError that `fn` throws; fails the test if it throws nothing or something else. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

export const errorCodeOf = (fn: () => unknown): ErrorCode => domainErrorOf(fn).code;
