import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL only: the database itself refuses two overlapping active allocations of one exclusive
 * resource (desk, computer, room), the last line of defence behind the advisory locks of
 * WriteTransactions. The constraint covers the booked interval [start_ms, end_ms) without the
 * resource's buffer: buffers are a per-resource setting that can change, and the app checks them
 * under the lock. Pools are not covered (a constraint cannot sum quantities); the lock is their
 * guarantee. SQLite has no equivalent: one process writes at a time there.
 *
 * btree_gist is a trusted extension (PostgreSQL 13+): a database owner may create it. Where the
 * app's role may not, create it once as a superuser before the first start (docs/operations.md).
 */
export class ExclusiveAllocations1764547200000 implements MigrationInterface {
  name = 'ExclusiveAllocations1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ installed }] = (await queryRunner.query(
      `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') AS installed`,
    )) as Array<{ installed: boolean }>;
    if (!installed) await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(
      `ALTER TABLE allocations ADD CONSTRAINT allocations_exclusive_no_overlap
         EXCLUDE USING gist (resource_id WITH =, int8range(start_ms, end_ms) WITH &&)
         WHERE (active AND exclusive)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE allocations DROP CONSTRAINT allocations_exclusive_no_overlap',
    );
  }
}
