/** The results table, the targets, and docs/benchmarks.md. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export const currentLoad = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
import type { GeneratedDataSet, Verification } from './generate';
import type { Ceiling, HttpResult, LoadResult } from './http';
import type { PageResult, SoakResult } from './scenarios';
import type { ConflictCheckResult } from './in-process';
import type { StartCommand } from './start-command';
import type { DataSetSpec } from './network';
import type { Summary } from './stats';

export interface SizeResult {
  spec: DataSetSpec;
  dataSet: GeneratedDataSet;
  verification: Verification;
  conflictCheck: ConflictCheckResult;
  http?: HttpResult;
  httpPostgres?: HttpResult;
  /** The data set copied to PostgreSQL for httpPostgres. */
  postgresCopy?: { rows: number; seconds: number };
}

export interface RunResult {
  quick: boolean;
  startedAt: string;
  minutes: number;
  machine: string[];
  loadAtEnd: string;
  ceiling?: Ceiling;
  sizes: SizeResult[];
}

/** The code measured: its branch and commit (and whether the tree had changes). */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'src', 'bench') !== '' ? ' with changes' : '';
    return `Code: branch \`${git('rev-parse', '--abbrev-ref', 'HEAD')}\` at ${git('rev-parse', '--short', 'HEAD')}${dirty}`;
  } catch {
    return 'Code: unknown (not a git checkout)';
  }
}

export function describeMachine(server: StartCommand): string[] {
  const cores = cpus();
  const env = Object.entries(server.env).map(([name, value]) => `${name}=${value} `);
  return [
    codeVersion(),
    `Servers started as \`npm start\` starts them: \`${env.join('')}node ${[...server.nodeArgs, '<script>'].join(' ')}\``,
    `CPU: ${cores[0]?.model ?? 'unknown'}, ${cores.length} cores`,
    `RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: Linux ${release()}`,
    `Node.js ${process.version}`,
    `Load average at start (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} (the machine is shared)`,
  ];
}

const ms = (value: number): string =>
  Number.isNaN(value)
    ? '—'
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : value.toFixed(0);
const pair = (s: Summary): string => `${ms(s.median)} / ${ms(s.p95)}`;
const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');
const loadPair = (r: LoadResult): string =>
  `${pair(r.latency)}${r.serverCpuMs !== undefined ? ` [cpu ${ms(r.serverCpuMs)}]` : ''}${failures(r)}`;
const failures = (r: LoadResult): string => {
  const bad = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
  const count = bad.reduce((n, [, c]) => n + c, 0) + r.errors;
  return count > 0 ? ` (${count} failed: ${bad.map(([c, n]) => `${n}×${c}`).join(', ')})` : '';
};

interface Row {
  measure: string;
  values: Record<string, string>;
  target: string;
  verdict: string;
}

export function tableRows(run: RunResult): Row[] {
  const rows: Row[] = [];
  const bySize = (pick: (s: SizeResult) => string | undefined): Record<string, string> =>
    Object.fromEntries(run.sizes.map((s) => [s.spec.label, pick(s) ?? '—']));
  const largest = run.sizes[run.sizes.length - 1];
  const smallest = run.sizes[0];
  const verdict = (met: boolean | undefined): string =>
    met === undefined ? 'n/a' : met ? '**met**' : '**missed**';

  rows.push({
    measure: 'Allocations / sessions / bookings generated',
    values: bySize(
      (s) =>
        `${thousands(s.dataSet.allocations)} / ${thousands(s.dataSet.occurrences)} / ${thousands(s.dataSet.bookings)}`,
    ),
    target: '',
    verdict: '',
  });
  rows.push({
    measure: 'Centers / resources; days of history',
    values: bySize(
      (s) =>
        `${s.dataSet.centers.length} / ${s.dataSet.centers.reduce((n, c) => n + c.resources.length, 0)}; ${s.dataSet.firstDay} to ${s.dataSet.lastDay}`,
    ),
    target: '',
    verdict: '',
  });
  rows.push({
    measure: 'Generation time (s); invariant violations (PostgreSQL: copy of the same rows)',
    values: {
      ...bySize(
        (s) =>
          `${s.dataSet.seconds.toFixed(1)}; ${s.verification.exclusiveOverlaps + s.verification.poolsOverCapacity + s.verification.sessionsOutsideCalendar}`,
      ),
      ...Object.fromEntries(
        run.sizes
          .filter((s) => s.postgresCopy)
          .map((s) => [
            `${s.spec.label} PostgreSQL`,
            `${thousands(s.postgresCopy!.rows)} rows copied in ${s.postgresCopy!.seconds.toFixed(0)} s`,
          ]),
      ),
    },
    target: 'no violation',
    verdict: verdict(
      run.sizes.every(
        (s) =>
          s.verification.exclusiveOverlaps +
            s.verification.poolsOverCapacity +
            s.verification.sessionsOutsideCalendar ===
          0,
      ),
    ),
  });
  const ratio = (pick: (c: ConflictCheckResult) => Summary): number =>
    pick(largest.conflictCheck).p95 / pick(smallest.conflictCheck).p95;
  const full = run.sizes.length > 1;
  rows.push({
    measure: 'Conflict check in process, 1 session: median / p95 (ms)',
    values: bySize((s) => pair(s.conflictCheck.single)),
    target: `p95 at ${largest.spec.label} ≤ 1.5× p95 at ${smallest.spec.label}`,
    verdict: full
      ? `${verdict(ratio((c) => c.single) <= 1.5)} (${ratio((c) => c.single).toFixed(2)}×)`
      : 'n/a (quick)',
  });
  rows.push({
    measure: 'Conflict check in process, 52-session series: median / p95 (ms)',
    values: bySize((s) => pair(s.conflictCheck.series)),
    target: `p95 at ${largest.spec.label} ≤ 1.5× p95 at ${smallest.spec.label}`,
    verdict: full
      ? `${verdict(ratio((c) => c.series) <= 1.5)} (${ratio((c) => c.series).toFixed(2)}×)`
      : 'n/a (quick)',
  });
  const columns = columnsOf(run);
  const httpColumns = columns.filter((c) => c.http);
  if (httpColumns.length === 0) return rows;
  // HTTP targets are judged on the largest size measured over HTTP, on every database.
  const judged = httpColumns.filter((c) => c.size === [...run.sizes].reverse().find((s) => s.http));
  const httpRow = (
    measure: string,
    pick: (h: HttpResult, column: Column) => string | undefined,
    target: string,
    met?: (h: HttpResult) => boolean,
  ): void => {
    rows.push({
      measure,
      values: Object.fromEntries(
        columns.map((c) => [c.key, c.http ? (pick(c.http, c) ?? '—') : '']),
      ),
      target,
      verdict: met ? verdict(judged.every((c) => met(c.http!))) : 'n/a',
    });
  };
  const ceiling = run.ceiling;
  const first = httpColumns[0].key;
  const once = (value: string) => (_: HttpResult, c: Column) => (c.key === first ? value : '');
  if (ceiling) {
    httpRow('Ceiling: bare GET, c=1: median / p95 (ms)', once(loadPair(ceiling.bareSingle)), '');
    httpRow(
      'Ceiling: bare GET, c=10: requests/s',
      once(thousands(ceiling.bareThroughput.requestsPerSecond)),
      '',
    );
    httpRow(
      'Ceiling: validated, authenticated POST without database work, c=1: median / p95 (ms)',
      once(loadPair(ceiling.validatedSingle)),
      '',
    );
    httpRow(
      'Ceiling: validated, authenticated POST without database work, c=10: requests/s',
      once(thousands(ceiling.validatedThroughput.requestsPerSecond)),
      '',
    );
  }
  const isPostgres = (h: HttpResult) => h.database === 'PostgreSQL';
  httpRow(
    'POST booking, next 14 days on dense data, 41 members, all kinds, c=1: median / p95 (ms); answers',
    (h) => `${pair(h.bookingSingle.latency)}${cpu(h.bookingSingle)}; ${answers(h.bookingSingle)}`,
    'median ≤ 3 ms (SQLite), ≤ 5 ms (PostgreSQL)',
    (h) => h.bookingSingle.latency.median <= (isPostgres(h) ? 5 : 3) && noErrors(h.bookingSingle),
  );
  httpRow(
    'POST booking as above, c=10: requests/s (median / p95 ms); share of the validated-POST ceiling',
    (h) =>
      `${thousands(h.bookingThroughput.requestsPerSecond)} (${pair(h.bookingThroughput.latency)}${cpu(h.bookingThroughput)}); ` +
      (ceiling
        ? `${((100 * h.bookingThroughput.requestsPerSecond) / ceiling.validatedThroughput.requestsPerSecond).toFixed(0)}%`
        : '—'),
    '≥ 15% of the ceiling (SQLite)',
    (h) =>
      isPostgres(h) ||
      (ceiling !== undefined &&
        h.bookingThroughput.requestsPerSecond >=
          0.15 * ceiling.validatedThroughput.requestsPerSecond),
  );
  const notified = (h: HttpResult) => h.notifications;
  // Issue 19's rows (left out with --no-notifications).
  if (httpColumns.some((c) => c.http?.notifications)) {
    httpRow(
      '1,000 bookings in a burst (free slots, 41 members, 100 at a time) → confirmations delivered by email (SMTP server in the bench, delivery job every 5 s): all in N s from the first request; duplicates',
      (h) => {
        const n = notified(h);
        if (!n) return undefined;
        const b = n.burst;
        const refused = Object.entries(b.refused)
          .map(([code, count]) => `${count}×${code}`)
          .join(', ');
        const delivered =
          b.allDeliveredSeconds !== null
            ? `all in ${b.allDeliveredSeconds.toFixed(1)} s`
            : `${thousands(b.delivered)} of ${thousands(b.confirmed)} in ${b.waitedSeconds.toFixed(0)} s`;
        return (
          `${delivered}; duplicates ${b.duplicates} (bookings answered in ${b.answeredSeconds.toFixed(1)} s` +
          `${refused ? `; not confirmed: ${refused}` : ''})`
        );
      },
      'all within 60 s, none doubled',
      (h) => {
        const b = notified(h)?.burst;
        return (
          b !== undefined &&
          b.confirmed === b.sent &&
          b.allDeliveredSeconds !== null &&
          b.allDeliveredSeconds <= 60 &&
          b.duplicates === 0
        );
      },
    );
    httpRow(
      'POST booking (free slots), c=1, median / p95 (ms): with notifications (`SMTP_URL` set, delivery job on) · without (no `SMTP_URL`, `RUN_JOBS=false`), in rounds taken in turns; the median round, the median of the rounds’ ratios (each round’s)',
      (h) => {
        const n = notified(h);
        if (!n) return undefined;
        const each = ` (${n.rounds.map((r) => r.ratio.toFixed(2)).join(', ')})`;
        return (
          `${loadPair(n.withDelivery)} (${thousands(n.mailsDuringSingle)} emails meanwhile) · ` +
          `${loadPair(n.withoutDelivery)}; ${n.ratio.toFixed(2)}×${each}`
        );
      },
      'ratio ≤ 1.10',
      (h) => {
        const n = notified(h);
        return (
          n !== undefined && n.ratio <= 1.1 && clean(n.withDelivery) && clean(n.withoutDelivery)
        );
      },
    );
  }
  httpRow(
    'POST 52-session weekly series (free slots), c=1: median / p95 (ms)',
    (h) => loadPair(h.series),
    'median ≤ 15 ms',
    (h) => h.series.latency.median <= 15 && clean(h.series),
  );
  httpRow(
    'GET availability, one center, 2 hours of a busy day: median / p95 (ms)',
    (h) => loadPair(h.availability),
    'median ≤ 5 ms',
    (h) => h.availability.latency.median <= 5 && clean(h.availability),
  );
  httpRow('GET resource schedule, one week: median / p95 (ms)', (h) => loadPair(h.schedule), '');
  httpRow(
    'GET utilization report API, one center, one year: median / p95 (ms)',
    (h) => (h.report === 'not available' ? 'not available' : loadPair(h.report)),
    '≤ 300 ms',
    (h) => h.report !== 'not available' && h.report.latency.median <= 300 && clean(h.report),
  );
  const page = (p: PageResult) =>
    `${pair(p.latency)}${p.serverCpuMs !== undefined ? ` [cpu ${ms(p.serverCpuMs)}]` : ''}; ` +
    `${(p.bytes / 1024).toFixed(0)} KB${pageFailures(p)}`;
  httpRow(
    'Page: Today (`/admin`, the hub): median / p95 (ms); size on the wire',
    (h) => page(h.pages.today),
    'median ≤ 50 ms; ≤ 40 KB',
    (h) => h.pages.today.latency.median <= 50 && h.pages.today.bytes <= 40 * 1024,
  );
  httpRow(
    'Page: bookings list (`/admin/bookings`): median / p95 (ms); size',
    (h) => page(h.pages.bookings),
    'median ≤ 50 ms',
    (h) => h.pages.bookings.latency.median <= 50,
  );
  httpRow(
    'Page: reports, this month: median / p95 (ms); size',
    (h) => page(h.pages.month),
    'median ≤ 150 ms',
    (h) => h.pages.month.latency.median <= 150,
  );
  httpRow(
    'Page: reports, last calendar year: median / p95 (ms); size',
    (h) => page(h.pages.year),
    'median ≤ 500 ms',
    (h) => h.pages.year.latency.median <= 500,
  );
  const spread = (x: SoakResult['ordinary']) =>
    `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)}; max ${ms(x.max)}`;
  httpRow(
    'Mixed soak: ordinary requests (availability, schedules, bookings): p50 / p95 / p99 (ms); max',
    (h) =>
      `${spread(h.soak.ordinary)} (${thousands(h.soak.ordinary.count)} in ${h.soak.seconds.toFixed(0)} s, ${h.soak.requestsPerSecond.toFixed(0)}/s)`,
    'p99 ≤ 150 ms; none over 1 s',
    (h) => h.soak.ordinary.p99 <= 150 && h.soak.ordinary.max <= 1000 && h.soak.heavy.max <= 1000,
  );
  httpRow(
    'Mixed soak: pages and reports (3%): p50 / p95 / p99 (ms); max',
    (h) => `${spread(h.soak.heavy)} (${thousands(h.soak.heavy.count)})`,
    'none over 1 s',
    (h) => h.soak.heavy.max <= 1000,
  );
  httpRow(
    'Mixed soak: resident memory every 10 s; peak (MB)',
    (h) => `${h.soak.rssMb.join(', ')}; peak ${h.soak.peakRssMb.toFixed(0)}`,
    'peak ≤ 250 MB',
    (h) => h.soak.peakRssMb <= 250,
  );
  httpRow(
    'First request after start: a booking; Today (ms)',
    (h) => `${ms(h.firstBookingMs)}; ${ms(h.firstTodayMs)}`,
    'booking ≤ 50 ms, Today ≤ 200 ms',
    (h) => h.firstBookingMs <= 50 && h.firstTodayMs <= 200,
  );
  httpRow(
    'Start-up to a healthy server on the existing database (ms)',
    (h) =>
      `${h.startupMs.map((t) => ms(t)).join(', ')} [cpu ${h.startupCpuMs.map((t) => ms(t)).join(', ')}]`,
    '≤ 2,000 ms',
    (h) => Math.max(...h.startupMs) <= 2000,
  );
  httpRow(
    'Resident memory: after start-up; after all the load / peak (MB)',
    (h) => `${h.rssAfterStartMb.toFixed(0)}; ${h.rssMb.toFixed(0)} / ${h.peakRssMb.toFixed(0)}`,
    '≤ 250 MB',
    (h) => h.peakRssMb <= 250,
  );
  return rows;
}

interface Column {
  key: string;
  size: SizeResult;
  http?: HttpResult;
}

/** A column per size (SQLite), and one per size measured on PostgreSQL too. */
function columnsOf(run: RunResult): Column[] {
  return run.sizes.flatMap((size) => [
    { key: size.spec.label, size, http: size.http },
    ...(size.httpPostgres
      ? [{ key: `${size.spec.label} PostgreSQL`, size, http: size.httpPostgres }]
      : []),
  ]);
}

const cpu = (r: LoadResult): string =>
  r.serverCpuMs !== undefined ? ` [cpu ${ms(r.serverCpuMs)}]` : '';

/** The answers' status codes as shares (`201 38%, 409 62%`), and connection errors. */
function answers(r: LoadResult): string {
  const total = Object.values(r.statuses).reduce((n, c) => n + c, 0);
  const shares = Object.entries(r.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code} ${((100 * n) / total).toFixed(0)}%`);
  return shares.join(', ') + (r.errors > 0 ? `, ${r.errors} errors` : '');
}

function noErrors(r: LoadResult): boolean {
  return r.errors === 0 && Object.keys(r.statuses).every((c) => c === '201' || c === '409');
}

function pageFailures(p: PageResult): string {
  const bad = Object.entries(p.statuses).filter(([code]) => code !== '200');
  return bad.length > 0 ? ` (${bad.map(([c, n]) => `${n}×${c}`).join(', ')})` : '';
}

function clean(r: LoadResult): boolean {
  return r.errors === 0 && Object.keys(r.statuses).every((code) => code.startsWith('2'));
}

export function markdownTable(run: RunResult): string {
  const labels = columnsOf(run).map((c) => c.key);
  const rows = tableRows(run);
  const lines = [
    `| measure | ${labels.join(' | ')} | target | result |`,
    `|---|${labels.map(() => '---:').join('|')}|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.measure} | ${labels.map((l) => r.values[l] ?? '—').join(' | ')} | ${r.target} | ${r.verdict} |`,
    ),
  ];
  return lines.join('\n');
}

const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

export function resultSection(run: RunResult): string {
  const largest = run.sizes[run.sizes.length - 1];
  return [
    BEGIN,
    `## Latest ${run.quick ? 'quick' : 'full'} run`,
    '',
    `${run.startedAt}, ${run.minutes.toFixed(1)} minutes in all.`,
    '',
    ...run.machine.map((m) => `- ${m}`),
    `- Load average at the end: ${run.loadAtEnd}`,
    '',
    'Latencies are medians / 95th percentiles; `[cpu …]` is the CPU time (user + system, ms) the ' +
      'server process spent per response, which a busy machine inflates much less than latency.',
    '',
    markdownTable(run),
    '',
    `Query plan of the conflict check at ${largest.spec.label} (\`EXPLAIN QUERY PLAN\`): ` +
      largest.conflictCheck.plan.map((p) => `\`${p}\``).join('; '),
    '',
    `Samples: conflict check ${largest.conflictCheck.single.count} single sessions and ` +
      `${largest.conflictCheck.series.count} series per size; HTTP figures from every response of ` +
      `each autocannon run (after a warm-up run). Bookings made over HTTP in this run: ` +
      `${run.sizes
        .map((s) => (s.http ? `${thousands(s.http.bookingsCreated)} at ${s.spec.label}` : ''))
        .filter(Boolean)
        .join(', ')}.`,
    END,
  ].join('\n');
}

/** Replaces the generated section of `path`, keeping everything written by hand around it. */
export function writeResults(path: string, run: RunResult, header: string): void {
  const section = resultSection(run);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `${header}\n\n${BEGIN}\n${END}\n`;
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    begin >= 0 && end > begin
      ? current.slice(0, begin) + section + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
