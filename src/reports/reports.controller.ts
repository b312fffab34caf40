import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, Staff } from '../access';
import { toCsv } from './csv';
import { OccupancyItem } from './day-view';
import { OccupancyQuery, TimelineQuery, UtilizationQuery } from './reports.dto';
import { ReportsService, Timeline, UtilizationReport } from './reports.service';

const CSV_COLUMNS = [
  'key',
  'label',
  'openHours',
  'bookedHours',
  'usedHours',
  'utilization',
  'sessions',
  'noShows',
  'attendees',
  'seminars',
  'participants',
  'uniqueUsers',
  'uniqueOrganizations',
] as const;

/** The report's rows, then a `total` line, as CSV. */
export function utilizationCsv(report: UtilizationReport): string {
  const rows = [...report.rows, { key: 'total', label: 'Total', ...report.totals }];
  return toCsv(
    CSV_COLUMNS,
    rows.map((row) => CSV_COLUMNS.map((column) => row[column])),
  );
}

export function csvFileName(report: UtilizationReport): string {
  const scope = report.center?.slug.replace(/[^A-Za-z0-9_-]/g, '') || 'network';
  return `makon-utilization-${scope}-${report.from}-to-${report.to}-by-${report.groupBy}.csv`;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Staff()
  @Get('centers/:centerId/occupancy')
  occupancy(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Query() query: OccupancyQuery,
  ): Promise<{ at: string; items: OccupancyItem[] }> {
    return this.reports.occupancy(caller, centerId, query);
  }

  @Staff()
  @Get('centers/:centerId/timeline')
  timeline(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Query() query: TimelineQuery,
  ): Promise<Timeline> {
    return this.reports.timeline(caller, centerId, query);
  }

  @Staff()
  @Get('reports/utilization')
  @ApiProduces('application/json', 'text/csv')
  async utilization(
    @CurrentUser() caller: Principal,
    @Query() query: UtilizationQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UtilizationReport | string> {
    const report = await this.reports.utilization(caller, query);
    const csv = query.format === 'csv' || (query.format === undefined && wantsCsv(accept));
    if (!csv) return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFileName(report)}"`);
    return utilizationCsv(report);
  }
}

function wantsCsv(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes('text/csv');
}
