/**
 * Builds a benchmark database: the app's own migrations on a fresh SQLite file, then centers,
 * resources, users, bookings, sessions and allocations written in bulk through prepared statements
 * on the underlying better-sqlite3 connection, inside big transactions.
 *
 * The data is what the app would have produced: every session lies inside an opening period and
 * on no closure day; exclusive resources never hold overlapping active allocations (buffers
 * included); pools never exceed their units (checked with the app's own `exclusiveClashes` and
 * `peakUse`); series are weekly RRULEs whose clashing dates became exception dates, as with
 * `skipConflicts`; past sessions were checked in, checked out, released as no-shows or completed.
 * `verifyDataSet` checks these invariants again on the stored rows.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEMO_HOLIDAYS } from '../seeds/demo-data';
import { createDataSource } from '../src/database/data-source';
import { hashPassword } from '../src/identity/passwords';
import { newResource } from '../src/resources/resources.service';
import { isExclusive, ResourceEntity } from '../src/resources/resource.entity';
import {
  addDays,
  calendarConflicts,
  DEFAULT_OPENING_HOURS,
  exclusiveClashes,
  localDateOf,
  MINUTE_MS,
  openPeriodsOn,
  peakUse,
  wallToInstant,
} from '../src/scheduling';
import {
  DEFAULT_POLICY,
  type ClosureRule,
  type Interval,
  type OpeningHours,
  type PoolUse,
} from '../src/scheduling/types';
import {
  BENCH_MAX_ADVANCE_DAYS,
  BENCH_MEMBER,
  CITIES,
  DataSetSpec,
  FREE_AFTERNOON_FROM,
  FREE_AFTERNOONS_FROM_DAY,
  FUTURE_DAYS,
  ZONE,
} from './network';
import { Random } from './stats';

/** The few better-sqlite3 calls the generator uses. */
interface Statement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): any[];
  get(...params: unknown[]): any;
}
export interface SqliteConnection {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
}

export function sqliteConnectionOf(dataSource: DataSource): SqliteConnection {
  return (dataSource.driver as unknown as { databaseConnection: SqliteConnection })
    .databaseConnection;
}

export interface GeneratedCenter {
  id: string;
  shape: string;
  resources: ResourceEntity[];
}

export interface GeneratedDataSet {
  path: string;
  centers: GeneratedCenter[];
  allocations: number;
  occurrences: number;
  bookings: number;
  users: number;
  firstDay: string;
  lastDay: string;
  seconds: number;
}

const GRACE_MINUTES = DEFAULT_POLICY.checkInGraceMinutes;
const OPENS_MINUTES = DEFAULT_POLICY.checkInOpensMinutes;
const COMMIT_EVERY = 100_000;

const DURATIONS: Record<string, number[]> = {
  desk: [60, 90, 120, 120, 180, 180, 240, 240, 300, 360, 480],
  computer: [60, 60, 90, 120, 120, 180, 180, 240],
  room: [60, 90, 120, 120, 180, 180, 240],
  equipment: [120, 180, 240],
};
const FIRST_GAPS = [0, 0, 0, 15, 30, 60, 90, 120];
const GAPS = [0, 0, 15, 15, 30, 30, 45, 60, 90];
const SERIES_CHANCE: Record<string, number> = { desk: 0.08, computer: 0.05, room: 0.35 };
const ROOM_PURPOSES = ['seminar', 'seminar', 'meeting', 'meeting', 'consultation', 'other'];
const TITLES: Record<string, string> = {
  work: 'Desk work',
  seminar: 'Seminar',
  meeting: 'Team meeting',
  consultation: 'Legal consultation',
  other: 'Community event',
};

/** How busy a day is: the past is mostly full; the future thins out towards the horizon. */
function fillFor(daysAhead: number, random: Random): number {
  if (daysAhead < 0) return 0.8 + 0.2 * random.next();
  if (daysAhead <= 7) return 0.8;
  if (daysAhead <= 30) return 0.45;
  if (daysAhead <= 60) return 0.15;
  return 0.08;
}

interface Held {
  resource: ResourceEntity;
  /** Sessions placed or reserved per local date (series reserve their earlier weeks). */
  byDate: Map<string, PoolUse[]>;
}

interface PlannedSession {
  date: string;
  start: number;
  end: number;
}

export async function generateDataSet(
  spec: DataSetSpec,
  path: string,
  now: number,
): Promise<GeneratedDataSet> {
  const began = process.hrtime.bigint();
  const dataSource = createDataSource({ type: 'sqlite', path });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const db = sqliteConnectionOf(dataSource);
  // A bulk load into a new file: no rollback journal, no syncs, a cache that holds the indexes.
  // The file is thrown away if this fails; WAL and the app's settings come back at the end.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');

  const random = new Random(0x6d616b6f + spec.targetAllocations);
  const today = localDateOf(now, ZONE);
  const statements = prepareInserts(db);
  db.exec('BEGIN');

  // ---------------------------------------------------------------- centers, resources, users
  const closures: ClosureRule[] = DEMO_HOLIDAYS.map((h) => ({
    from: `${today.slice(0, 4)}-${h.monthDay}`,
    to: `${today.slice(0, 4)}-${h.monthDay}`,
    yearly: true,
    reason: h.reason,
  }));
  const policy = { ...DEFAULT_POLICY, maxAdvanceDays: BENCH_MAX_ADVANCE_DAYS };
  const hours = structuredClone(DEFAULT_OPENING_HOURS) as OpeningHours;
  const centers: GeneratedCenter[] = spec.centers.map((shape, index) => {
    const id = randomUUID();
    const city = CITIES[index % CITIES.length];
    statements.center.run(
      id,
      `bench-${shape.label}-${index + 1}`,
      `${city} ${shape.label} center ${index + 1}`,
      city,
      city,
      ZONE,
      `House of NGOs, ${city}`,
      JSON.stringify(hours),
      JSON.stringify(policy),
      now,
    );
    for (const rule of closures) {
      statements.closure.run(randomUUID(), id, rule.from, rule.to, rule.reason, now);
    }
    const resources = shape.resources.map((fields) => {
      const resource = newResource(id, fields, now);
      statements.resource.run(
        resource.id,
        id,
        resource.kind,
        resource.name,
        resource.capacity,
        resource.quantity,
        JSON.stringify(resource.features),
        resource.requiresApproval ? 1 : 0,
        resource.checkInRequired ? 1 : 0,
        resource.minDurationMinutes,
        resource.maxDurationMinutes,
        resource.bufferMinutes,
        resource.qrToken,
        now,
      );
      return resource;
    });
    return { id, shape: shape.label, resources };
  });

  const passwordHash = await hashPassword(BENCH_MEMBER.password);
  const organizations = Array.from({ length: 40 }, (_, i) => {
    const id = randomUUID();
    statements.organization.run(id, `NGO ${i + 1}`, now);
    return id;
  });
  const resourceCount = centers.reduce((n, c) => n + c.resources.length, 0);
  const insertUser = (email: string, name: string, role: string): string => {
    const id = randomUUID();
    statements.user.run(id, email, name, passwordHash, role, random.pick(organizations), now);
    return id;
  };
  insertUser(BENCH_MEMBER.email, 'Bench Member', 'member');
  const members = Array.from({ length: Math.max(50, resourceCount * 8) }, (_, i) =>
    insertUser(`member${i + 1}@makon.bench`, `Member ${i + 1}`, 'member'),
  );
  const trainers = Array.from({ length: Math.max(10, resourceCount) }, (_, i) =>
    insertUser(`trainer${i + 1}@makon.bench`, `Trainer ${i + 1}`, 'trainer'),
  );
  const coordinators = centers.map((center, i) => {
    const id = insertUser(`coordinator${i + 1}@makon.bench`, `Coordinator ${i + 1}`, 'coordinator');
    statements.userCenter.run(id, center.id);
    return id;
  });

  // The numbers the database gave the users (migration OwnerNumbers), which each session keeps.
  const numberOf = new Map(
    (db.prepare('SELECT id, number FROM users').all() as Array<{ id: string; number: number }>).map(
      (u) => [u.id, u.number],
    ),
  );

  // ---------------------------------------------------------------- bookings, day by day
  const counts = { allocations: 0, occurrences: 0, bookings: 0, sinceCommit: 0 };
  const held = new Map<string, Held>();
  for (const center of centers) {
    for (const resource of center.resources) held.set(resource.id, { resource, byDate: new Map() });
  }
  const usesOn = (resourceId: string, date: string): PoolUse[] => {
    const entry = held.get(resourceId)!;
    let uses = entry.byDate.get(date);
    if (!uses) entry.byDate.set(date, (uses = []));
    return uses;
  };
  const dayStarts = new Map<string, number>();
  const startOf = (date: string): number => {
    let start = dayStarts.get(date);
    if (start === undefined) dayStarts.set(date, (start = wallToInstant(`${date}T00:00`, ZONE)));
    return start;
  };
  const openDays = new Map<string, boolean>();
  const isOpenDay = (date: string): boolean => {
    let open = openDays.get(date);
    if (open === undefined) {
      openDays.set(date, (open = openPeriodsOn(date, ZONE, hours, closures).length > 0));
    }
    return open;
  };
  /** `YYYY-MM-DDTHH:mm` of an instant on `date` (the zone has no DST: minutes from midnight). */
  const wallOf = (date: string, instant: number): string => {
    const minutes = Math.round((instant - startOf(date)) / MINUTE_MS);
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    return `${date}T${hh}:${String(minutes % 60).padStart(2, '0')}`;
  };

  const writeBooking = (
    center: GeneratedCenter,
    resource: ResourceEntity,
    sessions: PlannedSession[],
    exceptions: string[],
    equipment: Array<{ resource: ResourceEntity; quantity: number }>,
    quantity: number,
  ): void => {
    const id = randomUUID();
    const first = sessions[0];
    const room = resource.kind === 'room';
    const purpose = room ? random.pick(ROOM_PURPOSES) : 'work';
    const owner = room && random.chance(0.7) ? random.pick(trainers) : random.pick(members);
    const creator = room && random.chance(0.1) ? coordinators[centers.indexOf(center)] : owner;
    let status = 'confirmed';
    let rejectionReason: string | null = null;
    const roll = random.next();
    if (resource.requiresApproval && roll < 0.05) {
      status = 'rejected';
      rejectionReason = 'The hall is reserved for the center’s own event';
    } else if (resource.requiresApproval && first.start > now && roll < 0.2) status = 'pending';
    else if (roll < 0.03) status = 'cancelled';
    const createdAt = Math.min(now, first.start - random.int(1, 20) * 24 * 60 * MINUTE_MS);
    const attendees = room ? random.int(2, resource.capacity ?? 2) : null;
    statements.booking.run(
      id,
      center.id,
      resource.id,
      owner,
      creator,
      TITLES[purpose],
      purpose,
      attendees,
      quantity,
      status,
      wallOf(first.date, first.start),
      wallOf(first.date, first.end),
      sessions.length + exceptions.length > 1
        ? `FREQ=WEEKLY;COUNT=${sessions.length + exceptions.length}`
        : null,
      JSON.stringify(exceptions),
      JSON.stringify(equipment.map((e) => ({ resourceId: e.resource.id, quantity: e.quantity }))),
      rejectionReason,
      createdAt,
      createdAt,
    );
    counts.bookings++;
    for (const session of sessions) {
      const occurrenceId = randomUUID();
      const outcome = sessionOutcome(session, resource, status, now, random);
      statements.occurrence.run(
        occurrenceId,
        id,
        session.start,
        session.end,
        outcome.status,
        outcome.checkedInAt,
        outcome.checkedOutAt,
        // The booking's fields that each session keeps (SessionEntity).
        center.id,
        resource.id,
        owner,
        numberOf.get(owner)!,
        purpose,
        attendees,
        quantity,
        status,
      );
      const holds = [{ resource, quantity }, ...equipment];
      for (const h of holds) {
        statements.allocation.run(
          randomUUID(),
          occurrenceId,
          id,
          h.resource.id,
          session.start,
          outcome.heldUntil,
          h.quantity,
          isExclusive(h.resource.kind) ? 1 : 0,
          outcome.active ? 1 : 0,
        );
      }
      counts.occurrences++;
      counts.allocations += holds.length;
      counts.sinceCommit += holds.length + 1;
    }
    if (counts.sinceCommit >= COMMIT_EVERY) {
      db.exec('COMMIT');
      db.exec('BEGIN');
      counts.sinceCommit = 0;
    }
  };

  /**
   * The weekly series ending with `last`, going back `weeks - 1` weeks: dates that are closed or
   * already taken become exception dates (and the leading ones are dropped), the rest is reserved.
   */
  const seriesEndingWith = (
    last: PlannedSession,
    weeks: number,
    uses: (date: string) => PoolUse[],
    fits: (session: Interval, taken: PoolUse[]) => boolean,
  ): { sessions: PlannedSession[]; exceptions: string[] } => {
    const sessions: PlannedSession[] = [last];
    const exceptions: string[] = [];
    const offsetStart = last.start - startOf(last.date);
    const offsetEnd = last.end - startOf(last.date);
    for (let week = 1; week < weeks; week++) {
      const date = addDays(last.date, -7 * week);
      const dayStart = startOf(date);
      const session = { date, start: dayStart + offsetStart, end: dayStart + offsetEnd };
      if (!isOpenDay(date) || !fits(session, uses(date))) exceptions.push(date);
      else sessions.unshift(session);
    }
    const firstDate = sessions[0].date;
    return { sessions, exceptions: exceptions.filter((d) => d > firstDate).sort() };
  };

  const placeExclusive = (
    center: GeneratedCenter,
    resource: ResourceEntity,
    session: PlannedSession,
  ): void => {
    const buffer = resource.bufferMinutes;
    const fits = (s: Interval, taken: PoolUse[]): boolean =>
      exclusiveClashes(s, taken, buffer).length === 0;
    const weeks = random.chance(SERIES_CHANCE[resource.kind] ?? 0)
      ? resource.kind === 'room'
        ? random.int(4, 16)
        : random.int(4, 10)
      : 1;
    const series = seriesEndingWith(session, weeks, (d) => usesOn(resource.id, d), fits);
    const equipment: Array<{ resource: ResourceEntity; quantity: number }> = [];
    if (resource.kind === 'room' && random.chance(0.3)) {
      for (const pool of center.resources.filter((r) => r.kind === 'equipment')) {
        if (!pool.features.includes('projector') && !pool.features.includes('laptop')) continue;
        const quantity = pool.features.includes('laptop') ? random.int(1, pool.quantity) : 1;
        const free = series.sessions.every(
          (s) => peakUse(usesOn(pool.id, s.date), s) + quantity <= pool.quantity,
        );
        if (free) equipment.push({ resource: pool, quantity });
      }
    }
    for (const s of series.sessions) {
      usesOn(resource.id, s.date).push({ start: s.start, end: s.end, quantity: 1 });
      for (const e of equipment) {
        usesOn(e.resource.id, s.date).push({ start: s.start, end: s.end, quantity: e.quantity });
      }
    }
    writeBooking(center, resource, series.sessions, series.exceptions, equipment, 1);
  };

  const planExclusiveDay = (
    center: GeneratedCenter,
    resource: ResourceEntity,
    date: string,
    periods: Interval[],
    limit: number,
    fill: number,
  ): void => {
    const buffer = resource.bufferMinutes * MINUTE_MS;
    for (const period of periods) {
      const end = Math.min(period.end, limit);
      let cursor = period.start + random.pick(FIRST_GAPS) * MINUTE_MS;
      for (;;) {
        const session = {
          date,
          start: cursor,
          end: cursor + random.pick(DURATIONS[resource.kind]) * MINUTE_MS,
        };
        if (session.end + (limit < period.end ? buffer : 0) > end) break;
        const taken = usesOn(resource.id, date);
        const clashes = exclusiveClashes(session, taken, resource.bufferMinutes);
        if (clashes.length > 0) {
          const freeAt = Math.max(...clashes.map((c) => c.end)) + buffer;
          cursor =
            period.start + Math.ceil((freeAt - period.start) / (15 * MINUTE_MS)) * 15 * MINUTE_MS;
          continue;
        }
        if (random.chance(fill)) placeExclusive(center, resource, session);
        cursor = session.end + buffer + random.pick(GAPS) * MINUTE_MS;
      }
    }
  };

  const planPoolDay = (
    center: GeneratedCenter,
    pool: ResourceEntity,
    date: string,
    periods: Interval[],
    fill: number,
  ): void => {
    const attempts = Math.round(random.int(0, 4) * fill);
    for (let i = 0; i < attempts; i++) {
      const period = random.pick(periods);
      const length = random.pick(DURATIONS.equipment) * MINUTE_MS;
      const slots = Math.floor((period.end - period.start - length) / (30 * MINUTE_MS));
      if (slots < 0) continue;
      const start = period.start + random.int(0, slots) * 30 * MINUTE_MS;
      const session = { date, start, end: start + length };
      const quantity = random.int(1, Math.min(3, pool.quantity));
      const taken = usesOn(pool.id, date);
      if (peakUse(taken, session) + quantity > pool.quantity) continue;
      taken.push({ start: session.start, end: session.end, quantity });
      writeBooking(center, pool, [session], [], [], quantity);
    }
  };

  const lastDay = addDays(today, FUTURE_DAYS);
  let date = lastDay;
  let daysAhead = FUTURE_DAYS;
  while (daysAhead >= 0 || counts.allocations < spec.targetAllocations) {
    const periods = openPeriodsOn(date, ZONE, hours, closures);
    if (periods.length > 0) {
      const limit =
        daysAhead >= FREE_AFTERNOONS_FROM_DAY
          ? wallToInstant(`${date}T${FREE_AFTERNOON_FROM}`, ZONE)
          : Number.MAX_SAFE_INTEGER;
      for (const center of centers) {
        const fill = fillFor(daysAhead, random);
        for (const resource of center.resources) {
          if (isExclusive(resource.kind)) {
            planExclusiveDay(center, resource, date, periods, limit, fill);
          } else planPoolDay(center, resource, date, periods, fill);
        }
      }
    }
    for (const entry of held.values()) entry.byDate.delete(date);
    date = addDays(date, -1);
    daysAhead--;
  }
  db.exec('COMMIT');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  await dataSource.destroy();

  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  return {
    path,
    centers,
    allocations: counts.allocations,
    occurrences: counts.occurrences,
    bookings: counts.bookings,
    users: members.length + trainers.length + coordinators.length + 1,
    firstDay: date,
    lastDay,
    seconds,
  };
}

interface Outcome {
  status: string;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  /** End of the allocation: earlier than the session's end after a check-out or a no-show. */
  heldUntil: number;
  active: boolean;
}

/** What became of a session by `now`, as the app's check-in, check-out and release would leave it. */
function sessionOutcome(
  session: PlannedSession,
  resource: ResourceEntity,
  bookingStatus: string,
  now: number,
  random: Random,
): Outcome {
  const booked = { checkedInAt: null, checkedOutAt: null, heldUntil: session.end };
  if (bookingStatus === 'rejected' || bookingStatus === 'cancelled') {
    return { ...booked, status: 'cancelled', active: false };
  }
  if (bookingStatus === 'pending') return { ...booked, status: 'booked', active: true };
  const checkedInAt = (): number =>
    Math.min(
      now,
      session.start +
        random.int(-OPENS_MINUTES, GRACE_MINUTES - 1) * MINUTE_MS +
        random.int(0, 59) * 1000,
    );
  const roll = random.next();
  if (session.end <= now) {
    if (!resource.checkInRequired) {
      return roll < 0.96
        ? { ...booked, status: 'completed', active: true }
        : { ...booked, status: 'cancelled', active: false };
    }
    const minutes = (session.end - session.start) / MINUTE_MS;
    if (roll < 0.72)
      return { ...booked, status: 'completed', checkedInAt: checkedInAt(), active: true };
    if (roll < 0.84 && minutes >= 60) {
      const leftAfter = random.int(30, minutes - 15);
      return {
        status: 'checked_out',
        checkedInAt: checkedInAt(),
        checkedOutAt: session.start + leftAfter * MINUTE_MS + random.int(1, 59) * 1000,
        heldUntil: session.start + (leftAfter + 1) * MINUTE_MS,
        active: true,
      };
    }
    if (roll < 0.95) {
      const releasedAt = session.start + GRACE_MINUTES * MINUTE_MS;
      return { ...booked, status: 'no_show', heldUntil: releasedAt, active: true };
    }
    return { ...booked, status: 'cancelled', active: false };
  }
  if (session.start <= now) {
    return resource.checkInRequired
      ? { ...booked, status: 'checked_in', checkedInAt: checkedInAt(), active: true }
      : { ...booked, status: 'booked', active: true };
  }
  return roll < 0.03
    ? { ...booked, status: 'cancelled', active: false }
    : { ...booked, status: 'booked', active: true };
}

function prepareInserts(db: SqliteConnection) {
  return {
    organization: db.prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)'),
    center: db.prepare(
      `INSERT INTO centers (id, slug, name, city, region, timezone, address, opening_hours, policy,
         active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    ),
    closure: db.prepare(
      `INSERT INTO closures (id, center_id, from_date, to_date, reason, yearly, created_at)
       VALUES (?, ?, ?, ?, ?, 1, ?)`,
    ),
    resource: db.prepare(
      `INSERT INTO resources (id, center_id, kind, name, capacity, quantity, features,
         requires_approval, check_in_required, min_duration_minutes, max_duration_minutes,
         buffer_minutes, active, qr_token, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    user: db.prepare(
      `INSERT INTO users (id, email, phone, name, password_hash, role, locale, organization_id,
         active, created_at) VALUES (?, ?, NULL, ?, ?, ?, 'uz', ?, 1, ?)`,
    ),
    userCenter: db.prepare('INSERT INTO user_centers (user_id, center_id) VALUES (?, ?)'),
    booking: db.prepare(
      `INSERT INTO bookings (id, center_id, resource_id, owner_id, creator_id, title, purpose,
         attendees, quantity, status, start_local, end_local, rrule, exceptions, equipment,
         rejection_reason, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    occurrence: db.prepare(
      `INSERT INTO occurrences (id, booking_id, start_ms, end_ms, status, checked_in_at,
         checked_out_at, center_id, resource_id, owner_id, owner_number, purpose, attendees,
         quantity, booking_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    allocation: db.prepare(
      `INSERT INTO allocations (id, occurrence_id, booking_id, resource_id, start_ms, end_ms,
         quantity, exclusive, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

export interface Verification {
  exclusiveOverlaps: number;
  poolsOverCapacity: number;
  sessionsOutsideCalendar: number;
  sessionsChecked: number;
}

/**
 * Checks the stored rows against the booking invariants: no two active allocations of an
 * exclusive resource overlap (with its buffer), no pool is ever over its units, and (on a sample)
 * every session lies inside the center's opening hours and on no closure day, by the app's rules.
 */
export async function verifyDataSet(path: string, sample = 5000): Promise<Verification> {
  const dataSource = createDataSource({ type: 'sqlite', path });
  await dataSource.initialize();
  const db = sqliteConnectionOf(dataSource);
  const { overlaps } = db
    .prepare(
      `SELECT count(*) AS overlaps FROM (
         SELECT a.start_ms AS start_ms, r.buffer_minutes AS buffer,
                LAG(a.end_ms) OVER (PARTITION BY a.resource_id ORDER BY a.start_ms) AS previous_end
           FROM allocations a JOIN resources r ON r.id = a.resource_id
          WHERE a.active = 1 AND a.exclusive = 1)
        WHERE previous_end IS NOT NULL AND start_ms < previous_end + buffer * 60000`,
    )
    .get();
  let poolsOverCapacity = 0;
  const pools = db.prepare(`SELECT id, quantity FROM resources WHERE kind = 'equipment'`).all();
  const usesOf = db.prepare(
    'SELECT start_ms, end_ms, quantity FROM allocations WHERE resource_id = ? AND active = 1',
  );
  for (const pool of pools) {
    const uses = usesOf
      .all(pool.id)
      .map((u) => ({ start: Number(u.start_ms), end: Number(u.end_ms), quantity: u.quantity }));
    if (peakUse(uses, { start: 0, end: Number.MAX_SAFE_INTEGER }) > pool.quantity) {
      poolsOverCapacity++;
    }
  }
  const rows = db
    .prepare(
      `SELECT o.start_ms, o.end_ms, b.resource_id, c.timezone, c.opening_hours, c.id AS center_id
         FROM occurrences o JOIN bookings b ON b.id = o.booking_id JOIN centers c ON c.id = b.center_id
        WHERE o.rowid IN (
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
          SELECT abs(random()) % (SELECT max(rowid) FROM occurrences) + 1 FROM n)`,
    )
    .all(sample);
  const closuresOf = db.prepare(
    'SELECT from_date AS "from", to_date AS "to", yearly FROM closures WHERE center_id = ?',
  );
  let outside = 0;
  for (const row of rows) {
    const closures = closuresOf
      .all(row.center_id)
      .map((c) => ({ from: c.from, to: c.to, yearly: c.yearly === 1 }));
    const start = Number(row.start_ms);
    const session = { start, end: Number(row.end_ms), localDate: localDateOf(start, row.timezone) };
    const clashes = calendarConflicts(
      [session],
      row.resource_id,
      row.timezone,
      JSON.parse(row.opening_hours),
      closures,
    );
    if (clashes.length > 0) outside++;
  }
  await dataSource.destroy();
  return {
    exclusiveOverlaps: overlaps,
    poolsOverCapacity,
    sessionsOutsideCalendar: outside,
    sessionsChecked: rows.length,
  };
}
