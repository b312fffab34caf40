import { NotificationJob } from '../src/notifications/notification.job';
import {
  actorOf,
  Caller,
  expectOneRowPerRoute,
  FreshSlots,
  MatrixRow,
  mismatchesOf,
  othersBooking as othersBookingOn,
  PerCaller,
} from './support/access-matrix';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createUser, createWorld, World } from './support/world';

/**
 * Every route of the API, called by each kind of caller, with the status each must get. A route
 * without a row fails the test, so a new route cannot ship without deciding who may call it
 * (the engine, shared with the pages' matrix: test/support/access-matrix.ts).
 *
 * "here" is the center the target belongs to; "other" is a coordinator of a different center.
 * Targets (bookings, closures, users…) are made fresh for every call, so a call that succeeds
 * (a cancellation, a deletion) does not change what the next caller meets.
 */
type Statuses = PerCaller<number>;

interface Call {
  path: string;
  body?: unknown;
}

type Row = MatrixRow<Call, number>;

// What each caller must get, in the order of CALLERS.
const ANYONE_SIGNED_IN: Statuses = [401, 200, 200, 200, 200, 200];
const STAFF_OF_HERE: Statuses = [401, 403, 403, 200, 403, 200];
const OWNER_OR_STAFF_OF_HERE: Statuses = [401, 404, 404, 200, 404, 200];

describe('who may call what: every route × every kind of caller', () => {
  let t: TestApp;
  let world: World;
  let deskId: string;
  let roomId: string;
  let hereMemberId: string;
  let organizationId: string;
  let alwaysOpenCenterId: string;
  let seq = 0;
  /** Fresh one-hour slots on weekdays, inside opening hours and the booking window. */
  const slots = new FreshSlots();
  const freshSlot = () => slots.nextForApi();

  async function created(method: string, path: string, body: unknown, token: string) {
    const response = await t.request(method, path, { token, body });
    if (response.status !== 201) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** A notification of another member's (their booking's confirmation), delivered. */
  async function othersNotification(): Promise<string> {
    await othersBooking();
    await t.app.get(NotificationJob).deliver();
    const list = await t.request('GET', '/api/v1/notifications?unread=true', {
      token: world.otherMember.token,
    });
    return list.body.items[0].id as string;
  }

  /** Someone else's booking at "here": another member's, made by themselves. */
  const othersBooking = (resourceId = deskId) =>
    othersBookingOn(t, world, slots, resourceId, { title: 'Someone else’s' });

  /** Another member's session at "here" on a desk of its own, starting at 09:00 today. */
  async function othersSessionToday(checkedIn: boolean): Promise<string> {
    const desk = await createResource(t, world.admin.token, world.centerId);
    const body = await created(
      'POST',
      '/api/v1/bookings',
      { resourceId: desk.id, start: '2026-12-01T09:00', end: '2026-12-01T10:00' },
      world.otherMember.token,
    );
    const occurrenceId = body.occurrences[0].id as string;
    if (checkedIn) {
      const response = await t.request('POST', `/api/v1/occurrences/${occurrenceId}/check-in`, {
        token: world.otherMember.token,
      });
      if (response.status !== 200) throw new Error(`check-in: ${JSON.stringify(response.body)}`);
    }
    return occurrenceId;
  }

  async function closure(): Promise<string> {
    const body = await created(
      'POST',
      `/api/v1/centers/${world.centerId}/closures`,
      { from: '2027-03-01', to: '2027-03-01', reason: `Closed ${++seq}` },
      world.admin.token,
    );
    return body.id;
  }

  const here = () => `/api/v1/centers/${world.centerId}`;

  const rows: Row[] = [
    {
      route: 'POST /api/v1/auth/login',
      call: () => ({
        path: '/api/v1/auth/login',
        body: { email: world.trainer.email, password: 'user-password-1' },
      }),
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      // Open to anyone when SELF_SIGNUP allows it (as here); 404 for everyone otherwise.
      route: 'POST /api/v1/auth/signup',
      call: () => ({
        path: '/api/v1/auth/signup',
        body: {
          name: 'Self',
          email: `self-${++seq}@test.example`,
          password: 'self-password',
          centerId: world.centerId,
        },
      }),
      expect: [201, 201, 201, 201, 201, 201],
    },
    {
      route: 'GET /api/v1/health',
      call: () => ({ path: '/api/v1/health' }),
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      route: 'GET /api/v1/users/me',
      call: () => ({ path: '/api/v1/users/me' }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'GET /api/v1/notifications',
      call: () => ({ path: '/api/v1/notifications?unread=true' }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'POST /api/v1/notifications/read-all',
      call: () => ({ path: '/api/v1/notifications/read-all' }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      // Another member's notification: nobody else may read it, not even an admin.
      route: 'POST /api/v1/notifications/:notificationId/read',
      call: async () => ({ path: `/api/v1/notifications/${await othersNotification()}/read` }),
      expect: [401, 404, 404, 404, 404, 404],
    },
    {
      route: 'GET /api/v1/users/me/notification-settings',
      call: () => ({ path: '/api/v1/users/me/notification-settings' }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'PATCH /api/v1/users/me/notification-settings',
      call: () => ({
        path: '/api/v1/users/me/notification-settings',
        body: { reminderMinutes: 30 },
      }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'POST /api/v1/users',
      call: () => ({
        path: '/api/v1/users',
        body: {
          name: 'New member',
          email: `new-${++seq}@test.example`,
          role: 'member',
          centerIds: [world.centerId],
        },
      }),
      expect: [401, 403, 403, 201, 403, 201],
    },
    {
      route: 'GET /api/v1/users',
      call: () => ({ path: '/api/v1/users' }),
      expect: [401, 403, 403, 200, 200, 200],
    },
    {
      route: 'GET /api/v1/users/:userId',
      call: () => ({ path: `/api/v1/users/${hereMemberId}` }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'PATCH /api/v1/users/:userId',
      call: () => ({ path: `/api/v1/users/${hereMemberId}`, body: { locale: 'ru' } }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'GET /api/v1/organizations',
      call: () => ({ path: '/api/v1/organizations' }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'POST /api/v1/organizations',
      call: () => ({ path: '/api/v1/organizations', body: { name: `NGO ${++seq}` } }),
      expect: [401, 403, 403, 201, 201, 201],
    },
    {
      route: 'PATCH /api/v1/organizations/:organizationId',
      call: () => ({
        path: `/api/v1/organizations/${organizationId}`,
        body: { name: `Renamed NGO ${++seq}` },
      }),
      expect: [401, 403, 403, 200, 200, 200],
    },
    {
      route: 'GET /api/v1/audit',
      call: () => ({ path: `/api/v1/audit?centerId=${world.centerId}` }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'GET /api/v1/centers',
      call: () => ({ path: '/api/v1/centers' }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'POST /api/v1/centers',
      call: () => ({
        path: '/api/v1/centers',
        body: { slug: `center-${++seq}`, name: 'New', city: 'Navoi', region: 'Navoi' },
      }),
      expect: [401, 403, 403, 403, 403, 201],
    },
    {
      route: 'GET /api/v1/centers/:centerId',
      call: () => ({ path: here() }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'PATCH /api/v1/centers/:centerId',
      call: () => ({ path: here(), body: { address: `Street ${++seq}` } }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'GET /api/v1/centers/:centerId/availability',
      call: () => ({
        path: `${here()}/availability?start=2026-12-02T10:00&end=2026-12-02T11:00`,
      }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'GET /api/v1/centers/:centerId/closures',
      call: () => ({ path: `${here()}/closures` }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'POST /api/v1/centers/:centerId/closures',
      call: () => ({
        path: `${here()}/closures`,
        body: { from: '2027-04-01', to: '2027-04-02', reason: 'Repairs' },
      }),
      expect: [401, 403, 403, 201, 403, 201],
    },
    {
      route: 'DELETE /api/v1/centers/:centerId/closures/:closureId',
      call: async () => ({ path: `${here()}/closures/${await closure()}` }),
      expect: [401, 403, 403, 204, 403, 204],
    },
    {
      route: 'GET /api/v1/centers/:centerId/resources',
      call: () => ({ path: `${here()}/resources` }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'POST /api/v1/centers/:centerId/resources',
      call: () => ({ path: `${here()}/resources`, body: { kind: 'desk', name: 'Desk' } }),
      expect: [401, 403, 403, 201, 403, 201],
    },
    {
      route: 'GET /api/v1/resources/:resourceId',
      call: () => ({ path: `/api/v1/resources/${deskId}` }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'PATCH /api/v1/resources/:resourceId',
      call: () => ({ path: `/api/v1/resources/${deskId}`, body: { name: `Desk ${++seq}` } }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'DELETE /api/v1/resources/:resourceId',
      call: async () => ({
        path: `/api/v1/resources/${(await createResource(t, world.admin.token, world.centerId)).id}`,
      }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'GET /api/v1/resources/:resourceId/schedule',
      call: () => ({
        path: `/api/v1/resources/${deskId}/schedule?from=2026-12-02T00:00&to=2026-12-09T00:00`,
      }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'GET /api/v1/resources/:resourceId/qr',
      call: () => ({ path: `/api/v1/resources/${deskId}/qr` }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'POST /api/v1/resources/:resourceId/qr/rotate',
      call: () => ({ path: `/api/v1/resources/${deskId}/qr/rotate` }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'POST /api/v1/occurrences/:occurrenceId/check-in',
      call: async () => ({
        path: `/api/v1/occurrences/${await othersSessionToday(false)}/check-in`,
      }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'POST /api/v1/occurrences/:occurrenceId/check-out',
      call: async () => ({
        path: `/api/v1/occurrences/${await othersSessionToday(true)}/check-out`,
      }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      // A walk-in on a free desk: anyone signed in may take one.
      route: 'POST /api/v1/check-in/:token',
      call: async () => {
        const desk = await created(
          'POST',
          `/api/v1/centers/${alwaysOpenCenterId}/resources`,
          { kind: 'desk', name: `Walk-in desk ${++seq}` },
          world.admin.token,
        );
        return { path: `/api/v1/check-in/${String(desk.checkInUrl).split('/c/')[1]}` };
      },
      expect: [401, 201, 201, 201, 201, 201],
    },
    {
      route: 'GET /api/v1/centers/:centerId/occupancy',
      call: () => ({ path: `${here()}/occupancy` }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'GET /api/v1/centers/:centerId/timeline',
      call: () => ({ path: `${here()}/timeline?date=2026-12-01` }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'GET /api/v1/reports/utilization',
      call: () => ({
        path: `/api/v1/reports/utilization?centerId=${world.centerId}&from=2026-12-01&to=2026-12-31&groupBy=resource`,
      }),
      expect: STAFF_OF_HERE,
    },
    {
      route: 'GET /api/v1/bookings',
      call: () => ({ path: '/api/v1/bookings' }),
      expect: ANYONE_SIGNED_IN,
    },
    {
      route: 'POST /api/v1/bookings',
      call: () => ({
        path: '/api/v1/bookings',
        body: { resourceId: deskId, ...freshSlot(), title: 'Own' },
      }),
      expect: [401, 201, 201, 201, 201, 201],
    },
    {
      route: 'GET /api/v1/bookings/:bookingId',
      call: async () => ({ path: `/api/v1/bookings/${(await othersBooking()).id}` }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'PATCH /api/v1/bookings/:bookingId',
      call: async () => ({
        path: `/api/v1/bookings/${(await othersBooking()).id}`,
        body: { title: 'Renamed' },
      }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'DELETE /api/v1/bookings/:bookingId',
      call: async () => ({ path: `/api/v1/bookings/${(await othersBooking()).id}` }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'POST /api/v1/bookings/:bookingId/approve',
      call: async () => ({ path: `/api/v1/bookings/${(await othersBooking(roomId)).id}/approve` }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'POST /api/v1/bookings/:bookingId/reject',
      call: async () => ({
        path: `/api/v1/bookings/${(await othersBooking(roomId)).id}/reject`,
        body: { reason: 'The room is being painted' },
      }),
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'PATCH /api/v1/bookings/:bookingId/occurrences/:occurrenceId',
      call: async () => {
        const booking = await othersBooking();
        return {
          path: `/api/v1/bookings/${booking.id}/occurrences/${booking.occurrenceId}`,
          body: freshSlot(),
        };
      },
      expect: OWNER_OR_STAFF_OF_HERE,
    },
    {
      route: 'DELETE /api/v1/bookings/:bookingId/occurrences/:occurrenceId',
      call: async () => {
        const booking = await othersBooking();
        return { path: `/api/v1/bookings/${booking.id}/occurrences/${booking.occurrenceId}` };
      },
      expect: OWNER_OR_STAFF_OF_HERE,
    },
  ];

  beforeAll(async () => {
    // 08:50 on a Tuesday: check-in for the 09:00 sessions is open.
    t = await startTestApp({ now: '2026-12-01T08:50:00+05:00', env: { SELF_SIGNUP: 'true' } });
    world = await createWorld(t);
    const allDay = [{ from: '00:00', to: '24:00' }];
    alwaysOpenCenterId = (
      await created(
        'POST',
        '/api/v1/centers',
        {
          slug: 'always-open',
          name: 'Always open',
          city: 'Kokand',
          region: 'Ferghana',
          openingHours: Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, allDay]),
          ),
        },
        world.admin.token,
      )
    ).id;
    deskId = (await createResource(t, world.admin.token, world.centerId)).id;
    roomId = (
      await createResource(t, world.admin.token, world.centerId, {
        kind: 'room',
        capacity: 10,
        requiresApproval: true,
      })
    ).id;
    hereMemberId = (
      await createUser(t, world.admin.token, 'member', { centerIds: [world.centerId] })
    ).id;
    organizationId = (
      await created('POST', '/api/v1/organizations', { name: 'Matrix NGO' }, world.admin.token)
    ).id;
  });

  afterAll(() => t.close());

  it('has exactly one row for every API route (pages: web-access-matrix.e2e-spec.ts)', () => {
    expectOneRowPerRoute(t.app, rows, (r) => r.path.startsWith('/api/'));
  });

  it('answers every caller of every route with the status of the table', async () => {
    const mismatches = await mismatchesOf(rows, async (row, caller: Caller, { path, body }) => {
      const [method] = row.route.split(' ');
      const token = actorOf(world, caller)?.token;
      const response = await t.request(method, path, { token, body });
      return { got: response.status, detail: JSON.stringify(response.body).slice(0, 160) };
    });
    expect(mismatches).toEqual([]);
  });
});
