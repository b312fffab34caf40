import { CentersService, CenterView } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { PagingQuery } from '../../common/pagination';
import { createValidationPipe } from '../../common/validation';
import { Principal } from '../../access';
import { codeSentence, errorReasons, ErrorTextOptions } from './error-text';
import { html, Html } from './html';
import { MessageKey } from '../i18n';
import { WebContext } from './web-context';

const pipe = createValidationPipe();

/**
 * A form's values checked against the API's own input class (the same rules, messages and
 * conversions as a JSON request), so a page never restates a rule.
 */
export async function checkedInput<T>(metatype: new () => T, plain: object): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype, data: '' })) as T;
}

/** A whole number typed in a form, or the text itself so the input class says what is wrong. */
export function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** The centers the caller runs (every center for an admin), by name. */
export async function centersRunBy(
  centers: CentersService,
  caller: Principal,
): Promise<CenterView[]> {
  if (caller.role === 'admin') {
    const page = Object.assign(new PagingQuery(), { limit: 500, offset: 0 });
    return (await centers.list(page)).items;
  }
  const list = await Promise.all(caller.centerIds.map((id) => centers.get(id)));
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The center a page works on: the one asked for, else the first the caller runs. The service
 * refuses (403/404) a center the caller does not run.
 */
export async function chosenCenter(
  centers: CentersService,
  caller: Principal,
  runs: CenterView[],
  requested: string | undefined,
): Promise<CenterView> {
  const id = requested ?? runs[0]?.id;
  if (!id) throw new DomainError('NOT_FOUND', 'You run no center');
  const entity = await centers.getManaged(caller, id);
  return runs.find((c) => c.id === entity.id) ?? (await centers.get(entity.id));
}

/** A refusal a form shows beside itself: the service's error, said by `problemBox`. */
export interface Problem {
  code: string;
  error: DomainError;
}

/** A refusal a form shows beside itself; anything else is left to the error page. */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof DomainError) || error.status >= 500 || error.status === 401) throw error;
  if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') throw error;
  return { code: error.code, error };
}

/** The center forms' fields under their own labels. */
export const CENTER_FORM_FIELDS: ErrorTextOptions = {
  fields: {
    minDurationMinutes: 'center.minDuration',
    maxDurationMinutes: 'center.maxDuration',
    bufferMinutes: 'center.buffer',
    'policy.maxAdvanceDays': 'center.policy.maxAdvanceDays',
    'policy.maxOccurrences': 'center.policy.maxOccurrences',
    'policy.checkInOpensMinutes': 'center.policy.checkInOpensMinutes',
    'policy.checkInGraceMinutes': 'center.policy.checkInGraceMinutes',
    'policy.walkInMaxMinutes': 'center.policy.walkInMaxMinutes',
  },
};

/** The translated summary of a refusal, and what exactly is wrong, in the reader's words. */
export function problemBox(
  ctx: WebContext,
  problem: Problem | undefined,
  summaries: Partial<Record<string, MessageKey>>,
  fallback: MessageKey,
): Html {
  if (!problem) return html``;
  const summary = ctx.t(summaries[problem.code] ?? fallback);
  const reasons = errorReasons(ctx, problem.error, CENTER_FORM_FIELDS);
  return html`<div class="error" role="alert">
    <p><strong>${summary}</strong></p>
    ${reasons.value ? reasons : html`<p>${codeSentence(ctx, problem.code)}</p>`}
  </div>`;
}

/** The status a form is shown again with: the service's own (400, 409, 422). */
export function statusOf(problem: Problem): number {
  return problem.error.status;
}
