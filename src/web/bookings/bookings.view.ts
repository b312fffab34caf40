import { BookingView } from '../../bookings';
import { CenterEntity } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { errorNotice } from '../shared/staff-pages';
import { stateBadge, statusBadge } from '../shared/badges';
import { bookingName } from '../shared/booking-name';
import { formatDate, formatDateTime, formatRange, formatTime } from '../shared/format';
import { centerField } from '../shared/center-picker';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

export const BOOKING_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled'] as const;

export interface BookingFilters {
  status?: string;
  resource?: string;
  from?: string;
  to?: string;
  /** Only the bookings of this person (their id). */
  owner?: string;
}

export interface BookingRow {
  booking: BookingView;
  resourceName: string;
  ownerName: string;
}

export interface BookingListData {
  centers: CenterEntity[];
  center: CenterEntity;
  resources: Array<{ id: string; name: string }>;
  filters: BookingFilters;
  /** The name of the person filtered on, when known. */
  ownerName?: string;
  rows: BookingRow[];
  /** Whether the list starts today because no dates were asked for. */
  fromToday: boolean;
  /** The list positions of the pages before and after this one, when there are any. */
  earlier: string | null;
  later: string | null;
  pendingCount: number;
}

export function listUrl(
  centerId: string,
  filters: BookingFilters,
  position?: { after: string } | { before: string },
): string {
  const query = new URLSearchParams({ center: centerId });
  for (const [name, value] of Object.entries({ ...filters, ...position })) {
    if (value) query.set(name, value);
  }
  return `/admin/bookings?${query.toString()}`;
}

/** The first session's start and end, to name a booking without a title. */
function firstSession(booking: BookingView): { start?: number; end?: number } {
  const first = booking.occurrences[0];
  return first ? { start: Date.parse(first.start), end: Date.parse(first.end) } : {};
}

function whenOf(ctx: WebContext, booking: BookingView, zone: string): string {
  const sessions = booking.occurrences;
  if (sessions.length === 0) return '';
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  const start = Date.parse(first.start);
  if (sessions.length === 1) return formatRange(start, Date.parse(first.end), zone, ctx.locale);
  return `${formatRange(start, Date.parse(first.end), zone, ctx.locale)} … ${formatDateTime(
    Date.parse(last.start),
    zone,
    ctx.locale,
  )}`;
}

function filterForm(ctx: WebContext, data: BookingListData): Html {
  const f = data.filters;
  return html`<form method="get" action="/admin/bookings" class="row filters" aria-labelledby="filters-heading">
    ${centerField(ctx, data.centers, data.center.id)}
    <div class="field">
      <label for="status">${ctx.t('bookings.status')}</label>
      <select id="status" name="status">
        <option value="">${ctx.t('bookings.anyStatus')}</option>
        ${BOOKING_STATUSES.map(
          (s) =>
            html`<option value="${s}" ${s === f.status ? html` selected` : ''}>
              ${ctx.t(`status.${s}` as MessageKey)}
            </option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="resource">${ctx.t('bookings.resource')}</label>
      <select id="resource" name="resource">
        <option value="">${ctx.t('bookings.anyResource')}</option>
        ${data.resources.map(
          (r) =>
            html`<option value="${r.id}" ${r.id === f.resource ? html` selected` : ''}>
              ${r.name}
            </option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="from">${ctx.t('bookings.from')}</label>
      <input id="from" name="from" type="date" value="${f.from ?? ''}" />
    </div>
    <div class="field">
      <label for="to">${ctx.t('bookings.to')}</label>
      <input id="to" name="to" type="date" value="${f.to ?? ''}" />
    </div>
    ${f.owner && html`<input type="hidden" name="owner" value="${f.owner}" />`}
    <div><button type="submit">${ctx.t('bookings.apply')}</button></div>
    <div><a class="button secondary" href="${listUrl(data.center.id, {})}">${ctx.t('bookings.clear')}</a></div>
  </form>`;
}

/** Links to the bookings before and after the page (by first session), when there are any. */
function pagination(ctx: WebContext, data: BookingListData): Html {
  if (data.earlier === null && data.later === null) return html``;
  return html`<nav aria-label="${ctx.t('bookings.pagination')}" class="pages">
    ${
      data.earlier !== null &&
      html`<a href="${listUrl(data.center.id, data.filters, { before: data.earlier })}" rel="prev"
      >${ctx.t('bookings.earlier')}</a
    >`
    }
    ${
      data.later !== null &&
      html`<a href="${listUrl(data.center.id, data.filters, { after: data.later })}" rel="next"
      >${ctx.t('bookings.later')}</a
    >`
    }
  </nav>`;
}

export function renderBookingList(ctx: WebContext, data: BookingListData): Html {
  const zone = data.center.timezone;
  const pendingLink =
    data.pendingCount > 0 && data.filters.status !== 'pending'
      ? html`<p class="notice pending-line">
          <strong>${ctx.t('bookings.pendingLink', { count: data.pendingCount })}</strong>
          <a href="${listUrl(data.center.id, { status: 'pending' })}">${ctx.t('bookings.showPending')}</a>
        </p>`
      : '';
  return renderPage(ctx, {
    title: `${ctx.t('bookings.title')}: ${data.center.name}`,
    active: 'bookings',
    main: html`${pendingLink}
      <p><a class="button secondary" href="/book">${ctx.t('bookings.bookForSomeone')}</a></p>
      <h2 id="filters-heading">${ctx.t('bookings.filters')}</h2>
      ${filterForm(ctx, data)}
      ${
        data.filters.owner &&
        html`<p class="notice">
        ${ctx.t('bookings.onlyPerson', { name: data.ownerName ?? '—' })}
        <a href="${listUrl(data.center.id, { ...data.filters, owner: undefined })}"
          >${ctx.t('bookings.everyone')}</a
        >
      </p>`
      }
      <h2 id="results-heading">${ctx.t('bookings.results')}</h2>
      ${data.fromToday && html`<p>${ctx.t('bookings.fromToday')}</p>`}
      ${
        data.rows.length === 0
          ? html`<p>${ctx.t('bookings.none')}</p>`
          : html`<div class="table-wrap">
            <table aria-labelledby="results-heading">
              <thead>
                <tr>
                  <th scope="col">${ctx.t('bookings.col.title')}</th>
                  <th scope="col">${ctx.t('bookings.col.when')}</th>
                  <th scope="col">${ctx.t('bookings.col.resource')}</th>
                  <th scope="col">${ctx.t('bookings.col.owner')}</th>
                  <th scope="col">${ctx.t('bookings.col.status')}</th>
                  <th scope="col">${ctx.t('bookings.col.sessions')}</th>
                </tr>
              </thead>
              <tbody>
                ${data.rows.map(
                  (row) =>
                    html`<tr class="${row.booking.status === 'pending' ? 'is-pending' : ''}">
                      <th scope="row">
                        <a href="/admin/bookings/${row.booking.id}">${bookingName(
                          ctx,
                          row.booking,
                          {
                            resourceName: row.resourceName,
                            ...firstSession(row.booking),
                            zone,
                          },
                        )}</a>
                      </th>
                      <td>${whenOf(ctx, row.booking, zone)}</td>
                      <td>${row.resourceName}</td>
                      <td>
                        <a
                          href="${listUrl(data.center.id, { ...data.filters, owner: row.booking.ownerId })}"
                          >${row.ownerName}<span class="visually-hidden">
                            (${ctx.t('bookings.ofPerson')})</span
                          ></a
                        >
                      </td>
                      <td>${statusBadge(ctx, row.booking.status)}</td>
                      <td>${row.booking.occurrences.length}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
      ${pagination(ctx, data)}`,
  });
}

export interface BookingDetailData {
  booking: BookingView;
  center: CenterEntity;
  resourceName: string;
  ownerName: string;
  creatorName: string;
  now: number;
  done?: string;
  error?: DomainError;
  /** What was typed as the reason of a rejection that failed. */
  reason?: string;
  reasonMissing?: boolean;
}

const DONE = ['approved', 'rejected', 'cancelled', 'sessionCancelled'] as const;

export function renderBookingDetail(ctx: WebContext, data: BookingDetailData): Html {
  const { booking, center } = data;
  const zone = center.timezone;
  const id = booking.id!;
  const open = booking.status === 'pending' || booking.status === 'confirmed';
  const done = DONE.find((d) => d === data.done);
  const row = (label: MessageKey, value: Html | string | number) =>
    html`<div><dt>${ctx.t(label)}</dt><dd>${value}</dd></div>`;
  const sessionActions = (o: BookingView['occurrences'][number]) =>
    open && o.status === 'booked' && Date.parse(o.end) > data.now
      ? html`<form method="post" action="/admin/bookings/${id}/occurrences/${o.id}/cancel" data-confirm="${ctx.t('bookings.cancelSessionConfirm')}">
          ${csrfField(ctx)}
          <button type="submit" class="secondary">
            ${ctx.t('bookings.cancelSession')}<span class="visually-hidden">
              (${formatRange(Date.parse(o.start), Date.parse(o.end), zone, ctx.locale)})</span
            >
          </button>
        </form>`
      : '';
  return renderPage(ctx, {
    title: ctx.t('bookings.detailsTitle', {
      title: bookingName(ctx, booking, {
        resourceName: data.resourceName,
        ...firstSession(booking),
        zone,
      }),
    }),
    active: 'bookings',
    main: html`${data.error && errorNotice(ctx, data.error)}
      ${done && html`<p class="success" role="status">${ctx.t(`bookings.done.${done}`)}</p>`}
      <p><a href="${listUrl(center.id, {})}">${ctx.t('bookings.back')}</a></p>
      <h2>${ctx.t('bookings.summary')}</h2>
      <dl class="summary">
        ${row('bookings.col.status', statusBadge(ctx, booking.status))}
        ${row('center.label', center.name)}
        ${row('bookings.resource', data.resourceName)}
        ${row('bookings.owner', data.ownerName)}
        ${booking.creatorId !== booking.ownerId && row('bookings.creator', data.creatorName)}
        ${row('bookings.purpose', ctx.t(`purpose.${booking.purpose}` as MessageKey))}
        ${booking.attendees !== null && row('bookings.attendees', booking.attendees)}
        ${booking.quantity > 1 && row('bookings.quantity', booking.quantity)}
        ${row('bookings.repeats', booking.recurrence ? booking.recurrence.rule : ctx.t('bookings.once'))}
        ${booking.rejectionReason && row('bookings.rejectionReason', booking.rejectionReason)}
      </dl>
      <p><a class="button secondary" href="/book?ownerId=${booking.ownerId}">${ctx.t('bookings.bookAgain', { name: data.ownerName })}</a></p>
      ${
        booking.status === 'pending' &&
        html`<section aria-labelledby="decide-heading" class="decide">
        <h2 id="decide-heading">${ctx.t('bookings.decide')}</h2>
        <form method="post" action="/admin/bookings/${id}/approve">
          ${csrfField(ctx)}
          <button type="submit">${ctx.t('bookings.approve')}</button>
        </form>
        <form method="post" action="/admin/bookings/${id}/reject" class="stack">
          ${csrfField(ctx)}
          <div class="field">
            <label for="reason">${ctx.t('bookings.reason')} (${ctx.t('form.required')})</label>
            <span class="hint" id="reason-hint">${ctx.t('bookings.reasonHint')}</span>
            ${
              data.reasonMissing &&
              html`<span class="error" id="reason-error">${ctx.t('bookings.reasonRequired')}</span>`
            }
            <textarea
              id="reason"
              name="reason"
              rows="3"
              maxlength="500"
              required
              aria-describedby="reason-hint${data.reasonMissing ? ' reason-error' : ''}"
              ${data.reasonMissing ? html`aria-invalid="true"` : ''}
            >${data.reason ?? ''}</textarea>
          </div>
          <div><button type="submit" class="danger">${ctx.t('bookings.reject')}</button></div>
        </form>
      </section>`
      }
      <h2 id="sessions-heading">${ctx.t('bookings.sessions')}</h2>
      <div class="table-wrap">
        <table aria-labelledby="sessions-heading">
          <thead>
            <tr>
              <th scope="col">${ctx.t('bookings.col.session')}</th>
              <th scope="col">${ctx.t('bookings.col.state')}</th>
              <th scope="col">${ctx.t('bookings.col.attendance')}</th>
              <th scope="col">${ctx.t('bookings.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${booking.occurrences.map(
              (o) => html`<tr>
                <th scope="row">${formatDate(Date.parse(o.start), zone, ctx.locale)}<br />${formatTime(Date.parse(o.start), zone)}–${formatTime(Date.parse(o.end), zone)}</th>
                <td>${stateBadge(ctx, o.status)}</td>
                <td>
                  ${o.checkedInAt && ctx.t('bookings.arrived', { time: formatTime(Date.parse(o.checkedInAt), zone) })}
                  ${o.checkedOutAt && html`<br />${ctx.t('bookings.left', { time: formatTime(Date.parse(o.checkedOutAt), zone) })}`}
                </td>
                <td>${sessionActions(o)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        open &&
        html`<h2>${ctx.t('bookings.cancelHeading')}</h2>
        <form method="post" action="/admin/bookings/${id}/cancel" data-confirm="${ctx.t('bookings.cancelSeriesConfirm')}">
          ${csrfField(ctx)}
          <button type="submit" class="danger">${ctx.t('bookings.cancelSeries')}</button>
        </form>`
      }`,
  });
}
