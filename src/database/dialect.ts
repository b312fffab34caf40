import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one place that knows how SQLite and PostgreSQL differ in a hand-written statement.
 * Statements are written once, with `?` placeholders (never a `?` inside a literal); `sql()`
 * answers them as this database wants them (`$1, $2…` on PostgreSQL), cached per text.
 *
 * Use it only in a module's repository class, for a statement a measured hot path needs
 * (docs/development.md, "The one way to the data"); everything else goes through TypeORM.
 */
export class Dialect {
  private static readonly sqlite = new Dialect(false);
  private static readonly pg = new Dialect(true);

  private readonly numbered = new Map<string, string>();

  private constructor(readonly postgres: boolean) {}

  /** A dialect without a connection at hand (a statement built for a query-plan test). */
  static named(postgres: boolean): Dialect {
    return postgres ? Dialect.pg : Dialect.sqlite;
  }

  /** The dialect of a DataSource or of an EntityManager (a transaction's included). */
  static of(source: DataSource | EntityManager): Dialect {
    const options = 'connection' in source ? source.connection.options : source.options;
    return options.type === 'postgres' ? Dialect.pg : Dialect.sqlite;
  }

  /** The statement with its `?` placeholders numbered on PostgreSQL; unchanged on SQLite. */
  sql(text: string): string {
    if (!this.postgres) return text;
    let numbered = this.numbered.get(text);
    if (numbered === undefined) {
      let n = 0;
      numbered = text.replace(/\?/g, () => `$${++n}`);
      if (this.numbered.size > 500) this.numbered.clear();
      this.numbered.set(text, numbered);
    }
    return numbered;
  }

  /** The `n`th placeholder (from 1), for a statement that numbers its own: `$n` or `?`. */
  placeholder(n: number): string {
    return this.postgres ? `$${n}` : '?';
  }

  /** `?, ?, ?`: the placeholders of an `IN (…)` list of `count` values (written before `sql()`). */
  list(count: number): string {
    return Array.from({ length: count }, () => '?').join(', ');
  }

  /** A boolean parameter as the driver takes it (SQLite stores booleans as 0 and 1). */
  bool(value: boolean): boolean | number {
    return this.postgres ? value : value ? 1 : 0;
  }

  /**
   * ` RETURNING a, b`: an INSERT, UPDATE or DELETE that answers the rows it changed (both
   * databases support it: SQLite since 3.35). The rows come back as `query()`'s result on SQLite
   * and as its first element on PostgreSQL; `returnedRows` reads either.
   */
  returning(columns: readonly string[]): string {
    return ` RETURNING ${columns.join(', ')}`;
  }

  /** The rows a statement with `returning()` answered. */
  returnedRows<T>(result: unknown): T[] {
    // TypeORM's postgres driver answers [rows, affected] for UPDATE/DELETE … RETURNING.
    if (this.postgres && Array.isArray(result) && Array.isArray(result[0])) {
      return result[0] as T[];
    }
    return result as T[];
  }
}
