import { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's token version, as in SQLite's migration of the same name. */
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
