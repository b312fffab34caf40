/**
 * The same data set on PostgreSQL: the app's own migrations build a fresh schema, then every
 * table's rows are copied from the generated SQLite file (columns both have; the migrations'
 * bookkeeping excepted), with foreign keys checked by the generator already (triggers off while
 * copying), then VACUUM ANALYZE. The HTTP runs then start the app on
 * `postgres://…?schema=<schema>`.
 */
import Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { Client as PgClient, ClientConfig } from 'pg';
import { createDataSource } from '../src/database/data-source';

export interface PostgresCopy {
  /** DATABASE_URL for the app. */
  url: string;
  schema: string;
  rows: number;
  seconds: number;
  drop(): Promise<void>;
}

/** As libpq and the app (data-source.ts) do: no user in the URL means PGUSER, else the OS user. */
class Client extends PgClient {
  constructor(config: ClientConfig & { connectionString: string }) {
    const url = new URL(config.connectionString);
    if (!url.username) url.username = process.env.PGUSER ?? userInfo().username;
    super({ ...config, connectionString: url.toString() });
  }
}

/** Tables copied last-to-first never matter here (triggers off), but big ones go in batches. */
const PARAMETERS_PER_STATEMENT = 30_000;

export async function copyToPostgres(
  sqlitePath: string,
  baseUrl: string,
  schema: string,
): Promise<PostgresCopy> {
  const began = Date.now();
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();

  const dataSource = createDataSource({ type: 'postgres', url: baseUrl, schema });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  const source = new Database(sqlitePath, { readonly: true });
  const target = new Client({
    connectionString: baseUrl,
    options: `-c search_path=${schema}`,
  });
  await target.connect();
  let rows = 0;
  try {
    const tables = (
      await target.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
        [schema],
      )
    ).rows.map((r) => r.table_name);
    await target.query('BEGIN');
    await target.query('SET LOCAL session_replication_role = replica');
    for (const table of tables) {
      const sqliteColumns = new Set(
        (source.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name),
      );
      if (sqliteColumns.size === 0) continue;
      const columns = (
        await target.query<{ column_name: string; data_type: string }>(
          `SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
          [schema, table],
        )
      ).rows.filter((c) => sqliteColumns.has(c.column_name));
      const booleans = columns.map((c) => c.data_type === 'boolean');
      const names = columns.map((c) => `"${c.column_name}"`).join(', ');
      const perBatch = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const values: unknown[] = [];
        const tuples = batch.map((row) => {
          const marks = row.map((value, i) => {
            values.push(booleans[i] && value !== null ? value === 1 : value);
            return `$${values.length}`;
          });
          return `(${marks.join(', ')})`;
        });
        await target.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, values);
        rows += batch.length;
        batch = [];
      };
      const select = source.prepare(`SELECT ${names} FROM ${table}`).raw(true);
      for (const row of select.iterate()) {
        batch.push(row);
        if (batch.length >= perBatch) await flush();
      }
      await flush();
    }
    await target.query('COMMIT');
    // Identity columns (users.number) were copied as they were: their sequences go on after them.
    const identities = await target.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = $1 AND is_identity = 'YES'`,
      [schema],
    );
    for (const { table_name: table, column_name: column } of identities.rows) {
      await target.query(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'),
                       (SELECT COALESCE(MAX("${column}"), 0) + 1 FROM ${table}), false)`,
      );
    }
    // VACUUM as well: a database in use has been vacuumed by autovacuum, and until a table is,
    // its visibility map is empty and the planner prices index-only scans (the reports' covering
    // index) as if each row were read from the table too.
    await target.query('VACUUM ANALYZE');
  } finally {
    source.close();
    await target.end();
  }
  const url = new URL(baseUrl);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    schema,
    rows,
    seconds: (Date.now() - began) / 1000,
    async drop() {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Whether a PostgreSQL server answers at `url` (the bench skips PostgreSQL otherwise). */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
