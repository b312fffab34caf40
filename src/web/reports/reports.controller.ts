import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { CentersService, CenterView } from '../../centers';
import { Clock } from '../../common/clock';
import { WebPage } from '../../identity';
import { CurrentUser, Principal, Staff } from '../../access';
import {
  csvFileName,
  GROUP_BY,
  GroupBy,
  ReportsService,
  ResourceAndKindReport,
  utilizationCsv,
  UtilizationOverview,
  UtilizationQuery,
} from '../../reports';
import {
  centersRunBy,
  checkedInput,
  chosenCenter,
  problemOf,
  statusOf,
} from '../shared/page-input';
import { reportFormPage, reportPage } from './reports.view';
import { peopleCsv, peopleCsvFileName } from './export';
import { SummaryScope, summaryFormPage, summaryPage } from './summary.view';
import { field, FormBody } from '../shared/form';
import { WebContext, WebContextFactory, WebRequest } from '../shared/web-context';
import { validationError } from '../../common/domain-error';
import { Page, WebController } from '../shared/web-controller';
import { WebErrorFilter } from '../shared/web-error.filter';
import { PageResponse, WebResult } from '../shared/web-result';

const NETWORK = 'all';

interface Scope {
  runs: CenterView[];
  /** Null for the whole network (admins). */
  center: CenterView | null;
  zone: string;
  from: string;
  to: string;
  /** Today in the zone (the presets count from it). */
  today: string;
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
    today: now.toISODate()!,
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The center and the month of the printable summary (this month by default). */
async function summaryScopeOf(
  centers: CentersService,
  clock: Clock,
  caller: Principal,
  query: FormBody,
): Promise<SummaryScope> {
  const runs = await centersRunBy(centers, caller);
  const center = await chosenCenter(centers, caller, runs, field(query, 'center'));
  const now = DateTime.fromMillis(clock.now(), { zone: center.timezone });
  const month = field(query, 'month') ?? now.toFormat('yyyy-MM');
  const first = DateTime.fromISO(`${month}-01`);
  const valid = MONTH.test(month) && first.isValid;
  return {
    runs,
    center,
    month,
    from: valid ? first.toISODate() : month,
    to: valid ? first.endOf('month').toISODate() : month,
    today: now.toISODate()!,
  };
}

/** The center (none for the network) and the period, checked as the API checks its query. */
function periodQuery(scope: Scope, groupBy?: GroupBy) {
  return checkedInput(UtilizationQuery, {
    ...(scope.center ? { centerId: scope.center.id } : {}),
    from: scope.from,
    to: scope.to,
    ...(groupBy ? { groupBy } : {}),
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
    let view: UtilizationOverview;
    try {
      view = await this.reports.utilizationOverview(caller, await periodQuery(scope));
    } catch (error) {
      const problem = problemOf(error);
      return new PageResponse(statusOf(problem), reportFormPage(ctx, scope, caller, problem));
    }
    return reportPage(ctx, scope, caller, view);
  }

  /** One center's month on one printable A4 page (print CSS; no PDF library). */
  @Staff()
  @Get('reports/summary')
  async summary(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    const caller = ctx.principal!;
    const scope = await summaryScopeOf(this.centers, this.clock, caller, query);
    let report: ResourceAndKindReport;
    try {
      if (!MONTH.test(scope.month) || scope.from === scope.month) {
        throw validationError('month', 'must be a month YYYY-MM', 'localMonth');
      }
      report = await this.reports.byResourceAndKind(
        caller,
        await checkedInput(UtilizationQuery, {
          centerId: scope.center.id,
          from: scope.from,
          to: scope.to,
        }),
      );
    } catch (error) {
      const problem = problemOf(error);
      return new PageResponse(statusOf(problem), summaryFormPage(ctx, scope, problem));
    }
    return summaryPage(ctx, scope, report);
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
    private readonly contexts: WebContextFactory,
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
    const report = await this.reports.utilization(caller, await periodQuery(scope, groupBy));
    void reply
      .header('cache-control', 'no-store')
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFileName(report)}"`);
    return utilizationCsv(report);
  }

  /**
   * The report for people (the page's export button): by resource and by kind, in the reader's
   * language and its spreadsheet's conventions (see peopleCsv). The API's CSV is unchanged.
   */
  @Staff()
  @Get('reports/export.csv')
  async export(
    @CurrentUser() caller: Principal,
    @Req() request: WebRequest,
    @Query() query: FormBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // The reader's language (account, cookie or browser), as a page would have it.
    const ctx = await this.contexts.create(request, reply);
    const scope = await scopeOf(this.centers, this.clock, caller, query);
    const report = await this.reports.byResourceAndKind(caller, await periodQuery(scope));
    void reply
      .header('cache-control', 'no-store')
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${peopleCsvFileName(report, scope)}"`);
    return peopleCsv(ctx, report, scope);
  }
}
