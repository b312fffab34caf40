/**
 * Sends fuzzed requests one at a time, times them, and keeps what the rules need: the status
 * counts, and every request that answered 5xx, took over the limit, or got no answer at all.
 */

/** The slowest answer the fuzzers accept. */
export const SLOW_MS = 2_000;
/**
 * A request still unanswered by then counts as lost (a hung handler, or a process gone); it
 * has failed the 2 s rule anyway, so waiting longer would only make a failing run slower.
 */
export const GIVE_UP_MS = SLOW_MS + 250;

export type Role = 'anonymous' | 'member' | 'coordinator' | 'admin';
export const ROLES: readonly Role[] = ['anonymous', 'member', 'coordinator', 'admin'];

/** One fuzzed request, as sent. */
export interface FuzzRequest {
  method: string;
  /** Path and query, percent-encoded as they go on the wire. */
  path: string;
  /** The route it aims at (`/api/v1/bookings/{bookingId}`), for grouping the report. */
  route: string;
  headers: Record<string, string>;
  body?: string;
  as: Role;
  /** What was hostile about it, in a few words (`body.start=year 9999`). */
  label: string;
}

export interface Outcome {
  /** The HTTP status, or 0 when no answer came. */
  status: number;
  ms: number;
  /** Why there was no answer (the fetch error). */
  error?: string;
  location?: string | null;
  text?: string;
  setCookies?: string[];
}

export interface Failure {
  request: FuzzRequest;
  outcome: Outcome;
  reason: '5xx' | 'slow' | 'no answer' | 'off-site redirect';
}

export async function send(baseUrl: string, request: FuzzRequest): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      ms: performance.now() - started,
      location: response.headers.get('location'),
      text,
      setCookies: response.headers.getSetCookie(),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      status: 0,
      ms: performance.now() - started,
      error: cause ?? (error as Error).name ?? String(error),
    };
  }
}

/** What a run saw: counts by status, the failures, the slowest answer. */
export class FuzzLog {
  readonly statusCounts = new Map<number, number>();
  readonly failures: Failure[] = [];
  requests = 0;
  slowestMs = 0;
  slowest = '';
  /** The request after which the server no longer answered, if it came to that. */
  serverGone: string | undefined;
  /** Requests after which the server process had exited (and was started again). */
  readonly exits: string[] = [];
  private readonly started = performance.now();

  constructor(
    readonly name: string,
    readonly seed: number,
  ) {}

  record(request: FuzzRequest, outcome: Outcome): void {
    this.requests++;
    this.statusCounts.set(outcome.status, (this.statusCounts.get(outcome.status) ?? 0) + 1);
    if (outcome.status !== 0 && outcome.ms > this.slowestMs) {
      this.slowestMs = outcome.ms;
      this.slowest = `${request.method} ${request.route} ${request.label}`;
    }
    const reason =
      outcome.status === 0
        ? 'no answer'
        : outcome.status >= 500
          ? '5xx'
          : outcome.ms > SLOW_MS
            ? 'slow'
            : leavesSite(outcome.location)
              ? 'off-site redirect'
              : undefined;
    if (reason) this.failures.push({ request, outcome, reason });
  }

  /** One line: `api fuzz seed=… 3000 requests in 21.4 s (slowest 180 ms): 200×412 400×1900 …`. */
  summary(): string {
    const counts = [...this.statusCounts]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status === 0 ? 'none' : status}×${n}`)
      .join(' ');
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    return (
      `${this.name}: seed=${this.seed} (FUZZ_SEED=${this.seed} replays) ${this.requests} requests ` +
      `in ${seconds} s: ${counts}; slowest ${Math.round(this.slowestMs)} ms (${this.slowest})`
    );
  }

  /** The failures grouped by route, input kind and status; each group shows its first request. */
  report(limit = 60): string {
    if (this.failures.length === 0) return `${this.name}: no failures`;
    const gone = [
      ...this.exits.map((e) => `\n  THE PROCESS EXITED after: ${e}`),
      this.serverGone ? `\n  THE SERVER WAS GONE after: ${this.serverGone}` : '',
    ].join('');
    const groups = new Map<string, Failure[]>();
    for (const failure of this.failures) {
      const { request, outcome, reason } = failure;
      const what =
        reason === 'no answer'
          ? `no answer (${outcome.error})`
          : reason === 'off-site redirect'
            ? `${outcome.status} to ${shorten(outcome.location ?? '', 40)}`
            : String(outcome.status);
      const key = `${what} ${request.method} ${request.route} ${request.label}`;
      groups.set(key, [...(groups.get(key) ?? []), failure]);
    }
    const lines = [...groups].slice(0, limit).map(([key, list]) => {
      const first = list[0];
      const roles = [...new Set(list.map((f) => f.request.as))].join(',');
      const slow = first.reason === 'slow' ? ` in ${Math.round(first.outcome.ms)} ms` : '';
      return (
        `  ${key}${slow} ×${list.length} as ${roles}\n` +
        `      e.g. ${first.request.method} ${shorten(first.request.path, 140)}` +
        (first.request.body === undefined ? '' : ` body ${shorten(first.request.body, 140)}`) +
        headerNote(first.request.headers)
      );
    });
    const more = groups.size > limit ? `\n  … and ${groups.size - limit} more groups` : '';
    return `${this.name}: ${this.failures.length} failing requests in ${groups.size} groups (seed ${this.seed}):\n${lines.join('\n')}${more}${gone}`;
  }
}

const SITE = 'http://makon.site.invalid';

/**
 * Whether a redirect leaves the site once a browser resolves it (browsers drop tabs and line
 * breaks from a URL, so `/\t/evil.example` is `//evil.example`).
 */
export function leavesSite(location: string | null | undefined): boolean {
  if (!location) return false;
  try {
    return new URL(location, SITE).origin !== SITE;
  } catch {
    return false;
  }
}

const ROUTINE_HEADERS = new Set(['content-type', 'authorization', 'cookie']);

function headerNote(headers: Record<string, string>): string {
  const odd = Object.entries(headers).filter(([name]) => !ROUTINE_HEADERS.has(name));
  return odd.length === 0
    ? ''
    : ` headers ${shorten(odd.map(([n, v]) => `${n}: ${v}`).join('; '), 80)}`;
}

/** A readable short form: runs collapsed (`[×5000`), control characters escaped, the rest cut. */
export function shorten(text: string, max: number): string {
  const collapsed = text
    .replace(/(.)\1{7,}/gsu, (run, char: string) => `${char}×${[...run].length}`)
    .replace(/(.{2,8}?)\1{7,}/gsu, (run, unit: string) => `(${unit})×${run.length / unit.length}`);
  let visible = '';
  for (const char of collapsed) {
    const code = char.charCodeAt(0);
    const invisible =
      char.length === 1 &&
      (code < 0x20 ||
        (code >= 0x7f && code <= 0x9f) ||
        code === 0x2028 ||
        code === 0x2029 ||
        (code >= 0xd800 && code <= 0xdfff));
    visible += invisible ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return visible.length > max ? `${visible.slice(0, max)}…(${text.length} chars)` : visible;
}

/** Whether the server still answers its health check (after a request got no answer). */
export async function isUp(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/health`, {
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
    await response.text();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Where fuzzed requests go. */
export interface FuzzTarget {
  readonly baseUrl: string;
  /**
   * After a request got no answer: `hung` when the server still answers, `restarted` when its
   * process had exited and a new one now serves (a process target), `gone` when the run must stop.
   */
  afterNoAnswer(request: FuzzRequest): Promise<'hung' | 'restarted' | 'gone'>;
}

/** An application inside the test's process (it cannot be restarted). */
export function inProcessTarget(baseUrl: string): FuzzTarget {
  return {
    baseUrl,
    afterNoAnswer: async () => ((await isUp(baseUrl)) ? 'hung' : 'gone'),
  };
}

/** The run stops after this many unanswered requests (each costs GIVE_UP_MS)… */
const MAX_UNANSWERED = 40;
/** …or this many exits of a process target (each costs a restart). */
const MAX_EXITS = 100;

/**
 * Sends requests to a target one at a time and records them in the log. An input that got no
 * answer is not sent again (it is reported once; waiting for it again would only cost time); the
 * run stops when the server is gone for good or too many requests went unanswered.
 */
export class FuzzSession {
  private readonly hung = new Set<string>();
  private unanswered = 0;
  /** Requests skipped because the same input had got no answer. */
  skipped = 0;
  /** Why the run stopped early, if it did. */
  stopped: string | undefined;

  constructor(
    readonly target: FuzzTarget,
    readonly log: FuzzLog,
  ) {}

  /** The outcome, or undefined when the request was skipped or the run has stopped. */
  async fire(request: FuzzRequest): Promise<Outcome | undefined> {
    const input = `${request.method} ${request.route} ${request.label}`;
    if (this.stopped) return undefined;
    if (this.hung.has(input)) {
      this.skipped++;
      return undefined;
    }
    const outcome = await send(this.target.baseUrl, request);
    this.log.record(request, outcome);
    if (outcome.status !== 0) return outcome;
    this.hung.add(input);
    const state = await this.target.afterNoAnswer(request);
    const what = `${request.method} ${shorten(request.path, 100)} as ${request.as} (${request.label})`;
    if (state === 'restarted') {
      // Every exit is worth listing (a restart costs about as much as a wait), up to a bound.
      this.log.exits.push(what);
      if (this.log.exits.length >= MAX_EXITS) this.stopped = `${MAX_EXITS} exits`;
    } else if (state === 'gone') {
      this.log.serverGone = what;
      this.stopped = 'the server is gone';
    } else if (++this.unanswered >= MAX_UNANSWERED) {
      this.stopped = `${MAX_UNANSWERED} requests got no answer (each waited ${GIVE_UP_MS} ms)`;
    }
    return outcome;
  }
}

/** Sends the requests in order through the session. */
export async function runCorpus(
  session: FuzzSession,
  requests: Iterable<FuzzRequest>,
): Promise<void> {
  for (const request of requests) {
    if (session.stopped) return;
    await session.fire(request);
  }
}

/** The run's one line (to stdout, so that CI logs keep it). */
export function printRun(log: FuzzLog, session?: FuzzSession): void {
  const notes = [
    session?.skipped
      ? `${session.skipped} requests skipped (same input as one that got no answer)`
      : '',
    session?.stopped ? `STOPPED EARLY: ${session.stopped}` : '',
  ].filter(Boolean);
  process.stdout.write(`${log.summary()}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}\n`);
}
