/**
 * The utilization report's one heavy query: the sessions of a date range summed in SQL, per group,
 * so that a year of a busy center (100,000 sessions) is read in one indexed scan without sending a
 * row per session to JavaScript. The figures are defined in docs/reports.md; this is their SQL.
 *
 * One statement for SQLite and PostgreSQL: values are bound parameters, integers are BIGINT on
 * both, and what the two spell differently (placeholders, joining the distinct owners of a group
 * into one text) is in `dialectOf`.
 */
import { TimeSlices } from '../common/yield';
import type { ReadQueries } from '../database';
import type { Interval } from '../scheduling';

/**
 * Where the group key comes from: the resource held (own booking or loan), the local day, the
 * purpose, the local hour of day, or the hour of each local day (`dayHour`: day × 24 + hour);
 * `dayPurpose`: the local day and the purpose together (key `day|purpose`), one statement for the
 * reports by day and by purpose of the same period (`byDayAndPurpose` splits it).
 */
export type AggregateKey = 'holding' | 'day' | 'purpose' | 'hour' | 'dayHour' | 'dayPurpose';

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
  /**
   * Resource id, local day number (days since 1970-01-01 local), purpose, hour 0–23, or, for
   * `dayHour`, local day number × 24 + hour.
   */
  key: string | number;
  /** Resource-hours (× units for pools) in milliseconds. */
  bookedMs: number;
  usedMs: number;
  /** Sessions in this group (per holding for `holding`, per hour touched for the hour keys). */
  row: SessionCounts;
  /** `holding` only: counting a session once per resource kind. */
  kind: SessionCounts;
  /** Counting each session once in the whole report, for the totals. */
  primary: SessionCounts;
  /**
   * The owners of the sessions that were not no-shows, by their `users.number`; a number may
   * appear more than once (whoever counts people puts them in a set).
   */
  owners: number[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface Dialect {
  /** The placeholder of the `n`th (from 1) bound value. */
  placeholder(n: number): string;
  /** Distinct values of a group joined with commas. */
  joinDistinct(expression: string): string;
  /**
   * The largest and the smallest of non-null values (where one is null the two databases
   * differ). A function rather than a `CASE`, which names each value twice: nested, and inlined
   * wherever the subquery's column is used, that computed a session's used end several times
   * (the year page's three statements at 1M on SQLite: 256 -> 222 ms, the same rows).
   */
  greatest(...values: string[]): string;
  least(...values: string[]): string;
}

/** All that the statements spell differently on the two databases. */
function dialectOf(postgres: boolean): Dialect {
  return postgres
    ? {
        placeholder: (n) => `$${n}`,
        joinDistinct: (expression) => `string_agg(DISTINCT CAST(${expression} AS TEXT), ',')`,
        greatest: (...values) => `GREATEST(${values.join(', ')})`,
        least: (...values) => `LEAST(${values.join(', ')})`,
      }
    : {
        placeholder: () => '?',
        joinDistinct: (expression) => `group_concat(DISTINCT ${expression})`,
        // SQLite's MAX and MIN with several arguments are its scalar functions.
        greatest: (...values) => `MAX(${values.join(', ')})`,
        least: (...values) => `MIN(${values.join(', ')})`,
      };
}

/**
 * Bound parameters, collected while the statement is written. The statement is assembled out of
 * order and uses some values several times, so each value gets a marker that `bind` turns into
 * the dialect's placeholders, in the order they appear in the final text.
 */
class Parameters {
  private readonly values: Array<string | number> = [];

  /** An integer (milliseconds), as BIGINT on both databases. */
  int(value: number): string {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer: ${value}`);
    return `CAST(${this.mark(value)} AS BIGINT)`;
  }

  text(value: string): string {
    return this.mark(value);
  }

  list(values: readonly string[]): string {
    return values.length === 0 ? 'NULL' : values.map((v) => this.text(v)).join(', ');
  }

  bind(sql: string, dialect: Dialect): [string, Array<string | number>] {
    const ordered: Array<string | number> = [];
    const text = sql.replace(/\{\{(\d+)\}\}/g, (_, index: string) => {
      ordered.push(this.values[Number(index)]);
      return dialect.placeholder(ordered.length);
    });
    return [text, ordered];
  }

  private mark(value: string | number): string {
    this.values.push(value);
    return `{{${this.values.length - 1}}}`;
  }
}

/** `CASE` over centers of a per-center SQL value. */
function perCenter(
  p: Parameters,
  centers: readonly AggregateCenter[],
  value: (c: AggregateCenter) => string,
): string {
  if (centers.length === 1) return value(centers[0]);
  const arms = centers.map((c) => `WHEN ${p.text(c.id)} THEN ${value(c)}`).join(' ');
  return `(CASE o.center_id ${arms} END)`;
}

function offsetSql(p: Parameters, center: AggregateCenter): string {
  const last = center.offsets[center.offsets.length - 1];
  if (center.offsets.length === 1) return p.int(last.offsetMs);
  const arms = center.offsets
    .slice(0, -1)
    .map((o) => `WHEN o.start_ms < ${p.int(o.until)} THEN ${p.int(o.offsetMs)}`)
    .join(' ');
  return `(CASE ${arms} ELSE ${p.int(last.offsetMs)} END)`;
}

type Source = 'sessions' | 'loans';

/**
 * What a statement groups by: a report's key, or (loans only) `holdingDayPurpose`, the pool, the
 * local day and the purpose together, from which `aggregateHoldingsAndDays` adds the loans up both
 * by holding and by day and purpose.
 */
type StatementKey = AggregateKey | 'holdingDayPurpose';

/**
 * One aggregate statement. `sessions` reads every session once as its own resource; `loans` reads
 * the pools that sessions borrow (their allocations, through the pools' index), adding hours (and,
 * per pool, counts) but never counting a session a second time in the totals.
 *
 * Rows are grouped by key and by what decides how a session counts: `ns` (a no-show), `sem` (a
 * seminar) and `first` (a loan of the session's first pool, which counts it under the kind
 * "equipment"), so that each is computed once per session; `Totals` adds the groups up.
 */
function statement(
  spec: Omit<AggregateSpec, 'key'>,
  groupKey: StatementKey,
  dialect: Dialect,
  source: Source,
  p: Parameters,
): string {
  const loans = source === 'loans';
  const byPoolAndDay = groupKey === 'holdingDayPurpose';
  const inRange = (column: string) =>
    `${column} >= ${p.int(Math.min(...spec.centers.map((c) => c.window.start)))}
     AND ${column} < ${p.int(Math.max(...spec.centers.map((c) => c.window.end)))}`;
  const pools = () => p.list(spec.poolResourceIds);
  // Sessions carry their booking's fields (SessionEntity), so bookings are not read. Loans are
  // found from the pools' allocations; CROSS JOIN keeps SQLite from starting at the sessions
  // instead (all of the center's, where the pools' allocations are a few thousand).
  const rows = loans
    ? `allocations a
         CROSS JOIN occurrences o
        WHERE a.resource_id IN (${pools()}) AND a.active = TRUE AND ${inRange('a.start_ms')}
          AND o.id = a.occurrence_id AND o.resource_id <> a.resource_id AND ${inRange('o.start_ms')}`
    : `occurrences o
        WHERE ${inRange('o.start_ms')}`;
  const ownWindow =
    spec.centers.length === 1
      ? ''
      : `AND o.start_ms >= ${perCenter(p, spec.centers, (c) => p.int(c.window.start))}
         AND o.start_ms < ${perCenter(p, spec.centers, (c) => p.int(c.window.end))}`;
  // The session's first pool among the loans read here: every active loan of a session is read
  // (all of a session's allocations start when it does), so the window over its rows is the set a
  // correlated look-up would read again per loan, at a third of the cost at 1M.
  const first =
    loans && (groupKey === 'holding' || byPoolAndDay)
      ? `CASE WHEN a.resource_id = MIN(a.resource_id) OVER (PARTITION BY a.occurrence_id)
         THEN 1 ELSE 0 END`
      : '1';
  const local = () => `(o.start_ms + ${perCenter(p, spec.centers, (c) => offsetSql(p, c))})`;
  const key = {
    holding: loans ? 'a.resource_id' : 'o.resource_id',
    day: `${local()} / ${DAY_MS}`,
    dayPurpose: `${local()} / ${DAY_MS}`,
    purpose: 'o.purpose',
    // The local time of day of the start.
    hour: `${local()} % ${DAY_MS}`,
    // The local start, split into its day and its time of day below.
    dayHour: local(),
    holdingDayPurpose: 'a.resource_id',
  }[groupKey];
  const checkIn = () => `o.resource_id IN (${p.list(spec.checkInResourceIds)})`;
  const now = () => p.int(spec.now);
  const grace = perCenter(p, spec.centers, (c) => p.int(c.graceMinutes * 60_000));

  const sessions = `
    SELECT ${key} AS group_key, ${byPoolAndDay ? `${local()} / ${DAY_MS} AS day_key, ` : ''}${groupKey === 'dayPurpose' || byPoolAndDay ? 'o.purpose AS purpose_key, ' : ''}o.start_ms AS st, o.end_ms AS en, o.owner_number AS owner,
           ${loans ? 'a.quantity' : 'o.quantity'} AS units,
           CASE WHEN o.status = 'no_show' OR (o.status = 'booked' AND ${now()} >= o.start_ms + ${grace}
                     AND ${checkIn()}) THEN 1 ELSE 0 END AS ns,
           CASE WHEN o.purpose = 'seminar' THEN 1 ELSE 0 END AS sem,
           COALESCE(o.attendees, 1) AS people,
           CASE WHEN o.checked_in_at IS NOT NULL THEN ${dialect.greatest('o.start_ms', 'o.checked_in_at')}
                WHEN o.status = 'no_show' OR ${checkIn()} THEN o.end_ms
                ELSE o.start_ms END AS used_start,
           ${dialect.least('o.end_ms', 'COALESCE(o.checked_out_at, o.end_ms)', now())} AS used_end,
           ${first} AS first
      FROM ${rows}
       AND o.status <> 'cancelled'
       AND o.booking_status = 'confirmed'
       AND o.center_id IN (${p.list(spec.centers.map((c) => c.id))})
       ${ownWindow}`;
  // A no-show's used time is left out when the groups are added up, so it is not tested here.
  const used = dialect.greatest('used_end - used_start', '0');
  // A loan's owner is its session's, already in the session's group for every key but `holding`.
  const owners =
    loans && groupKey !== 'holding' && !byPoolAndDay ? 'NULL' : dialect.joinDistinct('owner');
  const sums = `ns, sem, first, COUNT(*) AS n, CAST(SUM(people) AS BIGINT) AS people,
    CAST(SUM((en - st) * units) AS BIGINT) AS booked,
    CAST(SUM((${used}) * units) AS BIGINT) AS used_ms,
    ${owners} AS owners`;
  if (groupKey === 'dayPurpose') {
    return `SELECT group_key, purpose_key, ${sums} FROM (${sessions}) s
             GROUP BY group_key, purpose_key, ns, sem, first`;
  }
  if (byPoolAndDay) {
    return `SELECT group_key, day_key, purpose_key, ${sums} FROM (${sessions}) s
             GROUP BY group_key, day_key, purpose_key, ns, sem, first`;
  }
  if (groupKey !== 'hour' && groupKey !== 'dayHour') {
    return `SELECT group_key, ${sums} FROM (${sessions}) s GROUP BY group_key, ns, sem, first`;
  }
  // Hours of day: grouped by the first and last hour a session (and its used part) touches, with
  // the sums of its local start and end, which is enough to split the hours exactly in TypeScript;
  // for `dayHour`, also by the local day (the start's time of day is then the key modulo a day).
  // The local times are computed once per session (materialized): inlined, their expressions
  // would be repeated in every sum.
  const byDay = groupKey === 'dayHour';
  const timeOfDay = byDay ? `(group_key % ${DAY_MS})` : 'group_key';
  const day = byDay ? 'd, ' : '';
  const usedAt = (column: string) =>
    `CASE WHEN used_end > used_start THEN ${timeOfDay} + ${column} - st END`;
  return `
    WITH h AS MATERIALIZED (
      SELECT ${byDay ? `group_key / ${DAY_MS} AS d, ` : ''}ns, sem, first, owner, people, units,
             en - st AS length, ${timeOfDay} AS ls, ${timeOfDay} + en - st AS le,
             ${usedAt('used_start')} AS uls, ${usedAt('used_end')} AS ule
        FROM (${sessions}) s)
    SELECT ${day}ls / ${HOUR_MS} AS sh, (le - 1) / ${HOUR_MS} AS eh,
           uls / ${HOUR_MS} AS ush, (ule - 1) / ${HOUR_MS} AS ueh,
           CAST(SUM(units) AS BIGINT) AS n_units,
           CAST(SUM(ls * units) AS BIGINT) AS s_ls, CAST(SUM(le * units) AS BIGINT) AS s_le,
           CAST(SUM(COALESCE(uls, 0) * units) AS BIGINT) AS s_uls,
           CAST(SUM(COALESCE(ule, 0) * units) AS BIGINT) AS s_ule,
           ns, sem, first, COUNT(*) AS n, CAST(SUM(people) AS BIGINT) AS people,
           CAST(SUM(length * units) AS BIGINT) AS booked,
           CAST(SUM(COALESCE(ule - uls, 0) * units) AS BIGINT) AS used_ms,
           ${dialect.joinDistinct('owner')} AS owners
      FROM h
     GROUP BY ${day}ls / ${HOUR_MS}, (le - 1) / ${HOUR_MS}, uls / ${HOUR_MS}, (ule - 1) / ${HOUR_MS},
              ns, sem, first`;
}

type Row = Record<string, unknown>;

const zero = (): SessionCounts => ({
  sessions: 0,
  noShows: 0,
  attendees: 0,
  seminars: 0,
  participants: 0,
});

function addCounts(into: SessionCounts, counts: SessionCounts): void {
  for (const name of Object.keys(counts) as Array<keyof SessionCounts>) {
    into[name] += counts[name];
  }
}

/** What one grouped row adds to a group: its counts, hours and owners. */
function contributionOf(row: Row, source: Source, key: AggregateKey) {
  const n = Number(row.n);
  const people = Number(row.people);
  const noShow = Number(row.ns) === 1;
  const seminar = !noShow && Number(row.sem) === 1;
  const counts: SessionCounts = {
    sessions: n,
    noShows: noShow ? n : 0,
    attendees: noShow ? 0 : people,
    seminars: seminar ? n : 0,
    participants: seminar ? people : 0,
  };
  const loans = source === 'loans';
  return {
    noShow,
    bookedMs: Number(row.booked),
    usedMs: noShow ? 0 : Number(row.used_ms),
    row: !loans || key === 'holding' ? counts : zero(),
    kind: !loans || (key === 'holding' && Number(row.first) === 1) ? counts : zero(),
    primary: loans ? zero() : counts,
    // A loan's owner is its session's, already counted by the session for every key but `holding`.
    owners: noShow || (loans && key !== 'holding') ? [] : ownersOf(row.owners),
  };
}

type Contribution = ReturnType<typeof contributionOf>;

const COMMA = 44;
const ZERO = 48;

/**
 * A group's owners, from the numbers the statement joined with commas. Read digit by digit: a
 * year's page has about a million of them, and splitting made a string of each.
 */
function ownersOf(joined: unknown): number[] {
  if (typeof joined === 'number') return [joined];
  if (typeof joined !== 'string' || joined === '') return [];
  const owners: number[] = [];
  let value = 0;
  for (let i = 0; i < joined.length; i++) {
    const code = joined.charCodeAt(i);
    if (code === COMMA) {
      owners.push(value);
      value = 0;
    } else {
      value = value * 10 + (code - ZERO);
    }
  }
  owners.push(value);
  return owners;
}

class GroupTotal {
  bookedMs = 0;
  usedMs = 0;
  readonly row = zero();
  readonly kind = zero();
  readonly primary = zero();
  /** May repeat a number (see AggregateGroup.owners). */
  readonly owners: number[] = [];

  constructor(readonly key: string | number) {}

  add(part: Contribution, hours = true): void {
    if (hours) {
      this.bookedMs += part.bookedMs;
      this.usedMs += part.usedMs;
    }
    addCounts(this.row, part.row);
    addCounts(this.kind, part.kind);
    addCounts(this.primary, part.primary);
    const owners = part.owners;
    for (let i = 0; i < owners.length; i++) this.owners.push(owners[i]);
  }

  group(): AggregateGroup {
    const { key, bookedMs, usedMs, row, kind, primary, owners } = this;
    return { key, bookedMs, usedMs, row, kind, primary, owners };
  }
}

/** Spreads the (first hour, last hour) groups over the 24 hours of the day. */
function addByHour(hours: GroupTotal[], row: Row, part: Contribution): void {
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
  const [sh, eh, n] = [Number(row.sh), Math.min(23, Number(row.eh)), Number(row.n_units)];
  spread(sh, eh, n, Number(row.s_ls), Number(row.s_le), (h, ms) => (hours[h].bookedMs += ms));
  if (!part.noShow && row.ush !== null && row.ush !== undefined) {
    spread(
      Number(row.ush),
      Math.min(23, Number(row.ueh)),
      n,
      Number(row.s_uls),
      Number(row.s_ule),
      (h, ms) => (hours[h].usedMs += ms),
    );
  }
  // Counted (with its owners) in every hour the session touches; in the totals, at its first.
  for (let h = sh; h <= eh; h++) hours[h].add({ ...part, kind: zero(), primary: zero() }, false);
  addCounts(hours[sh].primary, part.primary);
}

/** The groups of one report key, added up row by row from its statements. */
class GroupSums {
  private readonly groups = new Map<string | number, GroupTotal>();
  private readonly hours: GroupTotal[];
  /** `dayHour`: the 24 hours of each local day that has sessions, keyed day × 24 + hour. */
  private readonly dayHours = new Map<number, GroupTotal[]>();
  /** A year's rows carry about a million owners: added up in slices, between other requests. */
  private readonly slices = new TimeSlices();

  constructor(private readonly key: AggregateKey) {
    this.hours = key === 'hour' ? Array.from({ length: 24 }, (_, h) => this.groupOf(h)) : [];
  }

  async addRows(rows: readonly Row[], source: Source): Promise<void> {
    for (const row of rows) {
      if (this.slices.due) await this.slices.next();
      this.addRow(row, source);
    }
  }

  /**
   * One row; `row.group_key` (and `purpose_key` for `dayPurpose`) as the statement of this key
   * names them.
   */
  addRow(row: Row, source: Source): void {
    const part = contributionOf(row, source, this.key);
    if (this.key === 'hour') addByHour(this.hours, row, part);
    else if (this.key === 'dayHour') addByHour(this.hoursOf(Number(row.d)), row, part);
    else if (this.key === 'dayPurpose') {
      this.groupOf(`${Number(row.group_key)}|${String(row.purpose_key)}`).add(part);
    } else {
      const key = typeof row.group_key === 'number' ? row.group_key : String(row.group_key);
      this.groupOf(key).add(part);
    }
  }

  result(): AggregateGroup[] {
    return [...this.groups.values()].map((group) => group.group());
  }

  private groupOf(key: string | number): GroupTotal {
    let found = this.groups.get(key);
    if (!found) this.groups.set(key, (found = new GroupTotal(key)));
    return found;
  }

  private hoursOf(day: number): GroupTotal[] {
    let found = this.dayHours.get(day);
    if (!found) {
      found = Array.from({ length: 24 }, (_, h) => this.groupOf(day * 24 + h));
      this.dayHours.set(day, found);
    }
    return found;
  }
}

/** Runs the statements of a report, each as soon as asked. */
function statementRunner(reads: ReadQueries, spec: Omit<AggregateSpec, 'key'>) {
  const dialect = dialectOf(reads.postgres);
  return (key: StatementKey, source: Source): Promise<Row[]> => {
    const parameters = new Parameters();
    const [sql, values] = parameters.bind(
      statement(spec, key, dialect, source, parameters),
      dialect,
    );
    return reads.query(sql, values);
  };
}

/**
 * Answers asked for at once and awaited one after another: a rejected one that is not awaited
 * yet (an earlier one failed first) must not count as unhandled.
 */
function askedAtOnce<T>(answers: Array<Promise<T>>): Array<Promise<T>> {
  for (const answer of answers) answer.catch(() => undefined);
  return answers;
}

/**
 * Runs through HeavyReads (`reads`): on SQLite with a file, in a worker thread on a read-only
 * connection, so that a year's report does not hold up the bookings made meanwhile.
 */
export async function aggregateSessions(
  reads: ReadQueries,
  spec: AggregateSpec,
): Promise<AggregateGroup[]> {
  if (spec.centers.length === 0) return [];
  const run = statementRunner(reads, spec);
  const sums = new GroupSums(spec.key);
  const sources: Source[] =
    spec.poolResourceIds.length === 0 ? ['sessions'] : ['sessions', 'loans'];
  // On SQLite both statements are asked for at once: the heavy-read worker reads the loans while
  // the event loop adds up the sessions, instead of waiting for it. On PostgreSQL one after the
  // other, so that a report holds one of the pool's connections at a time.
  const early = reads.postgres
    ? undefined
    : askedAtOnce(sources.map((source) => run(spec.key, source)));
  for (const [index, source] of sources.entries()) {
    await sums.addRows(await (early ? early[index] : run(spec.key, source)), source);
  }
  return sums.result();
}

/**
 * The groups of `holding` and of `dayPurpose` (what the reports page shows by resource, kind, day,
 * week and purpose), as `aggregateSessions` gives each, with the pools' loans read once for both:
 * grouped by pool, day and purpose, then added up by pool for the one and by day and purpose for
 * the other. Three statements instead of four; on SQLite all asked for at once (the one worker
 * runs them in turn), on PostgreSQL on two connections (the loans after the sessions by holding).
 */
export async function aggregateHoldingsAndDays(
  reads: ReadQueries,
  spec: Omit<AggregateSpec, 'key'>,
): Promise<{ holdings: AggregateGroup[]; dayPurposes: AggregateGroup[] }> {
  if (spec.centers.length === 0) return { holdings: [], dayPurposes: [] };
  const run = statementRunner(reads, spec);
  const holdings = new GroupSums('holding');
  const dayPurposes = new GroupSums('dayPurpose');
  const withLoans = spec.poolResourceIds.length > 0;
  // A few thousand rows (pools × days × purposes): added up at once.
  const addLoans = (rows: readonly Row[]) => {
    for (const row of rows) {
      holdings.addRow(row, 'loans');
      dayPurposes.addRow({ ...row, group_key: row.day_key }, 'loans');
    }
  };
  if (reads.postgres) {
    await Promise.all([
      (async () => {
        await holdings.addRows(await run('holding', 'sessions'), 'sessions');
        if (withLoans) addLoans(await run('holdingDayPurpose', 'loans'));
      })(),
      (async () => dayPurposes.addRows(await run('dayPurpose', 'sessions'), 'sessions'))(),
    ]);
  } else {
    const [byHolding, byDay, loans] = askedAtOnce([
      run('holding', 'sessions'),
      run('dayPurpose', 'sessions'),
      withLoans ? run('holdingDayPurpose', 'loans') : Promise.resolve([]),
    ]);
    await holdings.addRows(await byHolding, 'sessions');
    await dayPurposes.addRows(await byDay, 'sessions');
    addLoans(await loans);
  }
  return { holdings: holdings.result(), dayPurposes: dayPurposes.result() };
}

/**
 * The groups by day and by purpose (as the keys `day` and `purpose` give them) from the groups of
 * `dayPurpose`: each is the sum of its (day, purpose) groups, its owners their union.
 */
export function byDayAndPurpose(groups: readonly AggregateGroup[]): {
  days: AggregateGroup[];
  purposes: AggregateGroup[];
} {
  const days = new Map<number, GroupTotal>();
  const purposes = new Map<string, GroupTotal>();
  for (const group of groups) {
    const [day, purpose] = String(group.key).split('|');
    const part = { ...group, noShow: false };
    const byDay = days.get(Number(day)) ?? new GroupTotal(Number(day));
    days.set(Number(day), byDay);
    byDay.add(part);
    const byPurpose = purposes.get(purpose) ?? new GroupTotal(purpose);
    purposes.set(purpose, byPurpose);
    byPurpose.add(part);
  }
  return {
    days: [...days.values()].map((total) => total.group()),
    purposes: [...purposes.values()].map((total) => total.group()),
  };
}
