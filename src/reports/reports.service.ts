import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { validationError } from '../common/domain-error';
import { SessionRecords } from '../bookings/session-records';
import { CenterEntity } from '../centers/center.entity';
import { CentersService } from '../centers/centers.service';
import { ClosuresService } from '../centers/closures.service';
import { Principal } from '../identity/access';
import { UsersService } from '../identity/users.service';
import { isExclusive } from '../resources/resource.entity';
import { offsetSegments } from './offset-segments';
import { ResourcesService } from '../resources/resources.service';
import {
  addDays,
  daysBetween,
  formatInstant,
  isClosedOn,
  isLocalDate,
  localDateOf,
  openPeriodsOn,
  parseRequestTime,
  wallToInstant,
} from '../scheduling';
import type { Interval } from '../scheduling/types';
import {
  DayContext,
  holdingsByResource,
  occupancyOf,
  OccupancyItem,
  sessionView,
  SessionView,
} from './day-view';
import { OccupancyQuery, TimelineQuery, UtilizationQuery } from './reports.dto';
import {
  GroupBy,
  ReportCenter,
  utilizationReport,
  UtilizationFigures,
  UtilizationRow,
} from './utilization';

/** The longest utilization report, in days (a leap year). */
export const MAX_REPORT_DAYS = 366;

export interface TimelineItem {
  resource: unknown;
  sessions: SessionView[];
}

export interface Timeline {
  date: string;
  /** The day's open periods (none on a closure day). */
  open: Array<{ start: string; end: string }>;
  /** The reason of the closure covering the day, if any. */
  closure: string | null;
  items: TimelineItem[];
}

export interface UtilizationReport {
  centerId: string | null;
  /** The center reported on; null for the whole network. */
  center: { id: string; slug: string; name: string } | null;
  from: string;
  to: string;
  groupBy: GroupBy;
  rows: UtilizationRow[];
  totals: UtilizationFigures;
}

/** Local midnight starting `date` to local midnight ending `last` (inclusive dates). */
function daysWindow(date: string, last: string, zone: string): Interval {
  return {
    start: wallToInstant(`${date}T00:00`, zone),
    end: wallToInstant(`${addDays(last, 1)}T00:00`, zone),
  };
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly sessions: SessionRecords,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** What each active resource is doing at an instant (now by default). */
  async occupancy(
    caller: Principal,
    centerId: string,
    query: OccupancyQuery,
  ): Promise<{ at: string; items: OccupancyItem[] }> {
    const center = await this.centers.getManaged(caller, centerId);
    const zone = center.timezone;
    const now = this.clock.now();
    const at = query.at === undefined ? now : parseRequestTime(query.at, zone, 'at');
    const day = await this.dayOf(center, localDateOf(at, zone), now);
    const items = day.resources.map((resource): OccupancyItem => ({
      resource: this.resources.view(caller, resource),
      ...occupancyOf(
        resource,
        day.holdings.get(resource.id) ?? [],
        day.openPeriods,
        at,
        day.checkInRequired,
        day.context,
      ),
    }));
    return { at: formatInstant(at, zone), items };
  }

  /** Every active resource with its sessions of one local day (today by default). */
  async timeline(caller: Principal, centerId: string, query: TimelineQuery): Promise<Timeline> {
    if (query.date !== undefined && !isLocalDate(query.date)) {
      throw validationError('date', 'must be a real date YYYY-MM-DD', 'localDate');
    }
    const center = await this.centers.getManaged(caller, centerId);
    const now = this.clock.now();
    const date = query.date ?? localDateOf(now, center.timezone);
    const day = await this.dayOf(center, date, now);
    return {
      date,
      open: day.openPeriods.map((p) => ({
        start: formatInstant(p.start, center.timezone),
        end: formatInstant(p.end, center.timezone),
      })),
      closure: day.closure,
      items: day.resources.map((resource) => ({
        resource: this.resources.view(caller, resource),
        sessions: (day.holdings.get(resource.id) ?? []).map((holding) =>
          sessionView(holding, resource, day.checkInRequired, day.context),
        ),
      })),
    };
  }

  private async dayOf(center: CenterEntity, date: string, now: number) {
    const zone = center.timezone;
    const [resources, closures, sessions] = await Promise.all([
      this.resources.allOf(center.id),
      this.closures.rulesOf(center.id),
      this.sessions.forDay(center.id, daysWindow(date, date, zone)),
    ]);
    const byId = new Map(resources.map((r) => [r.id, r]));
    const openPeriods = openPeriodsOn(date, zone, center.openingHours, closures);
    const closure = isClosedOn(date, closures);
    const context: DayContext = {
      zone,
      checkInGraceMinutes: center.policy.checkInGraceMinutes,
      now,
    };
    return {
      resources: resources.filter((r) => r.active),
      holdings: holdingsByResource(sessions),
      openPeriods,
      closure: closure?.reason ?? null,
      context,
      checkInRequired: (session: { resourceId: string }) =>
        byId.get(session.resourceId)?.checkInRequired ?? false,
    };
  }

  async utilization(caller: Principal, query: UtilizationQuery): Promise<UtilizationReport> {
    const { from, to } = query;
    if (!isLocalDate(from)) {
      throw validationError('from', 'must be a real date YYYY-MM-DD', 'localDate');
    }
    if (!isLocalDate(to))
      throw validationError('to', 'must be a real date YYYY-MM-DD', 'localDate');
    if (to < from) {
      throw validationError('to', 'must not be before from', 'notBeforeField', { other: 'from' });
    }
    if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS) {
      throw validationError('to', `a report spans at most ${MAX_REPORT_DAYS} days`, 'maxDays', {
        max: MAX_REPORT_DAYS,
      });
    }
    let centers: CenterEntity[];
    if (query.centerId !== undefined) {
      centers = [await this.centers.getManaged(caller, query.centerId)];
    } else if (caller.role === 'admin') {
      centers = await this.centers.allEntities();
    } else {
      throw validationError('centerId', 'is required: name the center to report on', 'required');
    }
    const ids = centers.map((c) => c.id);
    const groupBy = query.groupBy ?? 'resource';
    const [resources, closures, organizationByUser] = await Promise.all([
      this.resources.allOfCenters(query.centerId !== undefined ? ids : null),
      this.closures.rulesByCenter(),
      this.users.organizationByUser(),
    ]);
    const groups = await this.sessions.aggregate({
      centers: centers.map((center) => {
        const window = daysWindow(from, to, center.timezone);
        return {
          id: center.id,
          graceMinutes: center.policy.checkInGraceMinutes,
          window,
          offsets: offsetSegments(window, center.timezone),
        };
      }),
      checkInResourceIds: resources.filter((r) => r.checkInRequired).map((r) => r.id),
      poolResourceIds: resources.filter((r) => !isExclusive(r.kind)).map((r) => r.id),
      key: groupBy === 'resource' || groupBy === 'kind' ? 'holding' : groupBy,
      now: this.clock.now(),
    });
    const report = utilizationReport({
      centers: centers.map((center): ReportCenter => ({
        id: center.id,
        name: center.name,
        zone: center.timezone,
        openingHours: center.openingHours,
        closures: closures.get(center.id) ?? [],
        resources: resources.filter((r) => r.centerId === center.id),
      })),
      from,
      to,
      groupBy,
      groups,
      organizationByUser,
    });
    const only = query.centerId !== undefined ? centers[0] : null;
    return {
      centerId: only?.id ?? null,
      center: only && { id: only.id, slug: only.slug, name: only.name },
      from,
      to,
      groupBy,
      ...report,
    };
  }
}
