import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/**
 * Every date, time and instant a request can carry is bounded to years 2000–2100 at the edge
 * (issue 14, finding 7): year 9999 gave 500 on the timeline, occupancy, the report, its CSV, new
 * closures and their pages, since the day after 9999-12-31 cannot be parsed. Out of range is
 * `400 VALIDATION_FAILED` naming the field, on every route, API and pages alike.
 */
const FAR_YEARS = ['9999', '1900', '0000', '1999', '2101'];
const farDates = FAR_YEARS.map((year) => `${year}-12-31`).concat(['+275760-09-13']);
const farTimes = FAR_YEARS.flatMap((year) => [
  `${year}-12-31T10:00`,
  `${year}-06-01T10:00Z`,
]).concat(['+275760-09-13T00:00Z']);

describe('dates outside 2000–2100', () => {
  let t: TestApp;
  let w: World;
  let resourceId: string;
  let bookingId: string;
  let occurrenceId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    resourceId = (await createResource(t, w.coordinator.token, w.centerId)).id;
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: { resourceId, start: '2026-12-02T10:00', end: '2026-12-02T11:00' },
    });
    expect(booked.status).toBe(201);
    bookingId = booked.body.id;
    occurrenceId = booked.body.occurrences[0].id;
  });

  afterAll(() => t.close());

  async function expectRefused(
    method: string,
    path: string,
    fields: string[],
    body?: unknown,
    token = w.coordinator.token,
  ): Promise<void> {
    const response = await t.request(method, path, { token, body });
    const what = `${method} ${path} ${JSON.stringify(body ?? '')}`;
    expect({ what, status: response.status, code: response.body.code }).toEqual({
      what,
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const named = (response.body.details as Array<{ field: string }>).map((d) => d.field);
    expect({ what, named: fields.some((f) => named.includes(f)) }).toEqual({ what, named: true });
  }

  const q = encodeURIComponent;

  it.each(farTimes)(
    'refuses the instant %j in every API query and body that takes one',
    async (time) => {
      const fine = '2026-12-02T10:00';
      const center = `/api/v1/centers/${w.centerId}`;
      await expectRefused('POST', '/api/v1/bookings', ['start'], {
        resourceId,
        start: time,
        end: fine,
      });
      await expectRefused('POST', '/api/v1/bookings', ['end'], {
        resourceId,
        start: fine,
        end: time,
      });
      await expectRefused('PATCH', `/api/v1/bookings/${bookingId}`, ['start'], { start: time });
      await expectRefused('PATCH', `/api/v1/bookings/${bookingId}`, ['end'], { end: time });
      await expectRefused(
        'PATCH',
        `/api/v1/bookings/${bookingId}/occurrences/${occurrenceId}`,
        ['start', 'end'],
        { start: time, end: time },
      );
      await expectRefused('GET', `/api/v1/bookings?centerId=${w.centerId}&from=${q(time)}`, [
        'from',
      ]);
      await expectRefused('GET', `/api/v1/bookings?centerId=${w.centerId}&to=${q(time)}`, ['to']);
      await expectRefused('GET', `/api/v1/resources/${resourceId}/schedule?from=${q(time)}`, [
        'from',
      ]);
      await expectRefused('GET', `/api/v1/resources/${resourceId}/schedule?to=${q(time)}`, ['to']);
      await expectRefused('GET', `${center}/availability?start=${q(time)}&end=${q(fine)}`, [
        'start',
      ]);
      await expectRefused('GET', `${center}/availability?start=${q(fine)}&end=${q(time)}`, ['end']);
      await expectRefused('GET', `${center}/occupancy?at=${q(time)}`, ['at']);
      await expectRefused(
        'GET',
        `/api/v1/audit?from=${q(time)}`,
        ['from'],
        undefined,
        w.admin.token,
      );
      await expectRefused('GET', `/api/v1/audit?to=${q(time)}`, ['to'], undefined, w.admin.token);
    },
  );

  it.each(farDates)(
    'refuses the local date %j in every API query and body that takes one',
    async (date) => {
      const center = `/api/v1/centers/${w.centerId}`;
      const report = `/api/v1/reports/utilization?centerId=${w.centerId}`;
      await expectRefused('GET', `${center}/timeline?date=${q(date)}`, ['date']);
      for (const format of ['json', 'csv']) {
        await expectRefused('GET', `${report}&from=${q(date)}&to=2026-12-31&format=${format}`, [
          'from',
        ]);
        await expectRefused('GET', `${report}&from=2026-12-01&to=${q(date)}&format=${format}`, [
          'to',
        ]);
      }
      await expectRefused('POST', `${center}/closures`, ['from'], {
        from: date,
        to: '2026-12-31',
        reason: 'Far',
      });
      await expectRefused('POST', `${center}/closures`, ['to'], {
        from: '2026-12-31',
        to: date,
        reason: 'Far',
      });
      await expectRefused('POST', '/api/v1/bookings', ['recurrence.exceptions'], {
        resourceId,
        start: '2026-12-03T10:00',
        end: '2026-12-03T11:00',
        recurrence: { rule: 'FREQ=DAILY;COUNT=2', exceptions: [date] },
      });
    },
  );

  it('accepts the edges of the range', async () => {
    const center = `/api/v1/centers/${w.centerId}`;
    for (const path of [
      `${center}/timeline?date=2000-01-01`,
      `${center}/timeline?date=2100-12-31`,
      `${center}/occupancy?at=2100-12-31T23:59`,
      `${center}/occupancy?at=2000-01-01T00:00`,
      `/api/v1/reports/utilization?centerId=${w.centerId}&from=2100-12-01&to=2100-12-31&format=csv`,
      `/api/v1/bookings?centerId=${w.centerId}&from=2100-12-31T00:00&to=2101-01-01T00:00`,
      `/api/v1/resources/${resourceId}/schedule?from=2100-12-25T00:00&to=2100-12-31T24:00`,
    ]) {
      expect({
        path,
        status: (await t.request('GET', path, { token: w.coordinator.token })).status,
      }).toEqual({ path, status: 200 });
    }
    const closure = await t.request('POST', `${center}/closures`, {
      token: w.coordinator.token,
      body: { from: '2100-12-30', to: '2100-12-31', reason: 'Last days' },
    });
    expect(closure.status).toBe(201);
  });

  describe('on the pages', () => {
    let coordinator: WebClient;
    let member: WebClient;

    beforeAll(() => {
      coordinator = WebClient.withToken(t.baseUrl, w.coordinator.token);
      member = WebClient.withToken(t.baseUrl, w.member.token);
    });

    it.each(farDates)('refuses %j as a date on every page that takes one', async (date) => {
      const center = w.centerId;
      const pages: Array<[WebClient, string]> = [
        [coordinator, `/admin?center=${center}&date=${q(date)}`],
        [coordinator, `/admin/reports?center=${center}&from=${q(date)}&to=2026-12-31`],
        [coordinator, `/admin/reports?center=${center}&from=2026-12-01&to=${q(date)}`],
        [coordinator, `/admin/reports.csv?center=${center}&from=2026-12-01&to=${q(date)}`],
        [coordinator, `/admin/bookings?center=${center}&from=${q(date)}`],
        [coordinator, `/admin/bookings?center=${center}&to=${q(date)}`],
      ];
      for (const [client, path] of pages) {
        const response = await client.get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
      }
      const forms: Array<[WebClient, string, Record<string, string>]> = [
        [coordinator, '/admin/center/closures', { center, from: date, to: date, reason: 'Far' }],
        [
          member,
          '/book',
          { center, resourceId, date, startTime: '10:00', endTime: '11:00', repeat: 'none' },
        ],
        [
          member,
          '/book/preview',
          { center, resourceId, date, startTime: '10:00', endTime: '11:00', repeat: 'none' },
        ],
      ];
      for (const [client, path, form] of forms) {
        const response = await client.post(path, form);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
      }
      const find = await member.get(`/find?center=${center}&when=later&date=${q(date)}`);
      // The search page shows a refused search on itself, with the refusal's status.
      expect(find.status).toBe(400);
      expect(find.text).toContain('class="error" role="alert"');
    });
  });
});
