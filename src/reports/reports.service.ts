import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConcurrencyLimit } from '../common/concurrency-limit';
import { validationError } from '../common/domain-error';
import { yieldToRequests } from '../common/yield';
import {
  type AggregateGroup,
  type AggregateKey,
  type AggregateSpec,
  byDayAndPurpose,
  SessionRecords,
} from '../bookings';
import { CenterEntity, CentersService, ClosuresService } from '../centers';
import { UsersService } from '../identity';
import { Principal } from '../access';
import { isExclusive, ResourceEntity, type ResourceKind, ResourcesService } from '../resources';
import { offsetSegments } from './offset-segments';
import {
  addDays,
  type ClosureRule,
  daysBetween,
  formatInstant,
  type Interval,
  isClosedOn,
  isLocalDate,
  localDateOf,
  openPeriodsOn,
  parseRequestTime,
  wallToInstant,
} from '../scheduling';
import {
  DayContext,
  holdingsByResource,
  occupancyOf,
  OccupancyItem,
  timelineSession,
  TimelineSession,
} from './day-view';
import { OccupancyQuery, TimelineQuery, UtilizationQuery } from './reports.dto';
import {
  GroupBy,
  HeatGrid,
  heatGrid,
  ReportCenter,
  UtilizationInput,
  utilizationReport,
  UtilizationFigures,
  UtilizationRow,
  weeklyRows,
} from './utilization';

/** The longest utilization report, in days (a leap year). */
export const MAX_REPORT_DAYS = 366;

/** The longest period shown by day and with the weekday × hour chart; longer ones by week. */
export const HEAT_MAX_DAYS = 62;

export interface TimelineItem {
  resource: unknown;
  sessions: TimelineSession[];
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

/** What the reports page shows: see `ReportsService.utilizationOverview`. */
export interface UtilizationOverview {
  byResource: UtilizationReport;
  /** By day, or by week (see `weekly`). */
  byDay: UtilizationReport;
  /** Whether `byDay` has a row per week (key: its first day, label: its last). */
  weekly: boolean;
  byKind: UtilizationReport;
  byPurpose: UtilizationReport;
  /** Booked hours by weekday × hour; null when the period is too long for it (weekly). */
  heat: HeatGrid | null;
  /** Each center's report by kind, when an admin looks at the network. */
  comparison?: UtilizationReport[];
}

/** What the people's CSV and the monthly summary show: see `ReportsService.byResourceAndKind`. */
export interface ResourceAndKindReport {
  byResource: UtilizationReport;
  byKind: UtilizationReport;
  /** Each resource of the report by its id: its kind and center. */
  resources: ReadonlyMap<string, { kind: ResourceKind; centerId: string; name: string }>;
  /** The centers reported on, by id. */
  centers: ReadonlyMap<string, { name: string; slug: string }>;
}

/** One local day of a center as the day views read it: see `ReportsService.dayOf`. */
interface CenterDay {
  resources: ResourceEntity[];
  holdings: ReturnType<typeof holdingsByResource>;
  openPeriods: Interval[];
  closure: string | null;
  context: DayContext;
  checkInRequired: (session: { resourceId: string }) => boolean;
}

/** Local midnight starting `date` to local midnight ending `last` (inclusive dates). */
function daysWindow(date: string, last: string, zone: string): Interval {
  return {
    start: wallToInstant(`${date}T00:00`, zone),
    end: wallToInstant(`${addDays(last, 1)}T00:00`, zone),
  };
}

/**
 * Reports computed at once; the others wait. A year's report holds its groups (owners included)
 * between its statements, so without a limit sixty at once held sixty reports' data together
 * (docs/operations.md, "Memory"); two keep the worker and the event loop both busy.
 */
const REPORTS_AT_ONCE = 2;

@Injectable()
export class ReportsService {
  private readonly reportsAtOnce = new ConcurrencyLimit(REPORTS_AT_ONCE);

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
    return this.occupancyAt(caller, day, at);
  }

  private occupancyAt(
    caller: Principal,
    day: CenterDay,
    at: number,
  ): { at: string; items: OccupancyItem[] } {
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
    return { at: formatInstant(at, day.context.zone), items };
  }

  /**
   * What the coordinator's day page shows: the day's timeline and, when the day is today, what
   * each resource is doing now; from one read of the day's sessions (the same answers as
   * `timeline` and `occupancy` at now).
   */
  async dayPage(
    caller: Principal,
    centerId: string,
    query: TimelineQuery,
  ): Promise<{
    timeline: Timeline;
    occupancy: OccupancyItem[] | null;
    today: string;
    now: number;
  }> {
    const { center, date, now, day } = await this.timelineDay(caller, centerId, query);
    const today = localDateOf(now, center.timezone);
    return {
      timeline: this.timelineOf(caller, date, day),
      occupancy: date === today ? this.occupancyAt(caller, day, now).items : null,
      today,
      now,
    };
  }

  /** Every active resource with its sessions of one local day (today by default). */
  async timeline(caller: Principal, centerId: string, query: TimelineQuery): Promise<Timeline> {
    const { date, day } = await this.timelineDay(caller, centerId, query);
    return this.timelineOf(caller, date, day);
  }

  private async timelineDay(caller: Principal, centerId: string, query: TimelineQuery) {
    if (query.date !== undefined && !isLocalDate(query.date)) {
      throw validationError('date', 'must be a real date YYYY-MM-DD', 'localDate');
    }
    const center = await this.centers.getManaged(caller, centerId);
    const now = this.clock.now();
    const date = query.date ?? localDateOf(now, center.timezone);
    return { center, date, now, day: await this.dayOf(center, date, now) };
  }

  private timelineOf(caller: Principal, date: string, day: CenterDay): Timeline {
    const zone = day.context.zone;
    return {
      date,
      open: day.openPeriods.map((p) => ({
        start: formatInstant(p.start, zone),
        end: formatInstant(p.end, zone),
      })),
      closure: day.closure,
      items: day.resources.map((resource) => ({
        resource: this.resources.view(caller, resource),
        sessions: (day.holdings.get(resource.id) ?? []).map((holding) =>
          timelineSession(holding, resource, day.checkInRequired, day.context),
        ),
      })),
    };
  }

  private async dayOf(center: CenterEntity, date: string, now: number): Promise<CenterDay> {
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
    const basis = await this.basisOf(caller, query);
    const groupBy = query.groupBy ?? 'resource';
    const groups = await this.reportsAtOnce.run(() =>
      this.groupsOf(basis, aggregateKeyOf(groupBy)),
    );
    return reportOf(basis, groupBy, groups);
  }

  /**
   * Everything the reports page shows for a center (or, for admins, the network) over a period:
   * the reports by resource, day, kind and purpose, a long period by week, the weekday × hour
   * chart, and for the network each center's report. One aggregate statement per view (the
   * resources and kinds share theirs; the days and purposes share one grouped by both; the weeks
   * come from the days'; the pools' loans are read once for all of them), one more per center.
   */
  async utilizationOverview(
    caller: Principal,
    query: Omit<UtilizationQuery, 'groupBy' | 'format'>,
  ): Promise<UtilizationOverview> {
    const basis = await this.basisOf(caller, query);
    return this.reportsAtOnce.run(() => this.overviewOf(basis));
  }

  private async overviewOf(basis: ReportBasis): Promise<UtilizationOverview> {
    // A row per day of the period: a longer one is shown by week, without the heat map.
    const weekly = daysBetween(basis.from, basis.to) + 1 > HEAT_MAX_DAYS;
    // The statements asked for at once: on SQLite the heavy-read worker runs the next while the
    // event loop adds up the previous one's groups.
    const [{ holdings, dayPurposes }, dayHours] = await Promise.all([
      this.sessions.aggregateHoldingsAndDays(this.specOf(basis)),
      weekly ? null : this.groupsOf(basis, 'dayHour'),
    ]);
    // Each view is up to tens of ms of work at a year of a hub: other requests run between them.
    const { days, purposes } = byDayAndPurpose(dayPurposes);
    await yieldToRequests();
    const byDay = reportOf(basis, 'day', days);
    await yieldToRequests();
    const byResource = reportOf(basis, 'resource', holdings);
    await yieldToRequests();
    const dayView = weekly ? { ...byDay, rows: weeklyRows(inputOf(basis, 'day', days)) } : byDay;
    await yieldToRequests();
    const byKind = reportOf(basis, 'kind', holdings);
    await yieldToRequests();
    const byPurpose = reportOf(basis, 'purpose', purposes);
    await yieldToRequests();
    return {
      byResource,
      byDay: dayView,
      weekly,
      byKind,
      byPurpose,
      heat: dayHours && heatGrid(byDay.rows, dayHours),
      comparison: basis.only === null ? await this.comparison(basis) : undefined,
    };
  }

  /**
   * The reports by resource and by kind from one aggregate statement, with each resource's kind
   * and center: what the people's CSV and the printable monthly summary are made of.
   */
  async byResourceAndKind(
    caller: Principal,
    query: Omit<UtilizationQuery, 'groupBy' | 'format'>,
  ): Promise<ResourceAndKindReport> {
    const basis = await this.basisOf(caller, query);
    const holdings = await this.reportsAtOnce.run(() => this.groupsOf(basis, 'holding'));
    return {
      byResource: reportOf(basis, 'resource', holdings),
      byKind: reportOf(basis, 'kind', holdings),
      resources: new Map(
        basis.resources.map((r) => [r.id, { kind: r.kind, centerId: r.centerId, name: r.name }]),
      ),
      centers: new Map(basis.centers.map((c) => [c.id, { name: c.name, slug: c.slug }])),
    };
  }

  /** Each center's report by kind for the same period, for admins looking at the network. */
  private comparison(network: ReportBasis): Promise<UtilizationReport[]> {
    return Promise.all(
      network.centers.map(async (center) => {
        const basis: ReportBasis = {
          ...network,
          centers: [center],
          only: center,
          resources: network.resources.filter((r) => r.centerId === center.id),
        };
        return reportOf(basis, 'kind', await this.groupsOf(basis, 'holding'));
      }),
    );
  }

  /** The period checked, and what a report reads besides the sessions. */
  private async basisOf(
    caller: Principal,
    query: Omit<UtilizationQuery, 'groupBy' | 'format'>,
  ): Promise<ReportBasis> {
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
    const [resources, closures, organizationByUser] = await Promise.all([
      this.resources.allOfCenters(query.centerId !== undefined ? ids : null),
      this.closures.rulesByCenter(),
      this.users.organizationByUser(),
    ]);
    return {
      centers,
      only: query.centerId !== undefined ? centers[0] : null,
      from,
      to,
      resources,
      closures,
      organizationByUser,
    };
  }

  /** The database's sums per group of the sessions of the basis (session-aggregates). */
  private groupsOf(basis: ReportBasis, key: AggregateKey): Promise<AggregateGroup[]> {
    return this.sessions.aggregate({ ...this.specOf(basis), key });
  }

  /** What the aggregate statements read for a basis, but the key. */
  private specOf(basis: ReportBasis): Omit<AggregateSpec, 'key'> {
    const { resources } = basis;
    return {
      centers: basis.centers.map((center) => {
        const window = daysWindow(basis.from, basis.to, center.timezone);
        return {
          id: center.id,
          graceMinutes: center.policy.checkInGraceMinutes,
          window,
          offsets: offsetSegments(window, center.timezone),
        };
      }),
      checkInResourceIds: resources.filter((r) => r.checkInRequired).map((r) => r.id),
      poolResourceIds: resources.filter((r) => !isExclusive(r.kind)).map((r) => r.id),
      now: this.clock.now(),
    };
  }
}

/** What a utilization report reads besides the sessions. */
interface ReportBasis {
  centers: CenterEntity[];
  /** The one center asked for; null for the whole network. */
  only: CenterEntity | null;
  from: string;
  to: string;
  resources: ResourceEntity[];
  closures: Map<string, ClosureRule[]>;
  organizationByUser: ReadonlyMap<number, string>;
}

/** The aggregate a report is assembled from (resources and kinds both from what is held). */
function aggregateKeyOf(groupBy: GroupBy): AggregateKey {
  return groupBy === 'resource' || groupBy === 'kind' ? 'holding' : groupBy;
}

/** The centers of a basis as the reports read them: the same objects for all its reports. */
const reportCenters = new WeakMap<ReportBasis, ReportCenter[]>();

function reportCentersOf(basis: ReportBasis): ReportCenter[] {
  let centers = reportCenters.get(basis);
  if (!centers) {
    centers = basis.centers.map((center): ReportCenter => ({
      id: center.id,
      name: center.name,
      zone: center.timezone,
      openingHours: center.openingHours,
      closures: basis.closures.get(center.id) ?? [],
      resources: basis.resources.filter((r) => r.centerId === center.id),
    }));
    reportCenters.set(basis, centers);
  }
  return centers;
}

function inputOf(
  basis: ReportBasis,
  groupBy: GroupBy,
  groups: readonly AggregateGroup[],
): UtilizationInput {
  return {
    centers: reportCentersOf(basis),
    from: basis.from,
    to: basis.to,
    groupBy,
    groups,
    organizationByUser: basis.organizationByUser,
  };
}

function reportOf(
  basis: ReportBasis,
  groupBy: GroupBy,
  groups: readonly AggregateGroup[],
): UtilizationReport {
  const report = utilizationReport(inputOf(basis, groupBy, groups));
  const only = basis.only;
  return {
    centerId: only?.id ?? null,
    center: only && { id: only.id, slug: only.slug, name: only.name },
    from: basis.from,
    to: basis.to,
    groupBy,
    ...report,
  };
}
