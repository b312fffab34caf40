import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Every write that can create, move or release an allocation runs through here.
 *
 * SQLite: TypeORM shares one connection, and concurrent `dataSource.transaction()` calls interleave
 * on it (see STACK.md), so transactions are queued one after another in this process and each
 * starts with `BEGIN IMMEDIATE`, which takes the database's write lock up front (another process
 * on the same file waits for it through the busy timeout instead of failing half-way).
 */
@Injectable()
export class WriteTransactions {
  private queueTail: Promise<void> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
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
   * Call first thing inside `run` with every resource whose allocations the work may create, move
   * or read for a conflict decision. On SQLite the queue and `BEGIN IMMEDIATE` already serialize
   * every write, so this does nothing; on PostgreSQL it takes one transaction-scoped advisory lock
   * per resource, in a fixed (sorted) order so that two writers cannot deadlock.
   */
  async lockResources(_manager: EntityManager, _resourceIds: readonly string[]): Promise<void> {
    // SQLite: nothing to do (see above).
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
 * TypeORM starts its own transaction around `save()` unless it believes one is active; the flag
 * tells it that ours is. On better-sqlite3 every query runner shares the one connection, so the
 * flag is in effect process-wide while a transaction runs; the queue makes that hold.
 */
function setTransactionActive(runner: QueryRunner, active: boolean): void {
  (runner as { isTransactionActive: boolean }).isTransactionActive = active;
}
