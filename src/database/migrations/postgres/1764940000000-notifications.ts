import { MigrationInterface, QueryRunner } from 'typeorm';
import { notificationTables } from '../sqlite/1764940000000-notifications';

/** Notifications, as in SQLite's migration of the same name (text keys COLLATE "C"). */
export class Notifications1764940000000 implements MigrationInterface {
  name = 'Notifications1764940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of notificationTables(' COLLATE "C"')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notification_settings',
      'notifications',
      'notification_deliveries',
      'notification_outbox',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
