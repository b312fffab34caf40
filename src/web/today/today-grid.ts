import { DateTime } from 'luxon';
import { TimelineSession } from '../../reports';
import type { ResourceView } from '../../resources';
import { HOUR_MS, offsetMinutesAt } from '../../scheduling';
import { STATE_ICON } from '../shared/badges';
import { bookingName } from '../shared/booking-name';
import { formatTime } from '../shared/format';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { WebContext } from '../shared/web-context';
import type { TodayData } from './today.view';
import { bookableFrom, bookingFormUrl, bookingTimeOf } from './booking-link';

/** The shortest free stretch shown. */
const FIVE_MINUTES = 5 * 60_000;
/** A free stretch opens the booking form for at most this long (the form lets one change it). */
const BOOK_FROM_GRID_MS = HOUR_MS;
/** The hours shown on a day without opening hours or sessions. */
const DEFAULT_DAY = { startHour: 9, endHour: 18 };

export interface Span {
  start: number;
  end: number;
}

/** The open periods' complement within the range: the closed stretches of the day. */
export function closedSpans(open: Span[], range: Span): Span[] {
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

/**
 * The open periods minus what sessions hold, from `from` on: the stretches shown as free (the
 * past is never free).
 */
export function freeSpans(open: Span[], taken: Span[], from: number): Span[] {
  const sorted = [...taken].sort((a, b) => a.start - b.start);
  const free: Span[] = [];
  for (const period of open) {
    let cursor = Math.max(period.start, from);
    for (const session of sorted) {
      if (session.end <= cursor || session.start >= period.end) continue;
      if (session.start > cursor) free.push({ start: cursor, end: session.start });
      cursor = Math.max(cursor, session.end);
    }
    if (cursor < period.end) free.push({ start: cursor, end: period.end });
  }
  return free.filter((s) => s.end - s.start >= FIVE_MINUTES);
}

/** The hours the grid shows: opening hours, widened to every session of the day, whole hours. */
export function gridRange(date: string, zone: string, open: Span[], sessions: Span[]): Span {
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

/** Where an instant lies on the range, 0 to 1. */
function fraction(range: Span, ms: number): number {
  const clamped = Math.min(Math.max(ms, range.start), range.end);
  return (clamped - range.start) / (range.end - range.start);
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

/** Bars placed on one track: each in the first lane where it overlaps nothing. */
function lanes<T extends Span>(bars: T[]): Array<T & { lane: number }> {
  const ends: number[] = [];
  return [...bars]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((bar) => {
      let lane = ends.findIndex((end) => end <= bar.start);
      if (lane === -1) lane = ends.push(0) - 1;
      ends[lane] = bar.end;
      return { ...bar, lane };
    });
}

interface Bar extends Span {
  markup: (style: string) => Html;
}

/** The grid's text for a time span: "14:00–16:00". */
function spanText(span: Span, zone: string): string {
  return `${formatTime(span.start, zone)}–${formatTime(span.end, zone)}`;
}

function sessionBar(
  ctx: WebContext,
  data: TodayData,
  session: TimelineSession,
  resourceName: string,
): Bar {
  const zone = data.center.timezone;
  const span = { start: Date.parse(session.start), end: Date.parse(session.end) };
  const name = bookingName(ctx, session, { resourceName, ...span, zone });
  const state = ctx.t(`state.${session.status}` as MessageKey);
  const time = spanText(span, zone);
  const units =
    session.quantity === undefined ? '' : ` · ${ctx.t('today.units', { count: session.quantity })}`;
  return {
    ...span,
    markup: (style) =>
      html`<li class="bar state-${session.status}" style="${style}" data-state="${session.status}">
        <a
          href="/admin/bookings/${session.bookingId}"
          title="${time} · ${state} · ${session.owner.name} · ${name}${units}"
          ><span class="visually-hidden">${time}, ${state}:</span
          ><span class="icon" aria-hidden="true">${STATE_ICON[session.status] ?? ''}</span>
          <b>${session.owner.name}</b> <span class="what">${name}${units}</span></a
        >
      </li>`,
  };
}

/** A free stretch: a link to the booking form with this resource and time filled in. */
function freeBar(ctx: WebContext, data: TodayData, resourceId: string, span: Span): Bar {
  const zone = data.center.timezone;
  const end = Math.min(span.end, span.start + BOOK_FROM_GRID_MS);
  const href = bookingFormUrl(data.center.id, resourceId, bookingTimeOf(span.start, end, zone));
  const time = spanText(span, zone);
  return {
    ...span,
    markup: (style) =>
      html`<li class="bar free" style="${style}">
        <a
          href="${href}"
          data-free-from="${span.start}"
          data-free-to="${span.end}"
          data-zone-offset="${offsetMinutesAt(span.start, zone)}"
          ><span class="visually-hidden">${ctx.t('state.free')} ${time}: ${ctx.t('today.bookThis')}</span
          ><span aria-hidden="true">+ ${time}</span></a
        >
      </li>`,
  };
}

function closedBar(ctx: WebContext, zone: string, span: Span): Bar {
  return {
    ...span,
    markup: (style) =>
      html`<li class="bar closed" style="${style}">
        <span class="visually-hidden">${ctx.t('state.closed')} ${spanText(span, zone)}</span>
      </li>`,
  };
}

/**
 * The day on one screen: a row per resource, its sessions as compact bars (who and what, a link to
 * the booking), the free stretches from now on as links to the booking form, the closed hours
 * hatched, the past shaded and a line at the present moment.
 */
export function todayGrid(ctx: WebContext, data: TodayData): Html {
  const { timeline, center } = data;
  if (timeline.items.length === 0) return html`<p class="notice">${ctx.t('today.noResources')}</p>`;
  const zone = center.timezone;
  const open: Span[] = timeline.open.map((p) => ({
    start: Date.parse(p.start),
    end: Date.parse(p.end),
  }));
  const range = gridRange(
    timeline.date,
    zone,
    open,
    timeline.items.flatMap((item) =>
      item.sessions.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })),
    ),
  );
  const hours: number[] = [];
  for (let at = range.start; at < range.end; at += HOUR_MS) hours.push(at);
  const closed = closedSpans(open, range);
  // Free only from the next five minutes on: what has passed cannot be booked.
  const freeFrom = bookableFrom(data.now);
  const nowAt = fraction(range, data.now);
  const place = (bar: Span & { lane: number }) =>
    `left:${percent(fraction(range, bar.start))};width:${percent(
      fraction(range, bar.end) - fraction(range, bar.start),
    )};top:${bar.lane * 2.6}rem`;
  const rows = timeline.items.map((item) => {
    const resource = item.resource as ResourceView;
    const taken = item.sessions
      .filter((s) => s.status !== 'no_show')
      .map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }));
    const bars = lanes<Bar>([
      ...item.sessions.map((s) => sessionBar(ctx, data, s, resource.name)),
      ...closed.map((span) => closedBar(ctx, zone, span)),
      ...freeSpans(open, taken, freeFrom).map((span) => freeBar(ctx, data, resource.id, span)),
    ]);
    const height = Math.max(1, ...bars.map((b) => b.lane + 1));
    const headingId = `res-${resource.id}`;
    return html`<section class="res-row" aria-labelledby="${headingId}">
      <h3 class="res-name" id="${headingId}">
        ${resource.name}
        <span class="kind">${ctx.t(`kind.${resource.kind}` as MessageKey)}</span>
      </h3>
      <ul class="track" style="height:${height * 2.6}rem" aria-labelledby="${headingId}">
        ${bars.map((bar) => bar.markup(place(bar)))}
      </ul>
    </section>`;
  });
  return html`<div class="table-wrap today-wrap">
    <div class="today-grid" style="min-width:calc(var(--name) + ${hours.length * 4}rem)">
      <div class="res-row hours-row" aria-hidden="true">
        <span class="res-name"></span>
        <div class="track hours">
          ${hours.map(
            (at) =>
              html`<span style="left:${percent(fraction(range, at))}">${formatTime(at, zone)}</span>`,
          )}
        </div>
      </div>
      ${rows}
      ${nowAt > 0 && html`<div class="past" style="width:calc((100% - var(--name)) * ${nowAt.toFixed(4)})"></div>`}
      ${
        nowAt > 0 &&
        nowAt < 1 &&
        html`<div
          class="now-line"
          style="left:calc(var(--name) + (100% - var(--name)) * ${nowAt.toFixed(4)})"
          data-now="${data.now}"
          aria-hidden="true"
        >
          <span>${formatTime(data.now, zone)}</span>
        </div>`
      }
    </div>
  </div>`;
}
