/** The public surface of src/reports: what other modules may import (docs/development.md). */
export type { OccupancyItem, TimelineSession } from './day-view';
export { csvFileName, utilizationCsv } from './reports.controller';
export { TimelineQuery, UtilizationQuery } from './reports.dto';
export { ReportsModule } from './reports.module';
export { ReportsService } from './reports.service';
export type {
  ResourceAndKindReport,
  Timeline,
  UtilizationOverview,
  UtilizationReport,
} from './reports.service';
export { toCsv } from './csv';
export type { CsvValue } from './csv';
export { GROUP_BY } from './utilization';
export type { GroupBy, HeatGrid, UtilizationFigures, UtilizationRow } from './utilization';
