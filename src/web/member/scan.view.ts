import { ScanResult, WalkInOutlook } from '../../bookings';
import { CenterEntity } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { ResourceEntity } from '../../resources';
import { stateBadge } from '../shared/badges';
import { errorMessage } from '../shared/error-text';
import { formatDateTime, formatTime } from '../shared/format';
import { html, Html } from '../shared/html';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

/** What the QR page says about the place now, for the person who scanned it. */
export type ScanState =
  | { state: 'signedOut'; signUp: boolean }
  | { state: 'yours'; sessionId: string; status: string; startMs: number; endMs: number }
  | WalkInOutlook;

export interface ScanPage {
  token: string;
  resource: ResourceEntity;
  center: CenterEntity;
  now: ScanState;
  /** Why pressing the button was refused, when it was not because the place is busy. */
  problem?: { error: DomainError; why: string[] };
}

/** `/c/<token>`: one of the five states, each with the one thing to do next. */
export function renderScanPage(ctx: WebContext, page: ScanPage): Html {
  const { resource, center } = page;
  return renderPage(ctx, {
    title: ctx.t('scan.title', { name: resource.name, center: center.name }),
    main: html`${page.problem && problemBox(ctx, page.problem)}
${stateSection(ctx, page)}
${page.now.state !== 'signedOut' && html`<p><a href="/me">${ctx.t('scan.myBookings')}</a></p>`}`,
  });
}

function stateSection(ctx: WebContext, page: ScanPage): Html {
  const { resource, center, token } = page;
  const zone = center.timezone;
  const here = page.now;
  const action = `/c/${token}`;
  switch (here.state) {
    case 'signedOut': {
      const next = encodeURIComponent(action);
      return html`<p class="lead">${ctx.t('scan.signInLead', { name: resource.name })}</p>
<p><a class="button big" href="/login?next=${next}">${ctx.t('scan.signIn')}</a></p>
${here.signUp && html`<p><a href="/signup">${ctx.t('scan.signUp')}</a></p>`}`;
    }
    case 'yours':
      return here.status === 'checked_in'
        ? html`<p class="success" role="status">${stateBadge(ctx, 'checked_in')} ${ctx.t('scan.yoursCheckedIn', { time: formatTime(here.endMs, zone) })}</p>
<form method="post" action="/sessions/${here.sessionId}/check-out">${csrfField(ctx)}<input type="hidden" name="next" value="/me">
<button type="submit" class="big secondary">${ctx.t('scan.checkOut')}</button></form>`
        : html`<p class="lead">${stateBadge(ctx, 'booked')} ${ctx.t('scan.yoursBooked', {
            time: `${formatTime(here.startMs, zone)}–${formatTime(here.endMs, zone)}`,
          })}</p>
<form method="post" action="${action}">${csrfField(ctx)}<button type="submit" class="big">${ctx.t('scan.checkIn')}</button></form>`;
    case 'free': {
      const time = formatTime(here.until, zone);
      return html`<p class="lead">${stateBadge(ctx, 'free')} ${ctx.t('scan.free', { time })}</p>
<form method="post" action="${action}">${csrfField(ctx)}<button type="submit" class="big">${ctx.t('scan.walkIn', { time })}</button></form>`;
    }
    case 'busy':
      return html`<p class="lead" role="status">${stateBadge(ctx, 'booked')} ${
        here.freeAt === undefined
          ? ctx.t('scan.busyToday')
          : ctx.t('scan.busy', { time: formatTime(here.freeAt, zone) })
      }</p>`;
    case 'closed':
      return html`<p class="lead" role="status">${stateBadge(ctx, 'closed')} ${
        here.opensAt === undefined
          ? ctx.t('scan.closedLong')
          : ctx.t('scan.closed', { when: formatDateTime(here.opensAt, zone, ctx.locale) })
      }</p>`;
  }
}

function problemBox(ctx: WebContext, problem: { error: DomainError; why: string[] }): Html {
  return html`<div class="error" role="alert">${errorMessage(ctx, problem.error)}${
    problem.why.length > 0 && html`<p>${problem.why.join('; ')}</p>`
  }</div>`;
}

/** After the button: checked in (to one's session, or to the place taken as a walk-in). */
export function renderScanResult(
  ctx: WebContext,
  page: { resource: ResourceEntity; center: CenterEntity; result: ScanResult },
): Html {
  const zone = page.center.timezone;
  const session =
    page.result.action === 'checked_in'
      ? page.result.occurrence
      : page.result.booking.occurrences[0];
  const time = formatTime(Date.parse(session.end), zone);
  const message =
    page.result.action === 'checked_in'
      ? ctx.t('scan.checkedIn', { time })
      : ctx.t('scan.walkedIn', { time });
  return renderPage(ctx, {
    title: ctx.t('scan.title', { name: page.resource.name, center: page.center.name }),
    main: html`<p class="success" role="status">${stateBadge(ctx, 'checked_in')} ${message}</p>
${
  session.id &&
  html`<form method="post" action="/sessions/${session.id}/check-out">${csrfField(ctx)}<input type="hidden" name="next" value="/me">
<button type="submit" class="big secondary">${ctx.t('scan.checkOut')}</button></form>`
}
<p><a href="/me">${ctx.t('scan.myBookings')}</a></p>`,
  });
}
