import { MigrationInterface, QueryRunner } from 'typeorm';

/** A closure's name in each language, as in SQLite's migration of the same name. */
export class ClosureNames1764930000000 implements MigrationInterface {
  name = 'ClosureNames1764930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE closures ADD COLUMN names text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE closures DROP COLUMN names');
  }
}
