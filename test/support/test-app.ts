import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/common/config';
import { runStartupTasks } from '../../src/database/startup';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-1' };

/** A clock the test moves by hand; services read it, nothing sleeps. */
export class TestClock extends Clock {
  constructor(private current: number) {
    super();
  }

  now(): number {
    return this.current;
  }

  set(iso: string): void {
    this.current = Date.parse(iso);
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  app: NestFastifyApplication;
  clock: TestClock;
  config: AppConfig;
  baseUrl: string;
  dataSource: DataSource;
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
 * The real application on a temporary SQLite file, listening on a free loopback port, with the
 * migrations applied and the test admin created; requests go over real HTTP.
 */
export async function startTestApp(
  options: { now?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'makon-test-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'makon.sqlite')}`,
    SEED: 'none',
    JWT_SECRET: 'test-secret-that-is-long-enough',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLIC_URL: 'http://makon.test',
    LOG_LEVEL: 'silent',
    // Tests run the jobs by calling them, at the moments the test clock says.
    RUN_JOBS: 'false',
    ...options.env,
  });
  const clock = new TestClock(Date.parse(options.now ?? '2026-12-01T08:00:00+05:00'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    new FastifyAdapter({ bodyLimit: config.bodyLimitBytes }),
    { logger: false },
  );
  await configureApp(app);
  await runStartupTasks(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

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
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) {
      parsed = JSON.parse(text);
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };

  return {
    app,
    clock,
    config,
    baseUrl,
    dataSource: app.get(DataSource),
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
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
