import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  addSessionCopies,
  COPY_FROM_NEW,
  SESSION_COPIES,
  WATCHED_COLUMNS,
} from '../sqlite/1764806400000-session-report-copies';

/**
 * As the SQLite migration of the same name: the columns lose their defaults once filled in, the
 * index carries the columns only read as INCLUDE columns, and the trigger calls a function that
 * keeps the schema it was created in (so an UPDATE from a session with another search_path still
 * reaches this schema's sessions).
 */
export class SessionReportCopies1764806400000 implements MigrationInterface {
  name = 'SessionReportCopies1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addSessionCopies(queryRunner, 'COLLATE "C"');
    for (const [column, , type] of SESSION_COPIES) {
      if (type.includes('DEFAULT')) {
        await queryRunner.query(`ALTER TABLE occurrences ALTER COLUMN ${column} DROP DEFAULT`);
      }
    }
    await queryRunner.query(
      `CREATE INDEX idx_occurrences_center_report ON occurrences (center_id, start_ms)
         INCLUDE (end_ms, status, booking_status, resource_id, owner_id, purpose, attendees,
                  quantity, checked_in_at, checked_out_at)`,
    );
    await queryRunner.query(
      `CREATE FUNCTION bookings_session_copies() RETURNS trigger LANGUAGE plpgsql
       SET search_path FROM CURRENT AS $$
       BEGIN
         UPDATE occurrences SET ${COPY_FROM_NEW} WHERE booking_id = NEW.id;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_bookings_session_copies AFTER UPDATE OF ${WATCHED_COLUMNS} ON bookings
       FOR EACH ROW EXECUTE FUNCTION bookings_session_copies()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_bookings_session_copies ON bookings');
    await queryRunner.query('DROP FUNCTION bookings_session_copies()');
    await queryRunner.query('DROP INDEX idx_occurrences_center_report');
    for (const [column] of [...SESSION_COPIES].reverse()) {
      await queryRunner.query(`ALTER TABLE occurrences DROP COLUMN ${column}`);
    }
  }
}
