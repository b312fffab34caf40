import { MigrationInterface, QueryRunner } from 'typeorm';

/** As the SQLite migration of the same name: upcoming sessions and expired idempotency keys. */
export class HistoryIndexes1764460800000 implements MigrationInterface {
  name = 'HistoryIndexes1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX idx_occurrences_start ON occurrences (start_ms)');
    await queryRunner.query(
      'CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_idempotency_keys_created');
    await queryRunner.query('DROP INDEX idx_occurrences_start');
  }
}
