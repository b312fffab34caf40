import { html, Html } from '../shared/html';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';
import { safeNextPath } from '../shared/web-result';

/** The sign-in form, with a refusal above it and, when self sign-up is on, its link. */
export function loginPage(
  ctx: WebContext,
  next?: string,
  email = '',
  problem?: string,
  signupAllowed = false,
): Html {
  return renderPage(ctx, {
    title: ctx.t('login.title'),
    main: html`${problem && html`<p class="error" role="alert">${problem}</p>`}
      <form method="post" action="/login" class="stack">
        ${csrfField(ctx)}
        ${next && html`<input type="hidden" name="next" value="${safeNextPath(next, '/')}" />`}
        <div class="field">
          <label for="email">${ctx.t('login.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value="${email}"
          />
        </div>
        <div class="field">
          <label for="password">${ctx.t('login.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <div><button type="submit">${ctx.t('login.submit')}</button></div>
      </form>
      ${signupAllowed && html`<p>${ctx.t('signup.noAccount')} <a href="/signup">${ctx.t('signup.title')}</a></p>`}`,
  });
}
