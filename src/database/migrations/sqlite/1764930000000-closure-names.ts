import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closure's name in each language (`{"uz": …, "ru": …, "en": …}` as JSON), beside `reason`,
 * which stays the name the API answers and the one shown when a language has none.
 */
export class ClosureNames1764930000000 implements MigrationInterface {
  name = 'ClosureNames1764930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE closures ADD COLUMN names TEXT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE closures DROP COLUMN names');
  }
}
