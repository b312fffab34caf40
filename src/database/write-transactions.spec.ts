import { setImmediate as nextTick } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { WriteTransactions } from './write-transactions';

/**
 * better-sqlite3 answers synchronously, so a transaction whose work only awaits TypeORM runs
 * without interleaving by luck. These specs await real event-loop turns inside the work, which is
 * where interleaving on TypeORM's one shared connection would corrupt or fail transactions.
 */
describe('WriteTransactions on SQLite', () => {
  let dataSource: DataSource;
  let writes: WriteTransactions;

  beforeEach(async () => {
    dataSource = createDataSource({ type: 'sqlite', path: ':memory:' });
    await dataSource.initialize();
    await dataSource.runMigrations();
    writes = new WriteTransactions(dataSource);
  });

  afterEach(() => dataSource.destroy());

  const count = async () =>
    Number((await dataSource.query('SELECT COUNT(*) AS n FROM organizations'))[0].n);

  it('runs check-then-insert transactions one after another even across event-loop turns', async () => {
    const insertIfAbsent = (id: string) =>
      writes.run(async (manager) => {
        const [{ n }] = await manager.query('SELECT COUNT(*) AS n FROM organizations');
        await nextTick();
        if (Number(n) > 0) return false;
        await manager.query('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, 0)', [
          id,
          id,
        ]);
        return true;
      });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => insertIfAbsent(`org-${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await count()).toBe(1);
  });

  it('rolls back everything a failed transaction wrote, and keeps serving the next one', async () => {
    const failing = writes.run(async (manager) => {
      await manager.query("INSERT INTO organizations (id, name, created_at) VALUES ('a', 'a', 0)");
      await nextTick();
      throw new Error('boom');
    });
    const next = writes.run(async (manager) => {
      await manager.query("INSERT INTO organizations (id, name, created_at) VALUES ('b', 'b', 0)");
    });
    await expect(failing).rejects.toThrow('boom');
    await next;
    expect(await dataSource.query('SELECT id FROM organizations')).toEqual([{ id: 'b' }]);
  });
});
