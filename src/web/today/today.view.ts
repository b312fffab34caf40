import { DateTime } from 'luxon';
import { CenterEntity } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { OccupancyItem, TimelineSession, Timeline } from '../../reports';
import type { ResourceView } from '../../resources';
import { errorNotice } from '../shared/staff-pages';
import { stateBadge } from '../shared/badges';
import { bookingName } from '../shared/booking-name';
import { centerField } from '../shared/center-picker';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { formatDate, formatTime } from '../shared/format';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

const SLOT_MS = 5 * 60_000;
const HOUR_MS = 60 * 60_000;
/** Sessions after this many minutes past the hour on a narrow grid would be hard to read. */
const DEFAULT_DAY = { startHour: 9, endHour: 18 };

export interface TodayData {
  centers: CenterEntity[];
  center: CenterEntity;
  timeline: Timeline;
  /** The name, in the reader's language, of the closure that closes the day shown; else null. */
  closureName: string | null;
  /** What each resource does now; only when the day shown is today. */
  occupancy: OccupancyItem[] | null;
  pendingCount: number;
  now: number;
  today: string;
  done?: string;
  error?: DomainError;
}

interface Span {
  start: number;
  end: number;
}

/** The address of the Today page of a center and day. */
export function todayUrl(centerId: string, date?: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ center: centerId, ...(date ? { date } : {}), ...extra });
  return `/admin?${query.toString()}`;
}

/** The open periods' complement within the range: the closed stretches of the day. */
function closedSpans(open: Span[], range: Span): Span[] {
  const closed: Span[] = [];
  let cursor = range.start;
  for (const period of [...open].sort((a, b) => a.start - b.start)) {
    if (period.start > cursor)
      closed.push({ start: cursor, end: Math.min(period.start, range.end) });
    cursor = Math.max(cursor, period.end);
  }
  if (cursor < range.end) closed.push({ start: cursor, end: range.end });
  return closed.filter((s) => s.end > s.start);
}

/** The open periods minus what sessions hold: the stretches shown as free. */
function freeSpans(open: Span[], taken: Span[]): Span[] {
  const sorted = [...taken].sort((a, b) => a.start - b.start);
  const free: Span[] = [];
  for (const period of open) {
    let cursor = period.start;
    for (const session of sorted) {
      if (session.end <= cursor || session.start >= period.end) continue;
      if (session.start > cursor) free.push({ start: cursor, end: session.start });
      cursor = Math.max(cursor, session.end);
    }
    if (cursor < period.end) free.push({ start: cursor, end: period.end });
  }
  return free.filter((s) => s.end - s.start >= SLOT_MS);
}

/** The hours the grid shows: opening hours, widened to every session of the day. */
function gridRange(date: string, zone: string, open: Span[], sessions: Span[]): Span {
  const midnight = DateTime.fromISO(date, { zone }).startOf('day');
  const all = [...open, ...sessions];
  if (all.length === 0) {
    return {
      start: midnight.plus({ hours: DEFAULT_DAY.startHour }).toMillis(),
      end: midnight.plus({ hours: DEFAULT_DAY.endHour }).toMillis(),
    };
  }
  const dayStart = midnight.toMillis();
  const dayEnd = midnight.plus({ days: 1 }).toMillis();
  const first = Math.max(dayStart, Math.min(...all.map((s) => s.start)));
  const last = Math.min(dayEnd, Math.max(...all.map((s) => s.end)));
  const start = DateTime.fromMillis(first, { zone }).startOf('hour').toMillis();
  const lastHour = DateTime.fromMillis(last, { zone }).startOf('hour').toMillis();
  return { start, end: lastHour < last ? lastHour + HOUR_MS : lastHour };
}

function column(range: Span, ms: number): number {
  const clamped = Math.min(Math.max(ms, range.start), range.end);
  return Math.round((clamped - range.start) / SLOT_MS) + 1;
}

function placement(range: Span, span: Span): string {
  const from = column(range, span.start);
  const to = Math.max(column(range, span.end), from + 1);
  return `grid-column:${from}/${to}`;
}

const OCCUPANCY_STATES = ['occupied', 'booked', 'no_show', 'free', 'closed'] as const;

function nowSummary(ctx: WebContext, items: OccupancyItem[]): Html {
  const count = (state: string) => items.filter((item) => item.state === state).length;
  return html`<section aria-labelledby="now-heading" class="now">
    <h2 id="now-heading">${ctx.t('today.nowHeading')}</h2>
    <ul class="now-summary">
      ${OCCUPANCY_STATES.map(
        (state) =>
          html`<li>
            <span class="badge state-${state === 'occupied' ? 'checked_in' : state}"
              ><span class="icon" aria-hidden="true">${ICON_NOW[state]}</span>${ctx.t(
                `today.now.${state}` as MessageKey,
                { count: count(state) },
              )}</span
            >
          </li>`,
      )}
    </ul>
  </section>`;
}

const ICON_NOW: Record<(typeof OCCUPANCY_STATES)[number], string> = {
  occupied: '✓',
  booked: '●',
  no_show: '✗',
  free: '○',
  closed: '⊘',
};

function sessionBlock(
  ctx: WebContext,
  data: TodayData,
  range: Span,
  session: TimelineSession,
  resourceName: string,
): Html {
  const zone = data.center.timezone;
  const start = Date.parse(session.start);
  const end = Date.parse(session.end);
  const time = `${formatTime(start, zone)}–${formatTime(end, zone)}`;
  const running = end > data.now;
  const hidden = html`${csrfField(ctx)}<input type="hidden" name="center" value="${data.center.id}" />
    <input type="hidden" name="date" value="${data.timeline.date}" />`;
  const action = (what: 'check-in' | 'check-out') => {
    const label: MessageKey = what === 'check-in' ? 'today.checkIn' : 'today.checkOut';
    return html`<form method="post" action="/admin/occurrences/${session.occurrenceId}/${what}">
      ${hidden}
      <button type="submit" class="${what === 'check-in' ? '' : 'secondary'}">
        ${ctx.t(label)}<span class="visually-hidden"> (${session.owner.name}, ${time})</span>
      </button>
    </form>`;
  };
  return html`<li
    class="block state-${session.status}"
    style="${placement(range, { start, end })}"
    data-state="${session.status}"
  >
    <span class="time">${time}</span>
    ${stateBadge(ctx, session.status)}
    <span class="who">${ctx.t('today.owner', { name: session.owner.name })}</span>
    <a class="what" href="/admin/bookings/${session.bookingId}"
      >${bookingName(ctx, session, { resourceName, start, end, zone })}</a
    >
    ${
      session.quantity !== undefined &&
      html`<span class="units">${ctx.t('today.units', { count: session.quantity })}</span>`
    }
    ${running && session.status === 'booked' && action('check-in')}
    ${running && session.status === 'checked_in' && action('check-out')}
  </li>`;
}

function slotBlock(ctx: WebContext, zone: string, range: Span, span: Span, state: string): Html {
  return html`<li class="block slot state-${state}" style="${placement(range, span)}">
    <span class="time">${formatTime(span.start, zone)}–${formatTime(span.end, zone)}</span>
    ${stateBadge(ctx, state)}
  </li>`;
}

function grid(ctx: WebContext, data: TodayData): Html {
  const { timeline, center } = data;
  const zone = center.timezone;
  const open: Span[] = timeline.open.map((p) => ({
    start: Date.parse(p.start),
    end: Date.parse(p.end),
  }));
  const sessionSpans = timeline.items.flatMap((item) =>
    item.sessions.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })),
  );
  const range = gridRange(timeline.date, zone, open, sessionSpans);
  const columns = Math.round((range.end - range.start) / SLOT_MS);
  const hours: number[] = [];
  for (let at = range.start; at < range.end; at += HOUR_MS) hours.push(at);
  const closed = closedSpans(open, range);
  const trackStyle = `grid-template-columns:repeat(${columns},minmax(0,1fr));width:${hours.length * 7}rem`;
  if (timeline.items.length === 0) return html`<p class="notice">${ctx.t('today.noResources')}</p>`;
  return html`<div class="table-wrap today-wrap">
    <div class="today-grid">
      <div class="res-row hours-row" aria-hidden="true">
        <span class="res-name"></span>
        <div class="track hours" style="${trackStyle}">
          ${hours.map(
            (at) =>
              html`<span style="${placement(range, { start: at, end: at + HOUR_MS })}"
                >${formatTime(at, zone)}</span
              >`,
          )}
        </div>
      </div>
      ${timeline.items.map((item) => {
        const resource = item.resource as ResourceView;
        const sessions = [...item.sessions].sort((a, b) => a.start.localeCompare(b.start));
        const taken = sessions
          .filter((s) => s.status !== 'no_show')
          .map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }));
        const blocks: Array<{ start: number; markup: Html }> = [
          ...sessions.map((s) => ({
            start: Date.parse(s.start),
            markup: sessionBlock(ctx, data, range, s, resource.name),
          })),
          ...closed.map((span) => ({
            start: span.start,
            markup: slotBlock(ctx, zone, range, span, 'closed'),
          })),
          ...freeSpans(open, taken).map((span) => ({
            start: span.start,
            markup: slotBlock(ctx, zone, range, span, 'free'),
          })),
        ].sort((a, b) => a.start - b.start);
        const headingId = `res-${resource.id}`;
        return html`<section class="res-row" aria-labelledby="${headingId}">
          <h3 class="res-name" id="${headingId}">
            ${resource.name}
            <span class="kind">${ctx.t(`kind.${resource.kind}` as MessageKey)}</span>
          </h3>
          <ul class="track" style="${trackStyle}" aria-labelledby="${headingId}">
            ${blocks.map((b) => b.markup)}
          </ul>
        </section>`;
      })}
    </div>
  </div>`;
}

function picker(ctx: WebContext, data: TodayData): Html {
  return html`<form method="get" action="/admin" class="row picker no-print">
    ${centerField(ctx, data.centers, data.center.id)}
    <div class="field">
      <label for="date">${ctx.t('today.date')}</label>
      <input id="date" name="date" type="date" value="${data.timeline.date}" required />
    </div>
    <div><button type="submit">${ctx.t('today.show')}</button></div>
  </form>`;
}

function dayLinks(ctx: WebContext, data: TodayData): Html {
  const day = DateTime.fromISO(data.timeline.date);
  const link = (date: string, key: MessageKey) =>
    html`<a href="${todayUrl(data.center.id, date)}">${ctx.t(key)}</a>`;
  return html`<p class="day-links no-print">
    ${link(day.minus({ days: 1 }).toISODate()!, 'today.previousDay')}
    ${data.timeline.date !== data.today && link(data.today, 'today.backToToday')}
    ${link(day.plus({ days: 1 }).toISODate()!, 'today.nextDay')}
  </p>`;
}

/** The part of the page the script replaces every minute. */
function region(ctx: WebContext, data: TodayData): Html {
  const { timeline, center } = data;
  const zone = center.timezone;
  const periods = timeline.open
    .map((p) => `${formatTime(Date.parse(p.start), zone)}–${formatTime(Date.parse(p.end), zone)}`)
    .join(', ');
  return html`<div id="today-region" data-stamp="${formatTime(data.now, zone)}">
    <p class="pending-line">
      ${
        data.pendingCount > 0
          ? html`<a class="button" href="/admin/bookings?${new URLSearchParams({ center: center.id, status: 'pending' }).toString()}"
            ><span aria-hidden="true">◐ </span>${ctx.t('today.pending', { count: data.pendingCount })}</a
          >`
          : ctx.t('today.noPending')
      }
    </p>
    ${data.occupancy && nowSummary(ctx, data.occupancy)}
    <h2 id="grid-heading">${ctx.t('today.gridHeading')}</h2>
    <p>
      ${formatDate(Date.parse(`${timeline.date}T12:00:00Z`), 'UTC', ctx.locale)} ·
      ${
        data.closureName !== null
          ? ctx.t('today.closedDay', { reason: data.closureName })
          : periods
            ? ctx.t('today.openHours', { periods })
            : ctx.t('today.closedAllDay')
      }
    </p>
    ${grid(ctx, data)}
  </div>`;
}

export function renderToday(ctx: WebContext, data: TodayData): Html {
  const refreshUrl = todayUrl(
    data.center.id,
    data.timeline.date === data.today ? undefined : data.timeline.date,
  );
  const done =
    data.done === 'checked_in' || data.done === 'checked_out'
      ? html`<p class="success" role="status">${ctx.t(`today.done.${data.done}`)}</p>`
      : '';
  return renderPage(ctx, {
    title: `${ctx.t('today.title')}: ${data.center.name}`,
    active: 'today',
    main: html`${data.error && errorNotice(ctx, data.error)}${done} ${picker(ctx, data)}
      ${dayLinks(ctx, data)}
      <div class="refresh-bar no-print">
        <a href="${refreshUrl}" class="button secondary" data-refresh-link>${ctx.t('today.refresh')}</a>
        <button
          type="button"
          class="secondary"
          id="today-pause"
          hidden
          aria-pressed="false"
          data-pause="${ctx.t('today.pause')}"
          data-resume="${ctx.t('today.resume')}"
        >
          ${ctx.t('today.pause')}
        </button>
        <span class="hint">${ctx.t('today.autoRefresh')}</span>
        <span
          id="today-status"
          class="hint"
          aria-live="polite"
          data-template="${ctx.t('today.updatedAt', { time: '{time}' })}"
        ></span>
      </div>
      ${region(ctx, data)}`,
  });
}

/** A staff member who runs no center yet. */
export function renderNoCenter(ctx: WebContext): Html {
  return renderPage(ctx, {
    title: ctx.t('today.title'),
    active: 'today',
    main: html`<p class="notice">${ctx.t('today.noCenter')}</p>`,
  });
}
