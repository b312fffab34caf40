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
 * A read that is not sent yet: its statement (with `?` placeholders) and how its rows become the
 * answer. `findTogether` sends several in one round trip; `readRows` sends one.
 */
export class RowsQuery<R> {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[],
    readonly answer: (rows: Array<Record<string, unknown>>) => R,
  ) {}

  /** The same read, its answer passed through `f`. */
  map<S>(f: (answer: R) => S): RowsQuery<S> {
    return new RowsQuery(this.text, this.values, (rows) => f(this.answer(rows)));
  }
}

/** Sends one read. */
export async function readRows<R>(manager: EntityManager, query: RowsQuery<R>): Promise<R> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    Dialect.of(manager).sql(query.text),
    [...query.values],
  );
  return query.answer(rows);
}

type Answers<Q extends readonly RowsQuery<unknown>[]> = {
  [K in keyof Q]: Q[K] extends RowsQuery<infer R> ? R : never;
};

/**
 * Sends several reads, in one round trip on PostgreSQL: one statement whose columns are the reads'
 * rows as JSON arrays (`json_agg`; the rows are hydrated as `findRows` hydrates them, so a 64-bit
 * instant or a boolean comes back as it would alone). They read one snapshot, like any statement.
 * On SQLite (no round trips) they run one after another, each as it would alone.
 */
export async function findTogether<Q extends readonly RowsQuery<unknown>[]>(
  manager: EntityManager,
  queries: Q,
): Promise<Answers<Q>> {
  if (!Dialect.of(manager).postgres || queries.length === 1) {
    const answers: unknown[] = [];
    for (const query of queries) answers.push(await readRows(manager, query));
    return answers as Answers<Q>;
  }
  const columns = queries.map(
    (query, i) =>
      `(SELECT COALESCE(json_agg(q${i}), '[]'::json) FROM (${query.text}) q${i}) AS r${i}`,
  );
  const [row]: Array<Record<string, Array<Record<string, unknown>>>> = await manager.query(
    Dialect.of(manager).sql(`SELECT ${columns.join(', ')}`),
    queries.flatMap((query) => [...query.values]),
  );
  return queries.map((query, i) => query.answer(row[`r${i}`])) as Answers<Q>;
}

/**
 * The read of the rows of an entity that match `where` (see `findRows`), not sent yet; or, with
 * `condition`, of those that match a condition on its own columns (`?` placeholders).
 */
export function rowsOf<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: Where<T> | { condition: string; values: readonly unknown[] },
): RowsQuery<T[]> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  const { columns, head } = selectOf(manager, metadata);
  const values: unknown[] = [];
  let conditions: string[];
  if ('condition' in where && typeof where.condition === 'string') {
    conditions = [where.condition];
    values.push(...(where.values as unknown[]));
  } else {
    conditions = Object.entries(where).map(([property, wanted]) => {
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
  }
  return new RowsQuery(
    head + (conditions.length > 0 ? conditions.join(' AND ') : '1 = 1'),
    values,
    (rows) =>
      rows.map((row) => {
        const entity = metadata.create() as T;
        for (const column of columns) {
          // Applies the column's transformer too.
          column.setEntityValue(
            entity,
            driver.prepareHydratedValue(row[column.databaseName], column),
          );
        }
        return entity;
      }),
  );
}

/**
 * The rows of an entity that match `where`, hydrated as TypeORM's `findBy` would (the columns'
 * transformers, booleans and JSON), read with one plain statement. For the look-ups made on every
 * booking: `findBy` builds its statement anew on each call, which cost more than the look-up
 * itself (docs/benchmarks.md). Only for plain entities: no relations, soft-delete columns,
 * `select: false` columns or load listeners, which it would ignore. A condition on null or
 * undefined means IS NULL (not "any value", and not `= NULL`, which matches nothing).
 */
export function findRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: Where<T>,
): Promise<T[]> {
  return readRows(manager, rowsOf(manager, target, where));
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
