import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user gets a small integer (`users.number`), and each session keeps its owner's
 * (`occurrences.owner_number`, in the reports' covering index instead of the owner's id). The
 * reports count distinct people per group from the owners the statement joins into one text: as
 * numbers that text is about a seventh of the ids', and it was most of a year report's memory
 * traffic (docs/benchmarks.md, "Ninth round").
 *
 * A user inserted without a number gets the next one from the trigger (users are never deleted,
 * so numbers are never reused). SQLite adds a NOT NULL column only with a default; every session
 * is filled in below, and the app writes the number with each new session.
 */
export class OwnerNumbers1764950000000 implements MigrationInterface {
  name = 'OwnerNumbers1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users ADD COLUMN number INTEGER');
    await queryRunner.query('UPDATE users SET number = rowid');
    await queryRunner.query('CREATE UNIQUE INDEX idx_users_number ON users (number)');
    await queryRunner.query(
      `CREATE TRIGGER trg_users_number AFTER INSERT ON users
       FOR EACH ROW WHEN NEW.number IS NULL BEGIN
         UPDATE users SET number = (SELECT COALESCE(MAX(number), 0) + 1 FROM users)
          WHERE id = NEW.id;
       END`,
    );
    await queryRunner.query(
      'ALTER TABLE occurrences ADD COLUMN owner_number INTEGER NOT NULL DEFAULT 0',
    );
    await queryRunner.query(
      `UPDATE occurrences
          SET owner_number = (SELECT u.number FROM users u WHERE u.id = occurrences.owner_id)`,
    );
    await queryRunner.query('DROP INDEX idx_occurrences_center_report');
    await queryRunner.query(
      `CREATE INDEX idx_occurrences_center_report ON occurrences
         (center_id, start_ms, end_ms, status, booking_status, resource_id, owner_number, purpose,
          attendees, quantity, checked_in_at, checked_out_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_occurrences_center_report');
    await queryRunner.query(
      `CREATE INDEX idx_occurrences_center_report ON occurrences
         (center_id, start_ms, end_ms, status, booking_status, resource_id, owner_id, purpose,
          attendees, quantity, checked_in_at, checked_out_at)`,
    );
    await queryRunner.query('ALTER TABLE occurrences DROP COLUMN owner_number');
    await queryRunner.query('DROP TRIGGER trg_users_number');
    await queryRunner.query('DROP INDEX idx_users_number');
    await queryRunner.query('ALTER TABLE users DROP COLUMN number');
  }
}
