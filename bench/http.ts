/**
 * The HTTP measurements: the real server (as `npm start` starts it: start-command.ts) and the bare
 * ceiling app (the same way), each started as a child process and loaded with autocannon. Latencies are taken from every response
 * (autocannon's own histogram rounds to whole milliseconds, too coarse for a 3 ms target).
 */
import { JwtService } from '@nestjs/jwt';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { StartCommand } from './start-command';
import { createServer } from 'node:net';
import { DEMO_HOLIDAYS } from '../seeds/demo-data';
import { isExclusive } from '../src/resources/resource.entity';
import {
  addDays,
  DEFAULT_OPENING_HOURS,
  localDateOf,
  openPeriodsOn,
  weekdayOf,
} from '../src/scheduling';
import type { ClosureRule, OpeningHours } from '../src/scheduling/types';
import { GeneratedDataSet } from './generate';
import type { NotificationResult } from './notification-burst';
import { BENCH_ADMIN, BENCH_MEMBER, FREE_AFTERNOONS_FROM_DAY, ZONE } from './network';
import { Random, Summary, summarize } from './stats';
import {
  availabilityWindow,
  busyDay,
  coordinatorPages,
  measurePage,
  NearBookings,
  PageResult,
  send,
  soak,
  SoakResult,
} from './scenarios';

export interface LoadResult {
  latency: Summary;
  /** CPU time of the server process per response (user + system), which a busy machine does not inflate as much as latency. */
  serverCpuMs?: number;
  requestsPerSecond: number;
  /** Responses by status code, and connection errors. */
  statuses: Record<string, number>;
  errors: number;
}

export interface Server {
  pid: number;
  url: string;
  startupMs: number;
  /** CPU time the server process used until it was healthy. */
  startupCpuMs: number;
  stop(): Promise<void>;
}

export interface HttpOptions {
  quick: boolean;
  profileDir?: string;
  /** The soak's length (default: 30 s quick, 300 s full). */
  soakSeconds?: number;
}

export interface Ceiling {
  bareSingle: LoadResult;
  bareThroughput: LoadResult;
  validatedSingle: LoadResult;
  validatedThroughput: LoadResult;
}

export interface HttpResult {
  /** Measured once per run (it does not depend on the data or the database). */
  ceiling?: Ceiling;
  /** `SQLite` or `PostgreSQL`. */
  database: string;
  startupMs: number[];
  startupCpuMs: number[];
  bookingSingle: LoadResult;
  bookingThroughput: LoadResult;
  series: LoadResult;
  availability: LoadResult;
  schedule: LoadResult;
  report: LoadResult | 'not available';
  pages: Record<'today' | 'bookings' | 'month' | 'year', PageResult>;
  soak: SoakResult;
  /** The first request to a server just started: a booking; Today (each on its own start). */
  firstBookingMs: number;
  firstTodayMs: number;
  rssMb: number;
  peakRssMb: number;
  /** Resident memory right after start-up, before any load. */
  rssAfterStartMb: number;
  bookingsCreated: number;
  /** Issue 19's load figures (notification-burst.ts), measured after the rest on the same data. */
  notifications?: NotificationResult;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `node <script>` and resolves once `healthPath` answers 200; times that. */
export async function startServer(
  script: string,
  env: Record<string, string>,
  healthPath: string,
  nodeArgs: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  for (;;) {
    if (exited) throw new Error(`${script} exited before it was healthy:\n${stderr}`);
    if (Number(process.hrtime.bigint() - started) > 120e9) {
      child.kill('SIGKILL');
      throw new Error(`${script} was not healthy within 120 s:\n${stderr}`);
    }
    try {
      const response = await fetch(`${url}${healthPath}`);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    pid: child.pid!,
    url,
    startupMs,
    startupCpuMs: cpuMsOf(child.pid!),
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** User + system CPU time of a process so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface LoadOptions {
  url: string;
  /** The server's process, to measure its CPU time per response. */
  pid?: number;
  connections: number;
  amount?: number;
  duration?: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** A fresh body or path for every request. */
  next?: () => { body?: unknown; path?: string; headers?: Record<string, string> };
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const request = {
    method: options.method ?? 'GET',
    path: options.path,
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.next && {
      setupRequest: (req: Record<string, unknown>) => {
        const next = options.next!();
        return {
          ...req,
          ...(next.path !== undefined && { path: next.path }),
          ...(next.body !== undefined && { body: JSON.stringify(next.body) }),
          ...(next.headers !== undefined && {
            headers: { ...(req.headers as Record<string, string>), ...next.headers },
          }),
        };
      },
    }),
  };
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration }),
    requests: [request],
    timeout: 30,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const cpuBefore = options.pid ? cpuMsOf(options.pid) : 0;
  const result = await instance;
  return {
    latency: summarize(latencies),
    ...(options.pid && { serverCpuMs: (cpuMsOf(options.pid) - cpuBefore) / latencies.length }),
    requestsPerSecond: latencies.length / result.duration,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

async function post<T = any>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Distinct free slots on the resources that the generator left free in the afternoons. */
class SlotPlanner {
  private readonly resources: string[];
  private readonly days: string[];
  private single = 0;
  private series = 0;
  private readonly closures: ClosureRule[];

  constructor(dataSet: GeneratedDataSet, today: string) {
    this.resources = dataSet.centers.flatMap((c) =>
      c.resources
        .filter((r) => isExclusive(r.kind) && r.bufferMinutes === 0 && !r.requiresApproval)
        .map((r) => r.id),
    );
    this.closures = DEMO_HOLIDAYS.map((h) => ({
      from: `${today.slice(0, 4)}-${h.monthDay}`,
      to: `${today.slice(0, 4)}-${h.monthDay}`,
      yearly: true,
    }));
    const hours = DEFAULT_OPENING_HOURS as OpeningHours;
    this.days = [];
    for (let d = FREE_AFTERNOONS_FROM_DAY + 2; d <= 300; d++) {
      const date = addDays(today, d);
      if (openPeriodsOn(date, ZONE, hours, this.closures).length > 0) this.days.push(date);
    }
  }

  /** A 15-minute session between 13:00 and 15:30, a different resource each time. */
  nextSingle(): { resourceId: string; start: string; end: string } {
    const i = this.single++;
    const resource = this.resources[i % this.resources.length];
    const rest = Math.floor(i / this.resources.length);
    const slot = rest % 10;
    const day = this.days[Math.floor(rest / 10)];
    if (!day) throw new Error('The slot planner ran out of free afternoons');
    return {
      resourceId: resource,
      start: `${day}T${clock(13 * 60 + slot * 15)}`,
      end: `${day}T${clock(13 * 60 + slot * 15 + 15)}`,
    };
  }

  /** 52 weekly 30-minute sessions between 15:30 and 18:00, holidays given as exceptions. */
  nextSeries(): Record<string, unknown> {
    const i = this.series++;
    const resource = this.resources[i % this.resources.length];
    const rest = Math.floor(i / this.resources.length);
    const slot = rest % 5;
    const first = this.days[Math.floor(rest / 5)];
    if (!first || Math.floor(rest / 5) >= 6) throw new Error('The slot planner ran out of series');
    let count = 52;
    let exceptions: string[] = [];
    for (;;) {
      const dates = Array.from({ length: count }, (_, w) => addDays(first, 7 * w));
      exceptions = dates.filter((d) => this.closures.some((c) => c.from.slice(5) === d.slice(5)));
      if (count - exceptions.length === 52) break;
      count = 52 + exceptions.length;
    }
    const from = 15 * 60 + 30 + slot * 30;
    return {
      resourceId: resource,
      start: `${first}T${clock(from)}`,
      end: `${first}T${clock(from + 30)}`,
      title: 'Weekly consultation',
      purpose: 'consultation',
      recurrence: {
        rule: `FREQ=WEEKLY;COUNT=${count}`,
        ...(exceptions.length > 0 && { exceptions }),
      },
    };
  }

  get bookingsMade(): number {
    return this.single + this.series;
  }
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The ceilings, on the bare app (bare-server.ts), alone on the machine. */
export async function measureCeiling(
  app: StartCommand,
  bareScript: string,
  quick: boolean,
): Promise<Ceiling> {
  const secret = 'bench-secret-that-is-long-enough';
  const bare = await startServer(
    bareScript,
    { ...app.env, NODE_ENV: 'production', JWT_SECRET: secret },
    '/constant',
    app.nodeArgs,
  );
  try {
    const constant = { url: bare.url, pid: bare.pid, path: '/constant' };
    await load({ ...constant, connections: 10, amount: 2000 });
    const bareSingle = await load({ ...constant, connections: 1, duration: quick ? 3 : 5 });
    const bareThroughput = await load({ ...constant, connections: 10, duration: quick ? 3 : 8 });
    const token = new JwtService({ secret }).sign(
      { sub: randomUUID(), jti: randomUUID(), ver: 0 },
      { expiresIn: 3600 },
    );
    const validated = {
      url: bare.url,
      pid: bare.pid,
      method: 'POST',
      path: '/validated',
      headers: { authorization: `Bearer ${token}` },
      next: () => ({
        body: {
          resourceId: randomUUID(),
          start: '2027-01-05T10:00',
          end: '2027-01-05T11:30',
          title: 'Bench booking',
          purpose: 'work',
          equipment: [{ resourceId: randomUUID(), quantity: 1 }],
        },
      }),
    };
    // Warmed up by count, so that a busy machine still compiles the path before the measure.
    await load({ ...validated, connections: 10, amount: 2000 });
    const validatedSingle = await load({ ...validated, connections: 1, duration: quick ? 3 : 5 });
    const validatedThroughput = await load({
      ...validated,
      connections: 10,
      duration: quick ? 3 : 8,
    });
    return { bareSingle, bareThroughput, validatedSingle, validatedThroughput };
  } finally {
    await bare.stop();
  }
}

/**
 * The app's environment in the bench (as `npm start` starts it, on `databaseUrl`). `RUN_JOBS` is
 * left to its default (on) and `SMTP_URL` unset: no email channel.
 */
export function appEnv(app: StartCommand, databaseUrl: string): Record<string, string> {
  return {
    ...app.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SEED: 'none',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    JWT_SECRET: 'bench-secret-that-is-long-enough',
    LOG_LEVEL: 'error',
  };
}

/** Every HTTP measurement on one generated database, on SQLite or PostgreSQL (`databaseUrl`). */
export async function measureHttp(
  dataSet: GeneratedDataSet,
  now: number,
  app: StartCommand,
  preload: string,
  options: HttpOptions & { databaseUrl: string; database: string; ceiling?: Ceiling },
): Promise<HttpResult> {
  const q = options.quick;
  const profileArgs = (name: string): string[] =>
    options.profileDir
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${options.profileDir}`,
          `--cpu-prof-name=${name}.cpuprofile`,
          '--require',
          preload,
        ]
      : [];

  // The no-show job runs as in production (every minute), inside the soak too.
  const env = appEnv(app, options.databaseUrl);
  const startupMs: number[] = [];
  const startupCpuMs: number[] = [];
  const server = await startServer(app.script, env, '/api/v1/health', [
    ...app.nodeArgs,
    ...profileArgs(`makon-${options.database}`),
  ]);
  startupMs.push(server.startupMs);
  startupCpuMs.push(server.startupCpuMs);
  const rssAfterStartMb = memoryOf(server.pid).rssMb;
  const today = localDateOf(now, ZONE);
  const slots = new SlotPlanner(dataSet, today);
  const center = dataSet.centers[0];
  let memberToken = '';
  let coordinatorToken = '';
  let result: Omit<HttpResult, 'firstBookingMs' | 'firstTodayMs' | 'startupMs' | 'startupCpuMs'>;
  try {
    const login = async (email: string, password: string) =>
      (await post(`${server.url}/api/v1/auth/login`, { email, password })).accessToken as string;
    memberToken = await login(BENCH_MEMBER.email, BENCH_MEMBER.password);
    const admin = await login(BENCH_ADMIN.email, BENCH_ADMIN.password);
    coordinatorToken = await login('coordinator1@makon.bench', BENCH_MEMBER.password);
    const members: string[] = [memberToken];
    for (let i = 1; i <= (q ? 10 : 40); i++) {
      members.push(await login(`member${i}@makon.bench`, BENCH_MEMBER.password));
    }
    const asMember = {
      url: server.url,
      pid: server.pid,
      headers: { authorization: `Bearer ${memberToken}` },
    };
    const asAdmin = {
      url: server.url,
      pid: server.pid,
      headers: { authorization: `Bearer ${admin}` },
    };
    const near = new NearBookings(dataSet, today, members);
    const nearBooking = () => {
      const request = near.next();
      return { body: request.body, headers: request.headers };
    };
    const bookings = { ...asMember, method: 'POST', path: '/api/v1/bookings' };

    await load({ ...bookings, connections: 1, amount: q ? 50 : 100, next: nearBooking });
    const bookingSingle = await load({
      ...bookings,
      connections: 1,
      amount: q ? 500 : 1500,
      next: nearBooking,
    });
    const bookingThroughput = await load({
      ...bookings,
      connections: 10,
      amount: q ? 1500 : 4000,
      next: nearBooking,
    });
    await load({
      ...bookings,
      connections: 1,
      amount: q ? 5 : 10,
      next: () => ({ body: slots.nextSeries() }),
    });
    const series = await load({
      ...bookings,
      connections: 1,
      amount: q ? 60 : 200,
      next: () => ({ body: slots.nextSeries() }),
    });

    const random = new Random(7);
    const day = busyDay(today);
    const availability = () => ({
      path: availabilityWindow(center, day, memberToken, random).path,
    });
    const weekStart = (weeksFrom: number, weeksTo: number): string => {
      const date = addDays(today, 7 * random.int(weeksFrom, weeksTo));
      const back = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(weekdayOf(date));
      return addDays(date, -back);
    };
    const busy = center.resources.filter((r) => isExclusive(r.kind));
    const schedulePath = (): string => {
      const monday = weekStart(-4, 8);
      return `/api/v1/resources/${random.pick(busy).id}/schedule?from=${monday}T00:00&to=${addDays(monday, 7)}T00:00`;
    };
    await load({ ...asMember, path: '/', connections: 1, amount: 50, next: availability });
    const availabilityResult = await load({
      ...asMember,
      path: '/',
      connections: 1,
      amount: q ? 300 : 1000,
      next: availability,
    });
    await load({
      ...asMember,
      path: '/',
      connections: 1,
      amount: 50,
      next: () => ({ path: schedulePath() }),
    });
    const scheduleResult = await load({
      ...asMember,
      path: '/',
      connections: 1,
      amount: q ? 300 : 1000,
      next: () => ({ path: schedulePath() }),
    });

    const reportPath =
      `/api/v1/reports/utilization?centerId=${center.id}&from=${addDays(today, -365)}` +
      `&to=${addDays(today, -1)}&groupBy=resource`;
    const probe = await fetch(`${server.url}${reportPath}`, { headers: asAdmin.headers });
    await probe.arrayBuffer();
    let report: LoadResult | 'not available' = 'not available';
    if (probe.status !== 404) {
      await load({ ...asAdmin, path: reportPath, connections: 1, amount: 2 });
      report = await load({ ...asAdmin, path: reportPath, connections: 1, amount: q ? 5 : 15 });
    }

    const pageRequests = coordinatorPages(center, today, coordinatorToken);
    const serverCpu = () => cpuMsOf(server.pid);
    const pages = {
      today: await measurePage(server.url, pageRequests.today, q ? 10 : 30, serverCpu),
      bookings: await measurePage(server.url, pageRequests.bookings, q ? 10 : 30, serverCpu),
      month: await measurePage(server.url, pageRequests.month, q ? 5 : 15, serverCpu),
      year: await measurePage(server.url, pageRequests.year, q ? 3 : 10, serverCpu),
    };

    const soakResult = await soak(server.url, {
      seconds: options.soakSeconds ?? (q ? 30 : 300),
      users: 10,
      ordinary: [
        [40, () => availabilityWindow(center, day, memberToken, random)],
        [30, () => ({ method: 'GET', path: schedulePath(), headers: asMember.headers })],
        [27, () => near.next()],
      ],
      heavy: [
        () => pageRequests.today,
        () => pageRequests.bookings,
        () => pageRequests.month,
        () => pageRequests.year,
        () => ({ method: 'GET', path: reportPath, headers: asAdmin.headers }),
      ],
      memory: () => memoryOf(server.pid),
    });
    const memory = memoryOf(server.pid);
    result = {
      database: options.database,
      ceiling: options.ceiling,
      bookingSingle,
      bookingThroughput,
      series,
      availability: availabilityResult,
      schedule: scheduleResult,
      report,
      pages,
      soak: soakResult,
      ...memory,
      rssAfterStartMb,
      bookingsCreated: slots.bookingsMade,
    };
  } finally {
    await server.stop();
  }

  // The first request after a start, on a server started for it (the tokens stay valid).
  const first = async (request: {
    method: 'GET' | 'POST';
    path: string;
    headers: Record<string, string>;
    body?: unknown;
  }) => {
    const fresh = await startServer(app.script, env, '/api/v1/health', app.nodeArgs);
    startupMs.push(fresh.startupMs);
    startupCpuMs.push(fresh.startupCpuMs);
    try {
      const answer = await send(fresh.url, request);
      // A refused first request is not the figure asked for: reported as missing (—).
      if (answer.status >= 400) {
        console.log(`  first ${request.method} ${request.path} answered ${answer.status}`);
        return NaN;
      }
      return answer.ms;
    } finally {
      await fresh.stop();
    }
  };
  const firstBookingMs = await first({
    method: 'POST',
    path: '/api/v1/bookings',
    headers: { authorization: `Bearer ${memberToken}` },
    body: { ...slots.nextSingle(), title: 'First after start', purpose: 'work' },
  });
  const firstTodayMs = await first(coordinatorPages(center, today, coordinatorToken).today);
  return { ...result, startupMs, startupCpuMs, firstBookingMs, firstTodayMs };
}
