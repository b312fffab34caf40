import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff's bookings list reads a center's bookings in the order of their first session's
 * start, a page at a time from a position (src/bookings/booking-list.ts): one range of the first
 * index, whatever the length of the center's history; filtered on a state (the requests waiting,
 * the rejected ones), one range of the second, in the same order.
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
