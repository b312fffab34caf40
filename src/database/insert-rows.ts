import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Inserts complete rows without reading them back. `manager.insert` re-selects the columns that
 * have database defaults after every insert (one more query per statement on the booking path);
 * the callers here always give every column.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows)
    .updateEntity(false)
    .execute();
}
