import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { HeavyReads } from './heavy-reads';

describe('HeavyReads on a SQLite file', () => {
  let dir: string;
  let dataSource: DataSource;
  let reads: HeavyReads;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'makon-heavy-reads-'));
    dataSource = createDataSource({ type: 'sqlite', path: join(dir, 'makon.sqlite') });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    // The timer is not started (0): the spec runs the checkpoints itself.
    reads = new HeavyReads(dataSource, { worker: true, checkpointEveryMs: 0, workers: 1 });
    await reads.start();
  });

  afterEach(async () => {
    await reads.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const insertRows = (count: number) =>
    dataSource.query(
      `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
       INSERT INTO t (body) SELECT printf('%0500d', i) FROM c`,
      [count],
    );

  it('starts its first worker with the app, before the first read', () => {
    expect(reads.workersRunning).toBe(1);
  });

  it('answers in the worker thread what the app connection answers', async () => {
    await insertRows(100);
    const sql = 'SELECT id, length(body) AS size FROM t WHERE id > ? ORDER BY id LIMIT 3';
    expect(reads.inWorkers).toBe(true);
    expect(await reads.query(sql, [97])).toEqual(await dataSource.query(sql, [97]));
  });

  it("keeps a 2 MB page cache in the worker, not the app connection's 16 MB", async () => {
    expect(await reads.query('PRAGMA cache_size', [])).toEqual([{ cache_size: -2000 }]);
    expect(await dataSource.query('PRAGMA cache_size')).toEqual([{ cache_size: -16000 }]);
  });

  it('refuses a statement that writes, and the file is unchanged', async () => {
    await expect(reads.query('DELETE FROM t', [])).rejects.toThrow(/read statements only/);
    await expect(reads.query('INSERT INTO t (body) SELECT 1 RETURNING id', [])).rejects.toThrow(
      /readonly/i,
    );
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('checkpoints the WAL in the worker, between its reads, since the writer no longer does', async () => {
    await reads.checkpoint('TRUNCATE');
    // 10,000 rows of 500 bytes: more than the 1,000 pages after which the writer used to checkpoint.
    await insertRows(10_000);
    const wal = join(dir, 'makon.sqlite-wal');
    expect(statSync(wal).size).toBeGreaterThan(1000 * 4096);
    const passive = await reads.checkpoint();
    expect(passive).toMatchObject({ busy: 0 });
    expect(passive?.checkpointed).toBe(passive?.log);
    // Nothing written since: the next tick does nothing.
    expect(await reads.checkpoint()).toBeUndefined();
    await reads.checkpoint('TRUNCATE');
    expect(statSync(wal).size).toBe(0);
  });

  it('leaves no WAL behind once stopped and the app connection closed (it closes last)', async () => {
    await insertRows(1000);
    await Promise.all([reads.query('SELECT 1', []), reads.checkpoint()]);
    await reads.stop();
    await dataSource.destroy();
    expect(existsSync(join(dir, 'makon.sqlite-wal'))).toBe(false);
  });

  /** A read that keeps its worker busy for a while (counting to `n` in SQL). */
  const longRead = (n: number) =>
    reads.query(
      `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
       SELECT COUNT(*) AS n FROM c`,
      [n],
    );

  it('with one worker, answers reads in turn', async () => {
    const order: string[] = [];
    await Promise.all([
      longRead(2_000_000).then(() => order.push('long')),
      reads.query('SELECT 1 AS n', []).then(() => order.push('short')),
    ]);
    expect(order).toEqual(['long', 'short']);
    expect(reads.workersRunning).toBe(1);
  });

  it('with two workers, answers a short read while a long one runs, starting the second only then', async () => {
    await reads.stop();
    reads = new HeavyReads(dataSource, { worker: true, checkpointEveryMs: 0, workers: 2 });
    await reads.query('SELECT 1', []);
    await reads.query('SELECT 1', []);
    expect(reads.workersRunning).toBe(1);
    const order: string[] = [];
    // Long enough (about a second) for the second worker to start and answer meanwhile.
    await Promise.all([
      longRead(10_000_000).then(() => order.push('long')),
      reads.query('SELECT 1 AS n', []).then(() => order.push('short')),
    ]);
    expect(order).toEqual(['short', 'long']);
    expect(reads.workersRunning).toBe(2);
    await reads.stop();
    reads = new HeavyReads(dataSource, { worker: true, checkpointEveryMs: 0, workers: 2 });
    await insertRows(10);
    // A checkpoint while the one worker reads waits behind it instead of starting a second.
    await Promise.all([longRead(1_000_000), reads.checkpoint()]);
    expect(reads.workersRunning).toBe(1);
    // Never more than two: a third read at once waits in the least busy.
    await Promise.all([longRead(100_000), longRead(100_000), longRead(100_000)]);
    expect(reads.workersRunning).toBe(2);
  });

  it('reads on the app connection after shutdown', async () => {
    await reads.stop();
    expect(await reads.query('SELECT COUNT(*) AS n FROM t', [])).toEqual([{ n: 0 }]);
  });
});

describe('HeavyReads on an in-memory SQLite database', () => {
  it('reads on the app connection (a memory database cannot be shared)', async () => {
    const dataSource = createDataSource({ type: 'sqlite', path: ':memory:' });
    await dataSource.initialize();
    const reads = new HeavyReads(dataSource);
    await reads.start();
    try {
      expect(reads.inWorkers).toBe(false);
      expect(await reads.query('SELECT ? + 1 AS n', [41])).toEqual([{ n: 42 }]);
    } finally {
      await reads.stop();
      await dataSource.destroy();
    }
  });
});
