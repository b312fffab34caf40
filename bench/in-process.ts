/**
 * The conflict check in process: the app's `bookedConflicts` (the path every booking, move and
 * dry run takes inside its write transaction) on the app's own DataSource, for random sessions
 * and 52-session weekly series near "now", where bookings are made.
 */
import { createDataSource } from '../src/database/data-source';
import { BookingsRepository } from '../src/bookings/bookings.repository';
import { bookedConflicts } from '../src/bookings/conflict-check';
import { HeldResource } from '../src/bookings/booking-context';
import { ResourceEntity } from '../src/resources/resource.entity';
import { addDays, localDateOf, MINUTE_MS, wallToInstant } from '../src/scheduling';
import type { Session } from '../src/scheduling/types';
import { sqliteConnectionOf } from './generate';
import { ZONE } from './network';
import { Random, Summary, summarize, timed } from './stats';

export interface ConflictCheckResult {
  single: Summary;
  series: Summary;
  /** How SQLite runs the check's query (EXPLAIN QUERY PLAN). */
  plan: string[];
}

export interface ConflictCheckOptions {
  singles: number;
  series: number;
  warmup: number;
  /** The samples are taken in this many rounds over all data sets. */
  rounds: number;
}

/** Sessions are drawn from a week back to four weeks ahead, where every data set is dense. */
const DAYS_BACK = 7;
const DAYS_AHEAD = 28;

/**
 * Random conflict checks on one data set. `measureConflictChecks` runs the data sets in
 * interleaved rounds, so that the noise of a shared machine falls on every size alike.
 */
class ConflictCheckProbe {
  readonly singles: number[] = [];
  readonly series: number[] = [];
  private readonly random = new Random(42);
  private readonly projectorOf = new Map<string, ResourceEntity>();
  private resources: ResourceEntity[] = [];
  private readonly dataSource;
  private readonly repository: BookingsRepository;

  constructor(
    path: string,
    private readonly today: string,
  ) {
    this.dataSource = createDataSource({ type: 'sqlite', path });
    this.repository = new BookingsRepository(this.dataSource);
  }

  async open(): Promise<void> {
    await this.dataSource.initialize();
    this.resources = await this.dataSource.getRepository(ResourceEntity).find();
    for (const r of this.resources) {
      if (r.kind === 'equipment' && r.features.includes('projector')) {
        this.projectorOf.set(r.centerId, r);
      }
    }
  }

  /** What a booking of `resource` holds: a room with a projector when its center has one. */
  private heldFor(resource: ResourceEntity): HeldResource[] {
    const projector =
      resource.kind === 'room' ? this.projectorOf.get(resource.centerId) : undefined;
    return [
      { resource, quantity: 1 },
      ...(projector ? [{ resource: projector, quantity: 1 }] : []),
    ];
  }

  private sessions(weeks: number): Session[] {
    const first = addDays(this.today, this.random.int(-DAYS_BACK, DAYS_AHEAD));
    const startMinute = this.random.int(9 * 4, 16 * 4) * 15;
    const length = this.random.pick([60, 90, 120]);
    return Array.from({ length: weeks }, (_, week) => {
      const localDate = addDays(first, 7 * week);
      const start = wallToInstant(`${localDate}T00:00`, ZONE) + startMinute * MINUTE_MS;
      return { localDate, start, end: start + length * MINUTE_MS };
    });
  }

  async run(weeks: number, count: number, record: boolean): Promise<void> {
    for (let i = 0; i < count; i++) {
      const held = this.heldFor(this.random.pick(this.resources));
      const sessions = this.sessions(weeks);
      const ms = await timed(() =>
        bookedConflicts(this.repository, this.dataSource.manager, sessions, held),
      );
      if (record) (weeks === 1 ? this.singles : this.series).push(ms);
    }
  }

  plan(): string[] {
    return sqliteConnectionOf(this.dataSource)
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, resource_id, occurrence_id, booking_id, start_ms, end_ms, quantity
           FROM allocations
          WHERE resource_id IN (?, ?) AND active = ? AND start_ms < ? AND start_ms >= ? AND end_ms > ?`,
      )
      .all('a', 'b', 1, 2, 1, 1)
      .map((row: { detail: string }) => row.detail);
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}

export async function measureConflictChecks(
  paths: string[],
  now: number,
  options: ConflictCheckOptions,
): Promise<ConflictCheckResult[]> {
  const today = localDateOf(now, ZONE);
  const probes = paths.map((path) => new ConflictCheckProbe(path, today));
  for (const probe of probes) {
    await probe.open();
    await probe.run(1, options.warmup, false);
    await probe.run(52, Math.ceil(options.warmup / 10), false);
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const probe of probes) {
      await probe.run(1, Math.ceil(options.singles / options.rounds), true);
      await probe.run(52, Math.ceil(options.series / options.rounds), true);
    }
  }
  const results = probes.map((probe) => ({
    single: summarize(probe.singles),
    series: summarize(probe.series),
    plan: probe.plan(),
  }));
  for (const probe of probes) await probe.close();
  return results;
}
