import { setImmediate as nextTick } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { AuditTrail, UndeclaredLockError, WriteTransactions } from './write-transactions';

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
      writes.run({}, async ({ manager }) => {
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
    const failing = writes.run({}, async ({ manager }) => {
      await manager.query("INSERT INTO organizations (id, name, created_at) VALUES ('a', 'a', 0)");
      await nextTick();
      throw new Error('boom');
    });
    const next = writes.run({}, async ({ manager }) => {
      await manager.query("INSERT INTO organizations (id, name, created_at) VALUES ('b', 'b', 0)");
    });
    await expect(failing).rejects.toThrow('boom');
    await next;
    expect(await dataSource.query('SELECT id FROM organizations')).toEqual([{ id: 'b' }]);
  });

  it('writes the audit entries a write recorded in its own transaction, or none of them', async () => {
    const appended: unknown[][] = [];
    const trail: AuditTrail = {
      append: async (manager, events) => {
        await manager.query(
          "INSERT INTO organizations (id, name, created_at) VALUES ('audited', 'audited', 0)",
        );
        appended.push([...events]);
      },
    };
    const audited = new WriteTransactions(dataSource, { resourceLocks: true }, trail);
    const event = {
      actorId: 'u',
      action: 'organization.created',
      targetType: 'organization',
      targetId: 'x',
      centerId: null,
    } as const;
    await expect(
      audited.run({}, async (tx) => {
        tx.audit(event);
        await nextTick();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(appended).toEqual([]);
    await audited.run({}, async (tx) => {
      tx.audit(event);
      await Promise.resolve();
    });
    expect(appended).toEqual([[event]]);
    expect(await count()).toBe(1);
  });

  it('knows the resources a write declared, and refuses allocation writes on any other', async () => {
    await writes.run({ resources: ['r-2', 'r-1'] }, async (tx) => {
      expect([...tx.resources].sort()).toEqual(['r-1', 'r-2']);
      expect(() => tx.assertDeclared(['r-1', 'r-2'], 'test')).not.toThrow();
      expect(() => tx.assertDeclared(['r-1', 'r-3'], 'test')).toThrow(UndeclaredLockError);
      await Promise.resolve();
    });
    const declaredLater = await writes.run({ resources: () => Promise.resolve(['r-9']) }, (tx) =>
      Promise.resolve([...tx.resources]),
    );
    expect(declaredLater).toEqual(['r-9']);
  });
});
