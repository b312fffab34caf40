import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { formatInstant } from '../scheduling';
import { domainErrorFor, isRetryable, refusedAllocation } from '../common/database-errors';
import { Dialect } from './dialect';
import { HeldInsert, holdInserts, fewestStatements } from './insert-rows';

export interface WriteTransactionOptions {
  /** Test-only (MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS): skip the PostgreSQL resource locks. */
  resourceLocks: boolean;
}

/**
 * What a write locks, declared when it starts (`writes.run(locks, work)`). The unit takes every
 * lock before `work` runs, always in this order: idempotency key, named task, center calendar,
 * resources (sorted). On SQLite the write queue already serializes every write and only the
 * declaration is kept (the allocation writes check against it); on PostgreSQL each is a
 * transaction-scoped advisory lock, held until commit or rollback.
 */
export interface WriteLocks {
  /** A request with an Idempotency-Key: requests carrying the same user's key run one at a time. */
  idempotency?: { userId: string; key: string };
  /** A start-up task (demo seed, the configured admin) that one writer at a time performs. */
  named?: string;
  /**
   * The center whose calendar (closures, hours) the write checks sessions against: a center id
   * (taken shared), or `{ centerId, mode: 'exclusive' }` for a write that changes it (a new
   * closure), so that a booking committed at the same moment is either listed by the closure or
   * sees it.
   */
  calendar?: string | { centerId: string; mode: 'shared' | 'exclusive' };
  /**
   * Every resource whose allocations the work creates, moves, releases or reads for a conflict
   * decision (a request's: `heldIds(context)`; a stored booking's: `resourcesOf(booking)`). When
   * they are only known from the database (a user's upcoming bookings, the job's due no-shows),
   * a read that answers them; it runs inside the transaction, before the resource locks.
   */
  resources?: readonly string[] | ((manager: EntityManager) => Promise<readonly string[]>);
}

/**
 * What `tx.audit()` takes. The audit log's writer declares it (module augmentation in
 * `audit-log/audit-log.ts`), so that this module does not import src/audit-log.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WriteAuditTypes {}
export type WriteAuditEvent = WriteAuditTypes extends { event: infer E } ? E : never;

/** Writes a write's audit entries, in its transaction (provided by src/audit-log). */
export interface AuditTrail {
  append(manager: EntityManager, events: readonly WriteAuditEvent[]): Promise<void>;
}
export const AUDIT_TRAIL = Symbol('AuditTrail');

/**
 * One write in progress: its transaction's manager, the resources it declared, and the audit
 * entries it records (written by the unit after the work, in the same transaction).
 */
export class WriteTx {
  readonly audited: WriteAuditEvent[] = [];

  constructor(
    readonly manager: EntityManager,
    /** The resources this write declared (and, on PostgreSQL, holds the locks of). */
    readonly resources: ReadonlySet<string>,
  ) {}

  /** Records an audit entry of this write; it is committed (or rolled back) with the write. */
  audit(event: WriteAuditEvent): void {
    this.audited.push(event);
  }

  /**
   * Called by every repository method that writes allocations: throws an internal error (a 500,
   * never a silent race) when one of the resources was not declared in `writes.run`.
   */
  assertDeclared(resourceIds: Iterable<string>, what: string): void {
    for (const id of resourceIds) {
      if (!this.resources.has(id)) {
        throw new UndeclaredLockError(
          `${what}: resource ${id} was not declared in the write's locks (writes.run({ resources }))`,
        );
      }
    }
  }
}

/** A write touched allocations of a resource it did not declare: a programming error. */
export class UndeclaredLockError extends Error {
  override readonly name = 'UndeclaredLockError';
}

/** How often a PostgreSQL transaction that lost a deadlock or serialization race is run again. */
const MAX_ATTEMPTS = 4;

/**
 * Advisory lock namespaces (the first key of PostgreSQL's two-key advisory locks). Locks are
 * always taken in this order within a transaction: idempotency key, named, center calendar,
 * resources.
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

interface AdvisoryLock {
  lockClass: number;
  key: number;
  shared: boolean;
}

/**
 * Every write runs through here: `run(locks, (tx) => work)`.
 *
 * SQLite: TypeORM shares one connection, and concurrent `dataSource.transaction()` calls interleave
 * on it (see STACK.md), so transactions are queued one after another in this process and each
 * starts with `BEGIN IMMEDIATE`, which takes the database's write lock up front (another process
 * on the same file waits for it through the busy timeout instead of failing half-way).
 *
 * PostgreSQL (several instances): each call is an ordinary READ COMMITTED transaction on its own
 * pooled connection, with no queue. Writers that could decide on the same allocations serialize on
 * the transaction-scoped advisory locks they declared, taken before the work reads anything; every
 * statement after the lock sees what the previous holder committed. A transaction that loses a
 * deadlock or serialization race is run again; database errors that a request caused (the
 * exclusion constraint, a unique key) become DomainErrors, never a 500.
 */
@Injectable()
export class WriteTransactions {
  private queueTail: Promise<void> = Promise.resolve();
  readonly postgres: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WriteTransactionOptions = { resourceLocks: true },
    private readonly auditTrail: AuditTrail | null = null,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /**
   * Runs `work` in one write transaction after taking every lock `locks` declares (see
   * `WriteLocks`), then writes the audit entries the work recorded with `tx.audit()`, and commits.
   */
  run<T>(locks: WriteLocks, work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.transaction(async (manager) => {
      const tx = new WriteTx(manager, await this.takeLocks(manager, locks));
      const result = await work(tx);
      await this.writeAudit(tx);
      return result;
    });
  }

  /**
   * Runs a periodic job's write on one instance at a time: on PostgreSQL it first tries a
   * transaction-scoped advisory lock named after the job and, if another instance holds it, does
   * nothing and answers `{ ran: false }`; then as `run`. The work must still be idempotent
   * (conditional updates such as `… WHERE status = 'booked'`): the next instance may run it right
   * after this one.
   */
  async runJobOnce<T>(
    job: string,
    locks: WriteLocks,
    work: (tx: WriteTx) => Promise<T>,
  ): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.transaction(async (manager) => {
      if (this.postgres) {
        const [{ acquired }] = await manager.query<Array<{ acquired: boolean }>>(
          'SELECT pg_try_advisory_xact_lock($1, $2) AS acquired',
          [LOCK_CLASS.job, lockKey(job)],
        );
        if (!acquired) return { ran: false as const };
      }
      const tx = new WriteTx(manager, await this.takeLocks(manager, locks));
      const result = await work(tx);
      await this.writeAudit(tx);
      return { ran: true as const, result };
    });
  }

  private async writeAudit(tx: WriteTx): Promise<void> {
    if (tx.audited.length === 0) return;
    if (!this.auditTrail) throw new Error('tx.audit(): no audit trail is registered');
    await this.auditTrail.append(tx.manager, tx.audited);
  }

  /** Takes the declared locks in the documented order; answers the declared resources. */
  private async takeLocks(manager: EntityManager, locks: WriteLocks): Promise<Set<string>> {
    const advisory: AdvisoryLock[] = [];
    if (locks.idempotency) {
      const { userId, key } = locks.idempotency;
      advisory.push({
        lockClass: LOCK_CLASS.idempotencyKey,
        key: lockKey(`${userId}\u0000${key}`),
        shared: false,
      });
    }
    if (locks.named !== undefined) {
      advisory.push({ lockClass: LOCK_CLASS.named, key: lockKey(locks.named), shared: false });
    }
    const guarded = this.options.resourceLocks;
    if (locks.calendar !== undefined && guarded) {
      const { centerId, mode } =
        typeof locks.calendar === 'string'
          ? { centerId: locks.calendar, mode: 'shared' as const }
          : locks.calendar;
      advisory.push({
        lockClass: LOCK_CLASS.calendar,
        key: lockKey(centerId),
        shared: mode === 'shared',
      });
    }
    let resources: readonly string[] = [];
    if (typeof locks.resources === 'function') {
      // The read that names them runs after the locks above (a job's read, never a request's).
      await this.advisoryLocks(manager, advisory.splice(0));
      resources = await locks.resources(manager);
    } else if (locks.resources) {
      resources = locks.resources;
    }
    const declared = new Set(resources);
    if (guarded) {
      const keys = [...new Set([...declared].map((id) => lockKey(id)))].sort((a, b) => a - b);
      for (const key of keys) advisory.push({ lockClass: LOCK_CLASS.resource, key, shared: false });
    }
    await this.advisoryLocks(manager, advisory);
    return declared;
  }

  /**
   * Takes the locks in the order given, in one statement (one round trip however many there
   * are): the rows of `unnest … WITH ORDINALITY` come in array order, and each row's lock is
   * taken as the row is produced. The keys are integers written into the statement, so that it
   * has no parameters and the write's `START TRANSACTION` travels with it (`PostgresWrite`).
   */
  private async advisoryLocks(manager: EntityManager, locks: AdvisoryLock[]): Promise<void> {
    if (!this.postgres || locks.length === 0) return;
    const int = (n: number): string => {
      if (!Number.isInteger(n)) throw new Error(`advisory lock: ${n} is not an integer`);
      return String(n);
    };
    const sql =
      locks.length === 1
        ? `SELECT ${locks[0].shared ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(${int(locks[0].lockClass)}, ${int(locks[0].key)})`
        : `SELECT CASE WHEN l.shared THEN pg_advisory_xact_lock_shared(l.class, l.key)
                   ELSE pg_advisory_xact_lock(l.class, l.key) END
         FROM unnest(ARRAY[${locks.map((l) => int(l.lockClass)).join(', ')}]::int4[],
                     ARRAY[${locks.map((l) => int(l.key)).join(', ')}]::int4[],
                     ARRAY[${locks.map((l) => String(l.shared)).join(', ')}]::bool[])
              WITH ORDINALITY AS l(class, key, shared, n)
        ORDER BY l.n`;
    const write = manager.queryRunner && PostgresWrite.of(manager.queryRunner);
    if (write) await write.beginWith(sql);
    else await manager.query(sql);
  }

  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
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

  private async inPostgresTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const write = new PostgresWrite(this.dataSource.createQueryRunner());
      try {
        const result = await work(write.runner.manager);
        await write.commit();
        return result;
      } catch (error) {
        await write.rollback();
        if (isRetryable(error) && attempt < MAX_ATTEMPTS) continue;
        throw await this.asDomainError(error);
      } finally {
        await write.runner.release();
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

  /**
   * SQLite: our own `BEGIN IMMEDIATE` on a query runner. TypeORM does not know a transaction is
   * open, so nothing inside may call `save()` or `remove()` (they would open their own and fail
   * loudly with "cannot start a transaction within a transaction"): the repositories write with
   * `insert`, `update` and `delete`, which do not.
   */
  private async inImmediateTransaction<T>(
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    let open = false;
    try {
      await runner.query('BEGIN IMMEDIATE');
      open = true;
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      open = false;
      return result;
    } catch (error) {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

const writes = new WeakMap<QueryRunner, PostgresWrite>();

/**
 * One write transaction on PostgreSQL, on its own pooled connection, sent in as few round trips
 * as its statements allow:
 * - `START TRANSACTION` is not sent alone: it goes with the write's lock statement, which has no
 *   parameters (a simple query may hold several statements), or else just before its first one;
 * - the rows the write inserts (`insertRows`: the booking, its sessions and allocations, the
 *   outbox's event, the audit entries) are held and sent as one statement (`WITH … INSERT`)
 *   before the write's next statement, or before `COMMIT`.
 * Every statement of the work goes through the query runner, so each one sees what the earlier
 * ones wrote, as in any transaction.
 */
class PostgresWrite {
  private begun = false;
  private readonly held: HeldInsert[] = [];
  private readonly send: (query: string, parameters?: unknown[]) => Promise<unknown>;

  constructor(readonly runner: QueryRunner) {
    const send = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    this.send = send;
    writes.set(runner, this);
    holdInserts(runner, this.held);
    // TypeORM's own statements in the work (find, update…) go through here too.
    runner.query = (async (query: string, parameters?: unknown[], structured?: boolean) => {
      await this.ready();
      return send(query, parameters, structured);
    }) as QueryRunner['query'];
    // `START TRANSACTION` is ours: a `save()` inside must not open another.
    (runner as { isTransactionActive: boolean }).isTransactionActive = true;
  }

  static of(runner: QueryRunner): PostgresWrite | undefined {
    return writes.get(runner);
  }

  /** Opens the transaction with `sql` (a statement without parameters) in one round trip. */
  async beginWith(sql: string): Promise<void> {
    if (this.begun) {
      await this.ready();
      await this.send(sql);
      return;
    }
    this.begun = true;
    await this.send(`START TRANSACTION; ${sql}`);
  }

  async commit(): Promise<void> {
    if (!this.begun && this.held.length === 0) return;
    await this.ready();
    await this.send('COMMIT');
    this.begun = false;
  }

  async rollback(): Promise<void> {
    this.held.length = 0;
    if (!this.begun) return;
    this.begun = false;
    await this.send('ROLLBACK').catch(() => undefined);
  }

  /** Opens the transaction and sends the held inserts, before another statement. */
  private async ready(): Promise<void> {
    if (!this.begun) {
      this.begun = true;
      await this.send('START TRANSACTION');
    }
    if (this.held.length === 0) return;
    for (const { text, values } of fewestStatements(this.held.splice(0))) {
      await this.send(Dialect.named(true).sql(text), values);
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
