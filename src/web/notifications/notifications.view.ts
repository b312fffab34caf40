import { REMINDER_MINUTES } from '../../notifications';
import { NOTIFICATION_EVENTS, NotificationEvent } from '../../outbox';
import type { NotificationList } from '../../notifications';
import type { NotificationSettingsView } from '../../notifications';
import { html, Html } from '../shared/html';
import { csrfField, renderPage } from '../shared/layout';
import type { WebContext } from '../shared/web-context';
import type { MessageKey } from '../i18n';

/** `2026-12-01T10:00:00+05:00` as `01.12.2026 10:00`, the time shown beside a notification. */
function shortTime(iso: string): string {
  const [date, time] = iso.split('T');
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y} ${time.slice(0, 5)}`;
}

export function renderNotifications(ctx: WebContext, list: NotificationList): Html {
  const items = list.items.map(
    (n) => html`<li class="${n.readAt === null ? 'unread' : ''}">
      <h2>${n.title}</h2>
      <time datetime="${n.createdAt}">${shortTime(n.createdAt)}</time>
      ${n.readAt === null ? html` <span class="badge">${ctx.t('notify.unread')}</span>` : ''}
      <p>${n.body}</p>
      ${
        n.readAt === null
          ? html`<form method="post" action="/me/notifications/${n.id}/read">
            ${csrfField(ctx)}
            <button type="submit" class="secondary">${ctx.t('notify.markRead')}</button>
          </form>`
          : ''
      }
    </li>`,
  );
  return renderPage(ctx, {
    title: ctx.t('notify.title'),
    main: html`<p><a href="/me/notification-settings">${ctx.t('notify.settingsLink')}</a></p>
      ${
        list.unread > 0
          ? html`<form method="post" action="/me/notifications/read-all">
            ${csrfField(ctx)}
            <button type="submit">${ctx.t('notify.markAllRead')}</button>
          </form>`
          : ''
      }
      ${
        list.items.length === 0
          ? html`<p>${ctx.t('notify.none')}</p>`
          : html`<ul class="notes">
            ${items}
          </ul>`
      }`,
  });
}

function reminderLabel(ctx: WebContext, minutes: number): string {
  if (minutes === 0) return ctx.t('notify.reminderNone');
  if (minutes === 1440) return ctx.t('notify.day');
  if (minutes >= 60) return ctx.t('notify.hours', { count: minutes / 60 });
  return ctx.t('notify.minutes', { count: minutes });
}

/** The events a person of this kind can hear of (requests to decide are for coordinators). */
function eventsFor(ctx: WebContext): NotificationEvent[] {
  const deciding = ctx.principal?.role === 'coordinator';
  return NOTIFICATION_EVENTS.filter(
    (e) => e !== 'waitlist_booked' && (deciding || e !== 'booking_pending'),
  );
}

export function renderNotificationSettings(
  ctx: WebContext,
  settings: NotificationSettingsView,
  page: { hasEmail: boolean; saved: boolean },
): Html {
  return renderPage(ctx, {
    title: ctx.t('notify.settingsTitle'),
    main: html`${
      page.saved ? html`<p class="notice" role="status">${ctx.t('notify.saved')}</p>` : ''
    }
      <form method="post" action="/me/notification-settings" class="note-settings">
        ${csrfField(ctx)}
        <fieldset>
          <legend>${ctx.t('notify.channels')}</legend>
          <p>${ctx.t('notify.inApp')}</p>
          <label
            ><input type="checkbox" name="email" value="on" ${settings.email ? html`checked` : ''} />
            ${ctx.t('notify.email')}</label
          >
          ${page.hasEmail ? '' : html`<p>${ctx.t('notify.noEmail')}</p>`}
        </fieldset>
        <p>
          <label for="reminder">${ctx.t('notify.reminder')}</label>
          <select id="reminder" name="reminderMinutes">
            ${REMINDER_MINUTES.map(
              (m) =>
                html`<option value="${String(m)}" ${m === settings.reminderMinutes ? html`selected` : ''}>
                  ${reminderLabel(ctx, m)}
                </option>`,
            )}
          </select>
        </p>
        <fieldset>
          <legend>${ctx.t('notify.events')}</legend>
          ${eventsFor(ctx).map(
            (event) =>
              html`<label
                ><input
                  type="checkbox"
                  name="events"
                  value="${event}"
                  ${settings.events[event] ? html`checked` : ''}
                />
                ${ctx.t(`notify.event.${event}` as MessageKey)}</label
              >`,
          )}
        </fieldset>
        <button type="submit">${ctx.t('notify.save')}</button>
      </form>
      <p><a href="/me/notifications">${ctx.t('notify.title')}</a></p>`,
  });
}
