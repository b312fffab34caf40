import { Injectable } from '@nestjs/common';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';

export type ReadValue = string | number | null;
export type ReadRow = Record<string, unknown>;

/** What a heavy read needs of the database: its dialect and a way to run one read statement. */
export interface ReadQueries {
  readonly postgres: boolean;
  query<T extends ReadRow = ReadRow>(sql: string, params: readonly ReadValue[]): Promise<T[]>;
}

export interface HeavyReadOptions {
  /**
   * Whether reads go to the worker thread (SQLite on a file only); false: on the app's
   * connection, as on an in-memory database.
   */
  worker: boolean;
  /** How often the WAL is checkpointed off the request path (SQLite on a file only); 0: never. */
  checkpointEveryMs: number;
  /**
   * At most this many worker threads (`SQLITE_READ_WORKERS`); another starts only when a read
   * finds every started one busy.
   */
  workers: number;
}

export const HEAVY_READ_DEFAULTS: HeavyReadOptions = {
  worker: true,
  checkpointEveryMs: 1000,
  workers: 2,
};

/**
 * The worker's V8 heap limits (MB). Its answers are a page's rows or a report's groups (a few
 * thousand rows at most); the limits keep its garbage from growing the server's resident memory.
 * A worker over them stops, its reads fail with HeavyReadError, and the next read starts another.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

const WORKER_SCRIPT = join(__dirname, 'read-worker.js');

interface Pending {
  resolve(rows: ReadRow[]): void;
  reject(error: Error): void;
}

interface WorkerAnswer {
  id: number;
  rows?: ReadRow[];
  error?: { message: string; code?: string };
}

/** A database error from a worker, with SQLite's code as better-sqlite3 gives it. */
export class HeavyReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HeavyReadError';
  }
}

/** When the database's WAL file was last written (ms), or undefined when there is none. */
function walModifiedAt(file: string): number | undefined {
  try {
    return statSync(`${file}-wal`).mtimeMs;
  } catch {
    return undefined;
  }
}

/** One worker thread and the answers it still owes. */
class ReadWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(path: string, onExit: (self: ReadWorker) => void) {
    this.worker = new Worker(WORKER_SCRIPT, {
      workerData: { path },
      resourceLimits: WORKER_LIMITS,
    });
    // Unref'd while it owes no answer (as MessageRenderer's thread): an idle worker, started
    // with the app, never keeps a process alive that has nothing else to do.
    this.worker.unref();
    this.worker.on('message', (answer: WorkerAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) this.worker.unref();
      if (answer.error) waiting.reject(new HeavyReadError(answer.error.message, answer.error.code));
      else waiting.resolve(answer.rows ?? []);
    });
    const fail = (error: Error) => {
      this.closed = true;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      onExit(this);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new HeavyReadError('The read worker stopped')));
  }

  /** Reads sent and not answered yet. */
  get waiting(): number {
    return this.pending.size;
  }

  send(message: Record<string, unknown>): Promise<ReadRow[]> {
    if (this.closed) return Promise.reject(new HeavyReadError('The read worker stopped'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    await exited;
  }
}

/**
 * Heavy reads (the reports' aggregates and their CSV, the day's sessions of Today and the
 * timelines, the pages of the bookings list) without holding up everyone else.
 *
 * better-sqlite3 is synchronous: a 300 ms statement on the app's connection stops the one event
 * loop, and every other request (a booking's 2 ms) waits behind it. So on SQLite with a database
 * file, `query` runs the statement in a worker thread holding its own connection to the same
 * file, which reads only (`query_only`; WAL lets it read while the app's single writer writes;
 * each statement sees the last committed state when it starts). The writer stays the one
 * connection behind WriteTransactions. At most two workers by default (`workers`, the setting
 * `SQLITE_READ_WORKERS`, 1 to 4): the second starts only when a read finds the first busy, so
 * that a year's report does not make the next one (or a Today) wait for it; heavy reads beyond
 * that queue behind each other, never behind the event loop. Each worker keeps a small page
 * cache (read-worker.js), which is what lets two fit in the memory that one used to take.
 *
 * The same worker also takes WAL checkpoints out of requests: the writer's automatic checkpoint
 * (which ran inside whichever COMMIT crossed 1,000 pages, 400 ms on a large file) is turned off,
 * and the worker runs `PRAGMA wal_checkpoint(PASSIVE)` on a timer (between its reads; a passive
 * checkpoint never waits for the writer); the timer and the worker stop on app shutdown (`stop`).
 *
 * An in-memory SQLite database cannot be shared between connections: there, `query` runs on the
 * app's connection (the old behaviour), as do the tests that use one. On PostgreSQL it is an
 * ordinary query on the pool, which already runs concurrently.
 */
@Injectable()
export class HeavyReads implements ReadQueries {
  readonly postgres: boolean;
  /** The database file when reads go to workers; undefined: on the app's own connection. */
  private readonly file?: string;
  /** The worker threads started so far (at most `options.workers`). */
  private readers: ReadWorker[] = [];
  private checkpointRunning = false;
  /** When the WAL file was last written before the last complete checkpoint. */
  private lastCheckpointedWrite?: number;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: HeavyReadOptions = HEAVY_READ_DEFAULTS,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
    const database = dataSource.options.database;
    if (!this.postgres && typeof database === 'string' && database !== ':memory:' && database) {
      this.file = database;
    }
  }

  /** Worker threads running now. */
  get workersRunning(): number {
    return this.readers.length;
  }

  /** Whether reads run in the worker thread (SQLite on a file). */
  get inWorkers(): boolean {
    return this.file !== undefined && this.options.worker;
  }

  /**
   * Starts the first worker thread, and turns off the writer's own checkpoints and starts the
   * timer that runs them instead. Called once the schema is up to date (DatabaseModule).
   *
   * The thread boots (about 70 ms of V8 and better-sqlite3 on a slow machine) on another core
   * while the app finishes starting, instead of inside the first page that reads through it.
   */
  async start(): Promise<void> {
    if (this.inWorkers && !this.stopped) this.leastBusy();
    if (this.file === undefined || this.options.checkpointEveryMs <= 0) return;
    await this.dataSource.query('PRAGMA wal_autocheckpoint = 0');
    this.timer = setInterval(() => void this.checkpoint(), this.options.checkpointEveryMs);
    this.timer.unref();
  }

  async query<T extends ReadRow = ReadRow>(
    sql: string,
    params: readonly ReadValue[],
  ): Promise<T[]> {
    if (!this.inWorkers || this.stopped) return this.dataSource.query<T[]>(sql, [...params]);
    return (await this.leastBusy().send({ sql, params })) as T[];
  }

  /**
   * One passive checkpoint in the worker (never two at once); resolves with SQLite's
   * answer (`busy`, `log` and `checkpointed` pages), or undefined when there is nothing to do.
   */
  async checkpoint(how: 'PASSIVE' | 'TRUNCATE' = 'PASSIVE'): Promise<ReadRow | undefined> {
    if (this.file === undefined || this.stopped || this.checkpointRunning) return undefined;
    // Nothing written since the last checkpoint (an idle server): no worker, no work.
    const written = walModifiedAt(this.file);
    if (how === 'PASSIVE' && written === this.lastCheckpointedWrite) return undefined;
    this.checkpointRunning = true;
    try {
      // A checkpoint never starts a worker beside a running one.
      const [result] = await this.leastBusy(false).send({ how });
      // Done only when every frame was copied: another worker's read can hold some back.
      if (Number(result?.busy) === 0 && Number(result?.checkpointed) === Number(result?.log)) {
        this.lastCheckpointedWrite = written;
      }
      return result;
    } catch {
      // A busy or failed checkpoint is retried on the next tick; the WAL only grows meanwhile.
      return undefined;
    } finally {
      this.checkpointRunning = false;
    }
  }

  /**
   * Stops the timer and the worker (DatabaseModule, on app shutdown, before the app's connection
   * closes: closing the last connection then checkpoints what is left). Later reads run on the
   * app's connection.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const workers = this.readers;
    this.readers = [];
    await Promise.all(workers.map((worker) => worker.close()));
  }

  /**
   * An idle worker if there is one; else a new one while fewer than `options.workers` run (with
   * `mayStartAnother`; the first always starts); else the one with the fewest reads waiting.
   * The first starts with the app (`start`); the others on first use, and again after one stopped.
   */
  private leastBusy(mayStartAnother = true): ReadWorker {
    const idle = this.readers.find((worker) => worker.waiting === 0);
    if (idle) return idle;
    const room = mayStartAnother && this.readers.length < Math.max(1, this.options.workers);
    if (this.readers.length === 0 || room) {
      const started = new ReadWorker(this.file as string, (gone) => {
        this.readers = this.readers.filter((worker) => worker !== gone);
      });
      this.readers.push(started);
      return started;
    }
    return this.readers.reduce((best, worker) => (worker.waiting < best.waiting ? worker : best));
  }
}
