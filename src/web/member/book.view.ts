import { CenterEntity } from '../../centers';
import { BookingView, PURPOSES } from '../../bookings';
import { DomainError } from '../../common/domain-error';
import { ResourceEntity } from '../../resources';
import { BookingFormValues, WEEKDAY_CODES } from './booking-form';
import { centerPicker } from '../shared/center-picker';
import { conflictTable } from './conflict-list';
import { ExplainedConflict } from './conflict-reasons';
import { codeSentence, errorReasons, ErrorTextOptions } from '../shared/error-text';
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
}

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

function resourceSelect(ctx: WebContext, resources: ResourceEntity[], chosen?: string): Html {
  const kinds = ['desk', 'computer', 'room'] as const;
  return html`<select id="resourceId" name="resourceId" required>${kinds.map((kind) => {
    const ofKind = resources.filter((r) => r.kind === kind);
    return (
      ofKind.length > 0 &&
      html`<optgroup label="${ctx.t(`kind.${kind}`)}">${ofKind.map(
        (r) =>
          html`<option value="${r.id}"${selected(r.id === chosen)}>${r.name}${r.features.length > 0 ? ` (${featureList(ctx, r.features)})` : ''}</option>`,
      )}</optgroup>`
    );
  })}</select>`;
}

function previewSection(ctx: WebContext, page: BookingFormPage, names: Map<string, string>): Html {
  const preview = page.preview!;
  const zone = page.center.timezone;
  const free = preview.occurrences.length;
  const clashes = page.skipped ?? [];
  return html`<section class="preview" aria-labelledby="preview-title">
<h2 id="preview-title" tabindex="-1">${ctx.t('book.previewTitle')}</h2>
<p>${ctx.t('book.sessions', { count: free })}</p>
<ul class="sessions">${preview.occurrences.map(
    (o) => html`<li>${formatRange(Date.parse(o.start), Date.parse(o.end), zone, ctx.locale)}</li>`,
  )}</ul>
${clashes.length > 0 ? conflictTable(ctx, clashes, zone, names) : html`<p class="success">${ctx.t('book.allFree')}</p>`}
${preview.status === 'pending' && html`<p class="notice">${ctx.t('book.needsApproval')}</p>`}
<p class="row">${
    clashes.length === 0
      ? html`<button type="submit" id="book-button" form="booking-form" formaction="/book">${ctx.t('book.confirm')}</button>`
      : html`<button type="submit" id="book-button" form="booking-form" formaction="/book" name="skipConflicts" value="1">${ctx.t('book.bookFree', { count: free })}</button>`
  }</p>
</section>`;
}

function problemSection(ctx: WebContext, page: BookingFormPage, names: Map<string, string>): Html {
  const problem = page.problem!;
  return html`<div class="error" role="alert"><p><strong>${ctx.t('book.failed')}</strong>: ${codeSentence(ctx, problem.error.code)}</p>
${errorReasons(ctx, problem.error, BOOKING_FORM_FIELDS)}
${problem.conflicts.length > 0 && conflictTable(ctx, problem.conflicts, page.center.timezone, names)}
${problem.conflicts.length > 0 && html`<p>${ctx.t('book.noneFree')}</p>`}</div>`;
}

export function renderBookingForm(ctx: WebContext, page: BookingFormPage): Html {
  const v = page.values;
  const names = new Map(page.resources.map((r) => [r.id, r.name]));
  const bookable = page.resources.filter((r) => r.active && r.kind !== 'equipment');
  const pools = page.resources.filter((r) => r.active && r.kind === 'equipment');
  const main = html`${centerPicker(ctx, '/book', page.offered, page.center.id, { single: 'hint' })}
${page.problem && problemSection(ctx, page, names)}
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
<select id="ownerId" name="ownerId"><option value="">${ctx.t('book.ownerSelf')}</option>${page.owners.map(
    (o) => html`<option value="${o.id}"${selected(o.id === v.ownerId)}>${o.name}</option>`,
  )}</select></div>`
}
<div class="field"><label for="resourceId">${ctx.t('book.resource')}</label>${resourceSelect(ctx, bookable, v.resourceId)}</div>
<div class="row">
<div class="field"><label for="date">${ctx.t('book.date')}</label><input id="date" name="date" type="date" required value="${v.date}"></div>
<div class="field"><label for="startTime">${ctx.t('book.startTime')}</label><input id="startTime" name="startTime" type="time" required step="300" value="${v.startTime}"></div>
<div class="field"><label for="endTime">${ctx.t('book.endTime')}</label><input id="endTime" name="endTime" type="time" required step="300" value="${v.endTime}"></div>
</div>
<div class="field"><label for="title">${ctx.t('book.titleField')}</label><input id="title" name="title" maxlength="200" value="${v.title}" aria-describedby="title-hint"><span id="title-hint" class="hint">${ctx.t('book.titleHint')}</span></div>
<div class="row">
<div class="field"><label for="purpose">${ctx.t('book.purpose')}</label><select id="purpose" name="purpose">${PURPOSES.map(
        (p) =>
          html`<option value="${p}"${selected(p === v.purpose)}>${ctx.t(`purpose.${p}` as MessageKey)}</option>`,
      )}</select></div>
<div class="field"><label for="attendees">${ctx.t('book.attendees')}</label><input id="attendees" name="attendees" type="number" min="1" max="10000" inputmode="numeric" value="${v.attendees ?? ''}" aria-describedby="attendees-hint"><span id="attendees-hint" class="hint">${ctx.t('book.attendeesHint')}</span></div>
</div>
</fieldset>
<fieldset><legend>${ctx.t('book.repeat')}</legend>
<div class="choices">${(['none', 'daily', 'weekly'] as const).map(
        (r) =>
          html`<label class="choice"><input type="radio" name="repeat" value="${r}"${checked(v.repeat === r)}> ${ctx.t(
            r === 'none'
              ? 'book.repeatNone'
              : r === 'daily'
                ? 'book.repeatDaily'
                : 'book.repeatWeekly',
          )}</label>`,
      )}</div>
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
${
  pools.length > 0 &&
  html`<fieldset><legend>${ctx.t('book.equipment')}</legend><p class="hint">${ctx.t('book.equipmentHint')}</p>
${pools.map(
  (
    p,
  ) => html`<div class="field"><label for="equipment_${p.id}">${p.name} (${ctx.t('book.available', { count: p.quantity })})</label>
<input id="equipment_${p.id}" name="equipment_${p.id}" type="number" min="0" max="${p.quantity}" inputmode="numeric" value="${v.equipment[p.id] ?? 0}"></div>`,
)}</fieldset>`
}
<div><button type="submit" id="preview-button">${ctx.t('book.preview')}</button></div>
</form>`
}`;
  return renderPage(ctx, { title: ctx.t('book.title'), main, active: 'newBooking' });
}
