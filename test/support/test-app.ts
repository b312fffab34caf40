import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { adapterOptions, configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/common/config';
import { runStartupTasks } from '../../src/startup';
import {
  createScratchSchema,
  dropScratchSchema,
  numberedPlaceholders,
  testDatabaseUrl,
} from './postgres';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-1' };

/**
 * A clock the test moves by hand; services read it, nothing sleeps. Like a real clock it never
 * stands on a whole minute: each clock has an odd offset (1.001 to 58.999 seconds, drawn from its
 * seed) that it adds to every whole-minute time it starts at or is set to; a time given with
 * seconds is kept as given. Tests compute what they expect from `now()` or `offsetMs`. When a
 * test fails its clocks' seeds are printed (test/support/clock-environment.ts), and
 * `MAKON_TEST_CLOCK_SEED=<seed>` gives every clock of a run that seed, to repeat it.
 */
export class TestClock extends Clock {
  readonly seed: number;
  /** Added to every whole-minute time: never 0, never a whole second. */
  readonly offsetMs: number;
  readonly startedAt: number;
  private current: number;

  constructor(start: number, seed: number = clockSeed()) {
    super();
    this.seed = seed;
    this.offsetMs = clockOffsetOf(seed);
    this.current = this.startedAt = this.odd(start);
    registerClock(this);
  }

  now(): number {
    return this.current;
  }

  /** At `iso`, plus the clock's offset when `iso` is a whole minute. */
  set(iso: string): void {
    this.current = this.odd(Date.parse(iso));
  }

  /** Exactly at `iso`, whole minute or not: for a test of what happens at a boundary itself. */
  setExactly(iso: string): void {
    this.current = Date.parse(iso);
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }

  /** The seconds every whole-minute time of this clock carries (`"17"`), for expected stamps. */
  oddSeconds(): string {
    return String(Math.floor(this.offsetMs / 1000)).padStart(2, '0');
  }

  /** How a failing test names this clock. */
  describe(): string {
    return (
      `test clock: seed ${this.seed} (MAKON_TEST_CLOCK_SEED=${this.seed} repeats it), ` +
      `started at ${new Date(this.startedAt).toISOString()}, now ${new Date(this.current).toISOString()}`
    );
  }

  private odd(ms: number): number {
    if (Number.isNaN(ms)) throw new Error('TestClock: not a date-time');
    return ms % 60_000 === 0 ? ms + this.offsetMs : ms;
  }
}

/** The seed of a new clock: MAKON_TEST_CLOCK_SEED when set, else a random one. */
function clockSeed(): number {
  const fixed = process.env.MAKON_TEST_CLOCK_SEED;
  if (fixed !== undefined && fixed !== '') {
    if (!/^\d+$/.test(fixed))
      throw new Error(`MAKON_TEST_CLOCK_SEED=${fixed}: give a whole number`);
    return Number(fixed) >>> 0;
  }
  return randomInt(0, 2 ** 32);
}

/** 1–58 seconds and 1–999 milliseconds, from the seed (mulberry32). */
export function clockOffsetOf(seed: number): number {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const seconds = 1 + Math.floor(next() * 58);
  const millis = 1 + Math.floor(next() * 999);
  return seconds * 1000 + millis;
}

/** The clocks of this test file, for the environment to print when a test fails. */
function registerClock(clock: TestClock): void {
  const holder = globalThis as { __makonTestClocks?: TestClock[] };
  (holder.__makonTestClocks ??= []).push(clock);
}

/**
 * Every response of every e2e test passes through here: none may carry a password hash (the
 * stored form is `scrypt$…`) or a field that would hold one.
 */
export function assertNoPasswordHash(request: string, text: string): void {
  if (/scrypt\$|passwordHash|password_hash/i.test(text)) {
    throw new Error(`${request} answered with a password hash or its field: ${text.slice(0, 300)}`);
  }
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Requests over real HTTP to a running app (in this process or another). */
export type HttpClient = Pick<TestApp, 'request' | 'login'>;

export function httpClient(baseUrl: string): HttpClient {
  const request: TestApp['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    } else if (body !== undefined && !headers['content-type']) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    assertNoPasswordHash(`${method} ${path}`, text);
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) {
      parsed = JSON.parse(text);
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
  return {
    request,
    async login(email, password) {
      const response = await request('POST', '/api/v1/auth/login', { body: { email, password } });
      if (response.status !== 200) {
        throw new Error(
          `login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`,
        );
      }
      return response.body.accessToken as string;
    },
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  clock: TestClock;
  config: AppConfig;
  baseUrl: string;
  dataSource: DataSource;
  /** Which database this app runs on (MAKON_TEST_DATABASE_URL switches to PostgreSQL). */
  dialect: 'sqlite' | 'postgres';
  /** Raw SQL with `?` placeholders on either database; BIGINT and COUNT(*) come back as numbers. */
  query<T = any>(sql: string, parameters?: unknown[]): Promise<T[]>;
  request<T = any>(
    method: string,
    path: string,
    options?: {
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    },
  ): Promise<ApiResponse<T>>;
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application on a temporary SQLite file (or, with MAKON_TEST_DATABASE_URL, in a fresh
 * PostgreSQL schema), listening on a free loopback port, with the migrations applied and the test
 * admin created; requests go over real HTTP.
 */
export async function startTestApp(
  options: { now?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'makon-test-'));
  const postgresUrl = testDatabaseUrl();
  const scratch = postgresUrl ? await createScratchSchema(postgresUrl) : null;
  const config = loadConfig({
    DATABASE_URL: scratch ? scratch.url : `sqlite:${join(dir, 'makon.sqlite')}`,
    SEED: 'none',
    JWT_SECRET: 'test-secret-that-is-long-enough',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLIC_URL: 'http://makon.test',
    LOG_LEVEL: 'silent',
    // Tests move the clock by days and keep their tokens; expiry itself is tested with its own
    // TOKEN_TTL_HOURS (test/edge-safety.e2e-spec.ts).
    TOKEN_TTL_HOURS: String(24 * 365),
    // Tests run the jobs by calling them, at the moments the test clock says.
    RUN_JOBS: 'false',
    // What src/identity/passwords.ts hashes with: the suite's cheap cost (test/support/env.ts).
    PASSWORD_HASH_COST: process.env.PASSWORD_HASH_COST ?? '',
    ...options.env,
  });
  const clock = new TestClock(Date.parse(options.now ?? '2026-12-01T08:00:00+05:00'));
  let app: NestFastifyApplication;
  try {
    app = await startApp(config, clock);
  } catch (error) {
    if (scratch) await dropScratchSchema(postgresUrl!, scratch.schema);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const { request, login } = httpClient(baseUrl);

  const dataSource = app.get(DataSource);
  return {
    app,
    clock,
    config,
    baseUrl,
    dataSource,
    dialect: scratch ? 'postgres' : 'sqlite',
    query: (sql, parameters) =>
      dataSource.query(scratch ? numberedPlaceholders(sql) : sql, parameters),
    request,
    login,
    async close() {
      try {
        // Every test that changed bookings also checks that their sessions' copies followed.
        if (dataSource.isInitialized) await assertSessionCopies(dataSource);
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
        if (scratch) await dropScratchSchema(postgresUrl!, scratch.schema);
      }
    },
  };
}

/**
 * Fails when a session's copy of its booking's fields (SessionEntity; migration
 * SessionReportCopies) differs from the booking's, or its owner's number from the owner's
 * (migration OwnerNumbers).
 */
export async function assertSessionCopies(dataSource: DataSource): Promise<void> {
  const [{ n }] = await dataSource.query(
    `SELECT COUNT(*) AS n FROM occurrences o JOIN bookings b ON b.id = o.booking_id
       JOIN users u ON u.id = o.owner_id
      WHERE o.center_id <> b.center_id OR o.resource_id <> b.resource_id
         OR o.owner_id <> b.owner_id OR o.purpose <> b.purpose OR o.quantity <> b.quantity
         OR o.booking_status <> b.status OR COALESCE(o.attendees, -1) <> COALESCE(b.attendees, -1)
         OR u.number IS NULL OR o.owner_number <> u.number`,
  );
  if (Number(n) > 0) {
    throw new Error(`${n} sessions whose copies of their booking's fields differ from the booking`);
  }
}

async function startApp(config: AppConfig, clock: TestClock): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    new FastifyAdapter(adapterOptions(config)),
    { logger: false },
  );
  await configureApp(app, config);
  await runStartupTasks(app, config);
  await app.listen(0, '127.0.0.1');
  return app;
}
