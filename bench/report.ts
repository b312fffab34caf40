/** The results table, the targets, and docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export const currentLoad = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
import type { GeneratedDataSet, Verification } from './generate';
import type { HttpResult, LoadResult } from './http';
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
}

export interface RunResult {
  quick: boolean;
  startedAt: string;
  minutes: number;
  machine: string[];
  loadAtEnd: string;
  sizes: SizeResult[];
}

export function describeMachine(server: StartCommand): string[] {
  const cores = cpus();
  const env = Object.entries(server.env).map(([name, value]) => `${name}=${value} `);
  return [
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
  const http = [...run.sizes].reverse().find((s) => s.http)?.http;
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
    measure: 'Generation time (s); invariant violations',
    values: bySize(
      (s) =>
        `${s.dataSet.seconds.toFixed(1)}; ${s.verification.exclusiveOverlaps + s.verification.poolsOverCapacity + s.verification.sessionsOutsideCalendar}`,
    ),
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
  if (!http) return rows;
  const httpRow = (
    measure: string,
    pick: (h: HttpResult) => string,
    target: string,
    met: (h: HttpResult) => boolean | undefined,
  ): void => {
    rows.push({
      measure,
      values: bySize((s) => (s.http ? pick(s.http) : undefined)),
      target,
      verdict: verdict(met(http)),
    });
  };
  httpRow(
    'Bare NestJS GET (ceiling), c=1: median / p95 (ms)',
    (h) => loadPair(h.bareSingle),
    '',
    () => undefined,
  );
  httpRow(
    'Bare NestJS GET (ceiling), c=10: requests/s',
    (h) => thousands(h.bareThroughput.requestsPerSecond),
    '',
    () => undefined,
  );
  httpRow(
    'POST single booking, c=1: median / p95 (ms)',
    (h) => loadPair(h.bookingSingle),
    'median ≤ 3 ms',
    (h) => h.bookingSingle.latency.median <= 3 && clean(h.bookingSingle),
  );
  httpRow(
    'POST single booking, c=10: requests/s (median / p95 ms)',
    (h) =>
      `${thousands(h.bookingThroughput.requestsPerSecond)} (${loadPair(h.bookingThroughput)}); ${(
        (100 * h.bookingThroughput.requestsPerSecond) /
        h.bareThroughput.requestsPerSecond
      ).toFixed(0)}% of ceiling`,
    '≥ 25% of the ceiling',
    (h) =>
      h.bookingThroughput.requestsPerSecond >= 0.25 * h.bareThroughput.requestsPerSecond &&
      clean(h.bookingThroughput),
  );
  httpRow(
    'POST 52-session weekly series, c=1: median / p95 (ms)',
    (h) => loadPair(h.series),
    'median ≤ 15 ms',
    (h) => h.series.latency.median <= 15 && clean(h.series),
  );
  httpRow(
    'GET availability, one center, one week: median / p95 (ms)',
    (h) => loadPair(h.availability),
    'median ≤ 5 ms',
    (h) => h.availability.latency.median <= 5 && clean(h.availability),
  );
  httpRow(
    'GET resource schedule, one week: median / p95 (ms)',
    (h) => loadPair(h.schedule),
    '',
    () => undefined,
  );
  httpRow(
    'GET utilization report, one center, one year: median / p95 (ms)',
    (h) =>
      h.report === 'not available' ? 'not available (route answers 404)' : loadPair(h.report),
    '≤ 300 ms',
    (h) =>
      h.report === 'not available' ? undefined : h.report.latency.median <= 300 && clean(h.report),
  );
  httpRow(
    'Start-up to a healthy server on the existing database (ms)',
    (h) =>
      `${h.startupMs.map((t) => ms(t)).join(', ')} [cpu ${h.startupCpuMs.map((t) => ms(t)).join(', ')}]`,
    '≤ 2,000 ms',
    (h) => Math.max(...h.startupMs) <= 2000,
  );
  httpRow(
    'Resident memory: after start-up; after the load / peak (MB)',
    (h) => `${h.rssAfterStartMb.toFixed(0)}; ${h.rssMb.toFixed(0)} / ${h.peakRssMb.toFixed(0)}`,
    '≤ 250 MB',
    (h) => h.rssMb <= 250,
  );
  return rows;
}

function clean(r: LoadResult): boolean {
  return r.errors === 0 && Object.keys(r.statuses).every((code) => code.startsWith('2'));
}

export function markdownTable(run: RunResult): string {
  const labels = run.sizes.map((s) => s.spec.label);
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
