import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Client } from 'pg';
import { describeWhen } from './skip';

/**
 * The PostgreSQL switch of the e2e suite: with MAKON_TEST_DATABASE_URL set (such as
 * postgres://127.0.0.1:5432/test), every test app runs on PostgreSQL, each in a fresh schema of
 * that database that is dropped when the app closes. Without it, everything runs on SQLite.
 */
export function testDatabaseUrl(): string | null {
  const url = process.env.MAKON_TEST_DATABASE_URL;
  return url ? url : null;
}

/** Why a PostgreSQL-only spec is skipped when no URL is configured. */
export const WITHOUT_POSTGRES =
  'no MAKON_TEST_DATABASE_URL (set it to a PostgreSQL URL, or run `npm run test:pg`)';

/**
 * A PostgreSQL-only block: with MAKON_TEST_DATABASE_URL it runs and `body` gets the URL; without,
 * jest reports its tests as skipped and one line says why (test/support/skip.ts).
 */
export function describeOnPostgres(file: string, name: string, body: (url: string) => void): void {
  const url = testDatabaseUrl();
  describeWhen(url ? null : WITHOUT_POSTGRES, file, name, () => body(url ?? ''));
}

/** A connected client; in `schema` (as the app's search_path) when given. */
export async function connect(url: string, schema?: string): Promise<Client> {
  const withUser = new URL(url);
  withUser.searchParams.delete('schema');
  // As libpq (psql) does: no user in the URL means PGUSER, else the operating-system user.
  if (!withUser.username) withUser.username = process.env.PGUSER ?? userInfo().username;
  // Loaded here, not at the top: on SQLite every test file would pay for pg (about 0.1 s each).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client: PgClient } = require('pg') as typeof import('pg');
  const client = new PgClient({
    connectionString: withUser.toString(),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect();
  return client;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let extensionReady: Promise<void> | null = null;

/**
 * btree_gist, installed once per database in its default schema. Created here, not by the first
 * test schema's migration, so that it does not live in (and vanish with) a scratch schema; the
 * migration then finds it installed.
 */
function ensureExtension(url: string): Promise<void> {
  extensionReady ??= withClient(url, async (client) => {
    // Another test process may create it at the same moment: serialize on an advisory lock.
    await client.query('SELECT pg_advisory_lock(1296780800)');
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    } finally {
      await client.query('SELECT pg_advisory_unlock(1296780800)');
    }
  });
  return extensionReady;
}

/** A new, empty schema for one test app; the URL to give the app as DATABASE_URL. */
export async function createScratchSchema(url: string): Promise<{ schema: string; url: string }> {
  await ensureExtension(url);
  const schema = `makon_test_${randomBytes(6).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const appUrl = new URL(url);
  appUrl.searchParams.set('schema', schema);
  return { schema, url: appUrl.toString() };
}

export async function dropScratchSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/** `?` placeholders (SQLite) as `$1, $2…` (PostgreSQL), so one query text serves both. */
export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}
