/**
 * The utilization report's one heavy query: the sessions of a date range summed in SQL, per group,
 * so that a year of a busy center (100,000 sessions) is read in one indexed scan without sending a
 * row per session to JavaScript. The figures are defined in docs/reports.md; this is their SQL.
 *
 * SQLite dialect (scalar MIN/MAX, json_each, group_concat); PostgreSQL needs its own spelling.
 */
import type { EntityManager } from 'typeorm';
import type { Interval } from '../scheduling/types';

/** Where the group key comes from: the resource held (own booking or loan), the local day… */
export type AggregateKey = 'holding' | 'day' | 'purpose' | 'hour';

export interface AggregateCenter {
  id: string;
  graceMinutes: number;
  /** The sessions' window in this center (its local dates). */
  window: Interval;
  /** The zone's UTC offset (ms) before each `until`; the last entry's `until` is Infinity. */
  offsets: ReadonlyArray<{ until: number; offsetMs: number }>;
}

export interface AggregateSpec {
  centers: readonly AggregateCenter[];
  checkInResourceIds: readonly string[];
  poolResourceIds: readonly string[];
  key: AggregateKey;
  now: number;
}

export interface SessionCounts {
  sessions: number;
  noShows: number;
  attendees: number;
  seminars: number;
  participants: number;
}

export interface AggregateGroup {
  /** Resource id, local day number (days since 1970-01-01 local), purpose, or hour 0–23. */
  key: string | number;
  /** Resource-hours (× units for pools) in milliseconds. */
  bookedMs: number;
  usedMs: number;
  /** Sessions in this group (per holding for `holding`, per hour touched for `hour`). */
  row: SessionCounts;
  /** `holding` only: counting a session once per resource kind. */
  kind: SessionCounts;
  /** Counting each session once in the whole report, for the totals. */
  primary: SessionCounts;
  /** Distinct owners of the sessions that were not no-shows. */
  owners: string[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Values are written into the statement as literals, because it uses some of them several times
 * and in an order that positional parameters cannot follow. Only integers and ids read from the
 * database reach it, and both are checked to be exactly that.
 */
class Sql {
  p(value: string | number): string {
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer: ${value}`);
      return String(value);
    }
    if (!UUID.test(value)) throw new RangeError(`Not an id: ${value}`);
    return `'${value}'`;
  }

  list(values: readonly string[]): string {
    return values.length === 0 ? 'NULL' : values.map((v) => this.p(v)).join(', ');
  }
}

function countsSql(weight: string, prefix: string): string {
  return [
    `SUM(${weight}) AS ${prefix}_sessions`,
    `SUM(${weight} * ns) AS ${prefix}_no_shows`,
    `SUM(${weight} * (1 - ns) * people) AS ${prefix}_attendees`,
    `SUM(${weight} * (1 - ns) * sem) AS ${prefix}_seminars`,
    `SUM(${weight} * (1 - ns) * sem * people) AS ${prefix}_participants`,
  ].join(',\n  ');
}

function countsOf(row: Record<string, unknown>, prefix: string): SessionCounts {
  const n = (name: string) => Number(row[`${prefix}_${name}`] ?? 0);
  return {
    sessions: n('sessions'),
    noShows: n('no_shows'),
    attendees: n('attendees'),
    seminars: n('seminars'),
    participants: n('participants'),
  };
}

/** `CASE` over centers of a per-center SQL value. */
function perCenter(
  sql: Sql,
  centers: readonly AggregateCenter[],
  value: (c: AggregateCenter) => string,
): string {
  if (centers.length === 1) return value(centers[0]);
  const arms = centers.map((c) => `WHEN ${sql.p(c.id)} THEN ${value(c)}`).join(' ');
  return `(CASE b.center_id ${arms} END)`;
}

function offsetSql(sql: Sql, center: AggregateCenter): string {
  if (center.offsets.length === 1) return sql.p(center.offsets[0].offsetMs);
  const arms = center.offsets
    .slice(0, -1)
    .map((o) => `WHEN o.start_ms < ${sql.p(o.until)} THEN ${sql.p(o.offsetMs)}`)
    .join(' ');
  return `(CASE ${arms} ELSE ${sql.p(center.offsets[center.offsets.length - 1].offsetMs)} END)`;
}

type Source = 'sessions' | 'loans';

/**
 * One aggregate statement. `sessions` reads every session once as its own resource; `loans` reads
 * the pools that sessions borrow (their allocations, through the pools' index), adding hours (and,
 * per pool, counts) but never counting a session a second time in the totals.
 */
function statement(spec: AggregateSpec, source: Source): string {
  const sql = new Sql();
  const now = sql.p(spec.now);
  const from = sql.p(Math.min(...spec.centers.map((c) => c.window.start)));
  const to = sql.p(Math.max(...spec.centers.map((c) => c.window.end)));
  const centerIds = sql.list(spec.centers.map((c) => c.id));
  const pools = sql.list(spec.poolResourceIds);
  const grace = perCenter(sql, spec.centers, (c) => sql.p(c.graceMinutes * 60_000));
  const ownWindow =
    spec.centers.length === 1
      ? ''
      : `AND o.start_ms >= ${perCenter(sql, spec.centers, (c) => sql.p(c.window.start))}
         AND o.start_ms < ${perCenter(sql, spec.centers, (c) => sql.p(c.window.end))}`;
  const checkIn = `b.resource_id IN (${sql.list(spec.checkInResourceIds)})`;
  const loans = source === 'loans';
  const from_ = loans
    ? `allocations a
         JOIN occurrences o ON o.id = a.occurrence_id
         JOIN bookings b ON b.id = a.booking_id
        WHERE a.resource_id IN (${pools}) AND a.active = 1
          AND a.start_ms >= ${from} AND a.start_ms < ${to}
          AND b.resource_id <> a.resource_id AND o.start_ms >= ${from} AND o.start_ms < ${to}`
    : `occurrences o
         JOIN bookings b ON b.id = o.booking_id
        WHERE o.start_ms >= ${from} AND o.start_ms < ${to}`;
  // A session borrowing several pools counts once under the kind "equipment": by its first pool.
  const kindWeight = loans
    ? `CASE WHEN a.resource_id = (SELECT MIN(a2.resource_id) FROM allocations a2
         WHERE a2.occurrence_id = a.occurrence_id AND a2.active = 1
           AND a2.resource_id IN (${pools}) AND a2.resource_id <> b.resource_id) THEN 1 ELSE 0 END`
    : '1';
  const key = {
    holding: loans ? 'a.resource_id' : 'b.resource_id',
    day: `CAST((o.start_ms + ${perCenter(sql, spec.centers, (c) => offsetSql(sql, c))}) / ${DAY_MS} AS INTEGER)`,
    purpose: 'b.purpose',
    hour: 'NULL',
  }[spec.key];
  const local = `CAST(o.start_ms + ${perCenter(sql, spec.centers, (c) => offsetSql(sql, c))} AS INTEGER) % ${DAY_MS}`;
  const countsRow = loans && spec.key !== 'holding' ? '0' : '1';

  const sessions = `
    SELECT ${key} AS key, o.start_ms AS st, o.end_ms AS en, b.owner_id AS owner,
           ${loans ? 'a.quantity' : 'b.quantity'} AS units,
           CASE WHEN o.status = 'no_show' OR (o.status = 'booked' AND ${now} >= o.start_ms + ${grace}
                     AND ${checkIn}) THEN 1 ELSE 0 END AS ns,
           CASE WHEN b.purpose = 'seminar' THEN 1 ELSE 0 END AS sem,
           COALESCE(b.attendees, 1) AS people,
           CASE WHEN o.checked_in_at IS NOT NULL THEN MAX(o.start_ms, o.checked_in_at)
                WHEN o.status = 'no_show' OR ${checkIn} THEN o.end_ms
                ELSE o.start_ms END AS used_start,
           MIN(o.end_ms, COALESCE(o.checked_out_at, o.end_ms), ${now}) AS used_end,
           ${spec.key === 'holding' ? kindWeight : '0'} AS kind_w,
           ${spec.key === 'hour' ? local : '0'} AS ls
      FROM ${from_}
       AND o.status <> 'cancelled'
       AND b.status = 'confirmed'
       AND b.center_id IN (${centerIds})
       ${ownWindow}`;
  const used = `CASE WHEN ns = 1 OR used_end <= used_start THEN 0 ELSE used_end - used_start END`;
  const sums = `
    SUM((en - st) * units) AS booked, SUM((${used}) * units) AS used_ms,
    ${countsSql(countsRow, 'row')},
    ${countsSql(loans ? 'kind_w' : '1', 'kind')},
    ${countsSql(loans ? '0' : '1', 'prim')},
    group_concat(DISTINCT CASE WHEN ns = 0 THEN owner END) AS owners`;
  if (spec.key !== 'hour') return `SELECT key, ${sums} FROM (${sessions}) s GROUP BY key`;
  // Hours of day: grouped by the first and last hour a session (and its used part) touches, with
  // the sums of its local start and end, which is enough to split the hours exactly in TypeScript.
  const usedLs = `ls + (used_start - st)`;
  const usedLe = `ls + (used_end - st)`;
  return `
    SELECT sh, eh, ush, ueh, SUM(units) AS n_units, SUM(ls * units) AS s_ls,
           SUM((ls + en - st) * units) AS s_le,
           SUM(CASE WHEN ush IS NULL THEN 0 ELSE (${usedLs}) * units END) AS s_uls,
           SUM(CASE WHEN ush IS NULL THEN 0 ELSE (${usedLe}) * units END) AS s_ule, ${sums}
      FROM (
        SELECT s.*, ls / ${HOUR_MS} AS sh, (ls + en - st - 1) / ${HOUR_MS} AS eh,
               CASE WHEN ${used} > 0 THEN (${usedLs}) / ${HOUR_MS} END AS ush,
               CASE WHEN ${used} > 0 THEN (${usedLe} - 1) / ${HOUR_MS} END AS ueh
          FROM (${sessions}) s
      ) h
     GROUP BY sh, eh, ush, ueh`;
}

type Row = Record<string, unknown>;

function groupOf(row: Row, key: string | number): AggregateGroup {
  return {
    key,
    bookedMs: Number(row.booked ?? 0),
    usedMs: Number(row.used_ms ?? 0),
    row: countsOf(row, 'row'),
    kind: countsOf(row, 'kind'),
    primary: countsOf(row, 'prim'),
    owners: typeof row.owners === 'string' && row.owners !== '' ? row.owners.split(',') : [],
  };
}

/** Spreads the (first hour, last hour) groups over the 24 hours of the day. */
function byHour(rows: Row[]): AggregateGroup[] {
  const hours = Array.from({ length: 24 }, (_, h) => ({
    ...groupOf({}, h),
    ownerSet: new Set<string>(),
  }));
  const spread = (
    first: number,
    last: number,
    n: number,
    sumStart: number,
    sumEnd: number,
    add: (h: number, ms: number) => void,
  ) => {
    if (first === last) return add(first, sumEnd - sumStart);
    add(first, n * (first + 1) * HOUR_MS - sumStart);
    for (let h = first + 1; h < last; h++) add(h, n * HOUR_MS);
    add(last, sumEnd - n * last * HOUR_MS);
  };
  for (const row of rows) {
    const group = groupOf(row, 0);
    const [sh, eh, n] = [Number(row.sh), Math.min(23, Number(row.eh)), Number(row.n_units)];
    spread(sh, eh, n, Number(row.s_ls), Number(row.s_le), (h, ms) => (hours[h].bookedMs += ms));
    if (row.ush !== null && row.ush !== undefined) {
      spread(
        Number(row.ush),
        Math.min(23, Number(row.ueh)),
        n,
        Number(row.s_uls),
        Number(row.s_ule),
        (h, ms) => (hours[h].usedMs += ms),
      );
    }
    for (let h = sh; h <= eh; h++) {
      for (const name of Object.keys(group.row) as Array<keyof SessionCounts>) {
        hours[h].row[name] += group.row[name];
      }
      for (const owner of group.owners) hours[h].ownerSet.add(owner);
    }
    for (const name of Object.keys(group.primary) as Array<keyof SessionCounts>) {
      hours[sh].primary[name] += group.primary[name];
    }
  }
  return hours.map(({ ownerSet, ...hour }) => ({ ...hour, owners: [...ownerSet] }));
}

export async function aggregateSessions(
  manager: EntityManager,
  spec: AggregateSpec,
): Promise<AggregateGroup[]> {
  if (spec.centers.length === 0) return [];
  const results: Row[][] = [];
  for (const source of ['sessions', 'loans'] as const) {
    if (source === 'loans' && spec.poolResourceIds.length === 0) continue;
    results.push(await manager.query(statement(spec, source)));
  }
  if (spec.key === 'hour') return results.flatMap(byHour);
  return results
    .flat()
    .map((row) => groupOf(row, typeof row.key === 'number' ? row.key : String(row.key)));
}
