import { html, Html } from '../shared/html';
import type { WebContext } from '../shared/web-context';

/**
 * The bell in the page header: a link to the notifications page with the unread count. Self-
 * contained (its strings in notifications.i18n.ts, its style in notifications.css); the header
 * only places it. Nothing for a visitor who is not signed in.
 */
export function notificationBell(ctx: WebContext): Html {
  if (!ctx.principal) return html``;
  const unread = ctx.unreadNotifications ?? 0;
  const label = unread > 0 ? ctx.t('notify.bellUnread', { count: unread }) : ctx.t('notify.bell');
  return html`<a class="bell" href="/me/notifications" aria-label="${label}" title="${label}"
    ><svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" focusable="false">
      <path
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        fill="currentColor"
      /></svg
    >${
      unread > 0
        ? html`<span class="bell-count" aria-hidden="true">${unread > 99 ? '99+' : String(unread)}</span>`
        : ''
    }</a
  >`;
}
