import { DateTime } from 'luxon';
import { BookingView } from '../../bookings';
import { CenterEntity } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { ResourceEntity } from '../../resources';
import { bookingName } from '../shared/booking-name';
import { centerField } from '../shared/center-picker';
import { errorMessage, ErrorTextOptions } from '../shared/error-text';
import { featureLabel, featureList } from '../shared/features';
import { formatDateTime, formatTime } from '../shared/format';
import { html, Html } from '../shared/html';
import { csrfField, renderPage } from '../shared/layout';
import { notices } from './notices';
import { actionButton, isUpcoming, sessionActions, sessionTime } from './session-list';
import { stateBadge, statusBadge } from '../shared/badges';
import { WebContext } from '../shared/web-context';
import { FormBody } from '../shared/form';

type Places = Map<string, { resource: ResourceEntity; center: CenterEntity }>;

function bookingCard(ctx: WebContext, booking: BookingView, places: Places, now: number): Html {
  const place = places.get(booking.resourceId)!;
  const zone = place.center.timezone;
  const upcoming = booking.occurrences.filter((o) => isUpcoming(o, now));
  const headingId = `booking-${booking.id}`;
  return html`<section class="card" aria-labelledby="${headingId}">
<h2 id="${headingId}">${bookingName(ctx, booking, { resourceName: place.resource.name, zone })}</h2>
<p>${ctx.t('me.at', { resource: place.resource.name, center: place.center.name })} · ${statusBadge(ctx, booking.status)}</p>
${booking.status === 'rejected' && booking.rejectionReason && html`<p>${ctx.t('me.rejected', { reason: booking.rejectionReason })}</p>`}
<ul class="session-list">${upcoming.map((o, i) => {
    const labelId = `${headingId}-s${i}`;
    return html`<li><span id="${labelId}">${sessionTime(ctx, o, zone)}</span> ${stateBadge(ctx, o.status)}
${sessionActions(ctx, booking, o, now, labelId)}</li>`;
  })}</ul>
${upcoming.length > 1 && actionButton(ctx, `/bookings/${booking.id}/cancel`, ctx.t('session.cancelAll'), { danger: true, describedBy: headingId })}
</section>`;
}

export function renderMyBookings(
  ctx: WebContext,
  page: { bookings: BookingView[]; places: Places; now: number; query: FormBody },
): Html {
  const shown = page.bookings.filter((b) => b.occurrences.some((o) => isUpcoming(o, page.now)));
  return renderPage(ctx, {
    title: ctx.t('me.title'),
    active: 'myBookings',
    main: html`${notices(ctx, page.query)}
${shown.length === 0 ? html`<p>${ctx.t('me.none')}</p>` : shown.map((b) => bookingCard(ctx, b, page.places, page.now))}
<p><a class="button" href="/find">${ctx.t('me.bookNew')}</a></p>`,
  });
}

/** The search's fields under this page's labels. */
const FIND_FIELDS: ErrorTextOptions = {
  fields: {
    start: 'book.startTime',
    end: 'book.endTime',
    feature: 'find.feature',
    kind: 'find.kind',
  },
};

export interface FindForm {
  kind?: string;
  when: 'now' | 'later';
  hours: number;
  start: string;
  end: string;
  feature?: string;
  /** The search runs until the center closes (`hours=closing`). */
  untilClosing?: boolean;
  /** When the center closes before the hours asked for are over: "until closing" is offered. */
  closesSooner?: number;
}

/** The same search "now", until the center closes. */
function untilClosingQuery(centerId: string, f: FindForm): string {
  const query = new URLSearchParams({ center: centerId, when: 'now', hours: 'closing' });
  if (f.kind) query.set('kind', f.kind);
  if (f.feature) query.set('feature', f.feature);
  return query.toString();
}

export function renderFindPage(
  ctx: WebContext,
  page: {
    center: CenterEntity;
    offered: CenterEntity[];
    features: string[];
    form: FindForm;
    searched: boolean;
    free: ResourceEntity[];
    problem?: DomainError;
    idempotencyKey: string;
  },
): Html {
  const f = page.form;
  const [date, startTime] = f.start.split('T');
  const endTime = f.end.split('T')[1];
  const opt = (value: string, label: string, on: boolean) =>
    html`<option value="${value}"${on ? html` selected` : ''}>${label}</option>`;
  const zone = page.center.timezone;
  const startMs = DateTime.fromISO(f.start, { zone }).toMillis();
  const endMs = DateTime.fromISO(f.end, { zone }).toMillis();
  const results =
    page.searched &&
    (page.problem
      ? html`<div class="error" role="alert">${errorMessage(ctx, page.problem, FIND_FIELDS)}</div>`
      : html`<section aria-labelledby="results" data-results-first><h2 id="results">${ctx.t(
          'find.results',
          {
            from: formatDateTime(startMs, zone, ctx.locale),
            to: formatTime(endMs, zone),
          },
        )}</h2>
${
  f.closesSooner !== undefined &&
  html`<p class="notice">${ctx.t('find.closesAt', { time: formatTime(f.closesSooner, zone) })}
<a href="/find?${untilClosingQuery(page.center.id, f)}">${ctx.t('find.untilClosing')}</a></p>`
}
${
  page.free.length === 0
    ? html`<p>${ctx.t('find.noneFree')}</p>`
    : html`<ul class="free-list">${page.free.map(
        (r) => html`<li><form method="post" action="/book" class="row">${csrfField(ctx)}
<input type="hidden" name="center" value="${page.center.id}"><input type="hidden" name="resourceId" value="${r.id}">
<input type="hidden" name="date" value="${date}"><input type="hidden" name="startTime" value="${startTime}">
<input type="hidden" name="endTime" value="${endTime}"><input type="hidden" name="idempotencyKey" value="${page.idempotencyKey}-${r.id}">
<span>${stateBadge(ctx, 'free')} <strong>${r.name}</strong> · ${ctx.t(`kind.${r.kind}` as 'kind.desk')}${r.features.length > 0 ? ` · ${featureList(ctx, r.features)}` : ''}</span>
<button type="submit">${ctx.t('find.book', { name: r.name })}</button></form></li>`,
      )}</ul>`
}</section>`);
  return renderPage(ctx, {
    title: ctx.t('find.title'),
    active: 'find',
    // After a search the results come first, the form to search again below them.
    main: html`${results}<form method="get" action="/find" class="stack">
${centerField(ctx, page.offered, page.center.id)}
<div class="field"><label for="kind">${ctx.t('find.kind')}</label><select id="kind" name="kind">${opt('', ctx.t('find.anyKind'), !f.kind)}${opt('desk', ctx.t('kind.desk'), f.kind === 'desk')}${opt('computer', ctx.t('kind.computer'), f.kind === 'computer')}</select></div>
<fieldset><legend>${ctx.t('find.when')}</legend>
<div class="row"><label class="choice"><input type="radio" name="when" value="now"${f.when === 'now' ? html` checked` : ''}> ${ctx.t('find.now')}</label>
<label for="hours" class="visually-hidden">${ctx.t('find.hoursLabel')}</label><input id="hours" name="hours" type="number" min="1" max="12" inputmode="numeric" value="${f.untilClosing ? '' : f.hours}"> <span aria-hidden="true">${ctx.t('find.hours')}</span></div>
<div class="row"><label class="choice"><input type="radio" name="when" value="later"${f.when === 'later' ? html` checked` : ''}> ${ctx.t('find.later')}</label></div>
<div class="row">
<div class="field"><label for="date">${ctx.t('book.date')}</label><input id="date" name="date" type="date" value="${date}"></div>
<div class="field"><label for="startTime">${ctx.t('book.startTime')}</label><input id="startTime" name="startTime" type="time" step="300" value="${startTime}"></div>
<div class="field"><label for="endTime">${ctx.t('book.endTime')}</label><input id="endTime" name="endTime" type="time" step="300" value="${endTime}"></div>
</div></fieldset>
${page.features.length > 0 && html`<div class="field"><label for="feature">${ctx.t('find.feature')}</label><select id="feature" name="feature">${opt('', ctx.t('find.anyFeature'), !f.feature)}${page.features.map((x) => opt(x, featureLabel(ctx, x), x === f.feature))}</select></div>`}
<div><button type="submit">${ctx.t('find.search')}</button></div>
</form>`,
  });
}
