import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's token version: every token carries the version it was issued under, and deactivating
 * the user or changing their password moves the version on, so earlier tokens stop working for
 * good (also after a later reactivation).
 */
export class TokenVersion1764633600001 implements MigrationInterface {
  name = 'TokenVersion1764633600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP COLUMN token_version');
  }
}
