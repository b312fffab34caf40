/**
 * Issue 19's load figures: 1,000 bookings in a burst and the time until their 1,000 confirmations
 * are delivered by email, and what the delivery costs a booking at c=1. A real SMTP server runs in
 * the bench's process (`smtp-server`, STARTTLS and AUTH off, as in test/support/smtp.ts); the app
 * is started as `npm start` starts it, with `SMTP_URL` pointing at it and `RUN_JOBS=true` (the
 * delivery job every 5 s), or with neither (no notification work in the process at all).
 *
 * Runs after measureHttp on the same database. Every booking here is a 15-minute single session
 * between 13:00 and 15:30 on a resource without buffer or approval, on the free afternoons from
 * the second free day on (the first day's first slot is the one measureHttp's first booking
 * takes, and its series hold 15:30–18:00): so each one is answered 201 confirmed and makes one
 * confirmation for its owner.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { isExclusive } from '../src/resources/resource.entity';
import { localDateOf } from '../src/scheduling';
import type { GeneratedDataSet } from './generate';
import { appEnv, load, LoadResult, startServer, Server } from './http';
import { BENCH_MAX_ADVANCE_DAYS, BENCH_MEMBER, FREE_AFTERNOONS_FROM_DAY, ZONE } from './network';
import { openDays } from './scenarios';
import type { StartCommand } from './start-command';

/** Bookings in the burst. */
export const BURST = 1000;
/** Members who book (the bench member and member1…member40), each with their own token. */
const MEMBERS = 41;
/** How long the bench waits for the burst's confirmations before it reports what arrived. */
const DELIVERY_WAIT_MS = 300_000;
/** How long it waits for a server's outbox to empty (before the burst; after it). */
const DRAIN_WAIT_MS = 300_000;

export interface BurstResult {
  /** Bookings sent; answered 201 with status confirmed; other answers by status (0: no answer). */
  sent: number;
  confirmed: number;
  refused: Record<string, number>;
  /** From the first request of the burst to its last answer. */
  answeredSeconds: number;
  /** Distinct bookings of the burst whose confirmation the SMTP server received. */
  delivered: number;
  /** From the first request of the burst to the last confirmation received; null: not all came. */
  allDeliveredSeconds: number | null;
  /** Confirmations of the burst's bookings received more than once. */
  duplicates: number;
  /** Messages of the burst received (including duplicates). */
  messages: number;
  /** How long the bench waited. */
  waitedSeconds: number;
}

/**
 * Rounds of booking at c=1, with delivery and without, taken in turns: two runs on two fresh
 * servers minutes apart moved by ±20% on PostgreSQL, more than the difference measured.
 */
const ROUNDS = 3;

/** One round: the medians (ms) with delivery and without, and their ratio. */
export interface SingleRound {
  withMedian: number;
  withoutMedian: number;
  ratio: number;
}

export interface NotificationResult {
  burst: BurstResult;
  /**
   * Booking c=1 on free slots, `SMTP_URL` set and `RUN_JOBS=true` (delivery running meanwhile):
   * the round whose ratio is the median of the rounds' (`rounds`).
   */
  withDelivery: LoadResult;
  /** The same round with `RUN_JOBS=false` and no `SMTP_URL`: no notification work in the process. */
  withoutDelivery: LoadResult;
  /** Every round, in the order run. */
  rounds: SingleRound[];
  /** The median of the rounds' ratios (with / without). */
  ratio: number;
  /** Confirmations the SMTP server received while booking at c=1 with delivery (all rounds). */
  mailsDuringSingle: number;
}

interface ReceivedMail {
  at: bigint;
  bookingIds: string[];
}

/**
 * A real SMTP server on a port the OS picks (so several engineers' runs cannot collide). It answers
 * 250 once a message's data has arrived; when `parse` is on it parses each message with
 * mailparser and reads the booking ids from the `.ics` attachment's UIDs (`<booking id>-<n>@makon`).
 */
class MailCatcher {
  count = 0;
  parse = false;
  readonly received: ReceivedMail[] = [];
  parseErrors = 0;
  private pending = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = process.hrtime.bigint();
        this.count++;
        callback();
        if (!this.parse) return;
        this.pending++;
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            const ids = new Set<string>();
            for (const attachment of mail.attachments) {
              if (!attachment.contentType.startsWith('text/calendar')) continue;
              for (const match of attachment.content.toString('utf8').matchAll(UID)) {
                ids.add(match[1]);
              }
            }
            this.received.push({ at, bookingIds: [...ids] });
          })
          .catch(() => this.parseErrors++)
          .finally(() => this.pending--);
      });
    },
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Until every message received so far is parsed. */
  async parsed(): Promise<void> {
    while (this.pending > 0) await pause(20);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const UID = /UID:([0-9a-f-]{36})-\d+@makon/g;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;

/** Free 15-minute slots between 13:00 and 15:30, a different resource each time. */
class FreeSlots {
  private readonly resources: string[];
  private readonly days: string[];
  private index = 0;

  constructor(dataSet: GeneratedDataSet, today: string) {
    this.resources = dataSet.centers.flatMap((c) =>
      c.resources
        .filter((r) => isExclusive(r.kind) && r.bufferMinutes === 0 && !r.requiresApproval)
        .map((r) => r.id),
    );
    // The first free day is left to measureHttp (its first booking after a start).
    this.days = openDays(today, FREE_AFTERNOONS_FROM_DAY + 2, BENCH_MAX_ADVANCE_DAYS - 10).slice(1);
  }

  next(): { resourceId: string; start: string; end: string; title: string; purpose: string } {
    const i = this.index++;
    const resource = this.resources[i % this.resources.length];
    const rest = Math.floor(i / this.resources.length);
    const minutes = 13 * 60 + (rest % 10) * 15;
    const day = this.days[Math.floor(rest / 10)];
    if (!day) throw new Error('The free slots ran out');
    return {
      resourceId: resource,
      start: `${day}T${clock(minutes)}`,
      end: `${day}T${clock(minutes + 15)}`,
      title: 'Bench burst',
      purpose: 'work',
    };
  }
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_MEMBER.password }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (!response.ok || !body.accessToken) {
    throw new Error(`login ${email}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

/** The members' tokens: the bench member and member1…member`count - 1`. */
async function members(url: string, count: number): Promise<string[]> {
  const tokens = [await login(url, BENCH_MEMBER.email)];
  for (let i = 1; i < count; i++) tokens.push(await login(url, `member${i}@makon.bench`));
  return tokens;
}

/** Waits until `GET /health` reports no notification waiting (events and deliveries); seconds. */
async function drained(server: Server): Promise<number> {
  const began = process.hrtime.bigint();
  for (;;) {
    const response = await fetch(`${server.url}/api/v1/health`);
    const body = (await response.json()) as { notifications?: { waiting: number } };
    if (body.notifications?.waiting === 0) return seconds(began, process.hrtime.bigint());
    if (Number(process.hrtime.bigint() - began) / 1e6 > DRAIN_WAIT_MS) {
      throw new Error(
        `the outbox did not empty within ${DRAIN_WAIT_MS / 1000} s: ${JSON.stringify(body)}`,
      );
    }
    await pause(250);
  }
}

/**
 * Bookings at c=1 on free slots, each with one of the members' tokens in turn: a warm-up, then
 * one round's measured run.
 */
async function singleBookings(
  server: Server,
  slots: FreeSlots,
  tokens: string[],
  quick: boolean,
): Promise<LoadResult> {
  let turn = 0;
  const options = {
    url: server.url,
    pid: server.pid,
    method: 'POST',
    path: '/api/v1/bookings',
    connections: 1,
    next: () => ({
      body: slots.next(),
      headers: { authorization: `Bearer ${tokens[turn++ % tokens.length]}` },
    }),
  };
  await load({ ...options, amount: quick ? 50 : 100 });
  // Long enough for two of the delivery job's rounds (every 5 s) to fall within it.
  return load({ ...options, duration: quick ? 5 : 10 });
}

/** The burst: BURST bookings sent at once by the members (100 at a time in flight). */
async function burst(
  server: Server,
  catcher: MailCatcher,
  slots: FreeSlots,
  tokens: string[],
): Promise<BurstResult> {
  const bodies = Array.from({ length: BURST }, () => slots.next());
  const ids = new Set<string>();
  const refused: Record<string, number> = {};
  const began = process.hrtime.bigint();
  let nextIndex = 0;
  const worker = async () => {
    for (let i = nextIndex++; i < BURST; i = nextIndex++) {
      try {
        const response = await fetch(`${server.url}/api/v1/bookings`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[i % tokens.length]}`,
          },
          body: JSON.stringify(bodies[i]),
        });
        const body = (await response.json()) as { id?: string; status?: string };
        if (response.status === 201 && body.status === 'confirmed' && body.id) ids.add(body.id);
        else {
          const key = `${response.status}${body.status ? ` ${body.status}` : ''}`;
          refused[key] = (refused[key] ?? 0) + 1;
        }
      } catch {
        refused['0'] = (refused['0'] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: 100 }, worker));
  const answeredSeconds = seconds(began, process.hrtime.bigint());

  const delivered = new Map<string, number>();
  let lastAt: bigint | null = null;
  let seen = 0;
  const tally = () => {
    for (; seen < catcher.received.length; seen++) {
      const mail = catcher.received[seen];
      for (const id of mail.bookingIds) {
        if (!ids.has(id)) continue;
        delivered.set(id, (delivered.get(id) ?? 0) + 1);
        if (lastAt === null || mail.at > lastAt) lastAt = mail.at;
      }
    }
  };
  for (;;) {
    tally();
    if (delivered.size >= ids.size) break;
    if (Number(process.hrtime.bigint() - began) / 1e6 > DELIVERY_WAIT_MS) break;
    await pause(100);
  }
  const all = delivered.size >= ids.size && ids.size > 0;
  // Then until nothing is left to send, so that a late duplicate would be counted.
  await drained(server).catch(() => undefined);
  await catcher.parsed();
  tally();
  const messages = [...delivered.values()].reduce((n, c) => n + c, 0);
  return {
    sent: BURST,
    confirmed: ids.size,
    refused,
    answeredSeconds,
    delivered: delivered.size,
    allDeliveredSeconds: all && lastAt !== null ? seconds(began, lastAt) : null,
    duplicates: messages - delivered.size,
    messages,
    waitedSeconds: seconds(began, process.hrtime.bigint()),
  };
}

/** Issue 19's figures on one database (`databaseUrl`), after measureHttp on it. */
export async function measureNotifications(
  dataSet: GeneratedDataSet,
  now: number,
  app: StartCommand,
  options: { quick: boolean; databaseUrl: string; log: (message: string) => void },
): Promise<NotificationResult> {
  const slots = new FreeSlots(dataSet, localDateOf(now, ZONE));
  const catcher = new MailCatcher();
  await catcher.start();
  const withJobs = { ...appEnv(app, options.databaseUrl), RUN_JOBS: 'true', SMTP_URL: catcher.url };
  // No notification work in the process at all. The events its bookings leave in the outbox are
  // sent by the next round's server before it is measured (it waits for the outbox to empty).
  const plainEnv = { ...appEnv(app, options.databaseUrl), RUN_JOBS: 'false' };
  const start = (env: Record<string, string>) =>
    startServer(app.script, env, '/api/v1/health', app.nodeArgs);
  let tokens: string[] = [];
  let result: BurstResult;
  const rounds: Array<{ with: LoadResult; without: LoadResult }> = [];
  let mailsDuringSingle = 0;
  try {
    const server = await start(withJobs);
    try {
      // The tokens stay valid across the servers (one secret).
      tokens = await members(server.url, MEMBERS);
      // What measureHttp's servers left in the outbox (their last seconds) goes out first.
      await drained(server);
      catcher.parse = true;
      result = await burst(server, catcher, slots, tokens);
      catcher.parse = false;
      options.log(
        `  burst: ${result.confirmed} confirmed in ${result.answeredSeconds.toFixed(1)} s, ` +
          `${result.delivered} delivered` +
          (result.allDeliveredSeconds === null
            ? ` (not all within ${(DELIVERY_WAIT_MS / 1000).toFixed(0)} s)`
            : ` in ${result.allDeliveredSeconds.toFixed(1)} s`) +
          `, ${result.duplicates} duplicates`,
      );
    } finally {
      await server.stop();
    }
    for (let round = 0; round < ROUNDS; round++) {
      const delivering = await start(withJobs);
      let withDelivery: LoadResult;
      let drainSeconds: number;
      try {
        drainSeconds = await drained(delivering);
        const before = catcher.count;
        withDelivery = await singleBookings(delivering, slots, tokens, options.quick);
        mailsDuringSingle += catcher.count - before;
        // Emptied before it stops: a server stopped in the middle of a batch leaves that batch
        // `sending` until its lease ends (NOTIFICATION_LEASE_SECONDS, 600 s), longer than the
        // next round's wait (the full run of 2026-12-05 09:46 ended there on PostgreSQL).
        await drained(delivering);
      } finally {
        await delivering.stop();
      }
      const plain = await start(plainEnv);
      let withoutDelivery: LoadResult;
      try {
        withoutDelivery = await singleBookings(plain, slots, tokens, options.quick);
      } finally {
        await plain.stop();
      }
      rounds.push({ with: withDelivery, without: withoutDelivery });
      options.log(
        `  booking c=1, round ${round + 1}: median ${withDelivery.latency.median.toFixed(2)} ms ` +
          `with delivery, ${withoutDelivery.latency.median.toFixed(2)} ms without ` +
          `(the outbox emptied in ${drainSeconds.toFixed(0)} s before it)`,
      );
    }
  } finally {
    await catcher.stop();
  }
  const ratioOf = (r: (typeof rounds)[number]) => r.with.latency.median / r.without.latency.median;
  const byRatio = [...rounds].sort((a, b) => ratioOf(a) - ratioOf(b));
  const median = byRatio[Math.floor(byRatio.length / 2)];
  return {
    burst: result,
    withDelivery: median.with,
    withoutDelivery: median.without,
    rounds: rounds.map((r) => ({
      withMedian: r.with.latency.median,
      withoutMedian: r.without.latency.median,
      ratio: ratioOf(r),
    })),
    ratio: ratioOf(median),
    mailsDuringSingle,
  };
}
