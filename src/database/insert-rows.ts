import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { Dialect } from './dialect';

interface InsertPlan {
  columns: readonly ColumnMetadata[];
  /** `INSERT INTO t (…) VALUES ` on this database. */
  head: string;
}

const plans = new WeakMap<object, InsertPlan>();

function planOf(manager: EntityManager, target: EntityTarget<ObjectLiteral>): InsertPlan {
  const metadata = manager.connection.getMetadata(target);
  let plan = plans.get(metadata);
  if (!plan) {
    const { driver } = manager.connection;
    const columns = metadata.columns.filter((c) => c.isInsert && !c.isVirtual);
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    plan = { columns, head: `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ` };
    plans.set(metadata, plan);
  }
  return plan;
}

/**
 * Inserts complete rows (every column given; null where null is meant) in one statement, without
 * reading them back. It writes what TypeORM's insert would (the columns' transformers and the
 * driver's conversions of booleans and JSON), without building the statement through the query
 * builder, which cost more than the insert itself on the booking path (docs/benchmarks.md), and
 * without `manager.insert`'s re-reading of columns that have database defaults.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length === 0) return;
  const { columns, head } = planOf(manager, target);
  const { driver } = manager.connection;
  const values: unknown[] = [];
  const tuples = list.map((row) => {
    const placeholders = columns.map((column) => {
      const value: unknown = column.getEntityValue(row);
      if (value === undefined) {
        throw new Error(`insertRows: no ${column.propertyName} in a ${column.entityMetadata.name}`);
      }
      // Applies the column's transformer too.
      values.push(driver.preparePersistentValue(value, column));
      return '?';
    });
    return `(${placeholders.join(', ')})`;
  });
  await manager.query(Dialect.of(manager).sql(head + tuples.join(', ')), values);
}
