import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables of ARCHITECTURE.md on PostgreSQL, the same shape as the SQLite migration of the same
 * name. Instants are bigint epoch milliseconds. Text columns use the "C" collation so that sorting
 * and comparison are by code point, as in SQLite, whatever the database's locale.
 */
export class InitialSchema1764288000000 implements MigrationInterface {
  name = 'InitialSchema1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE organizations (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        name varchar(200) COLLATE "C" NOT NULL UNIQUE,
        created_at bigint NOT NULL)`,
      `CREATE TABLE centers (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        slug varchar(64) COLLATE "C" NOT NULL UNIQUE,
        name varchar(200) COLLATE "C" NOT NULL,
        city varchar(100) COLLATE "C" NOT NULL,
        region varchar(100) COLLATE "C" NOT NULL,
        timezone varchar(64) COLLATE "C" NOT NULL,
        address varchar(300) COLLATE "C" NOT NULL,
        opening_hours text NOT NULL,
        policy text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at bigint NOT NULL)`,
      `CREATE TABLE users (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        email varchar(254) COLLATE "C" UNIQUE,
        phone varchar(32) COLLATE "C",
        name varchar(200) COLLATE "C" NOT NULL,
        password_hash varchar(200) COLLATE "C",
        role varchar(16) COLLATE "C" NOT NULL,
        locale varchar(2) COLLATE "C" NOT NULL DEFAULT 'uz',
        organization_id varchar(36) COLLATE "C" REFERENCES organizations (id),
        active boolean NOT NULL DEFAULT true,
        created_at bigint NOT NULL)`,
      `CREATE TABLE user_centers (
        user_id varchar(36) COLLATE "C" NOT NULL REFERENCES users (id),
        center_id varchar(36) COLLATE "C" NOT NULL REFERENCES centers (id),
        PRIMARY KEY (user_id, center_id))`,
      `CREATE TABLE closures (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        center_id varchar(36) COLLATE "C" NOT NULL REFERENCES centers (id),
        from_date varchar(10) COLLATE "C" NOT NULL,
        to_date varchar(10) COLLATE "C" NOT NULL,
        reason varchar(300) COLLATE "C" NOT NULL,
        yearly boolean NOT NULL DEFAULT false,
        created_at bigint NOT NULL)`,
      `CREATE INDEX idx_closures_center ON closures (center_id)`,
      `CREATE TABLE resources (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        center_id varchar(36) COLLATE "C" NOT NULL REFERENCES centers (id),
        kind varchar(16) COLLATE "C" NOT NULL,
        name varchar(200) COLLATE "C" NOT NULL,
        capacity integer,
        quantity integer NOT NULL DEFAULT 1,
        features text NOT NULL,
        requires_approval boolean NOT NULL DEFAULT false,
        check_in_required boolean NOT NULL DEFAULT false,
        min_duration_minutes integer NOT NULL,
        max_duration_minutes integer NOT NULL,
        buffer_minutes integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        qr_token varchar(64) COLLATE "C" NOT NULL UNIQUE,
        created_at bigint NOT NULL)`,
      `CREATE INDEX idx_resources_center ON resources (center_id)`,
      `CREATE TABLE bookings (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        center_id varchar(36) COLLATE "C" NOT NULL REFERENCES centers (id),
        resource_id varchar(36) COLLATE "C" NOT NULL REFERENCES resources (id),
        owner_id varchar(36) COLLATE "C" NOT NULL REFERENCES users (id),
        creator_id varchar(36) COLLATE "C" NOT NULL REFERENCES users (id),
        title varchar(200) COLLATE "C" NOT NULL,
        purpose varchar(16) COLLATE "C" NOT NULL,
        attendees integer,
        quantity integer NOT NULL DEFAULT 1,
        status varchar(16) COLLATE "C" NOT NULL,
        start_local varchar(16) COLLATE "C" NOT NULL,
        end_local varchar(16) COLLATE "C" NOT NULL,
        rrule varchar(500) COLLATE "C",
        exceptions text NOT NULL,
        equipment text NOT NULL,
        rejection_reason varchar(500) COLLATE "C",
        version integer NOT NULL DEFAULT 1,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL)`,
      `CREATE INDEX idx_bookings_center ON bookings (center_id)`,
      `CREATE INDEX idx_bookings_owner ON bookings (owner_id)`,
      `CREATE INDEX idx_bookings_resource ON bookings (resource_id)`,
      `CREATE TABLE occurrences (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        booking_id varchar(36) COLLATE "C" NOT NULL REFERENCES bookings (id),
        start_ms bigint NOT NULL,
        end_ms bigint NOT NULL,
        status varchar(16) COLLATE "C" NOT NULL,
        checked_in_at bigint,
        checked_out_at bigint)`,
      `CREATE INDEX idx_occurrences_booking ON occurrences (booking_id, start_ms)`,
      `CREATE TABLE allocations (
        id varchar(36) COLLATE "C" PRIMARY KEY NOT NULL,
        occurrence_id varchar(36) COLLATE "C" NOT NULL REFERENCES occurrences (id),
        booking_id varchar(36) COLLATE "C" NOT NULL REFERENCES bookings (id),
        resource_id varchar(36) COLLATE "C" NOT NULL REFERENCES resources (id),
        start_ms bigint NOT NULL,
        end_ms bigint NOT NULL,
        quantity integer NOT NULL DEFAULT 1,
        exclusive boolean NOT NULL,
        active boolean NOT NULL DEFAULT true,
        CHECK (end_ms > start_ms),
        CHECK (quantity > 0))`,
      `CREATE INDEX idx_allocations_resource_time ON allocations (resource_id, start_ms, end_ms)`,
      `CREATE INDEX idx_allocations_occurrence ON allocations (occurrence_id)`,
      `CREATE TABLE idempotency_keys (
        user_id varchar(36) COLLATE "C" NOT NULL REFERENCES users (id),
        key varchar(200) COLLATE "C" NOT NULL,
        request_hash varchar(64) COLLATE "C" NOT NULL,
        status_code integer NOT NULL,
        response_body text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (user_id, key))`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'idempotency_keys',
      'allocations',
      'occurrences',
      'bookings',
      'resources',
      'closures',
      'user_centers',
      'users',
      'centers',
      'organizations',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
