/**
 * `npm run bench` (full: data sets of about 1,000, 100,000 and 1,000,000 allocations) and
 * `npm run bench -- --quick` (the small one only). Options: `--profile` starts the server with
 * `--cpu-prof` (profiles in bench/results/profiles), `--keep` keeps the generated databases (and
 * the PostgreSQL schemas), `--no-postgres` measures SQLite only, `--no-notifications` leaves out
 * issue 19's burst of confirmations (notification-burst.ts), `--only=large` (or small, medium) one data set, `--soak-seconds=N` sets the mixed
 * soak's length (30 s quick, 300 s full). PostgreSQL: MAKON_BENCH_DATABASE_URL, else
 * postgres://127.0.0.1:5432/test; skipped (and said so) when it does not answer.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataSet, verifyDataSet } from './generate';
import { Ceiling, HttpResult, measureCeiling, measureHttp } from './http';
import { copyToPostgres, PostgresCopy, postgresAnswers } from './postgres-copy';
import { measureConflictChecks } from './in-process';
import { measureNotifications } from './notification-burst';
import { DATA_SETS } from './network';
import { startCommandOf } from './start-command';
import {
  currentLoad,
  describeMachine,
  markdownTable,
  RunResult,
  SizeResult,
  writeResults,
} from './report';

const ROOT = join(__dirname, '..', '..');
const BARE = join(__dirname, 'bare-server.js');
const PRELOAD = join(__dirname, 'exit-on-signal.js');
const RESULTS = join(ROOT, 'bench', 'results');
const DOC = join(ROOT, 'docs', 'benchmarks.md');

const HEADER = `# Benchmarks

\`npm run bench\` builds what it needs, generates the data sets with the app's migrations, measures,
prints this table and rewrites the section between the markers below (\`npm run bench -- --quick\`
runs the small data set only and writes \`bench/results/quick.md\` instead). See
[development.md](development.md#benchmark).`;

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const quick = args.has('--quick');
  const keep = args.has('--keep');
  const notifications = !args.has('--no-notifications');
  const soakArg = [...args].find((a) => a.startsWith('--soak-seconds='));
  const soakSeconds = soakArg ? Number(soakArg.split('=')[1]) : undefined;
  const postgresUrl = process.env.MAKON_BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';
  const postgres = !args.has('--no-postgres') && (await postgresAnswers(postgresUrl));
  const began = Date.now();
  const now = began;
  mkdirSync(RESULTS, { recursive: true });
  const profileDir = args.has('--profile') ? join(RESULTS, 'profiles') : undefined;
  const workDir = mkdtempSync(join(tmpdir(), 'makon-bench-'));
  const server = startCommandOf(ROOT);
  const machine = describeMachine(server);
  // `--only=<name>` (small, medium, large): one data set, for a shorter run.
  const only = [...args].find((a) => a.startsWith('--only='))?.split('=')[1];
  const specs = only
    ? DATA_SETS.filter((d) => d.name === only)
    : quick
      ? DATA_SETS.slice(0, 1)
      : DATA_SETS;
  if (specs.length === 0)
    throw new Error(`--only=${only}: no such data set (small, medium, large)`);
  const sizes: SizeResult[] = [];
  log(`Makon benchmark (${quick ? 'quick' : 'full'}), data in ${workDir}`);
  log(
    postgres
      ? `PostgreSQL: ${postgresUrl}`
      : 'PostgreSQL: not measured (--no-postgres or no answer)',
  );
  let ceiling: Ceiling | undefined;
  for (const line of machine) log(`  ${line}`);
  try {
    const generated = [];
    for (const spec of specs) {
      const path = join(workDir, `${spec.name}.sqlite`);
      log(
        `[${spec.label}] generating about ${spec.targetAllocations.toLocaleString('en-US')} allocations…`,
      );
      const dataSet = await generateDataSet(spec, path, now);
      log(
        `[${spec.label}] ${dataSet.allocations} allocations, ${dataSet.occurrences} sessions, ` +
          `${dataSet.bookings} bookings in ${dataSet.seconds.toFixed(1)} s; verifying…`,
      );
      const verification = await verifyDataSet(path);
      log(`[${spec.label}] ${JSON.stringify(verification)}`);
      generated.push({ spec, dataSet, verification });
    }
    log('Conflict check in process, all sizes in interleaved rounds…');
    const checks = await measureConflictChecks(
      generated.map((g) => g.dataSet.path),
      now,
      { singles: quick ? 1000 : 3000, series: quick ? 100 : 300, warmup: 300, rounds: 10 },
    );
    for (const [index, g] of generated.entries()) {
      const result: SizeResult = { ...g, conflictCheck: checks[index] };
      log(
        `[${g.spec.label}] single ${fmt(result.conflictCheck.single)}, series ${fmt(result.conflictCheck.series)}`,
      );
      if (index === 0 || index === generated.length - 1) {
        if (!ceiling) {
          log('Ceilings (bare app)…');
          ceiling = await measureCeiling(server, BARE, quick);
        }
        // The 5-minute soak is for the largest size; a smaller one soaks a minute.
        const largest = index === generated.length - 1;
        const options = {
          quick,
          profileDir,
          soakSeconds: soakSeconds ?? (largest ? undefined : 60),
          ceiling,
        };
        // Copied before the SQLite run adds its bookings, so that both start from the same rows.
        let copy: PostgresCopy | undefined;
        if (postgres) {
          log(`[${g.spec.label}] copying to PostgreSQL…`);
          copy = await copyToPostgres(
            g.dataSet.path,
            postgresUrl,
            // Per run, so that two runs on one PostgreSQL (engineers sharing a machine) do not drop
            // each other's schema.
            `bench_${g.spec.name}_${process.pid}`,
          );
          result.postgresCopy = { rows: copy.rows, seconds: copy.seconds };
          log(`[${g.spec.label}] ${copy.rows} rows in ${copy.seconds.toFixed(0)} s`);
        }
        try {
          log(`[${g.spec.label}] HTTP on SQLite…`);
          result.http = await measureHttp(g.dataSet, now, server, PRELOAD, {
            ...options,
            database: 'SQLite',
            databaseUrl: `sqlite:${g.dataSet.path}`,
          });
          logHttp(g.spec.label, result.http);
          if (notifications) {
            log(
              `[${g.spec.label}] notifications: booking c=1 with and without delivery, the burst…`,
            );
            result.http.notifications = await measureNotifications(g.dataSet, now, server, {
              quick,
              databaseUrl: `sqlite:${g.dataSet.path}`,
              log,
            });
          }
          if (copy) {
            log(`[${g.spec.label}] HTTP on PostgreSQL…`);
            result.httpPostgres = await measureHttp(g.dataSet, now, server, PRELOAD, {
              ...options,
              database: 'PostgreSQL',
              databaseUrl: copy.url,
            });
            logHttp(`${g.spec.label} PostgreSQL`, result.httpPostgres);
            if (notifications) {
              log(`[${g.spec.label} PostgreSQL] notifications…`);
              result.httpPostgres.notifications = await measureNotifications(
                g.dataSet,
                now,
                server,
                { quick, databaseUrl: copy.url, log },
              );
            }
          }
        } finally {
          if (copy && !keep) await copy.drop();
        }
      }
      sizes.push(result);
    }
  } finally {
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  }
  const run: RunResult = {
    quick,
    startedAt: new Date(began).toISOString(),
    minutes: (Date.now() - began) / 60000,
    machine,
    loadAtEnd: currentLoad(),
    ceiling,
    sizes,
  };
  console.log(`\n${markdownTable(run)}\n`);
  writeFileSync(
    join(RESULTS, quick ? 'quick.json' : only ? `only-${only}.json` : 'full.json'),
    JSON.stringify(run, null, 2),
  );
  if (quick || only) {
    const name = quick ? 'quick' : `only-${only}`;
    writeResults(join(RESULTS, `${name}.md`), run, `# Benchmark run (${name})`);
    log(`Written to bench/results/${name}.md (${run.minutes.toFixed(1)} min).`);
  } else {
    writeResults(DOC, run, HEADER);
    log(`Written to docs/benchmarks.md (${run.minutes.toFixed(1)} min).`);
  }
}

function logHttp(label: string, h: HttpResult): void {
  log(
    `[${label}] booking c=1 ${fmt(h.bookingSingle.latency)}, availability ${fmt(h.availability.latency)}, ` +
      `Today ${fmt(h.pages.today.latency)}, soak p99 ${h.soak.ordinary.p99.toFixed(1)} ms ` +
      `(max ${h.soak.ordinary.max.toFixed(0)}), peak RSS ${h.soak.peakRssMb.toFixed(0)} MB`,
  );
}

function fmt(s: { median: number; p95: number }): string {
  return `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
}

function log(message: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${message}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
