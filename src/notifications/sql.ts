import { EntityManager } from 'typeorm';

/** Raw SQL written with `?` placeholders, numbered for PostgreSQL. */
export function query<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const postgres = manager.connection.options.type === 'postgres';
  let n = 0;
  const text = postgres ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return manager.query(text, parameters);
}

export function isPostgres(manager: EntityManager): boolean {
  return manager.connection.options.type === 'postgres';
}
