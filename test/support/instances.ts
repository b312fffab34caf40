import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCommandOf } from '../../bench/start-command';
import { ADMIN, httpClient, HttpClient } from './test-app';

const ROOT = join(__dirname, '..', '..');

/** A build older than this has died with its lock held (a build takes well under a minute). */
const STALE_BUILD_LOCK_MS = 10 * 60_000;

/**
 * Whether the process that took the build lock is gone (a run stopped with Ctrl-C or a kill
 * during a build): its lock would otherwise hold every process spec of the next run for
 * STALE_BUILD_LOCK_MS, past their hooks' timeouts.
 */
function lockHolderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // taken a moment ago, its pid not yet written
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Builds dist/ when it is missing or older than the sources (as `npm start` does). One spec file
 * at a time: `nest build` empties dist/ first, so a second worker building at the same moment
 * would delete the files of the first one's server as it starts; the second waits for the first's
 * build and then finds dist/ up to date.
 */
export function buildServer(): void {
  const lock = join(tmpdir(), `makon-build-${createHash('sha1').update(ROOT).digest('hex')}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_BUILD_LOCK_MS || lockHolderGone(lock)) {
        rmSync(lock, { recursive: true, force: true });
      }
      // Waits for the other worker's build: it is synchronous, like the build itself.
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    execFileSync(process.execPath, [join(ROOT, 'config', 'build-if-needed.js')], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** One real server process (`node dist/src/main.js`) on a free port. */
export interface Instance extends HttpClient {
  process: ChildProcess;
  baseUrl: string;
  /** What it wrote to stderr so far (errors are logged there). */
  errors(): string;
  kill(): Promise<void>;
}

export const INSTANCE_JWT_SECRET = 'instances-test-secret-long-enough';

/**
 * Starts `node dist/src/main.js` on a free port. With `asNpmStart`, the process gets exactly the
 * environment assignments and node flags of package.json's `start` script (what `npm start` runs).
 */
export function startInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { asNpmStart?: boolean } = {},
) {
  const command = options.asNpmStart
    ? startCommandOf(ROOT)
    : { env: {}, nodeArgs: [], script: join(ROOT, 'dist', 'src', 'main.js') };
  const child = spawn(process.execPath, [...command.nodeArgs, command.script], {
    cwd: ROOT,
    env: {
      ...command.env,
      PATH: process.env.PATH,
      TZ: process.env.TZ,
      PGUSER: process.env.PGUSER,
      // The suite's cheap password hash (test/support/env.ts).
      PASSWORD_HASH_COST: process.env.PASSWORD_HASH_COST,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED: 'none',
      JWT_SECRET: INSTANCE_JWT_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<Instance>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /serving at (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      const baseUrl = match[1];
      resolve({
        ...httpClient(baseUrl),
        process: child,
        baseUrl,
        errors: () => stderr,
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`instance exited (${code ?? signal}) before serving:\n${stderr}`)),
    );
  });
}
