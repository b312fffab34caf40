/**
 * The public surface of src/database: the toolkit every module uses for its tables. The
 * DataSource itself (database.module.ts, data-source.ts, entities.ts) lists every module's
 * entities, so only the app module imports it (docs/development.md).
 */
export { instantColumn, uuidColumn } from './columns';
export { Dialect } from './dialect';
export { findRow, findRows, findTogether, readRows, rowsOf, RowsQuery } from './find-rows';
export { insertRows } from './insert-rows';
export { HeavyReads } from './heavy-reads';
export type { ReadQueries } from './heavy-reads';
export { AUDIT_TRAIL, WriteTransactions, WriteTx } from './write-transactions';
export type { AuditTrail, WriteLocks } from './write-transactions';
