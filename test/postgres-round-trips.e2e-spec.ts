import { Client } from 'pg';
import { describeOnPostgres } from './support/postgres';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, World } from './support/world';

/**
 * The statements one single booking sends to PostgreSQL, counted on the pg driver itself
 * (`Client.prototype.query`, one call per round trip): six, each named below
 * (docs/development.md, "A booking on PostgreSQL").
 */
describeOnPostgres(__filename, 'round trips of a booking on PostgreSQL', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
  });

  afterAll(() => t.close());

  /** The statements sent while `work` runs (this process is the server: the app's pool). */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const sent: string[] = [];
    const original = Client.prototype.query;
    const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    prototype.query = function (this: Client, ...args: unknown[]) {
      const [first] = args;
      sent.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    try {
      await work();
    } finally {
      prototype.query = original;
    }
    return sent;
  }

  it('sends six statements for a booking of a room and a pool, each one listed', async () => {
    const room = (
      await createResource(t, w.coordinator.token, w.centerId, { kind: 'room', capacity: 4 })
    ).id;
    const pool = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'equipment',
        quantity: 3,
      })
    ).id;
    const body = {
      resourceId: room,
      start: '2026-12-02T10:00',
      end: '2026-12-02T11:00',
      equipment: [{ resourceId: pool, quantity: 1 }],
    };
    let status = 0;
    const sent = await statementsOf(async () => {
      status = (await t.request('POST', '/api/v1/bookings', { token: w.member.token, body }))
        .status;
    });
    expect(status).toBe(201);
    const shapes = sent.map((sql) => sql.replace(/\s+/g, ' ').trim());
    if (process.env.MAKON_SHOW_STATEMENTS) {
      process.stdout.write(`${shapes.map((sql, i) => `${i + 1}: ${sql}`).join('\n')}\n`);
    }
    // What each round trip is, in order. A new statement on the booking path shows here first
    // (issue 17 asked for at most 6; 18 before it).
    const expected: Array<[string, RegExp]> = [
      // The access guard: the signed-in user, its token version and whether the token is revoked.
      ['the caller', /^SELECT u\.id, .* FROM users u WHERE u\.id = \$\d+$/],
      // Before the write (to answer early and to know what to lock): the room and the pool, and
      // the room's center, as two JSON columns of one statement.
      [
        'the resources and their center',
        /^SELECT \(SELECT COALESCE\(json_agg\(q0\).* FROM "resources" WHERE "id" IN \(\$1, \$2\)\) q0\) AS r0, \(SELECT COALESCE\(json_agg\(q1\).* FROM "centers" WHERE id = \(SELECT center_id FROM resources WHERE id = \$3\)\) q1\) AS r1$/,
      ],
      // The write opens with its locks (no parameters: a simple query holding both statements).
      [
        'START TRANSACTION and every lock',
        /^START TRANSACTION; SELECT CASE WHEN l\.shared THEN pg_advisory_xact_lock_shared.* FROM unnest\(ARRAY\[\d+, \d+, \d+\]::int4\[\]/,
      ],
      // Inside the write, what the booking is checked against, as committed now: the owner, the
      // center, the resources, the closures and the allocations near the session with their
      // no-show candidates (the due ones are released only when there are some).
      [
        'what the booking is checked against',
        /^SELECT \(SELECT COALESCE\(json_agg\(q0\).* FROM "users" .* AS r0, .* FROM "centers" .* AS r1, .* FROM "resources" .* AS r2, .* FROM "closures" .* AS r3, .* FROM allocations a LEFT JOIN occurrences o .* AS r4$/,
      ],
      // Every row the booking writes: the booking, its session, its two allocations, the
      // outbox's event and the audit entry.
      [
        'the inserts',
        /^WITH w1 AS \(INSERT INTO "bookings" .*\), w2 AS \(INSERT INTO "occurrences" .*\), w3 AS \(INSERT INTO "allocations" .*\), w4 AS \(INSERT INTO "notification_outbox" .* ON CONFLICT DO NOTHING\) INSERT INTO "audit_entries" /,
      ],
      ['COMMIT', /^COMMIT$/],
    ];
    const unexpected = shapes.filter((sql, i) => !expected[i]?.[1].test(sql));
    expect({ count: shapes.length, unexpected }).toEqual({
      count: expected.length,
      unexpected: [],
    });
    expect(sent.filter((sql) => /pg_advisory_xact_lock/.test(sql))).toHaveLength(1);
    process.stdout.write(
      `postgres-round-trips: one booking (a room and a pool) sent ${sent.length} statements\n`,
    );
  });

  it("plans with random_page_cost 1.1 on the app's connections (the reports' joins need it)", async () => {
    const [{ random_page_cost }] = await t.dataSource.query('SHOW random_page_cost');
    expect(random_page_cost).toBe('1.1');
  });
});
