import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../common/config';
import { ENTITIES } from './entities';
import { InitialSchema1764288000000 } from './migrations/sqlite/1764288000000-initial-schema';
import { HistoryIndexes1764460800000 } from './migrations/sqlite/1764460800000-history-indexes';
import { AuditLog1764633600000 } from './migrations/sqlite/1764633600000-audit-log';
import { TokenVersion1764633600001 } from './migrations/sqlite/1764633600001-token-version';

const SQLITE_MIGRATIONS = [
  InitialSchema1764288000000,
  HistoryIndexes1764460800000,
  AuditLog1764633600000,
  TokenVersion1764633600001,
];

/** The one DataSource definition, used by the app, the migration CLI, seeds, tests and the bench. */
export function createDataSource(database: DatabaseConfig): DataSource {
  if (database.type === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return new DataSource({
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
    });
  }
  throw new Error('PostgreSQL support is not available yet; use DATABASE_URL=sqlite:<file>');
}
