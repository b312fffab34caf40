import { OrganizationView } from '../../identity';
import { FormProblem, inputField, problemSummary, ProblemRules } from '../shared/form-fields';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

export const ORGANIZATION_RULES: ProblemRules = {
  fields: { name: ['name', 'people.org.nameInvalid'] },
  codes: {
    ALREADY_EXISTS: { summary: 'people.org.taken', field: ['name', 'people.org.takenField'] },
  },
};

export const ORGANIZATIONS_DONE = {
  created: 'people.org.done.created',
  renamed: 'people.org.done.renamed',
} as const satisfies Record<string, MessageKey>;
export type OrganizationsDone = keyof typeof ORGANIZATIONS_DONE;

export interface OrganizationsData {
  organizations: OrganizationView[];
  total: number;
  q?: string;
  page: number;
  pageSize: number;
  done?: OrganizationsDone;
  /** The new organization's form, refused. */
  created?: { name: string; problem: FormProblem };
  /** A rename refused, with what was typed. */
  renamed?: { id: string; name: string; problem: FormProblem };
}

export function organizationsUrl(q: string | undefined, page = 1): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/organizations${query ? `?${query}` : ''}`;
}

function pagination(ctx: WebContext, data: OrganizationsData): Html {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (pages <= 1) return html``;
  return html`<nav aria-label="${ctx.t('people.pagination')}" class="pages">
    ${
      data.page > 1 &&
      html`<a href="${organizationsUrl(data.q, data.page - 1)}" rel="prev">${ctx.t('people.previous')}</a>`
    }
    <span>${ctx.t('people.pageOf', { page: data.page, pages })}</span>
    ${
      data.page < pages &&
      html`<a href="${organizationsUrl(data.q, data.page + 1)}" rel="next">${ctx.t('people.next')}</a>`
    }
  </nav>`;
}

function renameForm(ctx: WebContext, data: OrganizationsData, org: OrganizationView): Html {
  const refused = data.renamed?.id === org.id ? data.renamed : undefined;
  return html`<li>
    <form method="post" action="/admin/organizations/${org.id}" class="row">
      ${csrfField(ctx)}
      <input type="hidden" name="back" value="${organizationsUrl(data.q, data.page)}" />
      ${inputField(ctx, refused?.problem, {
        id: `org-${org.id}`,
        name: 'name',
        label: ctx.t('people.org.nameOf', { name: org.name }),
        value: refused?.name ?? org.name,
        required: true,
        maxlength: 200,
      })}
      <div><button type="submit" class="secondary">${ctx.t('people.org.rename')}</button></div>
    </form>
  </li>`;
}

export function organizationsPage(ctx: WebContext, data: OrganizationsData): Html {
  const refused = data.created ?? data.renamed;
  return renderPage(ctx, {
    title: ctx.t('people.org.title'),
    active: 'people',
    main: html`<p><a href="/admin/people">${ctx.t('people.back')}</a></p>
      ${data.done && html`<p class="success" role="status">${ctx.t(ORGANIZATIONS_DONE[data.done])}</p>`}
      ${problemSummary(ctx, refused?.problem, () => (data.renamed ? `org-${data.renamed.id}` : 'new-org'))}
      <p class="hint">${ctx.t('people.org.intro')}</p>
      <section aria-labelledby="add-org-h">
        <h2 id="add-org-h">${ctx.t('people.org.add')}</h2>
        <form method="post" action="/admin/organizations" class="row">
          ${csrfField(ctx)}
          ${inputField(ctx, data.created?.problem, {
            id: 'new-org',
            name: 'name',
            label: ctx.t('people.org.name'),
            value: data.created?.name,
            required: true,
            maxlength: 200,
          })}
          <div><button type="submit">${ctx.t('people.org.create')}</button></div>
        </form>
      </section>
      <section aria-labelledby="orgs-h">
        <h2 id="orgs-h">${ctx.t('people.org.list')}</h2>
        <form method="get" action="/admin/organizations" class="row" role="search"
          aria-label="${ctx.t('people.org.searchLabel')}">
          ${inputField(ctx, undefined, {
            id: 'org-q',
            name: 'q',
            type: 'search',
            label: ctx.t('people.org.search'),
            value: data.q,
            maxlength: 100,
          })}
          <div><button type="submit">${ctx.t('people.searchButton')}</button></div>
        </form>
        <p>${ctx.t('people.found', { count: data.total })}</p>
        ${
          data.organizations.length === 0
            ? html`<p>${ctx.t('people.org.none')}</p>`
            : html`<ul class="org-list">
              ${data.organizations.map((org) => renameForm(ctx, data, org))}
            </ul>`
        }
        ${pagination(ctx, data)}
      </section>`,
  });
}
