import { MigrationInterface, QueryRunner } from 'typeorm';

/** Settings of this installation, as in SQLite's migration of the same name. */
export class InstallationSettings1764900000000 implements MigrationInterface {
  name = 'InstallationSettings1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE settings (
        name varchar(64) COLLATE "C" PRIMARY KEY NOT NULL,
        value text NOT NULL
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE settings');
  }
}
