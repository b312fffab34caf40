import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (src/notifications/): the outbox written in the same transaction as the change
 * that causes each event, the per-channel deliveries the job works through, the in-app
 * notifications, and each person's settings. Instants are epoch milliseconds.
 */
export class Notifications1764940000000 implements MigrationInterface {
  name = 'Notifications1764940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of notificationTables('')) await queryRunner.query(statement);
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

/** The tables of both dialects; `collate` is PostgreSQL's ` COLLATE "C"` for text keys. */
export function notificationTables(collate: string): string[] {
  const id = `varchar(36)${collate}`;
  return [
    `CREATE TABLE notification_outbox (
      id ${id} PRIMARY KEY NOT NULL,
      event varchar(40)${collate} NOT NULL,
      booking_id ${id},
      occurrence_id ${id},
      recipient_id ${id},
      data text,
      dedupe_key varchar(200)${collate},
      created_at bigint NOT NULL,
      fanned_out boolean NOT NULL DEFAULT false
    )`,
    'CREATE UNIQUE INDEX idx_notification_outbox_dedupe ON notification_outbox (dedupe_key)',
    'CREATE INDEX idx_notification_outbox_waiting ON notification_outbox (fanned_out, created_at)',
    `CREATE TABLE notification_deliveries (
      id ${id} PRIMARY KEY NOT NULL,
      outbox_id ${id} NOT NULL,
      user_id ${id} NOT NULL,
      channel varchar(16)${collate} NOT NULL,
      status varchar(16)${collate} NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at bigint NOT NULL,
      last_error text,
      payload text NOT NULL,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`,
    `CREATE UNIQUE INDEX idx_notification_deliveries_once
       ON notification_deliveries (outbox_id, user_id, channel)`,
    `CREATE INDEX idx_notification_deliveries_due
       ON notification_deliveries (status, next_attempt_at)`,
    `CREATE TABLE notifications (
      id ${id} PRIMARY KEY NOT NULL,
      user_id ${id} NOT NULL,
      outbox_id ${id} NOT NULL,
      event varchar(40)${collate} NOT NULL,
      booking_id ${id},
      title varchar(300) NOT NULL,
      body text NOT NULL,
      created_at bigint NOT NULL,
      read_at bigint
    )`,
    'CREATE UNIQUE INDEX idx_notifications_once ON notifications (outbox_id, user_id)',
    'CREATE INDEX idx_notifications_user ON notifications (user_id, created_at)',
    `CREATE TABLE notification_settings (
      user_id ${id} PRIMARY KEY NOT NULL,
      email boolean NOT NULL DEFAULT true,
      telegram boolean NOT NULL DEFAULT true,
      reminder_minutes integer NOT NULL DEFAULT 60,
      events text NOT NULL DEFAULT '{}',
      updated_at bigint NOT NULL
    )`,
  ];
}
