import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { CenterView } from '../../centers/centers.dto';
import { CentersService } from '../../centers/centers.service';
import { Clock } from '../../common/clock';
import { CurrentUser, Principal, Staff } from '../../identity/access';
import { WebPage } from '../../identity/web-session';
import { csvFileName, utilizationCsv } from '../../reports/reports.controller';
import { UtilizationQuery } from '../../reports/reports.dto';
import { ReportsService, UtilizationReport } from '../../reports/reports.service';
import { GROUP_BY, GroupBy } from '../../reports/utilization';
import {
  centersRunBy,
  checkedInput,
  chosenCenter,
  problemOf,
  statusOf,
} from '../shared/page-input';
import { HeatGrid, reportFormPage, ReportView, reportPage } from './reports.view';
import { field, FormBody } from '../shared/form';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { WebErrorFilter } from '../shared/web-error.filter';
import { PageResponse, WebResult } from '../shared/web-result';

/** The longest period the weekday × hour chart is drawn for (one report of a day each). */
export const HEAT_MAX_DAYS = 62;
const NETWORK = 'all';

interface Scope {
  runs: CenterView[];
  /** Null for the whole network (admins). */
  center: CenterView | null;
  zone: string;
  from: string;
  to: string;
}

/** The center (or the network) and the period a report request asks for, with the defaults. */
async function scopeOf(
  centers: CentersService,
  clock: Clock,
  caller: Principal,
  query: FormBody,
): Promise<Scope> {
  const runs = await centersRunBy(centers, caller);
  const requested = field(query, 'center');
  const network = requested === NETWORK && caller.role === 'admin';
  const center = network ? null : await chosenCenter(centers, caller, runs, requested);
  const zone = center?.timezone ?? runs[0]?.timezone ?? 'Asia/Tashkent';
  const now = DateTime.fromMillis(clock.now(), { zone });
  return {
    runs,
    center,
    zone,
    from: field(query, 'from') ?? now.startOf('month').toISODate()!,
    to: field(query, 'to') ?? now.endOf('month').toISODate()!,
  };
}

function utilizationQuery(scope: Scope, groupBy: GroupBy, from = scope.from, to = scope.to) {
  return checkedInput(UtilizationQuery, {
    ...(scope.center ? { centerId: scope.center.id } : {}),
    from,
    to,
    groupBy,
  });
}

/**
 * The utilization report as pages: the same service as GET /api/v1/reports/utilization, shown as
 * figures, charts with their tables, and CSV downloads.
 */
@WebController('admin')
export class AdminReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly centers: CentersService,
    private readonly clock: Clock,
  ) {}

  @Staff()
  @Get('reports')
  async report(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    const caller = ctx.principal!;
    const scope = await scopeOf(this.centers, this.clock, caller, query);
    const run = async (groupBy: GroupBy, from?: string, to?: string) =>
      this.reports.utilization(caller, await utilizationQuery(scope, groupBy, from, to));
    let view: ReportView;
    try {
      const [byResource, byDay, byKind, byPurpose] = [
        await run('resource'),
        await run('day'),
        await run('kind'),
        await run('purpose'),
      ];
      const weekly = byDay.rows.length > HEAT_MAX_DAYS;
      view = {
        byResource,
        byDay: weekly ? await this.weeks(byDay, run) : byDay,
        weekly,
        byKind,
        byPurpose,
        heat: await this.heat(scope, byDay, run),
        comparison: scope.center === null ? await this.comparison(caller, scope) : undefined,
      };
    } catch (error) {
      const problem = problemOf(error);
      return new PageResponse(statusOf(problem), reportFormPage(ctx, scope, caller, problem));
    }
    return reportPage(ctx, scope, caller, view);
  }

  /** Booked hours by weekday × hour: the hour report of each day, added up by weekday. */
  private async heat(
    scope: Scope,
    byDay: UtilizationReport,
    run: (groupBy: GroupBy, from?: string, to?: string) => Promise<UtilizationReport>,
  ): Promise<HeatGrid | null> {
    const days = byDay.rows.map((row) => row.key);
    if (days.length > HEAT_MAX_DAYS) return null;
    const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    for (const day of days) {
      const dayRow = byDay.rows.find((row) => row.key === day);
      if (!dayRow || dayRow.sessions === 0) continue;
      const hours = await run('hour', day, day);
      const weekday = DateTime.fromISO(day).weekday - 1;
      for (const row of hours.rows) {
        const hour = Number(row.key);
        grid[weekday][hour] = Math.round((grid[weekday][hour] + row.bookedHours) * 100) / 100;
      }
    }
    return grid;
  }

  /**
   * A long period by week instead of by day (a year of days is too heavy for a phone): each row
   * is the service's totals for seven days (fewer at the end); `key` is the first day, `label`
   * the last.
   */
  private async weeks(
    byDay: UtilizationReport,
    run: (groupBy: GroupBy, from?: string, to?: string) => Promise<UtilizationReport>,
  ): Promise<UtilizationReport> {
    const days = byDay.rows.map((row) => row.key);
    const rows: UtilizationReport['rows'] = [];
    for (let i = 0; i < days.length; i += 7) {
      const first = days[i];
      const last = days[Math.min(i + 6, days.length - 1)];
      rows.push({ key: first, label: last, ...(await run('kind', first, last)).totals });
    }
    return { ...byDay, rows };
  }

  /** Each center's totals for the same period, for admins looking at the network. */
  private async comparison(caller: Principal, scope: Scope): Promise<UtilizationReport[]> {
    const out: UtilizationReport[] = [];
    for (const center of scope.runs) {
      out.push(
        await this.reports.utilization(
          caller,
          await utilizationQuery({ ...scope, center }, 'kind'),
        ),
      );
    }
    return out;
  }
}

/**
 * The report as a CSV file, the same as the API's `format=csv`. Not a page (no HTML frame), so
 * it has its own controller: the session cookie signs it in, errors still become pages.
 */
@Controller('admin')
@WebPage()
@ApiExcludeController()
@UseFilters(WebErrorFilter)
export class AdminReportsCsvController {
  constructor(
    private readonly reports: ReportsService,
    private readonly centers: CentersService,
    private readonly clock: Clock,
  ) {}

  @Staff()
  @Get('reports.csv')
  async csv(
    @CurrentUser() caller: Principal,
    @Query() query: FormBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const scope = await scopeOf(this.centers, this.clock, caller, query);
    const requested = field(query, 'groupBy');
    const groupBy: GroupBy = GROUP_BY.find((g) => g === requested) ?? 'resource';
    const report = await this.reports.utilization(caller, await utilizationQuery(scope, groupBy));
    void reply
      .header('cache-control', 'no-store')
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFileName(report)}"`);
    return utilizationCsv(report);
  }
}
