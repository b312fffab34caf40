import { HeavyReads } from '../src/database/heavy-reads';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/**
 * Seconds of work for the database through the app's HeavyReads (SQLite: counting to `count`;
 * PostgreSQL: a two-second sleep).
 */
function longRead(t: TestApp, count: number): Promise<Array<{ n: number }>> {
  const reads = t.app.get(HeavyReads);
  return t.dialect === 'postgres'
    ? reads.query('SELECT 1 AS n FROM pg_sleep(2)', [])
    : reads.query(
        `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
         SELECT COUNT(*) AS n FROM c`,
        [count],
      );
}

/**
 * A long report must not hold up a booking made meanwhile (issue 17). On SQLite the report's
 * statement runs in a worker thread on its own read-only connection (HeavyReads); on PostgreSQL
 * on another pooled connection. Either way the event loop stays free for the booking. The same
 * holds for the staff's pages that read much: Today (the day's sessions) and the bookings list.
 *
 * The long report is a deliberately slow read statement sent through the same path as the
 * report's aggregate (about two seconds; a real one-year report at 1M is 0.2–0.4 s), so that the
 * test does not need a million rows. It asserts ordering, not timings: the booking is answered
 * while the long read is still running.
 */
describe('heavy reads off the event loop', () => {
  let t: TestApp;
  let w: World;
  let reads: HeavyReads;
  let desk: string;

  beforeAll(async () => {
    // One worker, so that on SQLite the order in which heavy reads queue is known.
    t = await startTestApp({
      now: '2026-12-01T08:00:00+05:00',
      env: { SQLITE_READ_WORKERS: '1' },
    });
    w = await createWorld(t);
    reads = t.app.get(HeavyReads);
    desk = (await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk' })).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** About two seconds of work for the database. */
  const longReadNow = () => longRead(t, 3_000_000);

  it('runs on SQLite in a worker thread (the test app uses a database file)', () => {
    expect(reads.inWorkers).toBe(t.dialect === 'sqlite');
  });

  it('answers a booking made while a long report runs before the report finishes', async () => {
    // The worker is started (and its connection opened) before the race, as in a running server.
    expect(await reads.query('SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
    const finished: string[] = [];
    const report = longReadNow().then((rows) => {
      finished.push('report');
      return rows;
    });
    const booking = t
      .request('POST', '/api/v1/bookings', {
        token: w.member.token,
        body: {
          resourceId: desk,
          start: '2026-12-02T10:00',
          end: '2026-12-02T11:00',
          purpose: 'work',
          title: 'During the report',
        },
      })
      .then((response) => {
        finished.push('booking');
        return response;
      });
    const [bookingResponse, reportRows] = await Promise.all([booking, report]);
    expect(bookingResponse.status).toBe(201);
    expect(reportRows).toHaveLength(1);
    expect(finished).toEqual(['booking', 'report']);
  });

  it('reads what was committed just before', async () => {
    const sql = `SELECT COUNT(*) AS n FROM bookings WHERE resource_id = ${t.dialect === 'postgres' ? '$1' : '?'}`;
    const before = await reads.query<{ n: number }>(sql, [desk]);
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: {
        resourceId: desk,
        start: '2026-12-02T12:00',
        end: '2026-12-02T13:00',
        purpose: 'work',
        title: 'Then read',
      },
    });
    expect(response.status).toBe(201);
    const after = await reads.query<{ n: number }>(sql, [desk]);
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1);
  });

  it('fails a bad statement with the database error and keeps answering', async () => {
    await expect(reads.query('SELECT * FROM no_such_table', [])).rejects.toThrow(/no_such_table/);
    expect(await reads.query('SELECT 2 AS two', [])).toEqual([{ two: 2 }]);
  });

  it('sends the utilization report and its CSV through HeavyReads', async () => {
    const query = jest.spyOn(reads, 'query');
    try {
      const path = `/api/v1/reports/utilization?centerId=${w.centerId}&from=2026-12-01&to=2026-12-31`;
      const json = await t.request('GET', path, { token: w.coordinator.token });
      expect(json.status).toBe(200);
      expect(json.body.totals.sessions).toBe(2);
      const calls = query.mock.calls.length;
      expect(calls).toBeGreaterThan(0);
      const csv = await t.request('GET', `${path}&format=csv`, { token: w.coordinator.token });
      expect(csv.status).toBe(200);
      expect(query.mock.calls.length).toBeGreaterThan(calls);
    } finally {
      query.mockRestore();
    }
  });

  it('sends Today and the bookings list through HeavyReads', async () => {
    const staff = WebClient.withToken(t.baseUrl, w.coordinator.token);
    const query = jest.spyOn(reads, 'query');
    try {
      for (const path of [`/admin?center=${w.centerId}`, `/admin/bookings?center=${w.centerId}`]) {
        const calls = query.mock.calls.length;
        const page = await staff.get(path);
        expect(page.status).toBe(200);
        // Today: the day's sessions and the pending requests; the list: its page and the count.
        expect(query.mock.calls.length).toBeGreaterThanOrEqual(calls + 2);
      }
    } finally {
      query.mockRestore();
    }
  });

  it('answers a booking made while Today waits behind a long read before either', async () => {
    const staff = WebClient.withToken(t.baseUrl, w.coordinator.token);
    const finished: string[] = [];
    const report = longReadNow().then(() => finished.push('report'));
    const today = staff.get(`/admin?center=${w.centerId}`).then((page) => {
      finished.push('today');
      return page.status;
    });
    const booking = t
      .request('POST', '/api/v1/bookings', {
        token: w.member.token,
        body: {
          resourceId: desk,
          start: '2026-12-02T14:00',
          end: '2026-12-02T15:00',
          purpose: 'work',
          title: 'During Today',
        },
      })
      .then((response) => {
        finished.push('booking');
        return response.status;
      });
    expect(await Promise.all([booking, today, report])).toEqual([201, 200, expect.any(Number)]);
    expect(finished[0]).toBe('booking');
    // On SQLite the day's read waits in the worker behind the long one, not on the event loop.
    if (t.dialect === 'sqlite') expect(finished).toEqual(['booking', 'report', 'today']);
  });
});

describe('heavy reads with two workers (SQLITE_READ_WORKERS unset: the default)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers Today while a long read runs (a second worker on SQLite; the pool on PostgreSQL)', async () => {
    const reads = t.app.get(HeavyReads);
    expect(await reads.query('SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
    const finished: string[] = [];
    const report = longRead(t, 10_000_000).then(() => finished.push('report'));
    const today = WebClient.withToken(t.baseUrl, w.coordinator.token)
      .get(`/admin?center=${w.centerId}`)
      .then((page) => {
        finished.push('today');
        return page.status;
      });
    expect(await Promise.all([today, report])).toEqual([200, expect.any(Number)]);
    expect(finished).toEqual(['today', 'report']);
    if (t.dialect === 'sqlite') expect(reads.workersRunning).toBe(2);
  });
});
