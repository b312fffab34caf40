/**
 * The requests of the honest benchmark (issue 17): bookings where people book (the next 14 days,
 * on dense data, by many members, on every kind of resource, conflicts included), availability as
 * people ask for it (a 2-hour window on a busy day), the coordinator's pages, and the mixed soak.
 */
import { request as httpRequest } from 'node:http';
import { isExclusive } from '../src/resources/resource.entity';
import { addDays, DEFAULT_OPENING_HOURS, openPeriodsOn } from '../src/scheduling';
import type { ClosureRule, OpeningHours } from '../src/scheduling/types';
import { DEMO_HOLIDAYS } from '../seeds/demo-data';
import type { GeneratedCenter, GeneratedDataSet } from './generate';
import { FREE_AFTERNOONS_FROM_DAY, ZONE } from './network';
import { Random, summarize, Summary } from './stats';

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The open days from `from` to `to` days ahead of `today` (closures and Sundays left out). */
export function openDays(today: string, from: number, to: number): string[] {
  const closures: ClosureRule[] = DEMO_HOLIDAYS.map((h) => ({
    from: `${today.slice(0, 4)}-${h.monthDay}`,
    to: `${today.slice(0, 4)}-${h.monthDay}`,
    yearly: true,
  }));
  const hours = DEFAULT_OPENING_HOURS as OpeningHours;
  const days: string[] = [];
  for (let d = from; d <= to; d++) {
    const date = addDays(today, d);
    if (openPeriodsOn(date, ZONE, hours, closures).length > 0) days.push(date);
  }
  return days;
}

/**
 * Bookings as members make them: 80% in the next 14 days (where the data is dense: most of them
 * conflict), 20% 15–56 days ahead (before the free afternoons that the series use); by many members (a token each); on desks and computers (50%),
 * rooms (30%: some with a 15-minute buffer, one needing approval; a third of them with a
 * projector and laptops) and equipment pools on their own (20%). Every answer counts: 201 (made or
 * pending), 409 (conflict) and anything else are reported apart.
 */
export class NearBookings {
  private readonly desks: string[];
  private readonly rooms: GeneratedCenter['resources'];
  private readonly pools: GeneratedCenter['resources'];
  private readonly near: string[];
  private readonly later: string[];
  private readonly random = new Random(1417);

  constructor(
    dataSet: GeneratedDataSet,
    today: string,
    private readonly tokens: readonly string[],
  ) {
    const resources = dataSet.centers.flatMap((c) => c.resources);
    this.desks = resources
      .filter((r) => r.kind === 'desk' || r.kind === 'computer')
      .map((r) => r.id);
    this.rooms = resources.filter((r) => r.kind === 'room');
    this.pools = resources.filter((r) => !isExclusive(r.kind));
    this.near = openDays(today, 1, 14);
    // Before the free afternoons (FREE_AFTERNOONS_FROM_DAY) that the series and first booking use.
    this.later = openDays(today, 15, FREE_AFTERNOONS_FROM_DAY - 2);
  }

  next(): Request {
    const r = this.random;
    const day = r.int(0, 99) < 80 ? r.pick(this.near) : r.pick(this.later);
    const start = 9 * 60 + 30 * r.int(0, 14);
    const length = 30 * r.int(1, 4);
    const end = Math.min(18 * 60, start + length);
    const kind = r.int(0, 99);
    const body: Record<string, unknown> = {
      start: `${day}T${clock(start)}`,
      end: `${day}T${clock(end)}`,
      title: 'Bench booking',
      purpose: 'work',
    };
    if (kind < 50) {
      body.resourceId = r.pick(this.desks);
    } else if (kind < 80) {
      const room = r.pick(this.rooms);
      body.resourceId = room.id;
      body.purpose = 'meeting';
      const pools = this.pools.filter((p) => p.centerId === room.centerId);
      if (r.int(0, 2) === 0 && pools.length > 0) {
        body.equipment = [{ resourceId: r.pick(pools).id, quantity: 1 }];
      }
    } else {
      const pool = r.pick(this.pools);
      body.resourceId = pool.id;
      body.quantity = 1;
      body.purpose = 'meeting';
    }
    return {
      method: 'POST',
      path: '/api/v1/bookings',
      headers: { authorization: `Bearer ${r.pick(this.tokens)}` },
      body,
    };
  }
}

/** The busiest open day of the next week (Tuesday to Friday are the same; the first is taken). */
export function busyDay(today: string): string {
  return openDays(today, 1, 7)[0];
}

/** Availability of one center for 2 hours of a busy day, starting at a random half hour. */
export function availabilityWindow(
  center: GeneratedCenter,
  day: string,
  token: string,
  random: Random,
): Request {
  const start = 9 * 60 + 30 * random.int(0, 14);
  return {
    method: 'GET',
    path: `/api/v1/centers/${center.id}/availability?start=${day}T${clock(start)}&end=${day}T${clock(start + 120)}`,
    headers: { authorization: `Bearer ${token}` },
  };
}

/** The coordinator's pages, signed in with the session cookie (the token, as the login sets it). */
export function coordinatorPages(
  center: GeneratedCenter,
  today: string,
  token: string,
): Record<'today' | 'bookings' | 'month' | 'year', Request> {
  const headers = {
    cookie: `makon_session=${token}`,
    'accept-encoding': 'br, gzip',
    accept: 'text/html',
  };
  const monthStart = `${today.slice(0, 8)}01`;
  const yearStart = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const page = (path: string): Request => ({ method: 'GET', path, headers });
  return {
    today: page(`/admin?center=${center.id}`),
    bookings: page(`/admin/bookings?center=${center.id}`),
    month: page(
      `/admin/reports?center=${center.id}&from=${monthStart}&to=${addDays(addDays(monthStart, 31).slice(0, 8) + '01', -1)}`,
    ),
    year: page(
      `/admin/reports?center=${center.id}&from=${yearStart}&to=${yearStart.slice(0, 4)}-12-31`,
    ),
  };
}

/** One request over HTTP (keep-alive), timed from send to the last byte; never throws. */
export async function send(
  baseUrl: string,
  request: Request,
): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(request.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  } catch {
    return { status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  }
}

/**
 * The bytes of a GET's answer on the wire, asked for as a browser asks (brotli or gzip). fetch
 * cannot tell: it decompresses, and a compressed answer is chunked, with no content-length.
 * 0 when the request fails.
 */
export function wireBytes(baseUrl: string, request: Request): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = httpRequest(
      `${baseUrl}${request.path}`,
      { method: 'GET', headers: { ...request.headers, 'accept-encoding': 'br, gzip' } },
      (incoming) => {
        let bytes = 0;
        incoming.on('data', (chunk: Buffer) => (bytes += chunk.length));
        incoming.on('end', () => resolve(bytes));
        incoming.on('error', () => resolve(0));
      },
    );
    outgoing.on('error', () => resolve(0));
    outgoing.end();
  });
}

export interface PageResult {
  latency: Summary;
  /** Bytes of the answer on the wire (compressed when the server compresses). */
  bytes: number;
  statuses: Record<string, number>;
  /** CPU time of the server process per page (user + system, ms). */
  serverCpuMs?: number;
}

/** A page asked for `count` times one after another (after two warm-up requests). */
export async function measurePage(
  baseUrl: string,
  request: Request,
  count: number,
  serverCpuMs?: () => number,
): Promise<PageResult> {
  for (let i = 0; i < 2; i++) await send(baseUrl, request);
  const cpuBefore = serverCpuMs?.();
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const answer = await send(baseUrl, request);
    latencies.push(answer.ms);
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  }
  const cpuAfter = serverCpuMs?.();
  return {
    latency: summarize(latencies),
    bytes: await wireBytes(baseUrl, request),
    statuses,
    ...(cpuBefore !== undefined && { serverCpuMs: (cpuAfter! - cpuBefore) / count }),
  };
}

export interface SoakResult {
  seconds: number;
  users: number;
  /** Ordinary requests (availability, schedules, bookings). */
  ordinary: { count: number; p50: number; p95: number; p99: number; max: number };
  /** Pages and reports (3% of the requests). */
  heavy: { count: number; p50: number; p95: number; p99: number; max: number };
  statuses: Record<string, number>;
  /** Resident memory of the server every 10 s (MB), and its peak. */
  rssMb: number[];
  peakRssMb: number;
  requestsPerSecond: number;
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? NaN
      : sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/**
 * The mixed soak: `users` simulated people, each sending a request, then pausing 50–250 ms (about
 * 50 requests a second in all at 10 users), for `seconds`. 97% ordinary requests (40% availability
 * windows, 30% schedules, 27% bookings), 3% pages and reports (Today, the bookings list, the month
 * and year report pages, the one-year report API).
 */
export async function soak(
  baseUrl: string,
  options: {
    seconds: number;
    users: number;
    ordinary: Array<[weight: number, next: () => Request]>;
    heavy: Array<() => Request>;
    memory: () => { rssMb: number; peakRssMb: number };
  },
): Promise<SoakResult> {
  const random = new Random(1703);
  const ordinary: number[] = [];
  const heavy: number[] = [];
  const statuses: Record<string, number> = {};
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(Math.round(options.memory().rssMb)), 10_000);
  const total = options.ordinary.reduce((n, [w]) => n + w, 0);
  const pickOrdinary = (): Request => {
    let x = random.int(0, total - 1);
    for (const [weight, next] of options.ordinary) {
      if (x < weight) return next();
      x -= weight;
    }
    return options.ordinary[0][1]();
  };
  const ends = Date.now() + options.seconds * 1000;
  const started = Date.now();
  const person = async () => {
    while (Date.now() < ends) {
      const isHeavy = random.int(0, 99) < 3;
      const request = isHeavy ? random.pick(options.heavy)() : pickOrdinary();
      const answer = await send(baseUrl, request);
      (isHeavy ? heavy : ordinary).push(answer.ms);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, random.int(50, 250)));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.users }, person));
  } finally {
    clearInterval(sampler);
  }
  const seconds = (Date.now() - started) / 1000;
  return {
    seconds,
    users: options.users,
    ordinary: percentiles(ordinary),
    heavy: percentiles(heavy),
    statuses,
    rssMb: rss,
    peakRssMb: options.memory().peakRssMb,
    requestsPerSecond: (ordinary.length + heavy.length) / seconds,
  };
}
