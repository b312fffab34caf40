import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Centers' time zones under their canonical names: the API stored a zone as it was typed
 * (`asia/tashkent`, `utc`) until it canonicalized them (`Asia/Tashkent`, `UTC`; see
 * `canonicalZone` in src/scheduling/local-time.ts, which this repeats so that the migration keeps
 * doing what it did when it was written). A name that is not a zone is left alone.
 */
export async function canonicalizeTimeZones(
  queryRunner: QueryRunner,
  placeholders: [string, string],
): Promise<void> {
  const centers = (await queryRunner.query('SELECT id, timezone FROM centers')) as Array<{
    id: string;
    timezone: string;
  }>;
  for (const { id, timezone } of centers) {
    let canonical: string;
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions()
        .timeZone;
    } catch {
      continue;
    }
    if (canonical === timezone) continue;
    const [zone, key] = placeholders;
    await queryRunner.query(`UPDATE centers SET timezone = ${zone} WHERE id = ${key}`, [
      canonical,
      id,
    ]);
  }
}

export class CanonicalTimeZones1764910000000 implements MigrationInterface {
  name = 'CanonicalTimeZones1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await canonicalizeTimeZones(queryRunner, ['?', '?']);
  }

  /** The names as typed are not kept; the canonical ones name the same zones. */
  async down(): Promise<void> {}
}
