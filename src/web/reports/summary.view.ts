import type { ResourceKind } from '../../resources';
import { CenterView } from '../../centers';
import { ResourceAndKindReport } from '../../reports';
import { centerPicker } from '../shared/center-picker';
import { formatCalendarDate, formatNumber } from '../shared/format';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { renderPage } from '../shared/layout';
import { Problem, problemBox } from '../shared/page-input';
import { WebContext } from '../shared/web-context';
import { hoursAndMinutes, KIND_NAME, KIND_UNIT, monthName, percentOf } from './figures';
import { shownKinds } from './reports.view';

export interface SummaryScope {
  runs: CenterView[];
  center: CenterView;
  /** `YYYY-MM`. */
  month: string;
  from: string;
  to: string;
  today: string;
}

/** How many resources the summary lists as the most booked. */
export const TOP_RESOURCES = 5;

function title(ctx: WebContext, scope: SummaryScope): string {
  return ctx.t('reports.summaryTitle', {
    center: scope.center.name,
    month: monthName(ctx.locale, scope.month),
  });
}

function monthForm(ctx: WebContext, scope: SummaryScope): Html {
  const month = html`<div class="field">
    <label for="summary-month">${ctx.t('reports.month')}</label>
    <input id="summary-month" name="month" type="month" required value="${scope.month}" />
  </div>`;
  const picker = centerPicker(ctx, '/admin/reports/summary', scope.runs, scope.center.id, {
    extra: month,
  });
  return picker.value
    ? picker
    : html`<form method="get" action="/admin/reports/summary" class="row picker no-print">
        <input type="hidden" name="center" value="${scope.center.id}" />
        ${month}
        <div><button type="submit" class="secondary">${ctx.t('reports.show')}</button></div>
      </form>`;
}

/** The month form alone, with why the summary could not be made (a month that is no month). */
export function summaryFormPage(ctx: WebContext, scope: SummaryScope, problem: Problem): Html {
  return renderPage(ctx, {
    title: ctx.t('reports.printable'),
    active: 'reports',
    main: html`${problemBox(ctx, problem, {}, 'reports.notMade')} ${monthForm(ctx, scope)}`,
  });
}

function rate(ctx: WebContext, part: number, whole: number): string {
  return whole > 0 ? percentOf(ctx.locale, part / whole) : '–';
}

/**
 * One center's month on one A4 page, for a donor report: utilization of each kind in its own unit,
 * sessions, check-in and no-show rates, seminars, people served and the most booked resources.
 */
export function summaryPage(
  ctx: WebContext,
  scope: SummaryScope,
  report: ResourceAndKindReport,
): Html {
  const kinds = shownKinds(report.byKind);
  const totals = report.byKind.totals;
  // Check-in counts on desks and computers only (rooms and equipment have no check-in).
  const seats = report.byKind.rows.filter((r) => r.key === 'desk' || r.key === 'computer');
  const seatSessions = seats.reduce((sum, r) => sum + r.sessions, 0);
  const seatNoShows = seats.reduce((sum, r) => sum + r.noShows, 0);
  const top = [...report.byResource.rows]
    .filter((r) => r.bookedHours > 0)
    .sort((a, b) => b.bookedHours - a.bookedHours)
    .slice(0, TOP_RESOURCES);
  const figures: Array<[MessageKey, string, string]> = [
    ['reports.sessions', formatNumber(totals.sessions, ctx.locale), 'sessions'],
    ['reports.attendees', formatNumber(totals.attendees, ctx.locale), 'attendees'],
    ['reports.checkInRate', rate(ctx, seatSessions - seatNoShows, seatSessions), 'checkInRate'],
    ['reports.noShowRateSeats', rate(ctx, seatNoShows, seatSessions), 'noShowRate'],
    ['reports.seminars', formatNumber(totals.seminars, ctx.locale), 'seminars'],
    ['reports.participants', formatNumber(totals.participants, ctx.locale), 'participants'],
    ['reports.uniqueUsers', formatNumber(totals.uniqueUsers, ctx.locale), 'uniqueUsers'],
    [
      'reports.uniqueOrganizations',
      formatNumber(totals.uniqueOrganizations, ctx.locale),
      'uniqueOrganizations',
    ],
  ];
  const period = ctx.t('reports.period', {
    name: scope.center.name,
    from: formatCalendarDate(scope.from, ctx.locale),
    to: formatCalendarDate(scope.to, ctx.locale),
  });
  return renderPage(ctx, {
    title: title(ctx, scope),
    active: 'reports',
    main: html`${monthForm(ctx, scope)}
      <p class="hint no-print">${ctx.t('reports.printHint')}</p>
      <div class="print-summary">
        <p>${period}</p>
        <section aria-labelledby="summary-kinds-h">
          <h2 id="summary-kinds-h">${ctx.t('reports.byKindTitle')}</h2>
          <div
            class="table-wrap"
            tabindex="0"
            role="group"
            aria-label="${ctx.t('reports.byKindTitle')}"
          >
          <table id="summary-kinds">
            <thead>
              <tr>
                <th scope="col">${ctx.t('reports.kind')}</th>
                <th scope="col">${ctx.t('reports.col.unit')}</th>
                <th scope="col" class="num">${ctx.t('reports.openHours')}</th>
                <th scope="col" class="num">${ctx.t('reports.bookedHours')}</th>
                <th scope="col" class="num">${ctx.t('reports.usedHours')}</th>
                <th scope="col" class="num">${ctx.t('reports.utilization')}</th>
              </tr>
            </thead>
            <tbody>
              ${kinds.map((row) => {
                const kind = row.key as ResourceKind;
                return html`<tr data-kind="${kind}">
                  <th scope="row">${ctx.t(KIND_NAME[kind])}</th>
                  <td>${ctx.t(KIND_UNIT[kind])}</td>
                  <td class="num" data-figure="openHours">${hoursAndMinutes(ctx, row.openHours ?? 0)}</td>
                  <td class="num" data-figure="bookedHours">${hoursAndMinutes(ctx, row.bookedHours)}</td>
                  <td class="num" data-figure="usedHours">${hoursAndMinutes(ctx, row.usedHours)}</td>
                  <td class="num" data-figure="utilization">
                    ${row.utilization === null ? '–' : percentOf(ctx.locale, row.utilization)}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>
          </div>
          <p class="hint">${ctx.t('reports.byKindHint')}</p>
        </section>
        <section aria-labelledby="summary-figures-h">
          <h2 id="summary-figures-h">${ctx.t('reports.summary')}</h2>
          <dl class="figures" id="summary-figures">
            ${figures.map(
              ([label, text, name]) => html`<div>
                <dt>${ctx.t(label)}</dt>
                <dd data-figure="${name}">${text}</dd>
              </div>`,
            )}
          </dl>
        </section>
        <section aria-labelledby="summary-top-h">
          <h2 id="summary-top-h">${ctx.t('reports.topResources')}</h2>
          ${
            top.length === 0
              ? html`<p>${ctx.t('reports.noSessions')}</p>`
              : html`<ol id="summary-top">
                ${top.map((row) => {
                  const resource = report.resources.get(row.key);
                  const kind = resource?.kind ?? 'equipment';
                  return html`<li>
                    <strong>${resource?.name ?? row.label}</strong> (${ctx.t(KIND_NAME[kind])}):
                    ${hoursAndMinutes(ctx, row.bookedHours)}${
                      row.utilization === null ? '' : `, ${percentOf(ctx.locale, row.utilization)}`
                    }
                  </li>`;
                })}
              </ol>`
          }
        </section>
        <p class="hint">
          ${ctx.t('reports.madeOn', { date: formatCalendarDate(scope.today, ctx.locale) })}
        </p>
      </div>`,
  });
}
