import { isIP } from 'node:net';
import { CONFIG_DEFAULTS } from '../../config/defaults';

export type DatabaseConfig =
  { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; schema?: string };

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  database: DatabaseConfig;
  seed: 'demo' | 'none';
  adminEmail?: string;
  adminPassword?: string;
  /**
   * JWT_SECRET. Unset outside production: a secret generated once for the installation and kept
   * beside its database is used instead (src/identity/signing-secret.ts).
   */
  jwtSecret?: string;
  publicUrl: string;
  tokenTtlHours: number;
  bodyLimitBytes: number;
  /** Browser origins allowed to call the API from other sites; empty: CORS stays off. */
  corsOrigins: string[];
  /** Which proxies' X-Forwarded-For to believe (Fastify's `trustProxy`); false: none. */
  trustProxy: TrustProxy;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'silent';
  /** Test-only: no advisory locks on PostgreSQL (see resourceLocksDisabled). */
  unsafeDisableResourceLocks: boolean;
  /** Whether this instance runs the timed jobs (the no-show release every minute). */
  runJobs: boolean;
  /** SQLITE_READ_WORKERS: at most this many heavy-read worker threads on SQLite (1–4). */
  sqliteReadWorkers: number;
  /** Whether people may create their own member account (`/signup`, `POST /auth/signup`). */
  selfSignup: boolean;
  /** SMTP_URL (`smtp://user:pass@host:port` or `smtps://…`); unset: no email is sent. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender of Makon's email. */
  mailFrom: string;
  /**
   * NOTIFICATION_LEASE_SECONDS: how long a delivery may stay `sending` (its instance died
   * mid-send) before another round takes it again. Longer than any SMTP timeout (60 s).
   */
  notificationLeaseMs: number;
  /**
   * PASSWORD_HASH_COST: scrypt's N for new password hashes (src/identity/passwords.ts reads it
   * from the process environment through `passwordHashCost`). Tests lower it; production keeps
   * the default.
   */
  passwordHashCost: number;
}

/**
 * Fastify's `trustProxy`: `false` (the client is the connection's peer), `true` (the left-most
 * X-Forwarded-For address, whoever sent it), a number of proxy hops in front of the server, or
 * the proxies' addresses and ranges.
 */
export type TrustProxy = boolean | number | string[];

export const APP_CONFIG = Symbol('APP_CONFIG');

/** A configuration value that stops the app at start-up; the message names the variable. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** A comma-separated list of origins such as `https://makon.example`; unset or empty: none. */
function origins(env: Env, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        name,
        `must list origins such as https://makon.example (got "${origin}")`,
      );
    }
  }
  return list;
}

/** proxy-addr's names for address ranges, which Fastify's `trustProxy` list takes too. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry) || isIP(entry) !== 0) return true;
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (!match) return false;
  const version = isIP(match[1]);
  const prefix = Number(match[2]);
  return (version === 4 && prefix <= 32) || (version === 6 && prefix <= 128);
}

/** TRUST_PROXY: `false`, `true`, a hop count, or a comma-separated list of addresses or ranges. */
function trustProxy(env: Env): TrustProxy {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 100) {
      throw new ConfigError(
        'TRUST_PROXY',
        `as a number of proxies must be 1 to 100 (got "${raw}")`,
      );
    }
    return hops;
  }
  const list = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const wrong = list.find((entry) => !isAddressOrRange(entry));
  if (list.length === 0 || wrong !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      'must be false, true, a number of proxies, or a comma-separated list of addresses and ' +
        `ranges such as 10.0.0.1,10.1.0.0/16 (got "${wrong ?? raw}")`,
    );
  }
  return list;
}

function integer(env: Env, name: string, min: number, max: number): number {
  const raw = env[name] ?? '';
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T {
  const raw = env[name] ?? '';
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path) throw new ConfigError('DATABASE_URL', 'needs a file path after "sqlite:"');
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new ConfigError(
        'DATABASE_URL',
        `schema must be a lower-case SQL identifier (got "${schema}")`,
      );
    }
    return { type: 'postgres', url, schema };
  }
  throw new ConfigError(
    'DATABASE_URL',
    'must be "sqlite:<file path>" or "postgres://user[:pass]@host:port/db"',
  );
}

/**
 * MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS=1 turns the PostgreSQL advisory locks off so that tests can
 * show the exclusion constraint refusing a double booking on its own. Never in production.
 */
function resourceLocksDisabled(env: Env, nodeEnv: string): boolean {
  const raw = env.MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS;
  if (raw === undefined || raw === '0') return false;
  if (raw !== '1') {
    throw new ConfigError('MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS', `must be 0 or 1 (got "${raw}")`);
  }
  if (nodeEnv === 'production') {
    throw new ConfigError(
      'MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS',
      'is a test-only switch and is refused when NODE_ENV=production',
    );
  }
  return true;
}

/** scrypt's N when PASSWORD_HASH_COST is unset: the cost every stored hash had before it. */
export const DEFAULT_PASSWORD_HASH_COST = 16384;
/** The highest N whose scrypt memory (128 · N · r, r = 8) stays within passwords.ts's maxmem. */
const MAX_PASSWORD_HASH_COST = 32768;

/**
 * PASSWORD_HASH_COST: scrypt's N for new password hashes, a power of two from 2 to 32768;
 * unset: 16384. A lower cost makes hashing cheap (the test suite sets 2, test/support/env.ts) and
 * is refused when NODE_ENV=production. Stored hashes carry their own cost, so a hash made under
 * one setting verifies under any other.
 */
export function passwordHashCost(environment: Env = process.env): number {
  const raw = environment.PASSWORD_HASH_COST;
  if (raw === undefined || raw === '') return DEFAULT_PASSWORD_HASH_COST;
  const cost = Number(raw);
  const powerOfTwo = /^\d+$/.test(raw) && cost >= 2 && (cost & (cost - 1)) === 0;
  if (!powerOfTwo || cost > MAX_PASSWORD_HASH_COST) {
    throw new ConfigError(
      'PASSWORD_HASH_COST',
      `must be a power of two from 2 to ${MAX_PASSWORD_HASH_COST} (got "${raw}")`,
    );
  }
  const nodeEnv = environment.NODE_ENV || CONFIG_DEFAULTS.NODE_ENV;
  if (nodeEnv === 'production' && cost < DEFAULT_PASSWORD_HASH_COST) {
    throw new ConfigError(
      'PASSWORD_HASH_COST',
      `below ${DEFAULT_PASSWORD_HASH_COST} is for tests and is refused when NODE_ENV=production`,
    );
  }
  return cost;
}

/** Reads the configuration from `env` over the defaults; throws ConfigError on a bad value. */
export function loadConfig(environment: Env = process.env): AppConfig {
  const env: Env = { ...CONFIG_DEFAULTS };
  for (const [key, value] of Object.entries(environment)) {
    if (value !== undefined && value !== '') env[key] = value;
  }
  const nodeEnv = env.NODE_ENV ?? 'development';
  const port = integer(env, 'PORT', 0, 65535);
  const host = env.HOST ?? '127.0.0.1';
  if (env.JWT_SECRET === undefined && nodeEnv === 'production') {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 16) {
    throw new ConfigError('JWT_SECRET', 'must be at least 16 characters long');
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('ADMIN_EMAIL/ADMIN_PASSWORD', 'must be set together');
  }
  if (env.ADMIN_PASSWORD !== undefined && env.ADMIN_PASSWORD.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters long');
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(publicUrl)) {
    throw new ConfigError('PUBLIC_URL', `must be an http(s) URL (got "${publicUrl}")`);
  }
  const seed = oneOf(env, 'SEED', ['demo', 'none'] as const);
  if (env.SMTP_URL !== undefined && !/^smtps?:\/\/[^\s/]+/.test(env.SMTP_URL)) {
    throw new ConfigError('SMTP_URL', 'must be smtp://user:pass@host:port or smtps://…');
  }
  return {
    nodeEnv,
    port,
    host,
    database: parseDatabaseUrl(env.DATABASE_URL ?? ''),
    seed,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    jwtSecret: env.JWT_SECRET,
    publicUrl,
    tokenTtlHours: integer(env, 'TOKEN_TTL_HOURS', 1, 24 * 365),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024, 100 * 1024 * 1024),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    trustProxy: trustProxy(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'silent'] as const),
    unsafeDisableResourceLocks: resourceLocksDisabled(env, nodeEnv),
    runJobs: oneOf(env, 'RUN_JOBS', ['true', 'false'] as const) === 'true',
    sqliteReadWorkers: integer(env, 'SQLITE_READ_WORKERS', 1, 4),
    // Unset: on in the demo (so a newcomer can try it), off everywhere else.
    selfSignup:
      env.SELF_SIGNUP === undefined
        ? seed === 'demo'
        : oneOf(env, 'SELF_SIGNUP', ['true', 'false'] as const) === 'true',
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? `Makon <makon@${new URL(publicUrl).hostname}>`,
    notificationLeaseMs: integer(env, 'NOTIFICATION_LEASE_SECONDS', 1, 24 * 3600) * 1000,
    passwordHashCost: passwordHashCost(env),
  };
}
