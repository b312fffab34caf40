import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../common/config';
import { ENTITIES } from './entities';
import { HistoryIndexes1764460800000 as PostgresHistoryIndexes } from './migrations/postgres/1764460800000-history-indexes';
import { ExclusiveAllocations1764547200000 } from './migrations/postgres/1764547200000-exclusive-allocations';
import { InitialSchema1764288000000 as PostgresInitialSchema } from './migrations/postgres/1764288000000-initial-schema';
import { AuditLog1764633600000 as PostgresAuditLog } from './migrations/postgres/1764633600000-audit-log';
import { TokenVersion1764633600001 as PostgresTokenVersion } from './migrations/postgres/1764633600001-token-version';
import { ReportIndexes1764720000000 as PostgresReportIndexes } from './migrations/postgres/1764720000000-report-indexes';
import { InitialSchema1764288000000 } from './migrations/sqlite/1764288000000-initial-schema';
import { HistoryIndexes1764460800000 } from './migrations/sqlite/1764460800000-history-indexes';
import { AuditLog1764633600000 } from './migrations/sqlite/1764633600000-audit-log';
import { TokenVersion1764633600001 } from './migrations/sqlite/1764633600001-token-version';
import { ReportIndexes1764720000000 } from './migrations/sqlite/1764720000000-report-indexes';
import { SessionReportCopies1764806400000 } from './migrations/sqlite/1764806400000-session-report-copies';
import { SessionReportCopies1764806400000 as PostgresSessionReportCopies } from './migrations/postgres/1764806400000-session-report-copies';
import { InstallationSettings1764900000000 } from './migrations/sqlite/1764900000000-installation-settings';
import { RevokedSessions1764900000001 } from './migrations/sqlite/1764900000001-revoked-sessions';
import { CanonicalTimeZones1764910000000 } from './migrations/sqlite/1764910000000-canonical-time-zones';
import { ClosureNames1764930000000 } from './migrations/sqlite/1764930000000-closure-names';
import { InstallationSettings1764900000000 as PostgresInstallationSettings } from './migrations/postgres/1764900000000-installation-settings';
import { RevokedSessions1764900000001 as PostgresRevokedSessions } from './migrations/postgres/1764900000001-revoked-sessions';
import { CanonicalTimeZones1764910000000 as PostgresCanonicalTimeZones } from './migrations/postgres/1764910000000-canonical-time-zones';
import { ClosureNames1764930000000 as PostgresClosureNames } from './migrations/postgres/1764930000000-closure-names';
import { Notifications1764940000000 } from './migrations/sqlite/1764940000000-notifications';
import { Notifications1764940000000 as PostgresNotifications } from './migrations/postgres/1764940000000-notifications';
import { BookingListIndex1764945000000 } from './migrations/sqlite/1764945000000-booking-list-index';
import { BookingListIndex1764945000000 as PostgresBookingListIndex } from './migrations/postgres/1764945000000-booking-list-index';
import { OwnerNumbers1764950000000 } from './migrations/sqlite/1764950000000-owner-numbers';
import { OwnerNumbers1764950000000 as PostgresOwnerNumbers } from './migrations/postgres/1764950000000-owner-numbers';

const SQLITE_MIGRATIONS = [
  InitialSchema1764288000000,
  HistoryIndexes1764460800000,
  AuditLog1764633600000,
  TokenVersion1764633600001,
  ReportIndexes1764720000000,
  SessionReportCopies1764806400000,
  InstallationSettings1764900000000,
  RevokedSessions1764900000001,
  CanonicalTimeZones1764910000000,
  ClosureNames1764930000000,
  Notifications1764940000000,
  BookingListIndex1764945000000,
  OwnerNumbers1764950000000,
];

/** The same history as SQLite's, plus what only PostgreSQL has (the exclusion constraint). */
const POSTGRES_MIGRATIONS = [
  PostgresInitialSchema,
  PostgresHistoryIndexes,
  ExclusiveAllocations1764547200000,
  PostgresAuditLog,
  PostgresTokenVersion,
  PostgresReportIndexes,
  PostgresSessionReportCopies,
  PostgresInstallationSettings,
  PostgresRevokedSessions,
  PostgresCanonicalTimeZones,
  PostgresClosureNames,
  PostgresNotifications,
  PostgresBookingListIndex,
  PostgresOwnerNumbers,
];

const INT8_OID = 20;

/**
 * BIGINT (epoch milliseconds, COUNT(*)) as a JS number, as better-sqlite3 answers, so raw queries
 * read the same on both databases. Every bigint here is far below 2^53; a larger one stays text.
 */
function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/**
 * pg's own type parsers, loaded on the first PostgreSQL answer: on SQLite the driver is never
 * loaded (about 0.1 s of every start and of every test file).
 */
let loadedPgTypes: typeof import('pg').types | undefined;
function pgTypes(): typeof import('pg').types {
  // Asked for each column of each answer: resolved once, not a `require` per column.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loadedPgTypes ??= (require('pg') as typeof import('pg')).types);
}

const postgresTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : (pgTypes().getTypeParser as (oid: number, format?: string) => unknown)(oid, format),
};

/** The one DataSource definition, used by the app, the migration CLI, seeds, tests and the bench. */
export function createDataSource(database: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(database));
}

/** The options of that DataSource (the app hands them to `TypeOrmModule.forRootAsync`). */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  if (database.type === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: database.path,
      entities: ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      synchronize: false,
      migrationsRun: false,
      enableWAL: database.path !== ':memory:',
      timeout: 5000,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  // `?schema=` is ours, not libpq's: it becomes the connection's search_path.
  const url = new URL(database.url);
  url.searchParams.delete('schema');
  // As libpq (psql) does: no user in the URL means PGUSER, else the operating-system user.
  if (!url.username) url.username = process.env.PGUSER ?? userInfo().username;
  return {
    type: 'postgres',
    url: url.toString(),
    schema: database.schema,
    entities: ENTITIES,
    migrations: POSTGRES_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: 10,
      types: postgresTypes,
      options: postgresSessionOptions(database.schema),
    },
  };
}

/**
 * The settings of Makon's PostgreSQL sessions (libpq's `options`): the schema, and
 * `random_page_cost = 1.1` instead of PostgreSQL's 4, which is priced for spinning disks. With 4,
 * the planner reads a year of every center's sessions by their start to join a few thousand pool
 * loans, and passes over the covering index of the reports (docs/benchmarks.md, "Seventh round":
 * the year's reports page at 1M, 533 → 345 ms). `PGOPTIONS`, when set, comes last and wins, as
 * with libpq.
 */
export function postgresSessionOptions(
  schema: string | undefined,
  pgOptions = process.env.PGOPTIONS,
): string {
  return [
    schema ? `-c search_path=${schema}` : '',
    '-c random_page_cost=1.1',
    pgOptions?.trim() ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}
