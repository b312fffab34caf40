/** The public surface of src/database: what other modules may import (docs/development.md). */
export { instantColumn, uuidColumn } from './columns';
export { DatabaseModule } from './database.module';
export { findRow, findRows } from './find-rows';
export { insertRows } from './insert-rows';
export { WriteTransactions } from './write-transactions';
