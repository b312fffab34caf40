import { DateTime } from 'luxon';
import { CenterView } from '../../centers';
import { Principal } from '../../access';
import {
  GROUP_BY,
  HeatGrid,
  UtilizationFigures,
  UtilizationOverview,
  UtilizationReport,
  UtilizationRow,
} from '../../reports';
import { Problem, problemBox } from '../shared/page-input';
import { centerPicker } from '../shared/center-picker';
import { barChart, HEAT_LEVELS, heatMap } from './charts';
import type { ResourceKind } from '../../resources';
import { formatNumber, formatShortDate } from '../shared/format';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { hoursAndMinutes, KIND_NAME, KIND_UNIT, KINDS, percentOf } from './figures';
import { renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

export interface ReportScope {
  runs: CenterView[];
  center: CenterView | null;
  zone: string;
  from: string;
  to: string;
  /** Today in the zone: where the presets (this month, last month…) start from. */
  today: string;
}

type Figure = keyof UtilizationFigures;

/** Hours in a chart's summary: a decimal number ("7.5 hours"). */
function hours(ctx: WebContext, value: number | null): string {
  return value === null ? '' : formatNumber(value, ctx.locale, 2);
}

export function percent(ctx: WebContext, fraction: number | null): string {
  return fraction === null ? '' : percentOf(ctx.locale, fraction);
}

function figureText(ctx: WebContext, figures: UtilizationFigures, figure: Figure): string {
  const value = figures[figure];
  if (figure === 'utilization') return percent(ctx, value);
  if (figure === 'openHours' || figure === 'bookedHours' || figure === 'usedHours') {
    return value === null ? '' : hoursAndMinutes(ctx, value);
  }
  return value === null ? '' : formatNumber(value, ctx.locale);
}

function cell(ctx: WebContext, figures: UtilizationFigures, figure: Figure): Html {
  const text = figureText(ctx, figures, figure);
  return html`<td class="num" data-figure="${figure}">
    ${text === '' ? html`<span aria-hidden="true">–</span><span class="visually-hidden">${ctx.t('reports.empty')}</span>` : text}
  </td>`;
}

/**
 * A totals cell: open hours and utilization are never added up across kinds (a place-hour, a
 * room-hour and a projector's unit-hour are not the same thing), so their totals stay empty.
 */
function totalCell(ctx: WebContext, figures: UtilizationFigures, figure: Figure): Html {
  if (figure === 'openHours' || figure === 'utilization') {
    return html`<td class="num" data-figure="${figure}">
      <span aria-hidden="true">–</span><span class="visually-hidden">${ctx.t('reports.notAdded')}</span>
    </td>`;
  }
  return cell(ctx, figures, figure);
}

const FIGURE_LABEL: Record<Figure, MessageKey> = {
  openHours: 'reports.openHours',
  bookedHours: 'reports.bookedHours',
  usedHours: 'reports.usedHours',
  utilization: 'reports.utilization',
  sessions: 'reports.sessions',
  noShows: 'reports.noShows',
  attendees: 'reports.attendees',
  seminars: 'reports.seminars',
  participants: 'reports.participants',
  uniqueUsers: 'reports.uniqueUsers',
  uniqueOrganizations: 'reports.uniqueOrganizations',
};

function table(
  ctx: WebContext,
  options: {
    id: string;
    /** The name of the scrolling box (keyboard users scroll it). */
    label: string;
    head: MessageKey;
    figures: Figure[];
    rows: Array<{ label: string; figures: UtilizationFigures }>;
    totals?: UtilizationFigures;
  },
): Html {
  return html`<div class="table-wrap" tabindex="0" role="group" aria-label="${options.label}">
    <table id="${options.id}">
      <thead>
        <tr>
          <th scope="col">${ctx.t(options.head)}</th>
          ${options.figures.map((f) => html`<th scope="col" class="num">${ctx.t(FIGURE_LABEL[f])}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${options.rows.map(
          (row) => html`<tr>
            <th scope="row">${row.label}</th>
            ${options.figures.map((f) => cell(ctx, row.figures, f))}
          </tr>`,
        )}
      </tbody>
      ${
        options.totals &&
        html`<tfoot>
        <tr>
          <th scope="row">${ctx.t('reports.total')}</th>
          ${options.figures.map((f) => totalCell(ctx, options.totals!, f))}
        </tr>
      </tfoot>`
      }
    </table>
  </div>`;
}

function noon(date: string, zone: string): number {
  return DateTime.fromISO(`${date}T12:00`, { zone }).toMillis();
}

function resourceLabel(ctx: WebContext, row: UtilizationRow): string {
  const suffix = ' (inactive)';
  return row.label.endsWith(suffix)
    ? `${row.label.slice(0, -suffix.length)} ${ctx.t('reports.inactive')}`
    : row.label;
}

function query(scope: ReportScope, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    center: scope.center?.id ?? 'all',
    from: scope.from,
    to: scope.to,
    ...extra,
  });
  return params.toString();
}

/** This month, last month, this quarter and this year, from today in the center's zone. */
export function presetPeriods(today: string): Array<{ key: MessageKey; from: string; to: string }> {
  const day = DateTime.fromISO(today);
  const span = (start: DateTime, unit: 'month' | 'quarter' | 'year') => ({
    from: start.startOf(unit).toISODate()!,
    to: start.endOf(unit).toISODate()!,
  });
  return [
    { key: 'reports.preset.thisMonth', ...span(day, 'month') },
    { key: 'reports.preset.lastMonth', ...span(day.minus({ months: 1 }), 'month') },
    { key: 'reports.preset.thisQuarter', ...span(day, 'quarter') },
    { key: 'reports.preset.thisYear', ...span(day, 'year') },
  ];
}

function presets(ctx: WebContext, scope: ReportScope): Html {
  return html`<nav class="presets no-print" aria-label="${ctx.t('reports.presets')}">
    <ul>
      ${presetPeriods(scope.today).map(
        (p) =>
          html`<li>
            <a
              href="/admin/reports?${query({ ...scope, from: p.from, to: p.to })}"
              ${p.from === scope.from && p.to === scope.to ? html`aria-current="true"` : ''}
              >${ctx.t(p.key)}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** The export (the people's CSV of the period shown) and, for a center, the printable month. */
function exportLinks(ctx: WebContext, scope: ReportScope): Html {
  return html`<p class="export no-print">
    <a class="button secondary" href="/admin/reports/export.csv?${query(scope)}" download
      >${ctx.t('reports.export')}</a
    >
    ${
      scope.center &&
      html`<a href="/admin/reports/summary?${new URLSearchParams({ center: scope.center.id, month: scope.from.slice(0, 7) }).toString()}"
        >${ctx.t('reports.printable')}</a
      >`
    }
  </p>`;
}

function scopeForm(ctx: WebContext, scope: ReportScope, caller: Principal): Html {
  const network =
    caller.role === 'admin' ? { value: 'all', label: ctx.t('reports.network') } : undefined;
  const dates = html`<div class="field">
      <label for="report-from">${ctx.t('reports.from')}</label>
      <input id="report-from" name="from" type="date" required value="${scope.from}" />
    </div>
    <div class="field">
      <label for="report-to">${ctx.t('reports.to')}</label>
      <input id="report-to" name="to" type="date" required value="${scope.to}" />
    </div>`;
  const picker = centerPicker(ctx, '/admin/reports', scope.runs, scope.center?.id ?? 'all', {
    extra: dates,
    network,
  });
  return html`<section aria-labelledby="choose-h">
    <h2 id="choose-h">${ctx.t('reports.choose')}</h2>
    ${
      picker.value
        ? picker
        : html`<form method="get" action="/admin/reports" class="row picker">
          ${scope.center && html`<input type="hidden" name="center" value="${scope.center.id}" />`}
          ${dates}
          <div><button type="submit" class="secondary">${ctx.t('reports.show')}</button></div>
        </form>`
    }
    ${presets(ctx, scope)} ${exportLinks(ctx, scope)}
  </section>`;
}

function title(ctx: WebContext, scope: ReportScope): string {
  return `${ctx.t('reports.title')}: ${scope.center?.name ?? ctx.t('reports.networkName')}`;
}

/** The form alone, with why the report could not be made (a bad date, a too long period). */
export function reportFormPage(
  ctx: WebContext,
  scope: ReportScope,
  caller: Principal,
  problem: Problem,
): Html {
  return renderPage(ctx, {
    title: title(ctx, scope),
    active: 'reports',
    main: html`${problemBox(ctx, problem, {}, 'reports.notMade')} ${scopeForm(ctx, scope, caller)}`,
  });
}

/** The kinds a center has or had sessions on, in the reports' order. */
export function shownKinds(byKind: UtilizationReport): UtilizationRow[] {
  return KINDS.map((kind) => byKind.rows.find((row) => row.key === kind)).filter(
    (row): row is UtilizationRow =>
      row !== undefined && ((row.openHours ?? 0) > 0 || row.sessions > 0),
  );
}

/**
 * Utilization of each kind in its own unit (place-hours, room-hours, unit-hours): one card per
 * kind, never one percentage for all.
 */
export function kindCards(ctx: WebContext, byKind: UtilizationReport): Html {
  return html`<section aria-labelledby="kinds-h">
    <h2 id="kinds-h">${ctx.t('reports.byKindTitle')}</h2>
    <p class="hint">${ctx.t('reports.byKindHint')}</p>
    <ul class="kind-cards" id="kinds">
      ${shownKinds(byKind).map((row) => {
        const kind = row.key as ResourceKind;
        return html`<li data-kind="${kind}">
          <h3>${ctx.t(KIND_NAME[kind])}</h3>
          ${
            row.utilization === null
              ? html`<p>${ctx.t('reports.kindNothingOpen')}</p>`
              : html`<p class="big" data-figure="utilization">${percent(ctx, row.utilization)}</p>`
          }
          <p>
            ${ctx.t('reports.kindBooked', {
              booked: hoursAndMinutes(ctx, row.bookedHours),
              open: hoursAndMinutes(ctx, row.openHours ?? 0),
              unit: ctx.t(KIND_UNIT[kind]),
            })}
          </p>
          <p>${ctx.t('reports.kindUsed', { used: hoursAndMinutes(ctx, row.usedHours) })}</p>
        </li>`;
      })}
    </ul>
  </section>`;
}

function summary(ctx: WebContext, totals: UtilizationFigures): Html {
  const noShowRate = totals.sessions > 0 ? totals.noShows / totals.sessions : null;
  const items: Array<[MessageKey, string, string]> = [
    ['reports.sessions', figureText(ctx, totals, 'sessions'), 'sessions'],
    ['reports.noShows', figureText(ctx, totals, 'noShows'), 'noShows'],
    ['reports.noShowRate', percent(ctx, noShowRate), 'noShowRate'],
    ['reports.attendees', figureText(ctx, totals, 'attendees'), 'attendees'],
  ];
  return html`<section aria-labelledby="summary-h">
    <h2 id="summary-h">${ctx.t('reports.summary')}</h2>
    <dl class="figures" id="totals">
      ${items.map(
        ([label, text, name]) => html`<div>
          <dt>${ctx.t(label)}</dt>
          <dd data-figure="${name}">${text || html`<span aria-hidden="true">–</span><span class="visually-hidden">${ctx.t('reports.empty')}</span>`}</dd>
        </div>`,
      )}
    </dl>
    <h3>${ctx.t('reports.seminarsTitle')}</h3>
    <p>
      ${ctx.t('reports.seminarsText', {
        seminars: formatNumber(totals.seminars, ctx.locale),
        participants: formatNumber(totals.participants, ctx.locale),
      })}
    </p>
    <h3>${ctx.t('reports.noShowsTitle')}</h3>
    <p>
      ${ctx.t('reports.noShowsText', {
        noShows: formatNumber(totals.noShows, ctx.locale),
        count: totals.sessions,
        rate: percent(ctx, noShowRate ?? 0),
      })}
    </p>
    <h3>${ctx.t('reports.peopleTitle')}</h3>
    <p>
      ${ctx.t('reports.peopleText', {
        people: formatNumber(totals.uniqueUsers, ctx.locale),
        organizations: formatNumber(totals.uniqueOrganizations, ctx.locale),
      })}
    </p>
  </section>`;
}

function byDaySection(
  ctx: WebContext,
  scope: ReportScope,
  report: UtilizationReport,
  weekly: boolean,
): Html {
  const zone = scope.zone;
  const short = (date: string) => formatShortDate(noon(date, zone), zone, ctx.locale);
  const bars = report.rows.map((row) => ({
    label: weekly
      ? `${row.key.slice(8, 10)}.${row.key.slice(5, 7)}`
      : String(Number(row.key.slice(8, 10))),
    value: row.bookedHours,
    text: row.bookedHours > 0 ? formatNumber(row.bookedHours, ctx.locale, 1) : '',
  }));
  const busiest = report.rows.reduce<UtilizationRow | undefined>(
    (best, row) => (!best || row.bookedHours > best.bookedHours ? row : best),
    undefined,
  );
  const from = short(report.from);
  const to = short(report.to);
  const heading: MessageKey = weekly ? 'reports.byWeek' : 'reports.byDay';
  const summaryText =
    busiest && busiest.bookedHours > 0
      ? ctx.t(weekly ? 'reports.byWeekChart' : 'reports.byDayChart', {
          from,
          to,
          total: hours(ctx, report.totals.bookedHours),
          day: short(busiest.key),
          hours: hours(ctx, busiest.bookedHours),
        })
      : ctx.t(weekly ? 'reports.byWeekChartEmpty' : 'reports.byDayChartEmpty', { from, to });
  return html`<section aria-labelledby="by-day-h">
    <h2 id="by-day-h">${ctx.t(heading)}</h2>
    ${weekly && html`<p class="hint">${ctx.t('reports.weeklyHint', { days: 62 })}</p>`}
    <div class="chart-wrap" tabindex="0" role="group" aria-labelledby="by-day-h">
      ${barChart({ title: summaryText, bars })}
    </div>
    <details>
      <summary>${ctx.t('reports.dataTable')}</summary>
      ${table(ctx, {
        id: 'by-day',
        label: ctx.t(heading),
        head: weekly ? 'reports.week' : 'reports.date',
        // A day's open hours and utilization would add desks, rooms and projectors together.
        figures: ['bookedHours', 'usedHours', 'sessions', 'noShows'],
        rows: report.rows.map((row) => ({
          label: weekly ? `${short(row.key)} – ${short(row.label)}` : short(row.key),
          figures: row,
        })),
        totals: report.totals,
      })}
    </details>
  </section>`;
}

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The weekdays and hours the heat map shows: the center's opening hours (every center's, for the
 * network), from the earliest opening to the latest closing, on the days it opens; an hour or day
 * outside them is shown only if something was booked there (hours changed during the period).
 */
export function heatWindow(
  centers: ReadonlyArray<Pick<CenterView, 'openingHours'>>,
  grid: HeatGrid,
): { days: number[]; hours: number[] } {
  let first = 24;
  let last = 0;
  const openDays = new Set<number>();
  for (const center of centers) {
    WEEKDAY_KEYS.forEach((key, day) => {
      for (const period of center.openingHours[key] ?? []) {
        const [fh] = period.from.split(':').map(Number);
        const [th, tm] = period.to.split(':').map(Number);
        first = Math.min(first, fh);
        last = Math.max(last, tm > 0 ? th + 1 : th);
        openDays.add(day);
      }
    });
  }
  const booked = (day: number, hour: number) => grid[day][hour] > 0;
  const hours = Array.from({ length: 24 }, (_, h) => h).filter(
    (h) => (h >= first && h < last) || grid.some((_, day) => booked(day, h)),
  );
  const days = WEEKDAY_KEYS.map((_, d) => d).filter(
    (d) => openDays.has(d) || grid[d].some((v) => v > 0),
  );
  return { days, hours };
}

function heatSection(ctx: WebContext, scope: ReportScope, grid: HeatGrid | null): Html {
  const heading = html`<h2 id="by-hour-h">${ctx.t('reports.byHour')}</h2>`;
  if (!grid) {
    return html`<section aria-labelledby="by-hour-h">
      ${heading}
      <p class="notice">${ctx.t('reports.heatTooLong', { days: 62 })}</p>
    </section>`;
  }
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ctx.t(`reports.day.${d}` as MessageKey));
  const hourNames = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  let best = { value: 0, day: 0, hour: 0 };
  grid.forEach((row, day) =>
    row.forEach((value, hour) => {
      if (value > best.value) best = { value, day, hour };
    }),
  );
  const zone = scope.zone;
  const from = formatShortDate(noon(scope.from, zone), zone, ctx.locale);
  const to = formatShortDate(noon(scope.to, zone), zone, ctx.locale);
  const summaryText =
    best.value > 0
      ? ctx.t('reports.heatChart', {
          from,
          to,
          day: weekdays[best.day],
          hour: hourNames[best.hour],
          hours: hours(ctx, best.value),
        })
      : ctx.t('reports.heatChartEmpty', { from, to });
  const max = Math.max(0, ...grid.flat());
  // Over the opening hours only: the night is not shown as empty time.
  const window = heatWindow(scope.center ? [scope.center] : scope.runs, grid);
  const shown = window.days.map((d) => window.hours.map((h) => grid[d][h]));
  // Hours nobody booked in the whole period are left out of the table (not of the chart).
  const usedHours = window.hours.filter((h) => grid.some((row) => row[h] > 0));
  return html`<section aria-labelledby="by-hour-h">
    ${heading}
    <p class="hint">${ctx.t('reports.heatHint')}</p>
    <div class="chart-wrap" tabindex="0" role="group" aria-labelledby="by-hour-h">
      ${heatMap({
        title: summaryText,
        rows: window.days.map((d) => weekdays[d]),
        columns: window.hours.map((h) => hourNames[h]),
        values: shown,
        text: (v) => formatNumber(v, ctx.locale, 1),
      })}
    </div>
    ${
      max > 0 &&
      html`<ul class="legend" aria-label="${ctx.t('reports.legend')}">
        ${HEAT_LEVELS.map((colour, level) => {
          const upper = level === 0 ? 0 : (max * level) / 4;
          return html`<li>
            <span class="swatch" style="background:${colour}" aria-hidden="true"></span>
            ${
              level === 0
                ? ctx.t('reports.legendNone')
                : ctx.t('reports.legendUpTo', { hours: formatNumber(upper, ctx.locale, 1) })
            }
          </li>`;
        })}
      </ul>`
    }
    ${
      usedHours.length > 0 &&
      html`<details>
      <summary>${ctx.t('reports.dataTable')}</summary>
      <div class="table-wrap" tabindex="0" role="group" aria-label="${ctx.t('reports.byHour')}">
        <table id="by-weekday-hour">
          <thead>
            <tr>
              <th scope="col">${ctx.t('reports.hour')}</th>
              ${window.days.map((d) => html`<th scope="col" class="num">${weekdays[d]}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${usedHours.map(
              (h) => html`<tr>
                <th scope="row">${hourNames[h]}:00</th>
                ${window.days.map((d) => html`<td class="num">${hours(ctx, grid[d][h])}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`
    }
  </section>`;
}

function groupSection(
  ctx: WebContext,
  id: string,
  heading: MessageKey,
  head: MessageKey,
  report: UtilizationReport,
  label: (row: UtilizationRow) => string,
  figures: Figure[],
): Html {
  return html`<section aria-labelledby="${id}-h">
    <h2 id="${id}-h">${ctx.t(heading)}</h2>
    ${table(ctx, {
      id,
      label: ctx.t(heading),
      head,
      figures,
      rows: report.rows.map((row) => ({ label: label(row), figures: row })),
      totals: report.totals,
    })}
  </section>`;
}

/** Each center's utilization per kind (never one percentage for all kinds) and its counts. */
function comparisonSection(ctx: WebContext, reports: UtilizationReport[]): Html {
  const counts: Figure[] = ['sessions', 'noShows', 'uniqueUsers', 'uniqueOrganizations'];
  return html`<section aria-labelledby="compare-h">
    <h2 id="compare-h">${ctx.t('reports.compare')}</h2>
    <div class="table-wrap" tabindex="0" role="group" aria-label="${ctx.t('reports.compare')}">
      <table id="compare">
        <thead>
          <tr>
            <th scope="col">${ctx.t('reports.center')}</th>
            ${KINDS.map(
              (kind) =>
                html`<th scope="col" class="num">
                  ${ctx.t('reports.utilization')}: ${ctx.t(KIND_NAME[kind])}
                </th>`,
            )}
            ${counts.map((f) => html`<th scope="col" class="num">${ctx.t(FIGURE_LABEL[f])}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${reports.map(
            (r) => html`<tr>
              <th scope="row">${r.center?.name ?? ''}</th>
              ${KINDS.map((kind) => {
                const row = r.rows.find((k) => k.key === kind);
                return row
                  ? cell(ctx, row, 'utilization')
                  : html`<td class="num"><span aria-hidden="true">–</span><span class="visually-hidden">${ctx.t('reports.empty')}</span></td>`;
              })}
              ${counts.map((f) => cell(ctx, r.totals, f))}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

export function reportPage(
  ctx: WebContext,
  scope: ReportScope,
  caller: Principal,
  view: UtilizationOverview,
): Html {
  const totals = view.byResource.totals;
  return renderPage(ctx, {
    title: title(ctx, scope),
    active: 'reports',
    main: html`${scopeForm(ctx, scope, caller)}
      <p class="hint">${ctx.t('reports.notes')}</p>
      ${kindCards(ctx, view.byKind)} ${summary(ctx, totals)} ${byDaySection(ctx, scope, view.byDay, view.weekly)}
      ${heatSection(ctx, scope, view.heat)}
      ${groupSection(ctx, 'by-resource', 'reports.byResource', 'reports.resource', view.byResource, (row) => resourceLabel(ctx, row), ['openHours', 'bookedHours', 'usedHours', 'utilization', 'sessions', 'noShows', 'attendees', 'uniqueUsers'])}
      ${groupSection(ctx, 'by-kind', 'reports.byKind', 'reports.kind', view.byKind, (row) => ctx.t(`kind.${row.key}` as MessageKey), ['openHours', 'bookedHours', 'usedHours', 'utilization', 'sessions', 'noShows'])}
      ${groupSection(ctx, 'by-purpose', 'reports.byPurpose', 'reports.purpose', view.byPurpose, (row) => ctx.t(`purpose.${row.key}` as MessageKey), ['bookedHours', 'usedHours', 'sessions', 'noShows', 'attendees', 'seminars', 'participants', 'uniqueUsers', 'uniqueOrganizations'])}
      ${view.comparison && comparisonSection(ctx, view.comparison)}
      <section aria-labelledby="downloads-h">
        <h2 id="downloads-h">${ctx.t('reports.downloads')}</h2>
        <ul class="downloads">
          ${GROUP_BY.map(
            (groupBy) =>
              html`<li>
                <a href="/admin/reports.csv?${query(scope, { groupBy })}" download
                  >${ctx.t(`reports.csv.${groupBy}`)}</a
                >
              </li>`,
          )}
        </ul>
      </section>`,
  });
}
