import type { ResourceKind } from '../../resources';
import { type CsvValue, ResourceAndKindReport, toCsv, UtilizationRow } from '../../reports';
import { Locale } from '../i18n';
import { WebContext } from '../shared/web-context';
import {
  csvDate,
  csvNumber,
  csvPercent,
  csvSeparatorOf,
  KIND_NAME,
  KIND_UNIT,
  KINDS,
} from './figures';

const INACTIVE = ' (inactive)';

/**
 * The report as a spreadsheet for people (the page's export; the API's CSV stays as API.md says):
 * headers in the reader's language, names before ids, hours and percentages as that language's
 * spreadsheet reads numbers, dates in its format, `;` or `,` as it expects, UTF-8 with a BOM. One
 * line per resource, then one per kind with the kind's totals (kinds are never added together).
 */
export function peopleCsv(
  ctx: WebContext,
  report: ResourceAndKindReport,
  period: { from: string; to: string },
): string {
  const locale: Locale = ctx.locale;
  const hoursCell = (value: number | null): CsvValue =>
    value === null ? null : { figure: csvNumber(locale, value) };
  const percentCell = (fraction: number | null): CsvValue =>
    fraction === null ? null : { figure: csvPercent(locale, fraction) };
  const from = csvDate(locale, period.from);
  const to = csvDate(locale, period.to);
  const network = ctx.t('reports.networkName');
  const figures = (row: UtilizationRow): CsvValue[] => [
    hoursCell(row.openHours),
    hoursCell(row.bookedHours),
    hoursCell(row.usedHours),
    percentCell(row.utilization),
    row.sessions,
    row.noShows,
    percentCell(row.sessions > 0 ? row.noShows / row.sessions : null),
    row.attendees,
    row.uniqueUsers,
    row.uniqueOrganizations,
  ];
  const header = [
    ctx.t('reports.col.center'),
    ctx.t('reports.kind'),
    ctx.t('reports.resource'),
    ctx.t('reports.col.unit'),
    ctx.t('reports.openHours'),
    ctx.t('reports.bookedHours'),
    ctx.t('reports.usedHours'),
    ctx.t('reports.utilization'),
    ctx.t('reports.sessions'),
    ctx.t('reports.noShows'),
    ctx.t('reports.noShowRate'),
    ctx.t('reports.attendees'),
    ctx.t('reports.uniqueUsers'),
    ctx.t('reports.uniqueOrganizations'),
    ctx.t('reports.from'),
    ctx.t('reports.to'),
    ctx.t('reports.col.id'),
  ];
  const lines: CsvValue[][] = [];
  const kindOrder = (row: UtilizationRow) =>
    KINDS.indexOf(report.resources.get(row.key)?.kind ?? 'equipment');
  const resourceRows = [...report.byResource.rows].sort((a, b) => kindOrder(a) - kindOrder(b));
  for (const row of resourceRows) {
    const resource = report.resources.get(row.key);
    if (!resource) continue;
    const inactive = row.label.endsWith(INACTIVE) ? ` ${ctx.t('reports.inactive')}` : '';
    lines.push([
      report.centers.get(resource.centerId)?.name ?? '',
      ctx.t(KIND_NAME[resource.kind]),
      `${resource.name}${inactive}`,
      ctx.t(KIND_UNIT[resource.kind]),
      ...figures(row),
      from,
      to,
      row.key,
    ]);
  }
  const center = report.byKind.center?.name ?? network;
  for (const row of report.byKind.rows) {
    const kind = row.key as ResourceKind;
    if ((row.openHours ?? 0) === 0 && row.sessions === 0) continue;
    lines.push([
      center,
      ctx.t(KIND_NAME[kind]),
      ctx.t('reports.total'),
      ctx.t(KIND_UNIT[kind]),
      ...figures(row),
      from,
      to,
      null,
    ]);
  }
  return toCsv(header, lines, csvSeparatorOf(locale));
}

/** "makon-report-tashkent-2026-12-01-2026-12-31.csv". */
export function peopleCsvFileName(
  report: ResourceAndKindReport,
  period: { from: string; to: string },
): string {
  const slug = report.byKind.center?.slug.replace(/[^A-Za-z0-9_-]/g, '') || 'network';
  return `makon-report-${slug}-${period.from}-${period.to}.csv`;
}
