/**
 * The utilization report, assembled from the database's sums per group (session-aggregates) and
 * the open time computed from opening hours and closures. The figures are described for
 * coordinators in docs/reports.md.
 */
import { type AggregateGroup, type Purpose, PURPOSES, type SessionCounts } from '../bookings';
import { isExclusive, RESOURCE_KINDS, type ResourceKind } from '../resources';
import { NumberSet } from '../common/number-set';
import {
  addDays,
  type ClosureRule,
  DAY_MS,
  daysBetween,
  formatFloatingDate,
  openPeriodsOn,
  parseLocalDate,
  weekdayOf,
  WEEKDAYS,
  type WeekHours,
} from '../scheduling';
import { forEachLocalHour } from './local-hours';

export const GROUP_BY = ['resource', 'day', 'hour', 'kind', 'purpose'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface ReportResource {
  id: string;
  name: string;
  kind: ResourceKind;
  quantity: number;
  active: boolean;
}

export interface ReportCenter {
  id: string;
  name: string;
  zone: string;
  openingHours: WeekHours;
  closures: readonly ClosureRule[];
  /** In display order. */
  resources: readonly ReportResource[];
}

export interface UtilizationFigures {
  /** Null for purposes: open time belongs to no purpose. */
  openHours: number | null;
  bookedHours: number;
  usedHours: number;
  utilization: number | null;
  sessions: number;
  noShows: number;
  attendees: number;
  seminars: number;
  participants: number;
  uniqueUsers: number;
  uniqueOrganizations: number;
}

export interface UtilizationRow extends UtilizationFigures {
  key: string;
  label: string;
}

export interface UtilizationInput {
  centers: readonly ReportCenter[];
  /** Local dates, both inclusive. */
  from: string;
  to: string;
  groupBy: GroupBy;
  groups: readonly AggregateGroup[];
  organizationByUser: ReadonlyMap<number, string>;
}

class Tally {
  openMs: number | null = 0;
  bookedMs = 0;
  usedMs = 0;
  readonly counts: SessionCounts = {
    sessions: 0,
    noShows: 0,
    attendees: 0,
    seminars: 0,
    participants: 0,
  };
  /** By their `users.number`. */
  readonly users = new NumberSet();

  constructor(
    readonly key: string,
    readonly label: string,
  ) {}

  add(group: AggregateGroup, counts: SessionCounts, withHours = true): void {
    if (withHours) {
      this.bookedMs += group.bookedMs;
      this.usedMs += group.usedMs;
    }
    for (const name of Object.keys(counts) as Array<keyof SessionCounts>) {
      this.counts[name] += counts[name];
    }
    const owners = group.owners;
    for (let i = 0; i < owners.length; i++) this.users.add(owners[i]);
  }

  figures(organizationByUser: ReadonlyMap<number, string>): UtilizationFigures {
    const organizations = new Set<string>();
    if (organizationByUser.size > 0) {
      this.users.forEach((user) => {
        const organization = organizationByUser.get(user);
        if (organization !== undefined) organizations.add(organization);
      });
    }
    return {
      openHours: this.openMs === null ? null : hours(this.openMs),
      bookedHours: hours(this.bookedMs),
      usedHours: hours(this.usedMs),
      utilization: this.openMs ? Math.round((this.bookedMs / this.openMs) * 10_000) / 10_000 : null,
      ...this.counts,
      uniqueUsers: this.users.size,
      uniqueOrganizations: organizations.size,
    };
  }
}

/** Hours with two decimals (to the nearest 36 seconds), from exact milliseconds. */
const hours = (ms: number): number => Math.round(ms / 36_000) / 100;

/** Units of a resource counted as open: a pool's units, one of anything else; none when inactive. */
const openUnits = (r: ReportResource): number =>
  r.active ? (isExclusive(r.kind) ? 1 : r.quantity) : 0;

const KIND_LABELS: Record<ResourceKind, string> = {
  desk: 'Desks',
  computer: 'Computers',
  room: 'Rooms',
  equipment: 'Equipment',
};
const PURPOSE_LABELS: Record<Purpose, string> = {
  work: 'Work',
  seminar: 'Seminar',
  meeting: 'Meeting',
  consultation: 'Consultation',
  other: 'Other',
};
const WEEKDAY_LABELS = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

function dayLabel(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${WEEKDAY_LABELS[weekdayOf(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

function datesOf(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

interface OpenTime {
  total: number;
  byDate: Map<string, number>;
  /** Per hour of day; computed only for the report by hour (a pass of zone look-ups per hour). */
  byHour?: number[];
}

/**
 * The open time of each center object per period: the reports page assembles several reports of
 * the same centers and period (by resource, day, kind, purpose, the weeks), and a year's open
 * periods take a few thousand zone look-ups. Keyed by the center object (reportCentersOf gives
 * the same objects to every report of one request), so it goes with the request.
 */
const openTimes = new WeakMap<ReportCenter, Map<string, OpenTime>>();

/** Open milliseconds of one unit of a center: in all, per local date and (`withHours`) per hour. */
function openTimeOf(center: ReportCenter, dates: readonly string[], withHours = false): OpenTime {
  let byPeriod = openTimes.get(center);
  if (!byPeriod) openTimes.set(center, (byPeriod = new Map<string, OpenTime>()));
  const period = `${dates[0]}/${dates.length}`;
  let open = byPeriod.get(period);
  if (!open || (withHours && !open.byHour)) {
    // One pass over the open periods; the hours only when asked (their zone look-ups cost most).
    const byHour = withHours ? new Array<number>(24).fill(0) : undefined;
    const fresh: OpenTime = { total: 0, byDate: new Map<string, number>(), byHour };
    for (const date of dates) {
      let day = 0;
      for (const p of openPeriodsOn(date, center.zone, center.openingHours, center.closures)) {
        day += p.end - p.start;
        if (byHour)
          forEachLocalHour(p.start, p.end, center.zone, (hour, ms) => (byHour[hour] += ms));
      }
      fresh.byDate.set(date, day);
      fresh.total += day;
    }
    byPeriod.set(period, (open = fresh));
  }
  return open;
}

export function utilizationReport(input: UtilizationInput): {
  rows: UtilizationRow[];
  totals: UtilizationFigures;
} {
  const { groupBy } = input;
  const dates = datesOf(input.from, input.to);
  const several = input.centers.length > 1;
  const totals = new Tally('total', 'Total');
  const rows = new Map<string, Tally>();
  const row = (key: string, label = key): Tally => {
    let found = rows.get(key);
    if (!found) {
      found = new Tally(key, label);
      rows.set(key, found);
    }
    return found;
  };

  // Every row in display order, with its open time.
  if (groupBy === 'day') for (const date of dates) row(date, dayLabel(date));
  if (groupBy === 'hour') {
    for (let h = 0; h < 24; h++) row(pad2(h), `${pad2(h)}:00–${pad2((h + 1) % 24)}:00`);
  }
  if (groupBy === 'kind') for (const kind of RESOURCE_KINDS) row(kind, KIND_LABELS[kind]);
  if (groupBy === 'purpose') {
    for (const purpose of PURPOSES) row(purpose, PURPOSE_LABELS[purpose]).openMs = null;
  }
  const resources = new Map<string, ReportResource>();
  for (const center of input.centers) {
    const open = openTimeOf(center, dates, groupBy === 'hour');
    const units = center.resources.reduce((sum, r) => sum + openUnits(r), 0);
    totals.openMs! += open.total * units;
    for (const resource of center.resources) {
      resources.set(resource.id, resource);
      if (groupBy === 'resource') {
        const name = several ? `${center.name}: ${resource.name}` : resource.name;
        const label = resource.active ? name : `${name} (inactive)`;
        row(resource.id, label).openMs! += open.total * openUnits(resource);
      }
      if (groupBy === 'kind') row(resource.kind).openMs! += open.total * openUnits(resource);
    }
    if (groupBy === 'day') for (const [date, ms] of open.byDate) row(date).openMs! += ms * units;
    if (groupBy === 'hour') open.byHour!.forEach((ms, h) => (row(pad2(h)).openMs! += ms * units));
  }

  for (const group of input.groups) {
    totals.add(group, group.primary);
    if (groupBy === 'resource' || groupBy === 'kind') {
      const resource = resources.get(String(group.key));
      if (!resource) continue;
      if (groupBy === 'resource') row(resource.id).add(group, group.row);
      else row(resource.kind).add(group, group.kind ?? group.row);
    } else if (groupBy === 'day') {
      const date = formatFloatingDate(Number(group.key) * DAY_MS);
      if (rows.has(date)) row(date).add(group, group.row);
    } else if (groupBy === 'hour') {
      row(pad2(Number(group.key))).add(group, group.row);
    } else {
      row(String(group.key)).add(group, group.row);
    }
  }

  const visible = [...rows.values()].filter(
    (tally) =>
      groupBy !== 'resource' || resources.get(tally.key)!.active || tally.counts.sessions > 0,
  );
  return {
    rows: visible.map((tally) => ({
      key: tally.key,
      label: tally.label,
      ...tally.figures(input.organizationByUser),
    })),
    totals: totals.figures(input.organizationByUser),
  };
}

/**
 * A long period by week instead of by day (a year of days is too heavy for a phone), from the
 * groups of the report by day: each row holds the totals of seven days from `from` (fewer at the
 * end) exactly as the report of those days alone gives them; `key` is the first day, `label` the
 * last.
 */
export function weeklyRows(input: UtilizationInput): UtilizationRow[] {
  const dates = datesOf(input.from, input.to);
  const weeks: Tally[] = [];
  for (let i = 0; i < dates.length; i += 7) {
    weeks.push(new Tally(dates[i], dates[Math.min(i + 6, dates.length - 1)]));
  }
  const weekOf = (date: string): Tally | undefined =>
    weeks[Math.floor(daysBetween(input.from, date) / 7)];
  for (const center of input.centers) {
    const open = openTimeOf(center, dates);
    const units = center.resources.reduce((sum, r) => sum + openUnits(r), 0);
    for (const [date, ms] of open.byDate) weekOf(date)!.openMs! += ms * units;
  }
  for (const group of input.groups) {
    const date = formatFloatingDate(Number(group.key) * DAY_MS);
    if (date >= input.from && date <= input.to) weekOf(date)!.add(group, group.primary);
  }
  return weeks.map((week) => ({
    key: week.key,
    label: week.label,
    ...week.figures(input.organizationByUser),
  }));
}

/** Booked hours, [weekday 0 = Monday][hour 0–23]. */
export type HeatGrid = number[][];

/**
 * Booked hours by weekday × hour of day, from the groups by hour of each day (`dayHour`): each
 * day's hour as the report by hour of that day alone gives it (to the hundredth), added up by
 * weekday, over the days that `dayRows` (the report by day) shows with sessions.
 */
export function heatGrid(
  dayRows: readonly UtilizationRow[],
  groups: readonly AggregateGroup[],
): HeatGrid {
  const bookedMs = new Map<number, number>();
  for (const group of groups) {
    bookedMs.set(Number(group.key), (bookedMs.get(Number(group.key)) ?? 0) + group.bookedMs);
  }
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const row of dayRows) {
    if (row.sessions === 0) continue;
    const day = parseLocalDate(row.key) / DAY_MS;
    const weekday = WEEKDAYS.indexOf(weekdayOf(row.key));
    for (let hour = 0; hour < 24; hour++) {
      const booked = hours(bookedMs.get(day * 24 + hour) ?? 0);
      grid[weekday][hour] = Math.round((grid[weekday][hour] + booked) * 100) / 100;
    }
  }
  return grid;
}
