import { DomainError, ErrorCode } from '../../common/domain-error';
import { domainErrorFor } from '../../common/database-errors';
import { FieldProblem } from './error-text';
import { FormBody } from './form';
import { html, Html } from './html';
import { MessageKey } from '../i18n';
import { WebContext } from './web-context';

/** The values of a form as typed (without its CSRF token), to show the form again. */
export function typedValues(form: FormBody | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form ?? {})) {
    if (name !== '_csrf' && value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * A refused form, in the reader's language: a summary above the form and a message beside each
 * field that was refused. Nothing of the service's English text reaches the page.
 */
export interface FormProblem {
  status: number;
  summary: MessageKey;
  /** The form's field name → what is wrong with it. */
  fields: Record<string, MessageKey>;
}

export interface ProblemRules {
  /** An API field (as the validation details name it) → the form's field and its message. */
  fields: Record<string, readonly [formField: string, message: MessageKey]>;
  /** A refusal code → its summary, and the field it concerns when there is one. */
  codes?: Partial<
    Record<ErrorCode, { summary: MessageKey; field?: readonly [string, MessageKey] }>
  >;
}

/**
 * The refusal a form shows beside itself. What is not a refusal of the input (no session, a
 * missing or forbidden item, a failure) propagates to the error page.
 */
export function formProblem(caught: unknown, rules: ProblemRules): FormProblem {
  const error = domainErrorFor(caught) ?? caught;
  if (
    !(error instanceof DomainError) ||
    error.status >= 500 ||
    [401, 403, 404].includes(error.status)
  ) {
    throw caught;
  }
  const fields: Record<string, MessageKey> = {};
  if (error.code === 'VALIDATION_FAILED') {
    const details = Array.isArray(error.extras.details)
      ? (error.extras.details as Array<{ field: string }>)
      : [];
    for (const { field } of details) {
      const rule = rules.fields[field] ?? rules.fields[field.split('.')[0]];
      if (rule && !(rule[0] in fields)) fields[rule[0]] = rule[1];
    }
    return { status: error.status, summary: 'people.form.invalid', fields };
  }
  const known = rules.codes?.[error.code];
  if (known?.field) fields[known.field[0]] = known.field[1];
  return { status: error.status, summary: known?.summary ?? 'people.form.refused', fields };
}

/** The summary of a refusal above its form, linking to each field that needs a change; focused. */
export function problemSummary(
  ctx: WebContext,
  problem: FormProblem | undefined,
  idOf: (field: string) => string = (field) => field,
): Html {
  if (!problem) return html``;
  const names = Object.keys(problem.fields);
  // It takes the focus when the page opens: the page scrolls to it, a screen reader reads it.
  return html`<div class="error error-summary" role="alert" tabindex="-1" autofocus>
    <p><strong>${ctx.t(problem.summary)}</strong></p>
    ${
      names.length > 0 &&
      html`<ul>
        ${names.map(
          (name) => html`<li><a href="#${idOf(name)}">${ctx.t(problem.fields[name])}</a></li>`,
        )}
      </ul>`
    }
  </div>`;
}

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'search' | 'time' | 'number';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  maxlength?: number;
  /** Extra attributes, such as `inputmode` or `min` (trusted markup). */
  extra?: Html;
}

/** The message beside a refused field, and the attributes that tie it to its control. */
function errorParts(
  ctx: WebContext,
  problem: FormProblem | undefined,
  options: { id: string; name: string; hint?: string },
): { invalid: Html; described: Html; message: Html } {
  const key = problem?.fields[options.name];
  const ids = [options.hint && `${options.id}-hint`, key && `${options.id}-error`].filter(Boolean);
  return {
    invalid: key ? html` aria-invalid="true"` : html``,
    described: ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : html``,
    message: key
      ? html`<p class="field-error" id="${options.id}-error">
          <span aria-hidden="true">⚠ </span>${ctx.t(key)}
        </p>`
      : html``,
  };
}

function labelOf(ctx: WebContext, label: string, required: boolean | undefined): Html {
  return html`${label}${required && html` <span class="hint">(${ctx.t('form.required')})</span>`}`;
}

/** A labelled input with its hint and, after a refusal, its message. */
export function inputField(
  ctx: WebContext,
  problem: FormProblem | undefined,
  options: FieldOptions,
): Html {
  const parts = errorParts(ctx, problem, options);
  return html`<div class="field">
    <label for="${options.id}">${labelOf(ctx, options.label, options.required)}</label>
    <input id="${options.id}" name="${options.name}" type="${options.type ?? 'text'}"
      value="${options.value ?? ''}"${options.required && html` required`}${
        options.autocomplete && html` autocomplete="${options.autocomplete}"`
      }${options.maxlength && html` maxlength="${options.maxlength}"`}${options.extra ?? ''}${
        parts.invalid
      }${parts.described} />
    ${options.hint && html`<span class="hint" id="${options.id}-hint">${options.hint}</span>`}
    ${parts.message}
  </div>`;
}

export interface SelectOptions {
  id: string;
  name: string;
  label: string;
  value?: string;
  choices: Array<{ value: string; label: string }>;
  hint?: string;
  required?: boolean;
}

export function selectField(
  ctx: WebContext,
  problem: FormProblem | undefined,
  options: SelectOptions,
): Html {
  const parts = errorParts(ctx, problem, options);
  return html`<div class="field">
    <label for="${options.id}">${labelOf(ctx, options.label, options.required)}</label>
    <select id="${options.id}" name="${options.name}"${parts.invalid}${parts.described}>
      ${options.choices.map(
        (choice) =>
          html`<option value="${choice.value}"${
            choice.value === (options.value ?? '') && html` selected`
          }>${choice.label}</option>`,
      )}
    </select>
    ${options.hint && html`<span class="hint" id="${options.id}-hint">${options.hint}</span>`}
    ${parts.message}
  </div>`;
}

/** A group of checkboxes (one name, several values) with its legend and message. */
export function checkboxGroup(
  ctx: WebContext,
  problem: FormProblem | undefined,
  options: {
    id: string;
    name: string;
    legend: string;
    checked: string[];
    choices: Array<{ value: string; label: string }>;
    hint?: string;
  },
): Html {
  const parts = errorParts(ctx, problem, options);
  return html`<fieldset id="${options.id}"${parts.described}>
    <legend>${options.legend}</legend>
    ${options.hint && html`<span class="hint" id="${options.id}-hint">${options.hint}</span>`}
    ${options.choices.map(
      (choice, index) => html`<div class="check">
        <input type="checkbox" id="${options.id}-${index}" name="${options.name}"
          value="${choice.value}"${options.checked.includes(choice.value) && html` checked`} />
        <label for="${options.id}-${index}">${choice.label}</label>
      </div>`,
    )}
    ${parts.message}
  </fieldset>`;
}

/**
 * A refusal spread over its form: every problem in a summary at the top (which takes the focus
 * when the page opens, so a keyboard or screen-reader user starts there and a phone scrolls to
 * it), each linking to its field, and each field's message beside it.
 */
export interface SpreadProblem {
  /** Summary lines, each with the id of the control it links to (none for the whole form). */
  lines: Array<{ id?: string; line: Html }>;
  /** Control id → its messages. */
  byId: Map<string, Html[]>;
}

/**
 * Spreads a refusal's problems over a form: `idOf` names the control of an API field (the
 * longest known prefix of `recurrence.rule` is tried too); problems of no field stay in the
 * summary only.
 */
export function spreadProblem(
  problems: FieldProblem[],
  idOf: (apiField: string, values: FieldProblem['values']) => string | undefined,
): SpreadProblem {
  const byId = new Map<string, Html[]>();
  const lines = problems.map((p) => {
    const id = p.field === undefined ? undefined : controlOf(p.field, (f) => idOf(f, p.values));
    if (id) byId.set(id, [...(byId.get(id) ?? []), p.sentence]);
    return { id, line: p.line };
  });
  return { lines, byId };
}

function controlOf(
  field: string,
  idOf: (apiField: string) => string | undefined,
): string | undefined {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const id = idOf(parts.slice(0, n).join('.'));
    if (id) return id;
  }
  return undefined;
}

/** The summary at the top of the page: focused when the page opens. */
export function errorSummary(
  ctx: WebContext,
  title: string,
  spread: SpreadProblem | undefined,
  more: { lead?: Html; extra?: Html } = {},
): Html {
  if (!spread) return html``;
  const { lead, extra } = more;
  return html`<div class="error error-summary" id="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${title}</h2>${lead ?? ''}${
    spread.lines.length > 0 &&
    html`<ul>${spread.lines.map((l) =>
      l.id ? html`<li><a href="#${l.id}">${l.line}</a></li>` : html`<li>${l.line}</li>`,
    )}</ul>`
  }${extra ?? ''}</div>`;
}

/** The messages beside a control, and the attributes tying them to it. */
export function fieldMessage(
  spread: SpreadProblem | undefined,
  id: string,
  hintId?: string,
): { attrs: Html; message: Html } {
  const messages = spread?.byId.get(id);
  const described = [hintId, messages && `${id}-error`].filter(Boolean).join(' ');
  return {
    attrs: html`${messages ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`,
    message: messages
      ? html`<p class="field-error" id="${id}-error"><span aria-hidden="true">⚠ </span>${messages.map(
          (m, i) => html`${i > 0 ? '; ' : ''}${m}`,
        )}</p>`
      : html``,
  };
}
