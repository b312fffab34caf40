import { UsersService } from '../src/identity/users.service';
import { ReportsService } from '../src/reports/reports.service';
import { startTestApp, TestApp } from './support/test-app';
import { createBooking, createResource, createWorld, World } from './support/world';

/**
 * A session that borrows from two pools (a seminar with projectors and laptops): each pool counts
 * the session among its own, and the kind "equipment" counts it once, by its first pool; the
 * totals count it once, as the room's.
 */
describe('reports: a session that borrows from two pools', () => {
  let t: TestApp;
  let w: World;
  let room: string;
  let projectors: string;
  let laptops: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:11.613+05:00' });
    w = await createWorld(t);
    const token = w.coordinator.token;
    const pool = (name: string) =>
      createResource(t, token, w.centerId, { kind: 'equipment', name, quantity: 5 });
    room = (await createResource(t, token, w.centerId, { kind: 'room', capacity: 20 })).id;
    // Created in both orders of their ids, so "first" is not simply the one created first.
    [projectors, laptops] = [(await pool('Projectors')).id, (await pool('Laptops')).id];
    await createBooking(t, w.trainer.token, {
      resourceId: room,
      start: '2026-12-07T10:00',
      end: '2026-12-07T12:00',
      purpose: 'seminar',
      attendees: 12,
      title: 'Seminar',
      recurrence: { rule: 'FREQ=WEEKLY;COUNT=2' },
      equipment: [
        { resourceId: projectors, quantity: 1 },
        { resourceId: laptops, quantity: 3 },
      ],
    });
    await createBooking(t, w.member.token, {
      resourceId: laptops,
      quantity: 1,
      start: '2026-12-08T14:00',
      end: '2026-12-08T15:00',
      purpose: 'work',
    });
  });

  afterAll(() => t.close());

  const report = async (groupBy: string) => {
    const answer = await t.request(
      'GET',
      `/api/v1/reports/utilization?centerId=${w.centerId}&from=2026-12-01&to=2026-12-31&groupBy=${groupBy}`,
      { token: w.coordinator.token },
    );
    expect(answer.status).toBe(200);
    return answer.body as {
      rows: Array<Record<string, any>>;
      totals: Record<string, any>;
    };
  };

  it('counts the session in each pool, once under equipment, once in the totals', async () => {
    const byResource = await report('resource');
    const row = (id: string) => byResource.rows.find((r) => r.key === id)!;
    expect(row(room)).toMatchObject({ sessions: 2, bookedHours: 4, seminars: 2 });
    expect(row(projectors)).toMatchObject({ sessions: 2, bookedHours: 4 });
    expect(row(laptops)).toMatchObject({ sessions: 3, bookedHours: 13, uniqueUsers: 2 });
    expect(byResource.totals).toMatchObject({ sessions: 3, bookedHours: 4 + 4 + 13 });

    const byKind = await report('kind');
    const kind = (key: string) => byKind.rows.find((r) => r.key === key)!;
    expect(kind('room')).toMatchObject({ sessions: 2, bookedHours: 4 });
    expect(kind('equipment')).toMatchObject({ sessions: 3, bookedHours: 17, uniqueUsers: 2 });
    expect(byKind.totals).toMatchObject({ sessions: 3, uniqueUsers: 2 });
  });

  it('gives the reports page the same figures, its loans read once for all its views', async () => {
    const caller = await t.app.get(UsersService).authenticate(w.coordinator.token);
    const page = await t.app
      .get(ReportsService)
      .utilizationOverview(caller, { centerId: w.centerId, from: '2026-12-01', to: '2026-12-31' });
    for (const [view, groupBy] of [
      ['byResource', 'resource'],
      ['byKind', 'kind'],
      ['byDay', 'day'],
      ['byPurpose', 'purpose'],
    ] as const) {
      const { rows, totals } = await report(groupBy);
      expect({ view, rows: page[view].rows, totals: page[view].totals }).toEqual({
        view,
        rows,
        totals,
      });
    }
    const day = (date: string) => page.byDay.rows.find((r) => r.key === date)!;
    // The seminar's room and both pools on its days; the laptop on its own the next day.
    expect(day('2026-12-07')).toMatchObject({ sessions: 1, bookedHours: 2 + 2 + 6 });
    expect(day('2026-12-08')).toMatchObject({ sessions: 1, bookedHours: 1, uniqueUsers: 1 });
  });
});
