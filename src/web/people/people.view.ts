import { OrganizationView, Role, UserView } from '../../identity';
import {
  checkboxGroup,
  FormProblem,
  inputField,
  problemSummary,
  ProblemRules,
  selectField,
} from '../shared/form-fields';
import { html, Html } from '../shared/html';
import { LANGUAGE_NAME, LOCALES, MessageKey } from '../i18n';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

export interface Choice {
  value: string;
  label: string;
}

/** How the people forms' refusals read: each API field belongs to one form field. */
export const PERSON_RULES: ProblemRules = {
  fields: {
    name: ['name', 'people.field.name.invalid'],
    email: ['email', 'people.field.email.invalid'],
    phone: ['phone', 'people.field.phone.invalid'],
    role: ['role', 'people.field.role.invalid'],
    organizationId: ['organizationId', 'people.field.organization.invalid'],
    locale: ['locale', 'people.field.locale.invalid'],
    centerIds: ['centerIds', 'people.field.centers.invalid'],
  },
  codes: {
    ALREADY_EXISTS: {
      summary: 'people.error.emailTaken',
      field: ['email', 'people.field.email.taken'],
    },
    INVALID_STATE: { summary: 'people.error.self' },
  },
};

export const PEOPLE_DONE = {
  created: 'people.done.created',
  updated: 'people.done.updated',
  deactivated: 'people.done.deactivated',
  reactivated: 'people.done.reactivated',
} as const satisfies Record<string, MessageKey>;
export type PeopleDone = keyof typeof PEOPLE_DONE;

export function isPeopleDone(value: unknown): value is PeopleDone {
  return typeof value === 'string' && value in PEOPLE_DONE;
}

/** What a form shows: the values typed (or stored) and, after a refusal, why. */
export interface FormState {
  values: Record<string, string | string[]>;
  problem?: FormProblem;
}

export function valueOf(state: FormState | undefined, name: string): string {
  const v = state?.values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function valuesOf(state: FormState | undefined, name: string): string[] {
  const v = state?.values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

export function roleLabel(ctx: WebContext, role: Role): string {
  return ctx.t(`people.role.${role}`);
}

export function activeBadge(ctx: WebContext, active: boolean): Html {
  return active
    ? html`<span class="badge state-free"><span class="icon" aria-hidden="true">✓</span>${ctx.t('people.active')}</span>`
    : html`<span class="badge state-closed"><span class="icon" aria-hidden="true">✕</span>${ctx.t('people.inactive')}</span>`;
}

function organizationChoices(ctx: WebContext, organizations: OrganizationView[]): Choice[] {
  return [
    { value: '', label: ctx.t('people.noOrganization') },
    ...organizations.map((o) => ({ value: o.id, label: o.name })),
  ];
}

function localeChoices(): Choice[] {
  return LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAME[locale] }));
}

/** The fields of a person, for adding or editing (the same names as the API's input). */
export interface PersonFormOptions {
  prefix: string;
  roles: Role[];
  organizations: OrganizationView[];
  /** The centers the caller may register people at (all for an admin). */
  centers: Choice[];
}

export function personFields(ctx: WebContext, state: FormState, options: PersonFormOptions): Html {
  const id = (name: string) => `${options.prefix}-${name}`;
  const problem = state.problem;
  return html`${inputField(ctx, problem, {
    id: id('name'),
    name: 'name',
    label: ctx.t('people.name'),
    value: valueOf(state, 'name'),
    required: true,
    maxlength: 200,
    autocomplete: 'off',
  })}
    ${inputField(ctx, problem, {
      id: id('email'),
      name: 'email',
      label: ctx.t('people.email'),
      type: 'email',
      value: valueOf(state, 'email'),
      maxlength: 254,
      autocomplete: 'off',
      hint: ctx.t('people.emailHint'),
    })}
    ${inputField(ctx, problem, {
      id: id('phone'),
      name: 'phone',
      label: ctx.t('people.phone'),
      type: 'tel',
      value: valueOf(state, 'phone'),
      maxlength: 32,
      autocomplete: 'off',
      hint: ctx.t('people.phoneHint'),
    })}
    ${selectField(ctx, problem, {
      id: id('role'),
      name: 'role',
      label: ctx.t('people.roleLabel'),
      value: valueOf(state, 'role') || 'member',
      choices: options.roles.map((role) => ({ value: role, label: roleLabel(ctx, role) })),
    })}
    ${selectField(ctx, problem, {
      id: id('organizationId'),
      name: 'organizationId',
      label: ctx.t('people.organization'),
      value: valueOf(state, 'organizationId'),
      choices: organizationChoices(ctx, options.organizations),
    })}
    ${selectField(ctx, problem, {
      id: id('locale'),
      name: 'locale',
      label: ctx.t('people.language'),
      value: valueOf(state, 'locale') || ctx.locale,
      choices: localeChoices(),
    })}
    ${
      options.centers.length > 0 &&
      html`<input type="hidden" name="centersShown" value="1" />
        ${checkboxGroup(ctx, problem, {
          id: id('centerIds'),
          name: 'centerIds',
          legend: ctx.t('people.centers'),
          checked: valuesOf(state, 'centerIds'),
          choices: options.centers,
          hint: ctx.t('people.centersHint'),
        })}`
    }`;
}

/** The temporary password, shown in this one answer and never again. */
export function temporaryPasswordBox(ctx: WebContext, person: UserView, password: string): Html {
  return html`<section class="notice secret" role="status" aria-labelledby="secret-h">
    <h2 id="secret-h">${ctx.t('people.tempTitle')}</h2>
    <p>${ctx.t('people.tempOnce', { name: person.name })}</p>
    <p class="password"><code>${password}</code></p>
    <p>${ctx.t('people.tempSignIn', { email: person.email ?? '' })}</p>
  </section>`;
}

// ------------------------------------------------------------------------------ the list

export interface PeopleFilters {
  q?: string;
  organization?: string;
  role?: string;
  status?: string;
  center?: string;
}

export interface PeopleListData {
  people: UserView[];
  total: number;
  page: number;
  pageSize: number;
  filters: PeopleFilters;
  organizations: OrganizationView[];
  /** Centers to filter on (the caller's; every center for an admin). */
  centers: Choice[];
  centerNames: Map<string, string>;
  isAdmin: boolean;
  done?: PeopleDone;
  /** Filters the list refused (nothing is listed then). */
  problem?: FormProblem;
}

export function peopleUrl(filters: PeopleFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value as string);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/people${query ? `?${query}` : ''}`;
}

function searchForm(ctx: WebContext, data: PeopleListData): Html {
  const f = data.filters;
  const roles: Role[] = ['member', 'trainer', 'coordinator', 'admin'];
  return html`<form method="get" action="/admin/people" class="row filters" role="search"
    aria-label="${ctx.t('people.searchLabel')}">
    ${inputField(ctx, data.problem, {
      id: 'q',
      name: 'q',
      type: 'search',
      label: ctx.t('people.search'),
      value: f.q,
      maxlength: 100,
    })}
    ${selectField(ctx, data.problem, {
      id: 'filter-organization',
      name: 'organization',
      label: ctx.t('people.organization'),
      value: f.organization,
      choices: [
        { value: '', label: ctx.t('people.anyOrganization') },
        ...data.organizations.map((o) => ({ value: o.id, label: o.name })),
      ],
    })}
    ${selectField(ctx, data.problem, {
      id: 'filter-role',
      name: 'role',
      label: ctx.t('people.roleLabel'),
      value: f.role,
      choices: [
        { value: '', label: ctx.t('people.anyRole') },
        ...roles.map((role) => ({ value: role, label: roleLabel(ctx, role) })),
      ],
    })}
    ${selectField(ctx, data.problem, {
      id: 'filter-status',
      name: 'status',
      label: ctx.t('people.status'),
      value: f.status,
      choices: [
        { value: '', label: ctx.t('people.anyStatus') },
        { value: 'active', label: ctx.t('people.active') },
        { value: 'inactive', label: ctx.t('people.inactive') },
      ],
    })}
    ${
      data.centers.length > 1 &&
      selectField(ctx, data.problem, {
        id: 'filter-center',
        name: 'center',
        label: ctx.t('people.center'),
        value: f.center,
        choices: [
          {
            value: '',
            label: ctx.t(data.isAdmin ? 'people.anyCenter' : 'people.anyOfMyCenters'),
          },
          ...data.centers,
        ],
      })
    }
    <div><button type="submit">${ctx.t('people.searchButton')}</button></div>
    <div><a class="button secondary" href="/admin/people">${ctx.t('people.clear')}</a></div>
  </form>`;
}

function contact(person: UserView): Html {
  return html`${person.email}${person.email && person.phone && html`<br />`}${person.phone}`;
}

function pagination(ctx: WebContext, data: PeopleListData): Html {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (pages <= 1) return html``;
  return html`<nav aria-label="${ctx.t('people.pagination')}" class="pages">
    ${
      data.page > 1 &&
      html`<a href="${peopleUrl(data.filters, data.page - 1)}" rel="prev">${ctx.t('people.previous')}</a>`
    }
    <span>${ctx.t('people.pageOf', { page: data.page, pages })}</span>
    ${
      data.page < pages &&
      html`<a href="${peopleUrl(data.filters, data.page + 1)}" rel="next">${ctx.t('people.next')}</a>`
    }
  </nav>`;
}

export function peopleListPage(ctx: WebContext, data: PeopleListData): Html {
  const orgName = new Map(data.organizations.map((o) => [o.id, o.name]));
  return renderPage(ctx, {
    title: ctx.t('people.title'),
    active: 'people',
    main: html`${data.done && html`<p class="success" role="status">${ctx.t(PEOPLE_DONE[data.done])}</p>`}
      <p class="hint">${ctx.t(data.isAdmin ? 'people.introAdmin' : 'people.introCoordinator')}</p>
      <ul class="links">
        <li><a class="button" href="/admin/people/new">${ctx.t('people.add')}</a></li>
        <li><a class="button secondary" href="/admin/organizations">${ctx.t('people.organizationsLink')}</a></li>
      </ul>
      ${problemSummary(ctx, data.problem, (name) => (name === 'q' ? 'q' : `filter-${name}`))}
      ${searchForm(ctx, data)}
      <h2 id="results-h">${ctx.t('people.found', { count: data.total })}</h2>
      ${
        data.people.length === 0
          ? html`<p>${ctx.t('people.none')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="group" aria-labelledby="results-h">
            <table class="people-table">
              <thead>
                <tr>
                  <th scope="col">${ctx.t('people.name')}</th>
                  <th scope="col">${ctx.t('people.roleLabel')}</th>
                  <th scope="col">${ctx.t('people.contact')}</th>
                  <th scope="col">${ctx.t('people.organization')}</th>
                  <th scope="col">${ctx.t('people.centers')}</th>
                  <th scope="col">${ctx.t('people.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${data.people.map(
                  (p) => html`<tr>
                    <th scope="row"><a href="/admin/people/${p.id}">${p.name}</a></th>
                    <td>${roleLabel(ctx, p.role)}</td>
                    <td>${contact(p)}</td>
                    <td>${p.organizationId ? (orgName.get(p.organizationId) ?? '') : ''}</td>
                    <td>${p.centerIds
                      .map((id) => data.centerNames.get(id) ?? '')
                      .filter(Boolean)
                      .join(', ')}</td>
                    <td>${activeBadge(ctx, p.active)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
      ${pagination(ctx, data)}`,
  });
}

// ------------------------------------------------------------------------------ new person

export interface NewPersonData extends PersonFormOptions {
  state: FormState;
}

export function newPersonPage(ctx: WebContext, data: NewPersonData): Html {
  return renderPage(ctx, {
    title: ctx.t('people.addTitle'),
    active: 'people',
    main: html`<p><a href="/admin/people">${ctx.t('people.back')}</a></p>
      <p class="hint">${ctx.t('people.addIntro')}</p>
      ${problemSummary(ctx, data.state.problem, (name) => `new-${name}`)}
      <form method="post" action="/admin/people" class="stack">
        ${csrfField(ctx)} ${personFields(ctx, data.state, data)}
        <div><button type="submit">${ctx.t('people.create')}</button></div>
      </form>`,
  });
}

// ------------------------------------------------------------------------------ one person

export interface PersonPageData extends PersonFormOptions {
  person: UserView;
  /** Whether the caller may change this account here (staff who manage them, not themselves). */
  editable: boolean;
  self: boolean;
  centerNames: Map<string, string>;
  state: FormState;
  done?: PeopleDone;
  cancelled?: number;
  /** A new password, shown in this answer only. */
  temporaryPassword?: string;
  /** Why an action on this person was refused (not the edit form's problems). */
  alert?: MessageKey;
}

function facts(ctx: WebContext, data: PersonPageData): Html {
  const p = data.person;
  const org = data.organizations.find((o) => o.id === p.organizationId)?.name;
  const row = (label: string, value: Html | string) =>
    html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="facts">
    ${row(ctx.t('people.roleLabel'), roleLabel(ctx, p.role))}
    ${row(ctx.t('people.status'), activeBadge(ctx, p.active))}
    ${row(ctx.t('people.email'), p.email ?? '—')} ${row(ctx.t('people.phone'), p.phone ?? '—')}
    ${row(ctx.t('people.organization'), org ?? '—')}
    ${row(
      ctx.t('people.centers'),
      p.centerIds
        .map((id) => data.centerNames.get(id) ?? '')
        .filter(Boolean)
        .join(', ') || '—',
    )}
    ${row(ctx.t('people.language'), LANGUAGE_NAME[p.locale])}
  </dl>`;
}

function passwordSection(ctx: WebContext, data: PersonPageData): Html {
  const p = data.person;
  return html`<section aria-labelledby="password-h">
    <h2 id="password-h">${ctx.t('people.resetTitle')}</h2>
    ${
      p.email === null
        ? html`<p class="hint">${ctx.t('people.resetNoEmail')}</p>`
        : html`<p class="hint">${ctx.t('people.resetHint')}</p>
          <form method="post" action="/admin/people/${p.id}/password">
            ${csrfField(ctx)}
            <button type="submit" class="secondary">${ctx.t('people.reset')}</button>
          </form>`
    }
  </section>`;
}

function activationSection(ctx: WebContext, data: PersonPageData): Html {
  const p = data.person;
  return p.active
    ? html`<section aria-labelledby="deactivate-h">
        <h2 id="deactivate-h">${ctx.t('people.deactivateTitle')}</h2>
        <p class="hint">${ctx.t('people.deactivateHint')}</p>
        <p><a class="button secondary" href="/admin/people/${p.id}/deactivate"
          >${ctx.t('people.deactivateNext')}</a></p>
      </section>`
    : html`<section aria-labelledby="reactivate-h">
        <h2 id="reactivate-h">${ctx.t('people.reactivateTitle')}</h2>
        <p class="hint">${ctx.t('people.reactivateHint')}</p>
        <form method="post" action="/admin/people/${p.id}/reactivate">
          ${csrfField(ctx)}
          <button type="submit">${ctx.t('people.reactivate')}</button>
        </form>
      </section>`;
}

export function personPage(ctx: WebContext, data: PersonPageData): Html {
  const p = data.person;
  const doneText =
    data.done === 'deactivated'
      ? ctx.t('people.done.deactivatedCount', { count: data.cancelled ?? 0 })
      : data.done && ctx.t(PEOPLE_DONE[data.done]);
  return renderPage(ctx, {
    title: p.name,
    active: 'people',
    main: html`<p><a href="/admin/people">${ctx.t('people.back')}</a></p>
      ${doneText && html`<p class="success" role="status">${doneText}</p>`}
      ${data.alert && html`<p class="error" role="alert">${ctx.t(data.alert)}</p>`}
      ${data.temporaryPassword && temporaryPasswordBox(ctx, p, data.temporaryPassword)}
      ${facts(ctx, data)}
      <ul class="links">
        <li><a href="/admin/bookings?owner=${p.id}">${ctx.t('people.bookingsLink')}</a></li>
        <li><a href="/admin/audit?target=${p.id}">${ctx.t('people.auditLink')}</a></li>
      </ul>
      ${
        data.editable
          ? html`<section aria-labelledby="edit-h">
              <h2 id="edit-h">${ctx.t('people.editTitle')}</h2>
              ${problemSummary(ctx, data.state.problem, (name) => `edit-${name}`)}
              <form method="post" action="/admin/people/${p.id}" class="stack">
                ${csrfField(ctx)} ${personFields(ctx, data.state, { ...data, prefix: 'edit' })}
                <div><button type="submit">${ctx.t('form.save')}</button></div>
              </form>
            </section>
            ${passwordSection(ctx, data)} ${activationSection(ctx, data)}`
          : html`<p class="notice">${ctx.t(data.self ? 'people.ownAccount' : 'people.readOnly')}</p>`
      }`,
  });
}

// ------------------------------------------------------------------------------ deactivation

export interface DeactivateData {
  person: UserView;
  count: number;
  /** The count differs from the one the form was sent with: confirm again. */
  changed?: boolean;
}

export function deactivatePage(ctx: WebContext, data: DeactivateData): Html {
  const p = data.person;
  return renderPage(ctx, {
    title: ctx.t('people.confirmTitle', { name: p.name }),
    active: 'people',
    main: html`${
      data.changed && html`<p class="error" role="alert">${ctx.t('people.confirmChanged')}</p>`
    }
      <p>${ctx.t('people.confirmSignOut')}</p>
      <p class="notice"><strong>${ctx.t('people.confirmCount', { count: data.count })}</strong></p>
      <p class="hint">${ctx.t('people.confirmKept')}</p>
      <form method="post" action="/admin/people/${p.id}/deactivate" class="row">
        ${csrfField(ctx)}
        <input type="hidden" name="expected" value="${data.count}" />
        <div><button type="submit" class="danger">${ctx.t('people.deactivate')}</button></div>
        <div><a class="button secondary" href="/admin/people/${p.id}">${ctx.t('people.keep')}</a></div>
      </form>`,
  });
}

/** The page after creating an account with an email: its temporary password, once. */
export function createdPage(ctx: WebContext, person: UserView, password: string): Html {
  return renderPage(ctx, {
    title: ctx.t('people.createdTitle', { name: person.name }),
    active: 'people',
    main: html`<p class="success" role="status">${ctx.t('people.done.created')}</p>
      ${temporaryPasswordBox(ctx, person, password)}
      <ul class="links">
        <li><a href="/admin/people/${person.id}">${ctx.t('people.openPerson', { name: person.name })}</a></li>
        <li><a href="/admin/people/new">${ctx.t('people.addAnother')}</a></li>
      </ul>`,
  });
}
