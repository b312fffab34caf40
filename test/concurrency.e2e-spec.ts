import { startTestApp, TestApp } from './support/test-app';
import { createResource, createUser, createWorld, World, Actor } from './support/world';

/** Never a double booking: simultaneous requests over real HTTP. */
describe('concurrent booking requests', () => {
  let t: TestApp;
  let w: World;
  let people: Actor[];

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    people = await Promise.all(
      Array.from({ length: 10 }, () => createUser(t, w.admin.token, 'member')),
    );
  });

  afterAll(() => t.close());

  it('lets exactly one of 50 simultaneous requests for one desk and slot through', async () => {
    const desk = (await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk' })).id;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.request('POST', '/api/v1/bookings', {
          token: people[i % people.length].token,
          body: { resourceId: desk, start: '2026-12-02T10:00', end: '2026-12-02T13:00' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const [{ n }] = await t.query(
      'SELECT COUNT(*) AS n FROM allocations WHERE resource_id = ? AND active = true',
      [desk],
    );
    expect(n).toBe(1);
  });

  it('keeps overlapping series from sharing any session', async () => {
    const room = (
      await createResource(t, w.coordinator.token, w.centerId, { kind: 'room', capacity: 10 })
    ).id;
    const rules = [
      'FREQ=DAILY;COUNT=10',
      'FREQ=WEEKLY;COUNT=4',
      'FREQ=DAILY;INTERVAL=2;COUNT=6',
      'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=9',
    ];
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', '/api/v1/bookings', {
          token: people[i % people.length].token,
          body: {
            resourceId: room,
            start: `2026-12-0${2 + (i % 3)}T${10 + (i % 2)}:00`,
            end: `2026-12-0${2 + (i % 3)}T${12 + (i % 2)}:00`,
            recurrence: { rule: rules[i % rules.length] },
          },
        }),
      ),
    );
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    const rows: Array<{ start_ms: number; end_ms: number }> = await t.query(
      'SELECT start_ms, end_ms FROM allocations WHERE resource_id = ? AND active = true ORDER BY start_ms',
      [room],
    );
    for (let i = 1; i < rows.length; i++)
      expect(rows[i].start_ms).toBeGreaterThanOrEqual(rows[i - 1].end_ms);
    const created = responses.filter((r) => r.status === 201);
    const sessions = created.reduce((sum, r) => sum + r.body.occurrences.length, 0);
    expect(rows).toHaveLength(sessions);
  });
});
