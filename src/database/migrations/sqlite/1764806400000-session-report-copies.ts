import { MigrationInterface, QueryRunner } from 'typeorm';

/** The booking fields that each session keeps a copy of (OccurrenceEntity), column by column. */
export const SESSION_COPIES = [
  ['center_id', 'center_id', "VARCHAR(36) NOT NULL DEFAULT ''"],
  ['resource_id', 'resource_id', "VARCHAR(36) NOT NULL DEFAULT ''"],
  ['owner_id', 'owner_id', "VARCHAR(36) NOT NULL DEFAULT ''"],
  ['purpose', 'purpose', "VARCHAR(16) NOT NULL DEFAULT ''"],
  ['attendees', 'attendees', 'INTEGER'],
  ['quantity', 'quantity', 'INTEGER NOT NULL DEFAULT 1'],
  ['booking_status', 'status', "VARCHAR(16) NOT NULL DEFAULT ''"],
] as const;

/** `SET` list copying a booking row `NEW` onto its sessions, for the triggers. */
export const COPY_FROM_NEW = SESSION_COPIES.map(
  ([column, source]) => `${column} = NEW.${source}`,
).join(', ');

/** The booking columns whose change the triggers copy. */
export const WATCHED_COLUMNS = SESSION_COPIES.map(([, source]) => source).join(', ');

/**
 * Adds the columns (with SQLite's defaults) and fills them in from each session's booking.
 * `textCollation` follows each VARCHAR type (PostgreSQL's text columns are all `COLLATE "C"`).
 */
export async function addSessionCopies(
  queryRunner: QueryRunner,
  textCollation = '',
): Promise<void> {
  for (const [column, , type] of SESSION_COPIES) {
    const collated = textCollation
      ? type.replace(/^(VARCHAR\(\d+\))/, `$1 ${textCollation}`)
      : type;
    await queryRunner.query(`ALTER TABLE occurrences ADD COLUMN ${column} ${collated}`);
  }
  const sessionColumns = SESSION_COPIES.map(([column]) => column).join(', ');
  const bookingColumns = SESSION_COPIES.map(([, column]) => `b.${column}`).join(', ');
  await queryRunner.query(
    `UPDATE occurrences SET (${sessionColumns}) =
       (SELECT ${bookingColumns} FROM bookings b WHERE b.id = occurrences.booking_id)`,
  );
}

/**
 * Each session keeps the booking fields that the utilization report reads (center, resource,
 * owner, purpose, attendees, quantity, booking status), with an index on (center, start) that
 * holds everything the report reads: a year of a busy center is then one index range instead of
 * a look-up per booking over the center's whole history (docs/benchmarks.md). The app writes the
 * copies with the sessions; this trigger keeps them equal when a booking changes (approval,
 * rejection, cancellation, an edit).
 *
 * SQLite adds a NOT NULL column only with a default; every row is filled in below.
 */
export class SessionReportCopies1764806400000 implements MigrationInterface {
  name = 'SessionReportCopies1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addSessionCopies(queryRunner);
    await queryRunner.query(
      `CREATE INDEX idx_occurrences_center_report ON occurrences
         (center_id, start_ms, end_ms, status, booking_status, resource_id, owner_id, purpose,
          attendees, quantity, checked_in_at, checked_out_at)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_bookings_session_copies AFTER UPDATE OF ${WATCHED_COLUMNS} ON bookings
       FOR EACH ROW BEGIN
         UPDATE occurrences SET ${COPY_FROM_NEW} WHERE booking_id = NEW.id;
       END`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_bookings_session_copies');
    await queryRunner.query('DROP INDEX idx_occurrences_center_report');
    for (const [column] of [...SESSION_COPIES].reverse()) {
      await queryRunner.query(`ALTER TABLE occurrences DROP COLUMN ${column}`);
    }
  }
}
