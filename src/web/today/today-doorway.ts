import { TimelineSession } from '../../reports';
import type { ResourceView } from '../../resources';
import { checkInOpensAt, HOUR_MS, noShowReleaseAt } from '../../scheduling';
import { bookingName } from '../shared/booking-name';
import { formatTime } from '../shared/format';
import { html, Html } from '../shared/html';
import { csrfField } from '../shared/layout';
import { MessageKey } from '../i18n';
import { WebContext } from '../shared/web-context';
import type { TodayData } from './today.view';
import { bookableFrom, bookingFormUrl, bookingTimeOf } from './booking-link';

/** How many of the next arrivals are listed. */
const NEXT_ARRIVALS = 5;

/** One session of the day, once, with the resource it was booked on (not its equipment). */
export interface DaySession {
  session: TimelineSession;
  resource: ResourceView;
  start: number;
  end: number;
}

/**
 * Every session of the day once. A seminar in a room with a projector is on the room's row and the
 * projector's: it is listed (and checked in) once, under the resource it was booked on, which is
 * the row where it holds the whole resource rather than units of a pool.
 */
export function sessionsOnce(data: TodayData): DaySession[] {
  const bySession = new Map<string, DaySession>();
  for (const item of data.timeline.items) {
    const resource = item.resource as ResourceView;
    for (const session of item.sessions) {
      const known = bySession.get(session.occurrenceId);
      if (known && (known.session.quantity === undefined || session.quantity !== undefined))
        continue;
      bySession.set(session.occurrenceId, {
        session,
        resource,
        start: Date.parse(session.start),
        end: Date.parse(session.end),
      });
    }
  }
  return [...bySession.values()].sort((a, b) => a.start - b.start);
}

/** The occurrences whose check-in button belongs on a given resource's row. */
export function primaryRows(sessions: DaySession[]): Map<string, string> {
  return new Map(sessions.map((s) => [s.session.occurrenceId, s.resource.id]));
}

function actionForm(
  ctx: WebContext,
  data: TodayData,
  entry: DaySession,
  what: 'check-in' | 'check-out',
): Html {
  const label: MessageKey = what === 'check-in' ? 'today.checkIn' : 'today.checkOut';
  const zone = data.center.timezone;
  return html`<form
    method="post"
    action="/admin/occurrences/${entry.session.occurrenceId}/${what}"
    class="inline"
  >
    ${csrfField(ctx)}<input type="hidden" name="center" value="${data.center.id}" />
    <input type="hidden" name="date" value="${data.timeline.date}" />
    <button type="submit" class="${what === 'check-in' ? '' : 'secondary'}">
      ${ctx.t(label)}<span class="visually-hidden">
        (${entry.session.owner.name}, ${formatTime(entry.start, zone)}–${formatTime(entry.end, zone)})</span
      >
    </button>
  </form>`;
}

function entryLine(
  ctx: WebContext,
  data: TodayData,
  entry: DaySession,
  extra: Html | string,
): Html {
  const zone = data.center.timezone;
  const name = bookingName(ctx, entry.session, {
    resourceName: entry.resource.name,
    start: entry.start,
    end: entry.end,
    zone,
  });
  return html`<span class="time">${formatTime(entry.start, zone)}–${formatTime(entry.end, zone)}</span>
    <strong>${entry.session.owner.name}</strong> · ${entry.resource.name} ·
    <a href="/admin/bookings/${entry.session.bookingId}">${name}</a>${extra}`;
}

function list(
  ctx: WebContext,
  key: MessageKey,
  id: string,
  entries: DaySession[],
  line: (entry: DaySession) => Html,
): Html {
  if (entries.length === 0) return html``;
  return html`<section class="door-list" aria-labelledby="door-${id}" data-door="${id}">
    <h3 id="door-${id}">${ctx.t(key, { count: entries.length })}</h3>
    <ul>
      ${entries.map((entry) => html`<li data-occurrence="${entry.session.occurrenceId}">${line(entry)}</li>`)}
    </ul>
  </section>`;
}

/**
 * What a coordinator needs in the doorway, today only: who is late (and when their place is
 * released), who is expected now, who is in, who comes next, and the resources free now (folded).
 */
export function doorway(ctx: WebContext, data: TodayData, sessions: DaySession[]): Html {
  const { now } = data;
  const policy = data.center.policy;
  const zone = data.center.timezone;
  const booked = sessions.filter((s) => s.session.status === 'booked' && s.end > now);
  const late = booked.filter((s) => s.start <= now);
  const expected = booked.filter((s) => s.start > now && checkInOpensAt(s.start, policy) <= now);
  const next = booked.filter((s) => checkInOpensAt(s.start, policy) > now).slice(0, NEXT_ARRIVALS);
  const checkedIn = sessions.filter((s) => s.session.status === 'checked_in' && s.end > now);
  const busyNow = new Set(
    sessions
      .filter((s) => s.start <= now && s.end > now && s.session.status !== 'no_show')
      .map((s) => s.resource.id),
  );
  const openNow = data.timeline.open.some(
    (p) => Date.parse(p.start) <= now && Date.parse(p.end) > now,
  );
  const freeNow = openNow
    ? data.timeline.items
        .map((item) => item.resource as ResourceView)
        .filter((resource) => !busyNow.has(resource.id) && resource.kind !== 'equipment')
    : [];
  // The same hour from the next five minutes for every free resource: formatted once.
  const start = bookableFrom(now);
  const hour = bookingTimeOf(start, start + HOUR_MS, zone);
  const bookNow = (resource: ResourceView) => bookingFormUrl(data.center.id, resource.id, hour);
  const nothing =
    late.length + expected.length + checkedIn.length + next.length + freeNow.length === 0;
  return html`<div class="doorway">
    ${list(ctx, 'today.door.late', 'late', late, (entry) =>
      entryLine(
        ctx,
        data,
        entry,
        html` <span class="late-note"
            >${
              entry.resource.checkInRequired
                ? ctx.t('today.door.releasedAt', {
                    time: formatTime(noShowReleaseAt(entry.start, policy), zone),
                  })
                : ctx.t('today.door.lateNote')
            }</span
          >
          ${actionForm(ctx, data, entry, 'check-in')}`,
      ),
    )}
    ${list(ctx, 'today.door.expected', 'expected', expected, (entry) =>
      entryLine(ctx, data, entry, actionForm(ctx, data, entry, 'check-in')),
    )}
    ${list(ctx, 'today.door.checkedIn', 'in', checkedIn, (entry) =>
      entryLine(ctx, data, entry, actionForm(ctx, data, entry, 'check-out')),
    )}
    ${list(ctx, 'today.door.next', 'next', next, (entry) => entryLine(ctx, data, entry, ''))}
    ${
      freeNow.length > 0 &&
      html`<details class="free-now">
        <summary>${ctx.t('today.door.freeNow', { count: freeNow.length })}</summary>
        <ul>
          ${freeNow.map(
            (resource) =>
              html`<li>
                <a href="${bookNow(resource)}">${resource.name}</a>
                <span class="kind">${ctx.t(`kind.${resource.kind}` as MessageKey)}</span>
              </li>`,
          )}
        </ul>
      </details>`
    }
    ${nothing && html`<p>${ctx.t('today.door.nobody')}</p>`}
  </div>`;
}
