import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * As the SQLite migration of the same name (the text columns are `COLLATE "C"`, so the order is
 * SQLite's, byte by byte).
 */
export class BookingListIndex1764945000000 implements MigrationInterface {
  name = 'BookingListIndex1764945000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX idx_bookings_center_start ON bookings (center_id, start_local, id)',
    );
    await queryRunner.query(
      'CREATE INDEX idx_bookings_center_status_start ON bookings (center_id, status, start_local, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_bookings_center_status_start');
    await queryRunner.query('DROP INDEX idx_bookings_center_start');
  }
}
