import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions ended by signing out, as in SQLite's migration of the same name. */
export class RevokedSessions1764900000001 implements MigrationInterface {
  name = 'RevokedSessions1764900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE revoked_sessions (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        user_id varchar(36) COLLATE "C" NOT NULL,
        expires_at bigint NOT NULL
      )`,
    );
    await queryRunner.query(
      'CREATE INDEX idx_revoked_sessions_expires ON revoked_sessions (expires_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE revoked_sessions');
  }
}
