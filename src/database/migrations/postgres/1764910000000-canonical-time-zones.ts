import { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalizeTimeZones } from '../sqlite/1764910000000-canonical-time-zones';

/** Centers' time zones under their canonical names, as in SQLite's migration of the same name. */
export class CanonicalTimeZones1764910000000 implements MigrationInterface {
  name = 'CanonicalTimeZones1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await canonicalizeTimeZones(queryRunner, ['$1', '$2']);
  }

  /** The names as typed are not kept; the canonical ones name the same zones. */
  async down(): Promise<void> {}
}
