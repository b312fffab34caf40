import { AuditEntryView, AuditTarget } from '../../audit';
import { AUDIT_ACTIONS } from '../../audit-log';
import { entryInWords } from './audit-words';
import { FormProblem, inputField, problemSummary, selectField } from '../shared/form-fields';
import { formatDateTime } from '../shared/format';
import { html, Html } from '../shared/html';
import { renderPage } from '../shared/layout';
import { Choice } from '../people/people.view';
import { WebContext } from '../shared/web-context';

export interface AuditFilters {
  center?: string;
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  target?: string;
}

export interface AuditPageData {
  filters: AuditFilters;
  centers: Choice[];
  isAdmin: boolean;
  /** Undefined when the filters were refused (nothing is listed then). */
  entries?: AuditEntryView[];
  targets: Map<string, AuditTarget>;
  zoneOfCenter: Map<string, string>;
  /** The zone of entries without a center, and of the period's dates. */
  zone: string;
  total: number;
  page: number;
  pageSize: number;
  /** Names for the actor and target filters, when known. */
  actorName?: string;
  targetName?: string;
  problem?: FormProblem;
}

export function auditUrl(filters: AuditFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value as string);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/audit${query ? `?${query}` : ''}`;
}

function filterForm(ctx: WebContext, data: AuditPageData): Html {
  const f = data.filters;
  const problem = data.problem;
  return html`<form method="get" action="/admin/audit" class="row filters"
    aria-label="${ctx.t('audit.filters')}">
    ${
      data.centers.length > 1 || data.isAdmin
        ? selectField(ctx, problem, {
            id: 'audit-center',
            name: 'center',
            label: ctx.t('people.center'),
            value: f.center,
            choices: [
              { value: '', label: ctx.t(data.isAdmin ? 'audit.allCenters' : 'audit.allMine') },
              ...data.centers,
            ],
          })
        : html`<input type="hidden" name="center" value="${f.center ?? ''}" />`
    }
    ${inputField(ctx, problem, {
      id: 'audit-from',
      name: 'from',
      type: 'date',
      label: ctx.t('audit.from'),
      value: f.from,
    })}
    ${inputField(ctx, problem, {
      id: 'audit-to',
      name: 'to',
      type: 'date',
      label: ctx.t('audit.to'),
      value: f.to,
    })}
    ${selectField(ctx, problem, {
      id: 'audit-action',
      name: 'action',
      label: ctx.t('audit.action'),
      value: f.action,
      choices: [
        { value: '', label: ctx.t('audit.anyAction') },
        ...AUDIT_ACTIONS.map((action) => ({
          value: action,
          label: ctx.t(`audit.actionName.${action}`),
        })),
      ],
    })}
    ${f.actor && html`<input type="hidden" name="actor" value="${f.actor}" />`}
    ${f.target && html`<input type="hidden" name="target" value="${f.target}" />`}
    <div><button type="submit">${ctx.t('audit.apply')}</button></div>
    <div><a class="button secondary" href="/admin/audit">${ctx.t('people.clear')}</a></div>
  </form>`;
}

/** The actor and target filters (set from an entry's links), each with a way to drop it. */
function chosenFilters(ctx: WebContext, data: AuditPageData): Html {
  const f = data.filters;
  if (!f.actor && !f.target) return html``;
  return html`<ul class="chips">
    ${
      f.actor &&
      html`<li>${ctx.t('audit.byOnly', { name: data.actorName ?? ctx.t('audit.onePerson') })}
        <a href="${auditUrl({ ...f, actor: undefined })}">${ctx.t('audit.showAll')}</a></li>`
    }
    ${
      f.target &&
      html`<li>${ctx.t('audit.aboutOnly', { name: data.targetName ?? ctx.t('audit.oneItem') })}
        <a href="${auditUrl({ ...f, target: undefined })}">${ctx.t('audit.showAll')}</a></li>`
    }
  </ul>`;
}

function entryItem(ctx: WebContext, data: AuditPageData, entry: AuditEntryView): Html {
  const zone = (entry.centerId && data.zoneOfCenter.get(entry.centerId)) || data.zone;
  const at = Date.parse(entry.at);
  const f = data.filters;
  return html`<li>
    <p class="when"><time datetime="${entry.at}">${formatDateTime(at, zone, ctx.locale)}</time></p>
    <p>${entryInWords(ctx, entry, data.targets.get(entry.targetId), zone)}</p>
    <p class="entry-links">
      ${f.actor !== entry.actor.id && html`<a href="${auditUrl({ ...f, actor: entry.actor.id })}">${ctx.t('audit.sameActor')}</a>`}
      ${f.target !== entry.targetId && html`<a href="${auditUrl({ ...f, target: entry.targetId })}">${ctx.t('audit.sameTarget')}</a>`}
    </p>
  </li>`;
}

function pagination(ctx: WebContext, data: AuditPageData): Html {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (pages <= 1) return html``;
  return html`<nav aria-label="${ctx.t('people.pagination')}" class="pages">
    ${
      data.page > 1 &&
      html`<a href="${auditUrl(data.filters, data.page - 1)}" rel="prev">${ctx.t('audit.newer')}</a>`
    }
    <span>${ctx.t('people.pageOf', { page: data.page, pages })}</span>
    ${
      data.page < pages &&
      html`<a href="${auditUrl(data.filters, data.page + 1)}" rel="next">${ctx.t('audit.older')}</a>`
    }
  </nav>`;
}

export function auditPage(ctx: WebContext, data: AuditPageData): Html {
  return renderPage(ctx, {
    title: ctx.t('audit.title'),
    active: 'audit',
    main: html`<p class="hint">${ctx.t(data.isAdmin ? 'audit.introAdmin' : 'audit.introCoordinator')}
        ${ctx.t('audit.zone', { zone: data.zone })}</p>
      ${problemSummary(ctx, data.problem, (name) => `audit-${name}`)}
      ${filterForm(ctx, data)} ${chosenFilters(ctx, data)}
      ${
        data.entries &&
        html`<h2 id="entries-h">${ctx.t('people.found', { count: data.total })}</h2>
          ${
            data.entries.length === 0
              ? html`<p>${ctx.t('audit.none')}</p>`
              : html`<ol class="audit-list" aria-labelledby="entries-h">
                ${data.entries.map((entry) => entryItem(ctx, data, entry))}
              </ol>`
          }
          ${pagination(ctx, data)}`
      }`,
  });
}
