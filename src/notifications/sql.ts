import { EntityManager } from 'typeorm';
import { Dialect } from '../database';

/** Raw SQL written with `?` placeholders, answered as this database wants them (the Dialect). */
export function query<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  return manager.query(Dialect.of(manager).sql(sql), parameters);
}

export function isPostgres(manager: EntityManager): boolean {
  return Dialect.of(manager).postgres;
}
