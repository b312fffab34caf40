import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settings of this installation that live with its data. On PostgreSQL it keeps the token
 * signing secret generated when JWT_SECRET is unset (SQLite keeps it in a file beside the
 * database); the table exists on both so that the schemas stay alike.
 */
export class InstallationSettings1764900000000 implements MigrationInterface {
  name = 'InstallationSettings1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE settings (
        name varchar(64) PRIMARY KEY NOT NULL,
        value text NOT NULL
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE settings');
  }
}
