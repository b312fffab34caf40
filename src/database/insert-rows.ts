import { EntityManager, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { Dialect } from './dialect';

interface InsertPlan {
  columns: readonly ColumnMetadata[];
  /** `INSERT INTO t (…) VALUES ` on this database (`INSERT OR IGNORE` on SQLite with `orIgnore`). */
  head: string;
  /** What follows the values (` ON CONFLICT DO NOTHING` on PostgreSQL with `orIgnore`). */
  tail: string;
}

const plans = new WeakMap<object, InsertPlan>();
const ignoringPlans = new WeakMap<object, InsertPlan>();

function planOf(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  orIgnore: boolean,
): InsertPlan {
  const metadata = manager.connection.getMetadata(target);
  const cache = orIgnore ? ignoringPlans : plans;
  let plan = cache.get(metadata);
  if (!plan) {
    const { driver } = manager.connection;
    const postgres = Dialect.of(manager).postgres;
    const columns = metadata.columns.filter((c) => c.isInsert && !c.isVirtual);
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const verb = orIgnore && !postgres ? 'INSERT OR IGNORE INTO' : 'INSERT INTO';
    plan = {
      columns,
      head: `${verb} ${driver.escape(metadata.tableName)} (${names}) VALUES `,
      tail: orIgnore && postgres ? ' ON CONFLICT DO NOTHING' : '',
    };
    cache.set(metadata, plan);
  }
  return plan;
}

/** An insert held back until the write's next statement (see `holdInserts`). */
export interface HeldInsert {
  /** The statement with `?` placeholders. */
  text: string;
  values: unknown[];
}

const held = new WeakMap<QueryRunner, HeldInsert[]>();

/**
 * From now on, `insertRows` through this query runner's manager does not send its statement but
 * appends it to `into`; the owner of the runner sends what is held before its next statement (the
 * write transactions on PostgreSQL, which send them all as one statement).
 */
export function holdInserts(runner: QueryRunner, into: HeldInsert[]): void {
  held.set(runner, into);
}

/**
 * Inserts complete rows (every column given; null where null is meant) in one statement, without
 * reading them back. It writes what TypeORM's insert would (the columns' transformers and the
 * driver's conversions of booleans and JSON), without building the statement through the query
 * builder, which cost more than the insert itself on the booking path (docs/benchmarks.md), and
 * without `manager.insert`'s re-reading of columns that have database defaults. `orIgnore`: a row
 * that would break a unique key is left out (no error).
 *
 * Inside a write on PostgreSQL the statement is held and sent with the write's next statement
 * (the inserts that end a write all in one; `WriteTransactions`); nothing in the write can tell,
 * since every later statement of the write first sends what is held.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
  options: { orIgnore?: boolean } = {},
): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length === 0) return;
  const { columns, head, tail } = planOf(manager, target, options.orIgnore ?? false);
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
  const text = head + tuples.join(', ') + tail;
  const holding = manager.queryRunner && held.get(manager.queryRunner);
  if (holding) {
    holding.push({ text, values });
    return;
  }
  await manager.query(Dialect.of(manager).sql(text), values);
}

/**
 * The held inserts as one statement with `?` placeholders: PostgreSQL runs the data-modifying
 * statements of a `WITH` all, whether or not the main statement reads them (the foreign keys are
 * checked at the end of the statement, so a booking and its sessions can be in the same one).
 */
export function oneStatement(inserts: readonly HeldInsert[]): HeldInsert {
  if (inserts.length === 1) return inserts[0];
  const last = inserts[inserts.length - 1];
  const ctes = inserts.slice(0, -1).map((insert, i) => `w${i + 1} AS (${insert.text})`);
  return {
    text: `WITH ${ctes.join(', ')} ${last.text}`,
    values: inserts.flatMap((insert) => insert.values),
  };
}

/** PostgreSQL's limit of parameters in one statement (a 16-bit count in its protocol). */
export const MAX_STATEMENT_PARAMETERS = 65_535;

/**
 * The held inserts in as few statements as PostgreSQL's parameter limit allows, in their order:
 * a large write (the demo seed, a long series) holds more values than one statement may carry.
 */
export function fewestStatements(inserts: readonly HeldInsert[]): HeldInsert[] {
  const statements: HeldInsert[] = [];
  let group: HeldInsert[] = [];
  let count = 0;
  for (const insert of inserts) {
    if (group.length > 0 && count + insert.values.length > MAX_STATEMENT_PARAMETERS) {
      statements.push(oneStatement(group));
      group = [];
      count = 0;
    }
    group.push(insert);
    count += insert.values.length;
  }
  if (group.length > 0) statements.push(oneStatement(group));
  return statements;
}
