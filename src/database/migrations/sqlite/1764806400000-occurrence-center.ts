import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each session knows its center, so a center's report reads its sessions of a date range through
 * one index instead of visiting every booking the center ever had (the one-year report on a large
 * history, docs/benchmarks.md).
 */
export class OccurrenceCenter1764806400000 implements MigrationInterface {
  name = 'OccurrenceCenter1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE occurrences ADD COLUMN center_id varchar(36)');
    await queryRunner.query(
      'UPDATE occurrences SET center_id = (SELECT b.center_id FROM bookings b WHERE b.id = occurrences.booking_id)',
    );
    // Covering what the report reads of a session, so the range is read from the index alone.
    await queryRunner.query(
      'CREATE INDEX idx_occurrences_center_start ON occurrences (center_id, start_ms, booking_id, end_ms, status, checked_in_at, checked_out_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_occurrences_center_start');
    await queryRunner.query('ALTER TABLE occurrences DROP COLUMN center_id');
  }
}
