import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions ended by signing out: every token carries its session's id (`jti`), and a token whose
 * session is listed here is refused. A row is kept until the token would have expired anyway
 * (`expires_at`, epoch milliseconds), then pruned.
 */
export class RevokedSessions1764900000001 implements MigrationInterface {
  name = 'RevokedSessions1764900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE revoked_sessions (
        id varchar(36) PRIMARY KEY NOT NULL,
        user_id varchar(36) NOT NULL,
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
