import { CSRF_FIELD } from '../../identity';
import { isStaff } from '../../access';
import { webAssets } from './assets';
import { html, Html } from './html';
import { LANGUAGE_NAME, LOCALES, MessageKey } from '../i18n';
import { notificationBell } from '../notifications/bell';
import { WebContext } from './web-context';

export type NavItem =
  | 'today'
  | 'bookings'
  | 'newBooking'
  | 'center'
  | 'reports'
  | 'myBookings'
  | 'find'
  | 'people'
  | 'audit'
  | 'network';

const STAFF_NAV: Array<[NavItem, string, MessageKey]> = [
  ['today', '/admin', 'nav.today'],
  ['bookings', '/admin/bookings', 'nav.bookings'],
  ['newBooking', '/book', 'nav.newBooking'],
  ['center', '/admin/center', 'nav.center'],
  ['reports', '/admin/reports', 'nav.reports'],
  ['people', '/admin/people', 'people.nav'],
  ['audit', '/admin/audit', 'audit.nav'],
];

/** Admins also run the network: its centers and their coordinators. */
const ADMIN_NAV: Array<[NavItem, string, MessageKey]> = [
  ...STAFF_NAV,
  ['network', '/admin/network', 'network.nav'],
];

const MEMBER_NAV: Array<[NavItem, string, MessageKey]> = [
  ['myBookings', '/me', 'nav.myBookings'],
  ['find', '/find', 'nav.find'],
  ['newBooking', '/book', 'nav.newBooking'],
];

/** The hidden field every form of a page carries. */
export function csrfField(ctx: WebContext): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrfToken}" />`;
}

function navigation(ctx: WebContext, active: NavItem | undefined): Html {
  if (!ctx.principal) return html``;
  const items =
    ctx.principal.role === 'admin' ? ADMIN_NAV : isStaff(ctx.principal) ? STAFF_NAV : MEMBER_NAV;
  return html`<nav aria-label="${ctx.t('nav.label')}">
    <ul class="nav">
      ${items.map(
        ([item, href, label]) =>
          html`<li>
            <a href="${href}" ${item === active ? html` aria-current="page"` : ''}
              >${ctx.t(label)}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/**
 * One tap per language: a form with three submit buttons (`locale` = uz, ru or en), so the switch
 * works without JavaScript and carries the CSRF token like every other form.
 */
function languageSwitcher(ctx: WebContext): Html {
  return html`<form method="post" action="/lang" class="lang" aria-label="${ctx.t('lang.label')}">
    ${csrfField(ctx)}
    <input type="hidden" name="next" value="${ctx.path}" />
    ${LOCALES.map(
      (locale) =>
        html`<button
          type="submit"
          name="locale"
          value="${locale}"
          lang="${locale}"
          ${locale === ctx.locale ? html` aria-current="true"` : ''}
        >
          <span aria-hidden="true">${locale.toUpperCase()}</span
          ><span class="visually-hidden">${LANGUAGE_NAME[locale]}</span>
        </button>`,
    )}
  </form>`;
}

function account(ctx: WebContext): Html {
  if (!ctx.principal) return html``;
  return html`<form method="post" action="/logout" class="signout">
    ${csrfField(ctx)}
    <span class="who">${ctx.t('nav.signedInAs', { name: ctx.principal.name })}</span>
    <button type="submit" class="secondary" title="${ctx.t('nav.signedInAs', { name: ctx.principal.name })}">
      ${ctx.t('nav.signOut')}
    </button>
  </form>`;
}

/**
 * On a phone the menu and the account fold behind one button: without JavaScript it is a link to
 * the menu (`:target` shows it), with it `app.js` makes it a toggle with `aria-expanded`.
 */
function menu(ctx: WebContext, active: NavItem | undefined): Html {
  if (!ctx.principal) return html``;
  return html`<a class="menu-button" href="#site-menu" aria-controls="site-menu"
      ><span aria-hidden="true">☰ </span>${ctx.t('nav.menu')}</a
    >
    <div class="menu" id="site-menu">${navigation(ctx, active)}${account(ctx)}</div>`;
}

export interface PageOptions {
  title: string;
  main: Html;
  active?: NavItem;
}

/** The frame of every page: language, skip link, header with menu, one `main`, and the assets. */
export function renderPage(ctx: WebContext, { title, main, active }: PageOptions): Html {
  const assets = webAssets();
  return html`<!doctype html>
    <html lang="${ctx.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${ctx.t('app.name')}</title>
        <link rel="icon" type="image/svg+xml" href="${assets.icon.url}" />
        <link rel="stylesheet" href="${assets.stylesheet.url}" />
        <script src="${assets.script.url}" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${ctx.t('nav.skip')}</a>
        <header class="top">
          <a class="brand" href="/">${ctx.t('app.name')}</a>
          ${notificationBell(ctx)} ${languageSwitcher(ctx)} ${menu(ctx, active)}
        </header>
        <main id="main" tabindex="-1">
          <h1>${title}</h1>
          ${main}
        </main>
      </body>
    </html>`;
}
