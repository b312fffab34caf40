/**
 * Coded errors of the domain. Plain TypeScript (no NestJS), in the scheduling core so that it can
 * throw them (src/common/domain-error.ts re-exports them for the rest of the app);
 * the global error filter turns them into the error shape of API.md.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_RECURRENCE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BOOKING_CONFLICT: 409,
  INVALID_STATE: 409,
  CHECK_IN_NOT_OPEN: 409,
  ALREADY_RELEASED: 409,
  RESOURCE_BUSY: 409,
  RESOURCE_HAS_FUTURE_BOOKINGS: 409,
  /** Not in API.md's table: a unique name (email, slug) is taken. */
  ALREADY_EXISTS: 409,
  /** Not in API.md's table: the body is larger than BODY_LIMIT_BYTES. */
  PAYLOAD_TOO_LARGE: 413,
  IN_THE_PAST: 422,
  TOO_FAR_AHEAD: 422,
  DURATION_OUT_OF_RANGE: 422,
  CAPACITY_EXCEEDED: 422,
  QUANTITY_EXCEEDS_POOL: 422,
  TOO_MANY_OCCURRENCES: 422,
  RESOURCE_INACTIVE: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldProblem {
  field: string;
  message: string;
}

/** Extra members of the error body: `details` for validation, `conflicts` for clashes, `freeAt`… */
export type ErrorExtras = Record<string, unknown>;

/**
 * A problem as words a page can say in the reader's language: the rule it breaks (a stable name
 * such as `afterField` or `wholeMinute`), the field it is about, and the values its sentence
 * names. The API answers with the English `message` and `details`; pages translate the wording
 * (src/web/shared/error-text.ts). Never part of the API's answer.
 */
export interface Wording {
  rule: string;
  field?: string;
  values?: Record<string, string | number>;
}

export class DomainError extends Error {
  /** How pages say this error (see Wording); empty when its code says it all. */
  readonly wording: Wording[] = [];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extras: ErrorExtras = {},
    /** Response headers that go with the error, such as `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** Adds how a page says this problem (see Wording); returns the error, to be thrown. */
  worded(rule: string, values?: Wording['values'], field?: string): this {
    this.wording.push({ rule, ...(field !== undefined && { field }), ...(values && { values }) });
    return this;
  }
}

/**
 * VALIDATION_FAILED for one field. `rule` names the problem for pages (the catalog's
 * `rule.<rule>`), `values` what its sentence names (`{ other: 'start' }` for `afterField`).
 */
export function validationError(
  field: string,
  message: string,
  rule = 'invalid',
  values?: Wording['values'],
): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {
    details: [{ field, message }],
  }).worded(rule, values, field);
}

/** A problem of a pure check (opening hours, a closure): the English sentence and its wording. */
export interface RuleProblem extends Wording {
  message: string;
}
