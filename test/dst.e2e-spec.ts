import { startTestApp, TestApp } from './support/test-app';
import { createCenter, createResource, createWorld, World } from './support/world';

const ALL_DAY = { from: '00:00', to: '24:00' };
const ROUND_THE_CLOCK = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [ALL_DAY]]),
);

/** A center in a zone with daylight saving time: sessions keep their local wall-clock time. */
describe('daylight saving time through the API (Europe/Berlin)', () => {
  let t: TestApp;
  let w: World;
  let room: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T08:00:00+01:00' });
    w = await createWorld(t);
    const center = await createCenter(t, w.admin.token, {
      timezone: 'Europe/Berlin',
      openingHours: ROUND_THE_CLOCK,
      policy: { maxAdvanceDays: 365 },
    });
    room = (await createResource(t, w.admin.token, center.id, { kind: 'room', capacity: 10 })).id;
  });

  afterAll(() => t.close());

  const startsOf = (response: { body: { occurrences: Array<{ start: string; end: string }> } }) =>
    response.body.occurrences.map((o) => `${o.start} ${o.end}`);

  it('keeps a weekly 10:00 session at 10:00 across the March change', async () => {
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: {
        resourceId: room,
        start: '2027-03-22T10:00',
        end: '2027-03-22T11:00',
        recurrence: { rule: 'FREQ=WEEKLY;COUNT=3' },
      },
    });
    expect(response.status).toBe(201);
    expect(startsOf(response)).toEqual([
      '2027-03-22T10:00:00+01:00 2027-03-22T11:00:00+01:00',
      '2027-03-29T10:00:00+02:00 2027-03-29T11:00:00+02:00',
      '2027-04-05T10:00:00+02:00 2027-04-05T11:00:00+02:00',
    ]);
  });

  it('moves a session in the spring gap forward by the gap, and keeps the others at 02:30', async () => {
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: {
        resourceId: room,
        start: '2027-03-21T02:30',
        end: '2027-03-21T03:00',
        recurrence: { rule: 'FREQ=WEEKLY;COUNT=3' },
      },
    });
    expect(response.status).toBe(201);
    expect(startsOf(response)).toEqual([
      '2027-03-21T02:30:00+01:00 2027-03-21T03:00:00+01:00',
      '2027-03-28T03:30:00+02:00 2027-03-28T04:00:00+02:00',
      '2027-04-04T02:30:00+02:00 2027-04-04T03:00:00+02:00',
    ]);
  });

  it('takes the earlier instant of an ambiguous autumn time, unless an offset says otherwise', async () => {
    const wall = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: { resourceId: room, start: '2027-10-31T02:00', end: '2027-10-31T02:30' },
    });
    expect(wall.status).toBe(201);
    expect(startsOf(wall)).toEqual(['2027-10-31T02:00:00+02:00 2027-10-31T02:30:00+02:00']);
    const later = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: {
        resourceId: room,
        start: '2027-10-31T02:00:00+01:00',
        end: '2027-10-31T02:30:00+01:00',
      },
    });
    expect(later.status).toBe(201);
    expect(startsOf(later)).toEqual(['2027-10-31T02:00:00+01:00 2027-10-31T02:30:00+01:00']);
  });

  it('converts a UTC UNTIL to the center’s wall clock itself', async () => {
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: {
        resourceId: room,
        start: '2027-05-03T00:30',
        end: '2027-05-03T01:00',
        recurrence: { rule: 'FREQ=DAILY;UNTIL=20270504T223000Z' },
      },
    });
    expect(response.status).toBe(201);
    // 22:30Z on 4 May is 00:30 on 5 May in Berlin (+02:00): UNTIL is inclusive, so 3 sessions.
    expect(response.body.occurrences).toHaveLength(3);
  });
});
