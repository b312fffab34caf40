import { CenterEntity } from '../../centers';
import { BookingView, PURPOSES } from '../../bookings';
import { DomainError } from '../../common/domain-error';
import { ResourceEntity } from '../../resources';
import { BookingFormValues, WEEKDAY_CODES } from './booking-form';
import { centerPicker } from '../shared/center-picker';
import { conflictTable } from './conflict-list';
import { ExplainedConflict } from './conflict-reasons';
import { codeSentence, ErrorTextOptions, fieldProblems } from '../shared/error-text';
import { errorSummary, fieldMessage, spreadProblem, SpreadProblem } from '../shared/form-fields';
import { OfferedAlternatives } from './booking-alternatives';
import { formQuery } from './booking-form';
import { featureList } from '../shared/features';
import { formatRange } from '../shared/format';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

export interface BookingFormPage {
  center: CenterEntity;
  offered: CenterEntity[];
  resources: ResourceEntity[];
  /** People staff may book for; undefined for members (they book for themselves). */
  owners?: Array<{ id: string; name: string }>;
  values: BookingFormValues;
  preview?: BookingView;
  /** The preview's clashing dates, with why. */
  skipped?: ExplainedConflict[];
  problem?: { error: DomainError; conflicts: ExplainedConflict[] };
  /** Ways out of the clashes, found by the scheduling core. */
  alternatives?: OfferedAlternatives;
}

/** The control of each API field on this form, for the messages beside them. */
const CONTROL_OF: Record<string, string> = {
  resourceId: 'resourceId',
  start: 'startTime',
  end: 'endTime',
  title: 'title',
  purpose: 'purpose',
  attendees: 'attendees',
  ownerId: 'ownerId',
  recurrence: 'repeat-none',
  equipment: 'equipment',
};

/** The API's fields under the labels of this form, for its error messages. */
export const BOOKING_FORM_FIELDS: ErrorTextOptions = {
  fields: {
    resourceId: 'book.resource',
    start: 'book.startTime',
    end: 'book.endTime',
    title: 'book.titleField',
    purpose: 'book.purpose',
    attendees: 'book.attendees',
    ownerId: 'book.owner',
    recurrence: 'book.repeat',
    'recurrence.rule': 'book.repeat',
    equipment: 'book.equipment',
  },
};

const selected = (on: boolean) => (on ? html` selected` : '');
const checked = (on: boolean) => (on ? html` checked` : '');

/** What an option says besides the name: a room's seats, the features. */
function resourceDetails(ctx: WebContext, r: ResourceEntity): string {
  const parts = [
    ...(r.kind === 'room' && r.capacity !== null
      ? [ctx.t('book.seats', { count: r.capacity })]
      : []),
    ...(r.features.length > 0 ? [featureList(ctx, r.features)] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(' · ')})` : '';
}

function resourceSelect(
  ctx: WebContext,
  resources: ResourceEntity[],
  chosen: string | undefined,
  attrs: Html,
): Html {
  const kinds = ['desk', 'computer', 'room'] as const;
  return html`<select id="resourceId" name="resourceId" required${attrs}>${kinds.map((kind) => {
    const ofKind = resources.filter((r) => r.kind === kind);
    return (
      ofKind.length > 0 &&
      html`<optgroup label="${ctx.t(`kind.${kind}`)}">${ofKind.map(
        (r) =>
          html`<option value="${r.id}"${selected(r.id === chosen)}>${r.name}${resourceDetails(ctx, r)}</option>`,
      )}</optgroup>`
    );
  })}</select>`;
}

/** The alternatives as links to the form prefilled with each. */
function alternativesSection(ctx: WebContext, page: BookingFormPage): Html {
  const offer = page.alternatives;
  if (!offer) return html``;
  const zone = page.center.timezone;
  const asked = page.resources.find((r) => r.id === page.values.resourceId);
  const range = (s: { start: number; end: number }) =>
    formatRange(s.start, s.end, zone, ctx.locale);
  const link = (values: BookingFormPage['values'], text: string) =>
    html`<li><a href="/book?${formQuery({ ...values, centerId: page.center.id })}">${text}</a></li>`;
  const items = [
    ...offer.elsewhere.map((e) =>
      link(e.values, ctx.t('book.alt.elsewhere', { name: e.resource.name })),
    ),
    offer.earlier &&
      link(
        offer.earlier.values,
        ctx.t('book.alt.earlier', { name: asked?.name ?? '', time: range(offer.earlier.session) }),
      ),
    offer.later &&
      link(
        offer.later.values,
        ctx.t('book.alt.later', { name: asked?.name ?? '', time: range(offer.later.session) }),
      ),
    ...offer.weekLater.map((w) =>
      link(w.values, ctx.t('book.alt.weekLater', { time: range(w.session) })),
    ),
  ].filter((item): item is Html => Boolean(item));
  return html`<section class="alternatives" aria-labelledby="alternatives-title">
<h3 id="alternatives-title">${ctx.t('book.alt.title')}</h3>
${items.length > 0 ? html`<ul>${items}</ul>` : html`<p>${ctx.t('book.alt.none')}</p>`}
</section>`;
}

function previewSection(ctx: WebContext, page: BookingFormPage, names: Map<string, string>): Html {
  const preview = page.preview!;
  const zone = page.center.timezone;
  const free = preview.occurrences.length;
  const clashes = page.skipped ?? [];
  return html`<section class="preview" aria-labelledby="preview-title">
<h2 id="preview-title" tabindex="-1"${clashes.length > 0 ? html` autofocus` : ''}>${ctx.t('book.previewTitle')}</h2>
<p>${ctx.t('book.sessions', { count: free })}</p>
<ul class="sessions">${preview.occurrences.map(
    (o) => html`<li>${formatRange(Date.parse(o.start), Date.parse(o.end), zone, ctx.locale)}</li>`,
  )}</ul>
${clashes.length > 0 ? conflictTable(ctx, clashes, zone, names) : html`<p class="success">${ctx.t('book.allFree')}</p>`}
${alternativesSection(ctx, page)}
${preview.status === 'pending' && html`<p class="notice">${ctx.t('book.needsApproval')}</p>`}
<p class="row">${
    clashes.length === 0
      ? html`<button type="submit" id="book-button" form="booking-form" formaction="/book">${ctx.t('book.confirm')}</button>`
      : html`<button type="submit" id="book-button" form="booking-form" formaction="/book" name="skipConflicts" value="1">${ctx.t('book.bookFree', { count: free })}</button>`
  }</p>
</section>`;
}

/** A refusal: the summary at the top (focused), the clashes with their ways out. */
function problemSection(
  ctx: WebContext,
  page: BookingFormPage,
  names: Map<string, string>,
  spread: SpreadProblem,
): Html {
  const problem = page.problem!;
  const clashes = problem.conflicts.length > 0;
  const lead = html`<p>${codeSentence(ctx, problem.error.code)}</p>`;
  const extra = html`${clashes && conflictTable(ctx, problem.conflicts, page.center.timezone, names)}
${clashes && html`<p>${ctx.t('book.noneFree')}</p>`}
${alternativesSection(ctx, page)}`;
  return errorSummary(ctx, ctx.t('book.failed'), spread, { lead, extra });
}

export function renderBookingForm(ctx: WebContext, page: BookingFormPage): Html {
  const v = page.values;
  const names = new Map(page.resources.map((r) => [r.id, r.name]));
  const bookable = page.resources.filter((r) => r.active && r.kind !== 'equipment');
  const pools = page.resources.filter((r) => r.active && r.kind === 'equipment');
  const spread =
    page.problem &&
    spreadProblem(
      fieldProblems(ctx, page.problem.error, BOOKING_FORM_FIELDS),
      (f) => CONTROL_OF[f],
    );
  const at = (id: string, hintId?: string) => fieldMessage(spread, id, hintId);
  const resource = at('resourceId');
  const start = at('startTime');
  const end = at('endTime');
  const title = at('title', 'title-hint');
  const purpose = at('purpose');
  const attendees = at('attendees', 'attendees-hint');
  const owner = at('ownerId');
  const repeat = at('repeat-none');
  const equipment = at('equipment');
  const equipmentAsked = Object.keys(v.equipment).length > 0;
  const main = html`${page.problem && problemSection(ctx, page, names, spread!)}
${centerPicker(ctx, '/book', page.offered, page.center.id, { single: 'hint' })}
${page.preview && previewSection(ctx, page, names)}
${
  bookable.length === 0
    ? html`<p class="notice">${ctx.t('book.noResources')}</p>`
    : html`
<form id="booking-form" method="post" action="/book/preview" class="stack booking-form">${csrfField(ctx)}
<input type="hidden" name="center" value="${page.center.id}">
<input type="hidden" name="idempotencyKey" value="${v.idempotencyKey}">
<fieldset><legend>${ctx.t('book.what')}</legend>
${
  page.owners &&
  html`<div class="field"><label for="ownerId">${ctx.t('book.owner')}</label>
<select id="ownerId" name="ownerId"${owner.attrs}><option value="">${ctx.t('book.ownerSelf')}</option>${page.owners.map(
    (o) => html`<option value="${o.id}"${selected(o.id === v.ownerId)}>${o.name}</option>`,
  )}</select>${owner.message}</div>`
}
<div class="field"><label for="resourceId">${ctx.t('book.resource')}</label>${resourceSelect(ctx, bookable, v.resourceId, resource.attrs)}${resource.message}</div>
<div class="row">
<div class="field"><label for="date">${ctx.t('book.date')}</label><input id="date" name="date" type="date" required value="${v.date}"></div>
<div class="field"><label for="startTime">${ctx.t('book.startTime')}</label><input id="startTime" name="startTime" type="time" required step="300" value="${v.startTime}"${start.attrs}>${start.message}</div>
<div class="field"><label for="endTime">${ctx.t('book.endTime')}</label><input id="endTime" name="endTime" type="time" required step="300" value="${v.endTime}"${end.attrs}>${end.message}</div>
</div>
<div class="field"><label for="title">${ctx.t('book.titleField')}</label><input id="title" name="title" maxlength="200" value="${v.title}"${title.attrs}><span id="title-hint" class="hint">${ctx.t('book.titleHint')}</span>${title.message}</div>
<div class="row">
<div class="field"><label for="purpose">${ctx.t('book.purpose')}</label><select id="purpose" name="purpose"${purpose.attrs}>${PURPOSES.map(
        (p) =>
          html`<option value="${p}"${selected(p === v.purpose)}>${ctx.t(`purpose.${p}` as MessageKey)}</option>`,
      )}</select>${purpose.message}</div>
<div class="field"><label for="attendees">${ctx.t('book.attendees')}</label><input id="attendees" name="attendees" type="number" min="1" max="10000" inputmode="numeric" value="${v.attendees ?? ''}"${attendees.attrs}><span id="attendees-hint" class="hint">${ctx.t('book.attendeesHint')}</span>${attendees.message}</div>
</div>
</fieldset>
<details class="more"${v.repeat !== 'none' || repeat.message.value ? html` open` : ''}><summary>${ctx.t('book.repeatMore')}</summary>
<fieldset><legend>${ctx.t('book.repeat')}</legend>
<div class="choices">${(['none', 'daily', 'weekly'] as const).map(
        (r) =>
          html`<label class="choice"><input type="radio" id="repeat-${r}" name="repeat" value="${r}"${checked(v.repeat === r)}${r === 'none' ? repeat.attrs : ''}> ${ctx.t(
            r === 'none'
              ? 'book.repeatNone'
              : r === 'daily'
                ? 'book.repeatDaily'
                : 'book.repeatWeekly',
          )}</label>`,
      )}</div>${repeat.message}
<fieldset class="inner"><legend>${ctx.t('book.weekdays')}</legend><div class="choices">${WEEKDAY_CODES.map(
        (d) =>
          html`<label class="choice"><input type="checkbox" name="weekdays" value="${d}"${checked(v.weekdays.includes(d))}> ${ctx.t(`weekday.${d}` as MessageKey)}</label>`,
      )}</div></fieldset>
<fieldset class="inner"><legend>${ctx.t('book.ends')}</legend>
<div class="row"><label class="choice"><input type="radio" name="ends" value="count"${checked(v.ends === 'count')}> ${ctx.t('book.endsCount')}</label>
<label for="count" class="visually-hidden">${ctx.t('book.endsCount')}</label><input id="count" name="count" type="number" min="1" max="366" inputmode="numeric" value="${v.count ?? ''}"></div>
<div class="row"><label class="choice"><input type="radio" name="ends" value="until"${checked(v.ends === 'until')}> ${ctx.t('book.endsUntil')}</label>
<label for="until" class="visually-hidden">${ctx.t('book.endsUntil')}</label><input id="until" name="until" type="date" value="${v.until ?? ''}"></div>
</fieldset>
</fieldset>
</details>
${
  pools.length > 0 &&
  html`<details class="more"${equipmentAsked || equipment.message.value ? html` open` : ''}><summary>${ctx.t('book.equipmentMore')}</summary>
<fieldset id="equipment"><legend>${ctx.t('book.equipment')}</legend><p class="hint">${ctx.t('book.equipmentHint')}</p>
${pools.map(
  (
    p,
  ) => html`<div class="field"><label for="equipment_${p.id}">${p.name} (${ctx.t('book.available', { count: p.quantity })})</label>
<input id="equipment_${p.id}" name="equipment_${p.id}" type="number" min="0" max="${p.quantity}" inputmode="numeric" value="${v.equipment[p.id] ?? 0}"></div>`,
)}${equipment.message}</fieldset></details>`
}
<div><button type="submit" id="preview-button" aria-describedby="submit-hint">${ctx.t('book.submit')}</button>
<p class="hint" id="submit-hint">${ctx.t('book.submitHint')}</p></div>
</form>`
}`;
  return renderPage(ctx, { title: ctx.t('book.title'), main, active: 'newBooking' });
}
