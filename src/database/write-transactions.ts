import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { formatInstant } from '../scheduling';
import { domainErrorFor, isRetryable, refusedAllocation } from '../common/database-errors';

export interface WriteTransactionOptions {
  /** Test-only (MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS): skip the PostgreSQL resource locks. */
  resourceLocks: boolean;
}

/** How often a PostgreSQL transaction that lost a deadlock or serialization race is run again. */
const MAX_ATTEMPTS = 4;

/**
 * Advisory lock namespaces (the first key of PostgreSQL's two-key advisory locks). Locks are
 * always taken in this order within a transaction: idempotency key, center calendar, resources.
 */
const LOCK_CLASS = {
  idempotencyKey: 0x4d4b0001,
  calendar: 0x4d4b0002,
  resource: 0x4d4b0003,
  named: 0x4d4b0004,
  job: 0x4d4b0005,
  migrations: 0x4d4b0006,
} as const;

/** A 32-bit key for a string; a collision only makes two unrelated writers wait for each other. */
export function lockKey(value: string): number {
  return createHash('sha256').update(value).digest().readInt32BE(0);
}

/**
 * Every write that can create, move or release an allocation runs through here.
 *
 * SQLite: TypeORM shares one connection, and concurrent `dataSource.transaction()` calls interleave
 * on it (see STACK.md), so transactions are queued one after another in this process and each
 * starts with `BEGIN IMMEDIATE`, which takes the database's write lock up front (another process
 * on the same file waits for it through the busy timeout instead of failing half-way).
 *
 * PostgreSQL (several instances): each call is an ordinary READ COMMITTED transaction on its own
 * pooled connection, with no queue. Writers that could decide on the same allocations serialize on
 * transaction-scoped advisory locks (`lockResources`, `lockCalendar`), taken before their conflict
 * reads; every statement after the lock sees what the previous holder committed. A transaction that
 * loses a deadlock or serialization race is run again; database errors that a request caused (the
 * exclusion constraint, a unique key) become DomainErrors, never a 500.
 */
@Injectable()
export class WriteTransactions {
  private queueTail: Promise<void> = Promise.resolve();
  readonly postgres: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WriteTransactionOptions = { resourceLocks: true },
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.postgres) return this.inPostgresTransaction(work);
    const previous = this.queueTail;
    let leave!: () => void;
    this.queueTail = new Promise<void>((resolve) => (leave = resolve));
    await previous;
    try {
      return await this.inImmediateTransaction(work);
    } finally {
      leave();
    }
  }

  /**
   * Call first thing inside `run` with every resource whose allocations the work may create, move,
   * release or read for a conflict decision (a booking's resource and its equipment pools). On
   * SQLite the queue and `BEGIN IMMEDIATE` already serialize every write, so this does nothing; on
   * PostgreSQL it takes one transaction-scoped advisory lock per resource, in a fixed (sorted)
   * order so that two writers cannot deadlock on them. Held until commit or rollback.
   */
  async lockResources(manager: EntityManager, resourceIds: readonly string[]): Promise<void> {
    if (!this.options.resourceLocks) return;
    await this.advisoryLocks(
      manager,
      LOCK_CLASS.resource,
      resourceIds.map((id) => lockKey(id)),
      'exclusive',
    );
  }

  /**
   * A center's calendar (closures): writes that check sessions against it take it `shared` (before
   * `lockResources`), a new closure takes it `exclusive`, so that a booking committed at the same
   * moment as a closure is either listed by the closure or sees it. No-op on SQLite.
   */
  async lockCalendar(
    manager: EntityManager,
    centerId: string,
    mode: 'shared' | 'exclusive',
  ): Promise<void> {
    if (!this.options.resourceLocks) return;
    await this.advisoryLocks(manager, LOCK_CLASS.calendar, [lockKey(centerId)], mode);
  }

  /** Serializes requests that carry the same user's Idempotency-Key (taken before anything). */
  async lockIdempotencyKey(manager: EntityManager, userId: string, key: string): Promise<void> {
    await this.advisoryLocks(
      manager,
      LOCK_CLASS.idempotencyKey,
      [lockKey(`${userId}\u0000${key}`)],
      'exclusive',
    );
  }

  /** One writer at a time for a named start-up task (demo seed, the configured admin). */
  async lockNamed(manager: EntityManager, name: string): Promise<void> {
    await this.advisoryLocks(manager, LOCK_CLASS.named, [lockKey(name)], 'exclusive');
  }

  /**
   * Runs a periodic job's transaction on one instance at a time: on PostgreSQL it first tries a
   * transaction-scoped advisory lock named after the job and, if another instance holds it, does
   * nothing and answers `{ ran: false }`. The work must still be idempotent (conditional updates
   * such as `… WHERE status = 'booked'`): the next instance may run it right after this one.
   */
  async runJobOnce<T>(
    job: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.run(async (manager) => {
      if (this.postgres) {
        const [{ acquired }] = await manager.query<Array<{ acquired: boolean }>>(
          'SELECT pg_try_advisory_xact_lock($1, $2) AS acquired',
          [LOCK_CLASS.job, lockKey(job)],
        );
        if (!acquired) return { ran: false as const };
      }
      return { ran: true as const, result: await work(manager) };
    });
  }

  private async advisoryLocks(
    manager: EntityManager,
    lockClass: number,
    keys: number[],
    mode: 'shared' | 'exclusive',
  ): Promise<void> {
    if (!this.postgres) return;
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    for (const key of [...new Set(keys)].sort((a, b) => a - b)) {
      await manager.query(`SELECT ${fn}($1, $2)`, [lockClass, key]);
    }
  }

  private async inPostgresTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => work(manager));
      } catch (error) {
        if (isRetryable(error) && attempt < MAX_ATTEMPTS) continue;
        throw await this.asDomainError(error);
      }
    }
  }

  /** A database error that the request caused, as the error API.md names for it. */
  private async asDomainError(error: unknown): Promise<unknown> {
    const mapped = domainErrorFor(error);
    if (!mapped) return error;
    const refused = refusedAllocation(error);
    if (mapped.code !== 'BOOKING_CONFLICT' || !refused) return mapped;
    const [row] = (await this.dataSource
      .query(
        'SELECT c.timezone FROM resources r JOIN centers c ON c.id = r.center_id WHERE r.id = $1',
        [refused.resourceId],
      )
      .catch(() => [])) as Array<{ timezone: string }>;
    if (!row) return mapped;
    return new DomainError(
      'BOOKING_CONFLICT',
      `${formatInstant(refused.start, row.timezone)} (booked): another booking took this slot at the same moment`,
      {
        conflicts: [
          {
            start: formatInstant(refused.start, row.timezone),
            end: formatInstant(refused.end, row.timezone),
            resourceId: refused.resourceId,
            reason: 'booked',
          },
        ],
      },
    );
  }

  private async inImmediateTransaction<T>(
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    let open = false;
    try {
      await runner.query('BEGIN IMMEDIATE');
      open = true;
      setTransactionActive(runner, true);
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      open = false;
      return result;
    } catch (error) {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      setTransactionActive(runner, false);
      await runner.release();
    }
  }
}

/**
 * Holds a session-level advisory lock while `work` runs (PostgreSQL): instances that start at the
 * same moment apply migrations one after another. On SQLite, just runs `work`.
 */
export async function withMigrationLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1, 0)', [LOCK_CLASS.migrations]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, 0)', [LOCK_CLASS.migrations]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * TypeORM starts its own transaction around `save()` unless it believes one is active; the flag
 * tells it that ours is. On better-sqlite3 every query runner shares the one connection, so the
 * flag is in effect process-wide while a transaction runs; the queue makes that hold.
 */
function setTransactionActive(runner: QueryRunner, active: boolean): void {
  (runner as { isTransactionActive: boolean }).isTransactionActive = active;
}
