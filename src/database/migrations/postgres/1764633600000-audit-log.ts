import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log, as in SQLite's migration of the same name. */
export class AuditLog1764633600000 implements MigrationInterface {
  name = 'AuditLog1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE audit_entries (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        at_ms bigint NOT NULL,
        actor_id varchar(36) COLLATE "C" NOT NULL,
        action varchar(48) COLLATE "C" NOT NULL,
        target_type varchar(16) COLLATE "C" NOT NULL,
        target_id varchar(36) COLLATE "C" NOT NULL,
        center_id varchar(36) COLLATE "C",
        details text
      )`,
    );
    await queryRunner.query('CREATE INDEX idx_audit_center_at ON audit_entries (center_id, at_ms)');
    await queryRunner.query('CREATE INDEX idx_audit_at ON audit_entries (at_ms)');
    await queryRunner.query('CREATE INDEX idx_audit_actor_at ON audit_entries (actor_id, at_ms)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_entries');
  }
}
