import { DataSource } from 'typeorm';
import { bookingListStatement, BookingListQuery } from '../src/bookings/booking-list';
import { daySessionsStatement } from '../src/bookings/session-records';
import { createDataSource } from '../src/database/data-source';

/**
 * The statements of the coordinator's pages must cost what the page shows, not what the center
 * has done since it opened: Today reads one day's range of the sessions' (center, start) index
 * and the bookings list one page of the bookings' (center, first start, id) index. Pinned here
 * on SQLite's plans (`EXPLAIN QUERY PLAN`), on a fresh database and again after ANALYZE of a
 * center with years of history (the planner then knows how many rows each index holds).
 * docs/benchmarks.md ("Indexes of the pages") has the timings.
 */
describe('query plans of the coordinator pages (SQLite)', () => {
  let db: DataSource;
  const CENTER = 'center-a';

  /** The plan's lines, e.g. `SEARCH o USING INDEX idx_… (center_id=? AND start_ms>? …)`. */
  async function plan(sql: string, values: unknown[]): Promise<string[]> {
    const rows: Array<{ detail: string }> = await db.query(`EXPLAIN QUERY PLAN ${sql}`, values);
    return rows.map((row) => row.detail);
  }

  function todayPlan(): Promise<string[]> {
    const day = Date.parse('2026-12-03T00:00:00+05:00');
    return plan(daySessionsStatement('?', '?', '?'), [CENTER, day, day + 86_400_000]);
  }

  function listPlan(query: Partial<BookingListQuery>, direction: 'after' | 'before') {
    const position = { startLocal: '2026-12-03T00:00', id: '' };
    const { sql, values } = bookingListStatement(
      false,
      { centerId: CENTER, limit: 20, ...query },
      direction,
      position,
      21,
    );
    return plan(sql, values);
  }

  /** No table or index is read whole (`SCAN`), and nothing is sorted after reading. */
  function expectNoHistoryWalk(lines: string[]): void {
    for (const line of lines) expect(line).not.toMatch(/^SCAN /);
  }

  function expectTodayPlan(lines: string[]): void {
    expectNoHistoryWalk(lines);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^SEARCH o USING INDEX idx_occurrences_center_report \(center_id=\? AND start_ms>\? AND start_ms<\?\)$/,
      ),
    );
    // Each session's booking and owner: one primary-key look-up.
    expect(lines).toContainEqual(
      expect.stringMatching(/^SEARCH b USING INDEX sqlite_autoindex_bookings_1 \(id=\?\)$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^SEARCH u USING INDEX sqlite_autoindex_users_1 \(id=\?\)( LEFT-JOIN)?$/,
      ),
    );
    expect(lines.some((line) => /idx_bookings_center/.test(line))).toBe(false);
  }

  async function expectListPlans(): Promise<void> {
    for (const direction of ['after', 'before'] as const) {
      const lines = await listPlan({}, direction);
      expectNoHistoryWalk(lines);
      expect(lines).toEqual([
        `SEARCH b USING COVERING INDEX idx_bookings_center_start (center_id=? AND (start_local,id)${direction === 'after' ? '>' : '<'}(?,?))`,
      ]);
    }
    // Between dates: the same index, bounded on both sides, in its order.
    const dated = await listPlan({ from: '2025-01-01T00:00', until: '2025-02-01T00:00' }, 'after');
    expectNoHistoryWalk(dated);
    expect(dated).toHaveLength(1);
    expect(dated[0]).toMatch(/^SEARCH b USING (COVERING )?INDEX idx_bookings_center_start \(/);
    // Filtered on a state: the index with the state, in its order (never a sort of the history).
    for (const direction of ['after', 'before'] as const) {
      for (const status of ['pending', 'confirmed'] as const) {
        const lines = await listPlan({ status }, direction);
        expectNoHistoryWalk(lines);
        expect(lines).toEqual([
          `SEARCH b USING COVERING INDEX idx_bookings_center_status_start (center_id=? AND status=? AND (start_local,id)${direction === 'after' ? '>' : '<'}(?,?))`,
        ]);
      }
    }
  }

  beforeAll(async () => {
    db = createDataSource({ type: 'sqlite', path: ':memory:' });
    await db.initialize();
    await db.runMigrations();
  });

  afterAll(() => db.destroy());

  it('on a fresh database: Today and the bookings list read their index ranges', async () => {
    expectTodayPlan(await todayPlan());
    await expectListPlans();
  });

  it('after ANALYZE of four years of a busy center: still the same ranges', async () => {
    // The rows only need the columns the plans read; the references are not checked here.
    await db.query('PRAGMA foreign_keys = OFF');
    await db.query(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
       INSERT INTO bookings (id, center_id, resource_id, owner_id, creator_id, title, purpose,
              status, start_local, end_local, exceptions, equipment, created_at, updated_at)
       SELECT printf('b%05d', i), CASE WHEN i % 10 = 0 THEN 'center-b' ELSE '${CENTER}' END,
              printf('r%03d', i % 120), printf('u%04d', i % 900), printf('u%04d', i % 900), '',
              'work', CASE WHEN i % 50 = 0 THEN 'pending' ELSE 'confirmed' END,
              strftime('%Y-%m-%dT%H:%M', 1640995200 + i * 6300, 'unixepoch'),
              strftime('%Y-%m-%dT%H:%M', 1640995200 + i * 6300 + 3600, 'unixepoch'),
              '[]', '[]', 0, 0
         FROM n`,
    );
    await db.query(
      `INSERT INTO occurrences (id, booking_id, start_ms, end_ms, status, center_id, resource_id,
              owner_id, purpose, attendees, quantity, booking_status)
       SELECT 'o' || substr(id, 2), id, (1640995200 + CAST(substr(id, 2) AS INTEGER) * 6300) * 1000,
              (1640995200 + CAST(substr(id, 2) AS INTEGER) * 6300 + 3600) * 1000, 'booked',
              center_id, resource_id, owner_id, purpose, attendees, quantity, status
         FROM bookings`,
    );
    await db.query(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 899)
       INSERT INTO users (id, email, name, password_hash, role, locale, created_at)
       SELECT printf('u%04d', i), printf('u%04d@plan.example', i), 'Someone', '', 'member', 'en', 0
         FROM n`,
    );
    await db.query('ANALYZE');
    expectTodayPlan(await todayPlan());
    await expectListPlans();
  });
});
