import { DataSource } from 'typeorm';
import { DomainError } from '../src/common/domain-error';
import { createDataSource } from '../src/database/data-source';
import { WriteTransactions } from '../src/database/write-transactions';
import { createScratchSchema, dropScratchSchema, describeOnPostgres } from './support/postgres';

/**
 * WriteTransactions on PostgreSQL, as two instances see it: two DataSources (two connection
 * pools) on one fresh schema.
 */
describeOnPostgres(__filename, 'WriteTransactions on PostgreSQL', (databaseUrl) => {
  let schema: string;
  let sources: DataSource[];
  let writers: WriteTransactions[];

  beforeAll(async () => {
    const scratch = await createScratchSchema(databaseUrl);
    schema = scratch.schema;
    sources = [0, 1].map(() =>
      createDataSource({ type: 'postgres', url: scratch.url, schema: scratch.schema }),
    );
    for (const source of sources) await source.initialize();
    await sources[0].runMigrations();
    writers = sources.map((source) => new WriteTransactions(source));
  });

  afterAll(async () => {
    for (const source of sources ?? []) if (source.isInitialized) await source.destroy();
    if (schema) await dropScratchSchema(databaseUrl, schema);
  });

  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };

  it('serializes check-then-insert on one resource across instances', async () => {
    const insertIfAbsent = (writes: WriteTransactions, id: string) =>
      writes.run({ resources: ['resource-b', 'resource-a'] }, async ({ manager }) => {
        const [{ n }] = await manager.query(
          "SELECT COUNT(*) AS n FROM organizations WHERE name LIKE 'race-%'",
        );
        if (n > 0) return false;
        await manager.query('INSERT INTO organizations (id, name, created_at) VALUES ($1, $1, 0)', [
          id,
        ]);
        return true;
      });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => insertIfAbsent(writers[i % 2], `race-${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('runs a job on one instance at a time', async () => {
    const inside = gate();
    const release = gate();
    const first = writers[0].runJobOnce('no-show-release', {}, async () => {
      inside.open();
      await release.opened;
      return 'done';
    });
    await inside.opened;
    const second = await writers[1].runJobOnce('no-show-release', {}, () =>
      Promise.resolve('done'),
    );
    release.open();
    expect(second).toEqual({ ran: false });
    expect(await first).toEqual({ ran: true, result: 'done' });
    expect(await writers[1].runJobOnce('no-show-release', {}, () => Promise.resolve(1))).toEqual({
      ran: true,
      result: 1,
    });
  });

  it('answers a unique key lost to another instance as ALREADY_EXISTS, not a 500', async () => {
    const insert = (writes: WriteTransactions) =>
      writes.run({}, ({ manager }) =>
        manager.query(
          "INSERT INTO organizations (id, name, created_at) VALUES (gen_random_uuid()::text, 'twin', 0)",
        ),
      );
    const results = await Promise.allSettled([insert(writers[0]), insert(writers[1])]);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    const reason = refused[0].reason as DomainError;
    expect(reason).toBeInstanceOf(DomainError);
    expect(reason.code).toBe('ALREADY_EXISTS');
  });
});
