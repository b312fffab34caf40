import { DateTime } from 'luxon';
import { DomainError, Wording } from '../../common/domain-error';
import { html, Html } from './html';
import { intlTag, isMessageKey, MessageKey } from '../i18n';
import { formatCalendarDate } from './format';
import { WebContext } from './web-context';

/**
 * A refusal of the API in the reader's language: the sentence of its code, and what exactly is
 * wrong, from the error's wording (the rule each problem breaks, with the field and values),
 * never from its English `message`. A rule or field the catalogs do not know is said with a
 * general word and marked `data-untranslated`, which the page tests look for.
 */
export interface ErrorTextOptions {
  /** What this page calls an API field it shows under its own label (`start` → "From"). */
  fields?: Partial<Record<string, MessageKey>>;
}

/** The marker of a catalog miss: rendered around the general word used instead. */
export const UNTRANSLATED = 'data-untranslated';

/** The sentence of an error code ("Some input is not valid."). */
export function codeSentence(ctx: WebContext, code: string): string {
  const key = `code.${code}`;
  return ctx.t(isMessageKey(key) ? key : 'code.OTHER');
}

/** What an HTTP status means when the error is not one of ours (a body Fastify refused). */
export function statusSentence(ctx: WebContext, status: number): string {
  return codeSentence(
    ctx,
    status === 413
      ? 'PAYLOAD_TOO_LARGE'
      : status === 429
        ? 'TOO_MANY_REQUESTS'
        : 'VALIDATION_FAILED',
  );
}

/** A field's name as the page calls it; `known` is false when the catalogs lack it. */
export function fieldLabel(
  ctx: WebContext,
  field: string,
  options: ErrorTextOptions = {},
): { text: string; known: boolean } {
  // `equipment.0.quantity` is `equipment.quantity` to the reader.
  const normalized = field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
  const override = options.fields?.[normalized];
  if (override) return { text: ctx.t(override), known: true };
  const last = normalized.split('.').pop() ?? normalized;
  for (const candidate of [normalized, last]) {
    const key = `field.${candidate}`;
    if (isMessageKey(key)) return { text: ctx.t(key), known: true };
  }
  return { text: field, known: false };
}

/** The catalog key of a `matches` problem: dates, features… have their own sentence. */
function matchesKey(field: string | undefined): string {
  const last = (field ?? '').split('.').pop() ?? '';
  const kind = ['from', 'to', 'date', 'until', 'exceptions'].includes(last) ? 'date' : last;
  const key = `rule.matches.${kind}`;
  return isMessageKey(key) ? key : 'rule.matches';
}

function localDate(ctx: WebContext, date: string): string {
  return formatCalendarDate(date, ctx.locale);
}

/** An instant the API wrote in the center's offset, read in that offset. */
function instant(ctx: WebContext, iso: string): string {
  const at = DateTime.fromISO(iso, { setZone: true });
  return at.isValid ? at.setLocale(intlTag(ctx.locale)).toFormat('ccc d MMM HH:mm') : iso;
}

/** Rules whose `status` value is a session's state (the others name a booking's status). */
const SESSION_STATUS_RULES = new Set(['sessionStatus']);

/** The values of a wording as its sentence shows them, and whether every one was translated. */
function sentenceValues(
  ctx: WebContext,
  wording: Wording,
  options: ErrorTextOptions,
): { values: Record<string, string | number>; known: boolean } {
  let known = true;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(wording.values ?? {})) {
    if (name === 'other' && typeof value === 'string') {
      const label = fieldLabel(ctx, value, options);
      known &&= label.known;
      values[name] = label.text;
    } else if (name === 'date' && typeof value === 'string') {
      values[name] = localDate(ctx, value);
    } else if (name.endsWith('At') && typeof value === 'string') {
      values[name] = instant(ctx, value);
    } else if (name === 'day' || name === 'status') {
      const prefix =
        name === 'day' ? 'center.day' : SESSION_STATUS_RULES.has(wording.rule) ? 'state' : 'status';
      const key = `${prefix}.${value}`;
      known &&= isMessageKey(key);
      values[name] = isMessageKey(key) ? ctx.t(key) : value;
    } else {
      values[name] = value;
    }
  }
  // Plural sentences pick their form by `count`: a limit is the count of what it limits.
  values.count ??= values.max ?? values.min ?? 0;
  return { values, known };
}

/** The sentence of one wording, without its field ("must be after “From”"). */
function ruleSentence(ctx: WebContext, wording: Wording, options: ErrorTextOptions): Html {
  const key = wording.rule === 'matches' ? matchesKey(wording.field) : `rule.${wording.rule}`;
  const { values, known } = sentenceValues(ctx, wording, options);
  if (wording.rule === 'invalid' || !isMessageKey(key)) {
    return html`<span ${UNTRANSLATED}="${wording.rule}">${ctx.t('rule.invalid')}</span>`;
  }
  const text = ctx.t(key, values);
  // A value the sentence names but the error did not give is a miss too.
  return known && !/\{\w+\}/.test(text)
    ? html`${text}`
    : html`<span ${UNTRANSLATED}="${wording.rule}">${text}</span>`;
}

/** One problem as a line: "Until: must be after “From”", or a sentence of its own. */
function reasonLine(ctx: WebContext, wording: Wording, options: ErrorTextOptions): Html {
  const sentence = ruleSentence(ctx, wording, options);
  if (wording.field === undefined) return sentence;
  const label = fieldLabel(ctx, wording.field, options);
  const name = label.known
    ? html`${label.text}`
    : html`<code ${UNTRANSLATED}="field">${label.text}</code>`;
  return html`${name}: ${sentence}`;
}

/** What exactly is wrong, one item per problem; nothing when the code's sentence says it all. */
export function errorReasons(
  ctx: WebContext,
  error: DomainError,
  options: ErrorTextOptions = {},
): Html {
  const lines = error.wording.map((w) => reasonLine(ctx, w, options));
  if (lines.length === 0) return html``;
  if (lines.length === 1) return html`<p>${lines[0]}</p>`;
  return html`<ul>${lines.map((line) => html`<li>${line}</li>`)}</ul>`;
}

/** The whole refusal: the code's sentence in bold, then the reasons. */
export function errorMessage(
  ctx: WebContext,
  error: DomainError,
  options: ErrorTextOptions = {},
): Html {
  return html`<p><strong>${codeSentence(ctx, error.code)}</strong></p>${errorReasons(
    ctx,
    error,
    options,
  )}`;
}

/** One problem of a refusal: the API field it concerns (if any), its line and its sentence. */
export interface FieldProblem {
  /** The API field as the wording names it, numbers dropped (`equipment.quantity`). */
  field?: string;
  /** "Until: must be after “From”", for the summary. */
  line: Html;
  /** "must be after “From”", beside the field itself. */
  sentence: Html;
  /** The wording's values (`day` for opening hours), to find the field's control. */
  values?: Wording['values'];
}

/** Every problem of a refusal, each with its field, for a summary and the messages beside fields. */
export function fieldProblems(
  ctx: WebContext,
  error: DomainError,
  options: ErrorTextOptions = {},
): FieldProblem[] {
  return error.wording.map((w) => ({
    ...(w.field !== undefined && {
      field: w.field
        .split('.')
        .filter((part) => !/^\d+$/.test(part))
        .join('.'),
    }),
    line: reasonLine(ctx, w, options),
    sentence: ruleSentence(ctx, w, options),
    ...(w.values && { values: w.values }),
  }));
}
