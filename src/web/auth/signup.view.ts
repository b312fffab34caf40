import { OrganizationView } from '../../identity';
import { inputField, problemSummary, ProblemRules, selectField } from '../shared/form-fields';
import { html, Html } from '../shared/html';
import { LANGUAGE_NAME, LOCALES } from '../i18n';
import { csrfField, renderPage } from '../shared/layout';
import { Choice, FormState, valueOf } from '../people/people.view';
import { WebContext } from '../shared/web-context';

export const SIGNUP_RULES: ProblemRules = {
  fields: {
    name: ['name', 'people.field.name.invalid'],
    email: ['email', 'signup.field.email'],
    phone: ['phone', 'people.field.phone.invalid'],
    password: ['password', 'signup.field.password'],
    centerId: ['centerId', 'signup.field.center'],
    organizationId: ['organizationId', 'people.field.organization.invalid'],
    locale: ['locale', 'people.field.locale.invalid'],
  },
  codes: {
    ALREADY_EXISTS: { summary: 'signup.error.taken', field: ['email', 'signup.field.taken'] },
    TOO_MANY_REQUESTS: { summary: 'signup.error.throttled' },
  },
};

export interface SignupData {
  centers: Choice[];
  organizations: OrganizationView[];
  state: FormState;
}

/** The sign-up form: a member account of one's own (when the network allows it). */
export function signupPage(ctx: WebContext, data: SignupData): Html {
  const { state } = data;
  const problem = state.problem;
  return renderPage(ctx, {
    title: ctx.t('signup.title'),
    main: html`<p class="hint">${ctx.t('signup.intro')}</p>
      ${problemSummary(ctx, problem, (name) => `signup-${name}`)}
      <form method="post" action="/signup" class="stack">
        ${csrfField(ctx)}
        ${inputField(ctx, problem, {
          id: 'signup-name',
          name: 'name',
          label: ctx.t('signup.name'),
          value: valueOf(state, 'name'),
          required: true,
          maxlength: 200,
          autocomplete: 'name',
        })}
        ${inputField(ctx, problem, {
          id: 'signup-email',
          name: 'email',
          type: 'email',
          label: ctx.t('people.email'),
          value: valueOf(state, 'email'),
          required: true,
          maxlength: 254,
          autocomplete: 'email',
          hint: ctx.t('signup.emailHint'),
        })}
        ${inputField(ctx, problem, {
          id: 'signup-phone',
          name: 'phone',
          type: 'tel',
          label: ctx.t('signup.phone'),
          value: valueOf(state, 'phone'),
          maxlength: 32,
          autocomplete: 'tel',
        })}
        ${inputField(ctx, problem, {
          id: 'signup-password',
          name: 'password',
          type: 'password',
          label: ctx.t('login.password'),
          required: true,
          maxlength: 200,
          autocomplete: 'new-password',
          hint: ctx.t('signup.passwordHint'),
          extra: html` minlength="8"`,
        })}
        ${selectField(ctx, problem, {
          id: 'signup-centerId',
          name: 'centerId',
          label: ctx.t('signup.center'),
          value: valueOf(state, 'centerId'),
          required: true,
          hint: ctx.t('signup.centerHint'),
          choices: data.centers,
        })}
        ${selectField(ctx, problem, {
          id: 'signup-organizationId',
          name: 'organizationId',
          label: ctx.t('people.organization'),
          value: valueOf(state, 'organizationId'),
          hint: ctx.t('signup.organizationHint'),
          choices: [
            { value: '', label: ctx.t('people.noOrganization') },
            ...data.organizations.map((o) => ({ value: o.id, label: o.name })),
          ],
        })}
        ${selectField(ctx, problem, {
          id: 'signup-locale',
          name: 'locale',
          label: ctx.t('people.language'),
          value: valueOf(state, 'locale') || ctx.locale,
          choices: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAME[locale] })),
        })}
        <div><button type="submit">${ctx.t('signup.submit')}</button></div>
      </form>
      <p>${ctx.t('signup.haveAccount')} <a href="/login">${ctx.t('login.submit')}</a></p>`,
  });
}
