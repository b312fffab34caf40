import { DateTime } from 'luxon';
import { CentersService } from '../src/centers/centers.service';
import { Principal } from '../src/access';
import { SessionRecords } from '../src/bookings/session-records';
import { UsersService } from '../src/identity/users.service';
import {
  HEAT_MAX_DAYS,
  ReportsService,
  UtilizationOverview,
  UtilizationReport,
} from '../src/reports/reports.service';
import { GroupBy } from '../src/reports/utilization';
import { centersRunBy } from '../src/web/shared/page-input';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createBooking, createCenter, createResource, createUser, Json } from './support/world';

/**
 * The reports page asks the reports service once (`utilizationOverview`), which reads one
 * aggregate per view: the weekday × hour chart from the hours of every day at once, a long period's
 * weeks from the days. Its figures must be those of the way the page computed them before, one
 * report per day and one per week: the oracle below is that code, on the API's own reports.
 *
 * The data: the demo's network (eight weeks of history in five centers: pools, no-shows,
 * check-ins, seminars) and a center in Berlin, open day and night, whose sessions cross the
 * change from summer time on 25 October 2026 (a night with 25 hours).
 */
describe('the reports page’s figures: one aggregate per view, as one report per day and week', () => {
  let t: TestApp;
  let reports: ReportsService;
  let admin: Principal;
  let berlinId: string;
  let tashkentId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-10-19T10:17:23.456+05:00', env: { SEED: 'demo' } });
    reports = t.app.get(ReportsService);
    const token = await t.login(ADMIN.email, ADMIN.password);
    admin = await t.app.get(UsersService).authenticate(token);
    const allDay = [{ from: '00:00', to: '24:00' }];
    berlinId = (
      await createCenter(t, token, {
        timezone: 'Europe/Berlin',
        openingHours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, allDay]),
        ),
      })
    ).id;
    const centers = await t.request('GET', '/api/v1/centers?limit=100', { token });
    tashkentId = (centers.body.items as Array<{ id: string; timezone: string }>).find(
      (c) => c.timezone === 'Asia/Tashkent',
    )!.id;
    const watched = await createResource(t, token, berlinId, { checkInRequired: true });
    const desk = await createResource(t, token, berlinId);
    const room = await createResource(t, token, berlinId, { kind: 'room', capacity: 10 });
    const pool = await createResource(t, token, berlinId, { kind: 'equipment', quantity: 3 });
    const member = await createUser(t, token, 'member');
    const trainer = await createUser(t, token, 'trainer');
    const book = async (who: string, body: Json) => (await createBooking(t, who, body)).occurrences;
    // Every day 09:00–17:00 on a desk that needs a check-in: no-shows once the grace has passed.
    await book(member.token, {
      resourceId: watched.id,
      start: '2026-10-20T09:00',
      end: '2026-10-20T17:00',
      recurrence: { rule: 'FREQ=DAILY;COUNT=14' },
    });
    // 01:00–04:00 on the night the clocks go back: four hours, two of them at 02:00–03:00.
    await book(member.token, {
      resourceId: desk.id,
      start: '2026-10-25T01:00',
      end: '2026-10-25T04:00',
      equipment: [{ resourceId: pool.id, quantity: 2 }],
    });
    await book(trainer.token, {
      resourceId: room.id,
      start: '2026-10-21T22:30',
      end: '2026-10-21T23:45',
      title: 'Evening seminar',
      purpose: 'seminar',
      attendees: 7,
      recurrence: { rule: 'FREQ=DAILY;COUNT=9' },
      equipment: [{ resourceId: pool.id, quantity: 1 }],
    });
    await book(member.token, {
      resourceId: pool.id,
      quantity: 2,
      start: '2026-10-24T20:00',
      end: '2026-10-24T23:00',
      purpose: 'meeting',
    });
    const [session] = await book(member.token, {
      resourceId: desk.id,
      start: '2026-10-26T10:00',
      end: '2026-10-26T12:30',
    });
    t.clock.set('2026-10-26T10:07:00+01:00');
    const checkIn = await t.request('POST', `/api/v1/occurrences/${session.id}/check-in`, {
      token: member.token,
    });
    expect(checkIn.status).toBe(200);
    t.clock.set('2026-10-26T11:21:00+01:00');
    const checkOut = await t.request('POST', `/api/v1/occurrences/${session.id}/check-out`, {
      token: member.token,
    });
    expect(checkOut.status).toBe(200);
    t.clock.set('2026-11-20T12:00:00+05:00');
  });

  afterAll(() => t.close());

  /** The page's figures as its controller computed them before: one report per day and week. */
  async function oracle(centerId: string | undefined, from: string, to: string) {
    const run = (groupBy: GroupBy, first = from, last = to) =>
      reports.utilization(admin, { centerId, from: first, to: last, groupBy });
    const [byResource, byDay, byKind, byPurpose] = [
      await run('resource'),
      await run('day'),
      await run('kind'),
      await run('purpose'),
    ];
    const days = byDay.rows.map((row) => row.key);
    const weekly = days.length > HEAT_MAX_DAYS;
    let heat: number[][] | null = null;
    if (!weekly) {
      heat = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
      for (const day of days) {
        const dayRow = byDay.rows.find((row) => row.key === day);
        if (!dayRow || dayRow.sessions === 0) continue;
        const hours = await run('hour', day, day);
        const weekday = DateTime.fromISO(day).weekday - 1;
        for (const row of hours.rows) {
          const hour = Number(row.key);
          heat[weekday][hour] = Math.round((heat[weekday][hour] + row.bookedHours) * 100) / 100;
        }
      }
    }
    const weeks: UtilizationReport['rows'] = [];
    for (let i = 0; weekly && i < days.length; i += 7) {
      const first = days[i];
      const last = days[Math.min(i + 6, days.length - 1)];
      weeks.push({ key: first, label: last, ...(await run('kind', first, last)).totals });
    }
    let comparison: UtilizationReport[] | undefined;
    if (centerId === undefined) {
      comparison = [];
      for (const center of await centersRunBy(t.app.get(CentersService), admin)) {
        comparison.push(
          await reports.utilization(admin, { centerId: center.id, from, to, groupBy: 'kind' }),
        );
      }
    }
    const overview: UtilizationOverview = {
      byResource,
      byDay: weekly ? { ...byDay, rows: weeks } : byDay,
      weekly,
      byKind,
      byPurpose,
      heat,
      comparison,
    };
    return overview;
  }

  const periods: Array<[string, string, string]> = [
    ['51 days: by day, with the chart', '2026-10-01', '2026-11-20'],
    ['62 days: the longest by day', '2026-09-20', '2026-11-20'],
    ['93 days: by week, the last one of two days', '2026-08-20', '2026-11-20'],
    ['the day the clocks go back', '2026-10-25', '2026-10-25'],
  ];
  for (const [name, from, to] of periods) {
    it(`gives the figures of one report per day and week: ${name}`, async () => {
      for (const centerId of [berlinId, tashkentId, undefined]) {
        const expected = await oracle(centerId, from, to);
        const overview = await reports.utilizationOverview(admin, { centerId, from, to });
        expect(overview).toEqual(expected);
        expect(overview.weekly).toBe(name.includes('by week'));
        // Not a comparison of two empty reports (the demo's centers are closed on Sundays).
        if (centerId !== tashkentId || from !== to) {
          expect(overview.byResource.totals.sessions).toBeGreaterThan(0);
          if (overview.heat) expect(Math.max(...overview.heat.flat())).toBeGreaterThan(0);
        }
      }
    });
  }

  it('reads one aggregate per view on the page (one more per center for the network)', async () => {
    const web = await WebClient.signedIn(t.baseUrl, ADMIN.email, ADMIN.password);
    const records = t.app.get(SessionRecords);
    const aggregate = jest.spyOn(records, 'aggregate');
    const both = jest.spyOn(records, 'aggregateHoldingsAndDays');
    const keys = async (query: string) => {
      aggregate.mockClear();
      both.mockClear();
      expect((await web.get(`/admin/reports?${query}`)).status).toBe(200);
      return [
        ...both.mock.invocationCallOrder.map((order) => [order, 'holding+dayPurpose'] as const),
        ...aggregate.mock.calls.map(
          ([spec], i) => [aggregate.mock.invocationCallOrder[i], spec.key] as const,
        ),
      ]
        .sort(([a], [b]) => a - b)
        .map(([, key]) => key);
    };
    try {
      const center = `center=${berlinId}`;
      // Resources, kinds, days and purposes (the loans read once for them), each day's hours.
      expect(await keys(`${center}&from=2026-10-01&to=2026-11-20`)).toEqual([
        'holding+dayPurpose',
        'dayHour',
      ]);
      // By week: no chart, the weeks from the days.
      expect(await keys(`${center}&from=2026-08-20&to=2026-11-20`)).toEqual(['holding+dayPurpose']);
      const centers = (await centersRunBy(t.app.get(CentersService), admin)).length;
      expect(await keys('center=all&from=2026-10-01&to=2026-11-20')).toEqual([
        'holding+dayPurpose',
        'dayHour',
        ...new Array<string>(centers).fill('holding'),
      ]);
    } finally {
      aggregate.mockRestore();
      both.mockRestore();
    }
  });
});
