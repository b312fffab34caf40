import { SESSION_COPIES } from '../src/database/migrations/sqlite/1764806400000-session-report-copies';
import { assertSessionCopies, startTestApp, TestApp } from './support/test-app';
import { createBooking, createResource, createWorld, Json, World } from './support/world';

/**
 * Sessions keep copies of their booking's fields for the utilization report (SessionEntity,
 * migration SessionReportCopies): written with the sessions, kept equal by a trigger when the
 * booking changes, and filled in by the migration on a database that already has bookings.
 * (Every test app also checks the copies when it closes.)
 */
describe('the booking fields each session keeps', () => {
  let t: TestApp;
  let w: World;
  let room: string;

  const copies = (bookingId: string) =>
    t.query(
      `SELECT center_id, resource_id, owner_id, purpose, attendees, quantity, booking_status
         FROM occurrences WHERE booking_id = ? ORDER BY start_ms`,
      [bookingId],
    );

  const book = (token: string, body: Json) => createBooking(t, token, body);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    room = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        capacity: 20,
        requiresApproval: true,
      })
    ).id;
  });

  afterAll(() => t.close());

  it('are written with the sessions and follow approval, rejection and cancellation', async () => {
    const series = await book(w.member.token, {
      resourceId: room,
      start: '2026-12-03T10:00',
      end: '2026-12-03T11:00',
      recurrence: { rule: 'FREQ=WEEKLY;COUNT=3' },
      purpose: 'seminar',
      attendees: 12,
    });
    expect(series.status).toBe('pending');
    const written = await copies(series.id);
    expect(written).toHaveLength(3);
    for (const row of written) {
      expect(row).toEqual({
        center_id: w.centerId,
        resource_id: room,
        owner_id: w.member.id,
        purpose: 'seminar',
        attendees: 12,
        quantity: 1,
        booking_status: 'pending',
      });
    }

    const approve = await t.request('POST', `/api/v1/bookings/${series.id}/approve`, {
      token: w.coordinator.token,
    });
    expect(approve.status).toBe(200);
    expect((await copies(series.id)).map((r) => r.booking_status)).toEqual(
      Array(3).fill('confirmed'),
    );

    const cancel = await t.request('DELETE', `/api/v1/bookings/${series.id}`, {
      token: w.member.token,
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    expect((await copies(series.id)).map((r) => r.booking_status)).toEqual(
      Array(3).fill('cancelled'),
    );

    const refused = await book(w.otherMember.token, {
      resourceId: room,
      start: '2026-12-04T10:00',
      end: '2026-12-04T11:00',
    });
    const reject = await t.request('POST', `/api/v1/bookings/${refused.id}/reject`, {
      token: w.coordinator.token,
      body: { reason: 'The room is being painted' },
    });
    expect(reject.status).toBe(200);
    expect((await copies(refused.id)).map((r) => r.booking_status)).toEqual(['rejected']);
    await assertSessionCopies(t.dataSource);
  });

  it('are declared as their booking columns are: type, length, null or not, collation', async () => {
    const declared = async (table: string, column: string) => {
      if (t.dialect === 'sqlite') {
        const columns: Array<{ name: string; type: string; notnull: number }> = await t.query(
          `PRAGMA table_info("${table}")`,
        );
        const found = columns.find((c) => c.name === column)!;
        return { type: found.type.toLowerCase(), notNull: found.notnull === 1 };
      }
      const [found] = await t.query(
        `SELECT data_type, character_maximum_length, is_nullable, collation_name
           FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?`,
        [table, column],
      );
      return found;
    };
    for (const [copy, source] of SESSION_COPIES) {
      expect([copy, await declared('occurrences', copy)]).toEqual([
        copy,
        await declared('bookings', source),
      ]);
    }
  });

  it('follow an update made under another search path (PostgreSQL) or none (SQLite)', async () => {
    const booked = await book(w.trainer.token, {
      resourceId: room,
      start: '2026-12-18T14:00',
      end: '2026-12-18T16:00',
    });
    if (t.dialect === 'postgres') {
      const [{ schema }] = await t.query('SELECT current_schema() AS schema');
      await t.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL search_path TO pg_catalog');
        await manager.query(`UPDATE "${schema}".bookings SET purpose = 'meeting' WHERE id = $1`, [
          booked.id,
        ]);
      });
    } else {
      await t.query("UPDATE bookings SET purpose = 'meeting' WHERE id = ?", [booked.id]);
    }
    expect((await copies(booked.id)).map((r) => r.purpose)).toEqual(['meeting']);
  });

  it('are filled in by the migration on a database that already has bookings', async () => {
    const kept = await book(w.trainer.token, {
      resourceId: room,
      start: '2026-12-10T14:00',
      end: '2026-12-10T16:00',
      recurrence: { rule: 'FREQ=WEEKLY;COUNT=2' },
    });
    const before = await copies(kept.id);
    // Undo it, and the migrations that came after it.
    const names = t.dataSource.migrations.map((m) => m.name);
    const index = names.indexOf('SessionReportCopies1764806400000');
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = names.length - 1; i >= index; i--) await t.dataSource.undoLastMigration();
    const columns = await t.query('SELECT * FROM occurrences WHERE booking_id = ?', [kept.id]);
    expect(Object.keys(columns[0])).not.toContain('booking_status');
    await t.dataSource.runMigrations();
    expect(await copies(kept.id)).toEqual(before);
    await assertSessionCopies(t.dataSource);
  });

  it("keep their owner's number, which the database gives each user once", async () => {
    const users: Array<{ id: string; number: number | null }> = await t.query(
      'SELECT id, number FROM users',
    );
    expect(users.length).toBeGreaterThan(3);
    for (const user of users) expect(Number.isInteger(user.number)).toBe(true);
    expect(new Set(users.map((u) => u.number)).size).toBe(users.length);

    const created = await t.request('POST', '/api/v1/users', {
      token: w.admin.token,
      body: { email: 'numbered@example.org', name: 'Numbered', role: 'member' },
    });
    expect(created.status).toBe(201);
    const [{ number }] = await t.query('SELECT number FROM users WHERE id = ?', [created.body.id]);
    expect(number).toBe(Math.max(...users.map((u) => Number(u.number))) + 1);
    const booked = await book(w.coordinator.token, {
      resourceId: room,
      start: '2026-12-21T10:00',
      end: '2026-12-21T11:00',
      ownerId: created.body.id,
    });
    expect(
      await t.query('SELECT owner_number FROM occurrences WHERE booking_id = ?', [booked.id]),
    ).toEqual([{ owner_number: number }]);
  });

  it("are given their owner's number by the migration on a database that has sessions", async () => {
    const kept = await book(w.member.token, {
      resourceId: room,
      start: '2026-12-22T10:00',
      end: '2026-12-22T11:00',
    });
    const names = t.dataSource.migrations.map((m) => m.name);
    const index = names.indexOf('OwnerNumbers1764950000000');
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = names.length - 1; i >= index; i--) await t.dataSource.undoLastMigration();
    const [undone] = await t.query('SELECT * FROM occurrences WHERE booking_id = ?', [kept.id]);
    expect(Object.keys(undone)).not.toContain('owner_number');
    await t.dataSource.runMigrations();
    const [{ owner_number: ownerNumber }] = await t.query(
      'SELECT owner_number FROM occurrences WHERE booking_id = ?',
      [kept.id],
    );
    const [{ number }] = await t.query('SELECT number FROM users WHERE id = ?', [w.member.id]);
    expect(ownerNumber).toBe(number);
    await assertSessionCopies(t.dataSource);
  });
});
