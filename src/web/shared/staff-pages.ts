import { CenterEntity, CentersService } from '../../centers';
import { DomainError, validationError } from '../../common/domain-error';
import { domainErrorFor } from '../../common/database-errors';
import { Principal } from '../../access';
import { codeSentence, errorReasons } from './error-text';
import { html, Html } from './html';
import { MessageKey } from '../i18n';
import { WebContext } from './web-context';

/**
 * The centers a staff member runs, by name: every center for an admin, their own for a
 * coordinator. The Today and Bookings pages open on the first and offer a picker when there are more.
 */
export async function centersRunBy(
  caller: Principal,
  centers: CentersService,
): Promise<CenterEntity[]> {
  if (caller.role === 'admin') return centers.allEntities();
  const own = await Promise.all(caller.centerIds.map((id) => centers.getEntity(id)));
  return own.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** A center id from the query: a UUID-like token, else a 400 rather than a database error. */
export function centerParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[0-9a-fA-F-]{36}$/.test(value)) {
    throw validationError('center', 'must be a center id', 'isUuid');
  }
  return value;
}

const KNOWN_CODES = new Set([
  'CHECK_IN_NOT_OPEN',
  'ALREADY_RELEASED',
  'INVALID_STATE',
  'BOOKING_CONFLICT',
  'VALIDATION_FAILED',
  'IN_THE_PAST',
]);

/**
 * An error a form's action may answer with, shown on the page again: a refusal to see the item
 * (403, 404) or a failure is not, and goes on to the error page.
 */
export function formError(caught: unknown): DomainError {
  const error = domainErrorFor(caught) ?? caught;
  if (
    error instanceof DomainError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 401 &&
    error.status !== 403 &&
    error.status !== 404
  ) {
    return error;
  }
  throw caught;
}

/** The translated summary of a service's refusal, and what exactly is wrong, in the reader's words. */
export function errorNotice(ctx: WebContext, error: DomainError): Html {
  const summary = KNOWN_CODES.has(error.code)
    ? ctx.t(`today.error.${error.code}` as MessageKey)
    : codeSentence(ctx, error.code);
  return html`<div class="error" role="alert" id="form-error">
    <p><strong>${summary}</strong></p>
    ${errorReasons(ctx, error, { fields: { reason: 'bookings.reason' } })}
  </div>`;
}
