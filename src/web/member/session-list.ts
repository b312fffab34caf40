import { BookingView, SessionView } from '../../bookings';
import { formatRange } from '../shared/format';
import { html, Html } from '../shared/html';
import { csrfField } from '../shared/layout';
import { WebContext } from '../shared/web-context';

/** A one-button form that posts to a session action and comes back to this page. */
export function actionButton(
  ctx: WebContext,
  action: string,
  label: string,
  options: {
    danger?: boolean;
    secondary?: boolean;
    fields?: Record<string, string>;
    describedBy?: string;
  } = {},
): Html {
  const css = options.danger ? 'danger' : options.secondary ? 'secondary' : '';
  return html`<form method="post" action="${action}" class="inline">${csrfField(ctx)}
<input type="hidden" name="next" value="${ctx.path}">${Object.entries(options.fields ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit"${css ? html` class="${css}"` : ''}${options.describedBy ? html` aria-describedby="${options.describedBy}"` : ''}>${label}</button></form>`;
}

/** Whether a session can still be acted on (not over, not cancelled or released). */
export function isUpcoming(session: SessionView, now: number): boolean {
  return (
    Date.parse(session.end) > now &&
    !['cancelled', 'no_show', 'checked_out', 'completed'].includes(session.status)
  );
}

/** The buttons a session offers its owner or staff: check in/out, cancel it or the rest. */
export function sessionActions(
  ctx: WebContext,
  booking: BookingView,
  occurrence: SessionView,
  now: number,
  labelId: string,
): Html {
  if (!occurrence.id || !isUpcoming(occurrence, now) || booking.status === 'rejected')
    return html``;
  const started = Date.parse(occurrence.start) <= now;
  const series = booking.occurrences.length > 1;
  const cancelPath = `/bookings/${booking.id}/sessions/${occurrence.id}/cancel`;
  return html`<div class="actions">${
    occurrence.status === 'checked_in'
      ? actionButton(ctx, `/sessions/${occurrence.id}/check-out`, ctx.t('session.checkOut'), {
          describedBy: labelId,
        })
      : booking.status === 'confirmed' &&
        Date.parse(occurrence.start) - now <= 60 * 60_000 &&
        actionButton(ctx, `/sessions/${occurrence.id}/check-in`, ctx.t('session.checkIn'), {
          describedBy: labelId,
        })
  }${
    !started &&
    html`${actionButton(ctx, cancelPath, ctx.t('session.cancelThis'), { secondary: true, describedBy: labelId })}${
      series &&
      actionButton(ctx, cancelPath, ctx.t('session.cancelRest'), {
        secondary: true,
        fields: { scope: 'following' },
        describedBy: labelId,
      })
    }`
  }</div>`;
}

export function sessionTime(ctx: WebContext, session: SessionView, zone: string): string {
  return formatRange(Date.parse(session.start), Date.parse(session.end), zone, ctx.locale);
}
