import { DateTime } from 'luxon';
import { CenterEntity } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { BookingView } from '../../bookings';
import { OccupancyItem, Timeline } from '../../reports';
import type { ResourceView } from '../../resources';
import { errorNotice } from '../shared/staff-pages';
import { bookingName } from '../shared/booking-name';
import { centerField } from '../shared/center-picker';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { formatDate, formatRange, formatTime } from '../shared/format';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';
import { doorway, sessionsOnce } from './today-doorway';
import { todayGrid } from './today-grid';

export interface TodayData {
  centers: CenterEntity[];
  center: CenterEntity;
  timeline: Timeline;
  /** The name, in the reader's language, of the closure that closes the day shown; else null. */
  closureName: string | null;
  /** What each resource does now; only when the day shown is today. */
  occupancy: OccupancyItem[] | null;
  pendingCount: number;
  /** The first few requests waiting for approval, to approve from here. */
  pending: BookingView[];
  now: number;
  today: string;
  done?: string;
  error?: DomainError;
}

/** The address of the Today page of a center and day. */
export function todayUrl(centerId: string, date?: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ center: centerId, ...(date ? { date } : {}), ...extra });
  return `/admin?${query.toString()}`;
}

const OCCUPANCY_STATES = ['occupied', 'booked', 'no_show', 'free', 'closed'] as const;

function nowSummary(ctx: WebContext, data: TodayData, items: OccupancyItem[]): Html {
  const count = (state: string) => items.filter((item) => item.state === state).length;
  return html`<section aria-labelledby="now-heading" class="now">
    <h2 id="now-heading">
      ${ctx.t('today.nowHeading')} · ${formatTime(data.now, data.center.timezone)}
    </h2>
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
    ${doorway(ctx, data, sessionsOnce(data))}
  </section>`;
}

const ICON_NOW: Record<(typeof OCCUPANCY_STATES)[number], string> = {
  occupied: '✓',
  booked: '●',
  no_show: '✗',
  free: '○',
  closed: '⊘',
};

function picker(ctx: WebContext, data: TodayData): Html {
  return html`<form method="get" action="/admin" class="row picker">
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
  return html`<p class="day-links">
    ${link(day.minus({ days: 1 }).toISODate()!, 'today.previousDay')}
    ${data.timeline.date !== data.today && link(data.today, 'today.backToToday')}
    ${link(day.plus({ days: 1 }).toISODate()!, 'today.nextDay')}
  </p>`;
}

/**
 * The requests waiting for approval, each with its Approve button: approving takes one click here
 * (the booking's page, one link away, has Reject with its reason).
 */
function pendingRequests(ctx: WebContext, data: TodayData): Html {
  const { center } = data;
  const zone = center.timezone;
  const all = `/admin/bookings?${new URLSearchParams({ center: center.id, status: 'pending' }).toString()}`;
  if (data.pendingCount === 0) return html`<p class="pending-line">${ctx.t('today.noPending')}</p>`;
  const names = new Map(
    data.timeline.items.map((item) => {
      const resource = item.resource as ResourceView;
      return [resource.id, resource.name] as const;
    }),
  );
  const back = todayUrl(
    center.id,
    data.timeline.date === data.today ? undefined : data.timeline.date,
    {
      done: 'approved',
    },
  );
  return html`<section class="pending" aria-labelledby="pending-heading">
    <h2 id="pending-heading">
      <span aria-hidden="true">◐ </span>${ctx.t('today.pending', { count: data.pendingCount })}
    </h2>
    <ul>
      ${data.pending.map((booking) => {
        const first = booking.occurrences[0];
        const start = first ? Date.parse(first.start) : NaN;
        const end = first ? Date.parse(first.end) : NaN;
        const resourceName = names.get(booking.resourceId) ?? '';
        const name = bookingName(ctx, booking, { resourceName, start, end, zone });
        return html`<li data-booking="${booking.id}">
          <a href="/admin/bookings/${booking.id}">${name}</a>
          ${resourceName && html` · ${resourceName}`}
          ${first && html` · ${formatRange(start, end, zone, ctx.locale)}`}
          ${booking.occurrences.length > 1 && html` · ${ctx.t('today.sessions', { count: booking.occurrences.length })}`}
          <form method="post" action="/admin/bookings/${booking.id}/approve" class="inline">
            ${csrfField(ctx)}<input type="hidden" name="next" value="${back}" />
            <button type="submit">
              ${ctx.t('today.approve')}<span class="visually-hidden"> (${name})</span>
            </button>
          </form>
        </li>`;
      })}
    </ul>
    <p><a href="${all}">${ctx.t('today.allPending')}</a></p>
  </section>`;
}

/** The part of the page the script replaces every minute. */
function region(ctx: WebContext, data: TodayData): Html {
  const { timeline, center } = data;
  const zone = center.timezone;
  const periods = timeline.open
    .map((p) => `${formatTime(Date.parse(p.start), zone)}–${formatTime(Date.parse(p.end), zone)}`)
    .join(', ');
  return html`<div id="today-region" data-stamp="${formatTime(data.now, zone)}">
    ${pendingRequests(ctx, data)} ${data.occupancy && nowSummary(ctx, data, data.occupancy)}
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
    ${todayGrid(ctx, data)}
  </div>`;
}

/** A date at the start of a heading: "Пятница 4 декабря 2026", "4-dekabr…" as it is. */
function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

const DONE = ['checked_in', 'checked_out', 'approved'] as const;

export function renderToday(ctx: WebContext, data: TodayData): Html {
  const refreshUrl = todayUrl(
    data.center.id,
    data.timeline.date === data.today ? undefined : data.timeline.date,
  );
  const done = DONE.find((d) => d === data.done);
  // The heading names the day when it is not today.
  const day =
    data.timeline.date === data.today
      ? ctx.t('today.title')
      : capitalized(formatDate(Date.parse(`${data.timeline.date}T12:00:00Z`), 'UTC', ctx.locale));
  return renderPage(ctx, {
    title: `${day}: ${data.center.name}`,
    active: 'today',
    main: html`${data.error && errorNotice(ctx, data.error)}${
      done && html`<p class="success" role="status">${ctx.t(`today.done.${done}`)}</p>`
    }
      <div class="controls no-print">
        ${picker(ctx, data)} ${dayLinks(ctx, data)}
        <div class="refresh-bar">
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
