import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { Dialect } from './dialect';

/** Each condition: the column equals the value, or (a list) any of the values. */
export type Where<T> = { [K in keyof T]?: T[K] | readonly T[K][] };

const selects = new WeakMap<EntityMetadata, { columns: ColumnMetadata[]; head: string }>();

function selectOf(manager: EntityManager, metadata: EntityMetadata) {
  let select = selects.get(metadata);
  if (!select) {
    const { driver } = manager.connection;
    const columns = metadata.columns.filter((c) => !c.isVirtual);
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    select = { columns, head: `SELECT ${names} FROM ${driver.escape(metadata.tableName)} WHERE ` };
    selects.set(metadata, select);
  }
  return select;
}

/**
 * The rows of an entity that match `where`, hydrated as TypeORM's `findBy` would (the columns'
 * transformers, booleans and JSON), read with one plain statement. For the look-ups made on every
 * booking: `findBy` builds its statement anew on each call, which cost more than the look-up
 * itself (docs/benchmarks.md). Only for plain entities: no relations, soft-delete columns,
 * `select: false` columns or load listeners, which it would ignore. A condition on null or
 * undefined means IS NULL (not "any value", and not `= NULL`, which matches nothing).
 */
export async function findRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: Where<T>,
): Promise<T[]> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  const { columns, head } = selectOf(manager, metadata);
  const values: unknown[] = [];
  const conditions = Object.entries(where).map(([property, wanted]) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`findRows: no column ${property} in ${metadata.name}`);
    const name = driver.escape(column.databaseName);
    if (wanted === null || wanted === undefined) return `${name} IS NULL`;
    if (!Array.isArray(wanted)) {
      values.push(driver.preparePersistentValue(wanted, column));
      return `${name} = ?`;
    }
    if (wanted.length === 0) return '1 = 0';
    const list = wanted.map((value: unknown) => {
      values.push(driver.preparePersistentValue(value, column));
      return '?';
    });
    return `${name} IN (${list.join(', ')})`;
  });
  const rows: Array<Record<string, unknown>> = await manager.query(
    Dialect.of(manager).sql(head + (conditions.length > 0 ? conditions.join(' AND ') : '1 = 1')),
    values,
  );
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of columns) {
      // Applies the column's transformer too.
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  });
}

/** The one row that matches `where` (by a unique key), or null. */
export async function findRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: Where<T>,
): Promise<T | null> {
  const [row] = await findRows(manager, target, where);
  return row ?? null;
}
