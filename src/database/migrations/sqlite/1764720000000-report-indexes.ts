import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes for the utilization report: a center's confirmed bookings with what the report
 * reads of them, and each booking's sessions by start with their times and status, so that a year
 * of a busy center is summed from the two indexes without reading the tables. They replace the
 * indexes they extend (same leading columns).
 */
export class ReportIndexes1764720000000 implements MigrationInterface {
  name = 'ReportIndexes1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX idx_bookings_center_report ON bookings
         (center_id, status, id, resource_id, owner_id, purpose, attendees, quantity)`,
    );
    await queryRunner.query('DROP INDEX idx_bookings_center');
    await queryRunner.query(
      `CREATE INDEX idx_occurrences_booking_report ON occurrences
         (booking_id, start_ms, end_ms, status, checked_in_at, checked_out_at)`,
    );
    await queryRunner.query('DROP INDEX idx_occurrences_booking');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX idx_occurrences_booking ON occurrences (booking_id, start_ms)',
    );
    await queryRunner.query('DROP INDEX idx_occurrences_booking_report');
    await queryRunner.query('CREATE INDEX idx_bookings_center ON bookings (center_id)');
    await queryRunner.query('DROP INDEX idx_bookings_center_report');
  }
}
