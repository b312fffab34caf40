import { NotificationJob } from '../src/notifications/notification.job';
import { webAssets } from '../src/web/shared/assets';
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
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/**
 * The pages' counterpart of access-matrix.e2e-spec.ts: every page route, called by each kind of
 * caller with the session cookie, and what each must get. `LOGIN` is a 303 to the sign-in form
 * (a page's "401"); a page route without a row fails the test. The engine is the API matrix's
 * (test/support/access-matrix.ts).
 */
const LOGIN = 'login';
/** A 303 back to the page with `done=…` (the action happened). */
const DONE = 'done';
/** A 303 back to the page with `error=NOT_FOUND` (the service refused; nothing changed). */
const NOT_FOUND = 'NOT_FOUND';
type Outcome = number | string;
type Outcomes = PerCaller<Outcome>;

interface PageCall {
  path: string;
  form?: Record<string, string | string[]>;
}

interface PageRow extends MatrixRow<PageCall, Outcome> {
  /** A session of its own for the call (signing out ends the session it is made with). */
  freshSession?: true;
}

const PUBLIC: Outcomes = [200, 200, 200, 200, 200, 200];
const SIGNED_IN: Outcomes = [LOGIN, 200, 200, 200, 200, 200];
/** An action on another member's booking at "here": its owner's and this center's staff's. */
const STAFF_OF_HERE_ACTS: Outcomes = [LOGIN, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, DONE];

describe('who may open which page: every page route × every kind of caller', () => {
  let t: TestApp;
  let world: World;
  let deskId: string;
  let roomId: string;
  /** Fresh one-hour slots on weekdays (Monday to Saturday, 09:00–17:00), so bookings never meet. */
  const slots = new FreshSlots();
  const freshSlot = () => slots.next();

  beforeAll(async () => {
    // 10:00 on a Tuesday: the center is open, so a QR scan can take a desk.
    t = await startTestApp({ now: '2026-12-01T10:00:00+05:00', env: { SELF_SIGNUP: 'true' } });
    world = await createWorld(t);
    deskId = (await createResource(t, world.admin.token, world.centerId)).id;
    roomId = (
      await createResource(t, world.admin.token, world.centerId, {
        kind: 'room',
        capacity: 10,
        requiresApproval: true,
      })
    ).id;
  });

  /** Another member's booking at "here", one hour on a fresh slot. */
  const othersBooking = (resourceId = deskId) => othersBookingOn(t, world, slots, resourceId);

  /** Another member's session on a desk of its own, from now, maybe checked in. */
  async function othersSessionNow(checkedIn: boolean): Promise<string> {
    const desk = await createResource(t, world.admin.token, world.centerId);
    const response = await t.request('POST', '/api/v1/bookings', {
      token: world.otherMember.token,
      body: { resourceId: desk.id, start: '2026-12-01T10:05', end: '2026-12-01T11:00' },
    });
    const occurrenceId = response.body.occurrences[0].id as string;
    if (checkedIn) {
      await t.request('POST', `/api/v1/occurrences/${occurrenceId}/check-in`, {
        token: world.otherMember.token,
      });
    }
    return occurrenceId;
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

  afterAll(() => t.close());

  const centerResources = new Map<string, Promise<string>>();
  /** A desk of the first center, made once per name (for the center setup rows). */
  function centerResource(name: string): Promise<string> {
    if (!centerResources.has(name)) {
      centerResources.set(
        name,
        t
          .request('POST', `/api/v1/centers/${world.centerId}/resources`, {
            token: world.admin.token,
            body: { kind: 'desk', name },
          })
          .then((response) => response.body.id as string),
      );
    }
    return centerResources.get(name)!;
  }

  const rows: PageRow[] = [
    // The stylesheet under its hashed name (test/web-assets.e2e-spec.ts: the script, other names).
    {
      route: 'GET /assets/:file',
      call: () => ({ path: webAssets().stylesheet.url }),
      expect: PUBLIC,
    },
    {
      route: 'GET /login',
      call: () => ({ path: '/login' }),
      // Someone signed in is sent on to their start page.
      expect: [200, 303, 303, 303, 303, 303],
    },
    {
      route: 'POST /login',
      call: () => ({
        path: '/login',
        form: { email: world.trainer.email, password: 'user-password-1' },
      }),
      expect: [303, 303, 303, 303, 303, 303],
    },
    {
      route: 'POST /logout',
      call: () => ({ path: '/logout', form: {} }),
      expect: [303, 303, 303, 303, 303, 303],
      freshSession: true,
    },
    {
      route: 'POST /lang',
      call: () => ({ path: '/lang', form: { locale: 'en', next: '/login' } }),
      expect: [303, 303, 303, 303, 303, 303],
    },
    { route: 'GET /', call: () => ({ path: '/' }), expect: [LOGIN, 303, 303, 303, 303, 303] },
    {
      route: 'GET /book',
      call: () => ({ path: `/book?center=${world.centerId}` }),
      // A coordinator books in the centers they run; another center's form is not theirs.
      expect: [LOGIN, 200, 200, 200, 404, 200],
    },
    {
      route: 'POST /book/preview',
      // A one-off desk is booked in one step (a room or a series would be previewed: 200).
      call: () => ({
        path: '/book/preview',
        form: { center: world.centerId, resourceId: deskId, ...freshSlot() },
      }),
      expect: [LOGIN, DONE, DONE, DONE, 404, DONE],
    },
    {
      route: 'POST /book',
      call: () => ({
        path: '/book',
        form: { center: world.centerId, resourceId: deskId, ...freshSlot() },
      }),
      expect: [LOGIN, DONE, DONE, DONE, 404, DONE],
    },
    { route: 'GET /me', call: () => ({ path: '/me' }), expect: SIGNED_IN },
    {
      route: 'GET /me/notifications',
      call: () => ({ path: '/me/notifications' }),
      expect: SIGNED_IN,
    },
    {
      route: 'GET /me/notification-settings',
      call: () => ({ path: '/me/notification-settings' }),
      expect: SIGNED_IN,
    },
    {
      route: 'POST /me/notifications/read-all',
      call: () => ({ path: '/me/notifications/read-all', form: {} }),
      expect: [LOGIN, DONE, DONE, DONE, DONE, DONE],
    },
    {
      // Another member's notification: nobody else may mark it read.
      route: 'POST /me/notifications/:notificationId/read',
      call: async () => ({
        path: `/me/notifications/${await othersNotification()}/read`,
        form: {},
      }),
      expect: [LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    },
    {
      route: 'POST /me/notification-settings',
      call: () => ({
        path: '/me/notification-settings',
        form: { reminderMinutes: '60', email: 'on' },
      }),
      expect: [LOGIN, DONE, DONE, DONE, DONE, DONE],
    },
    {
      route: 'GET /find',
      call: () => ({ path: `/find?center=${world.centerId}&when=now&hours=1` }),
      expect: [LOGIN, 200, 200, 200, 404, 200],
    },
    {
      route: 'GET /c/:token',
      call: async () => {
        const desk = await createResource(t, world.admin.token, world.centerId);
        return { path: new URL(desk.checkInUrl).pathname };
      },
      // Anyone may open a desk's code (it is printed on the desk): signed out, it asks to sign
      // in; signed in, at any center, it says what one can do there.
      expect: PUBLIC,
    },
    {
      route: 'POST /c/:token',
      call: async () => {
        const desk = await createResource(t, world.admin.token, world.centerId);
        return { path: new URL(desk.checkInUrl).pathname, form: {} };
      },
      expect: SIGNED_IN,
    },
    {
      route: 'POST /bookings/:bookingId/cancel',
      call: async () => ({
        path: `/bookings/${(await othersBooking()).id}/cancel`,
        form: { next: '/me' },
      }),
      expect: STAFF_OF_HERE_ACTS,
    },
    {
      route: 'POST /bookings/:bookingId/sessions/:occurrenceId/cancel',
      call: async () => {
        const booking = await othersBooking();
        return {
          path: `/bookings/${booking.id}/sessions/${booking.occurrenceId}/cancel`,
          form: { next: '/me' },
        };
      },
      expect: STAFF_OF_HERE_ACTS,
    },
    {
      route: 'POST /sessions/:occurrenceId/check-in',
      call: async () => ({
        path: `/sessions/${await othersSessionNow(false)}/check-in`,
        form: { next: '/me' },
      }),
      expect: STAFF_OF_HERE_ACTS,
    },
    {
      route: 'POST /sessions/:occurrenceId/check-out',
      call: async () => ({
        path: `/sessions/${await othersSessionNow(true)}/check-out`,
        form: { next: '/me' },
      }),
      expect: STAFF_OF_HERE_ACTS,
    },
    // Today and the bookings (helper A): staff of the center only. A booking or session in the
    // path is the member's own (403: not a staff page) and nobody else's to see (404 first).
    {
      route: 'GET /admin',
      call: () => ({ path: `/admin?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'POST /admin/occurrences/:occurrenceId/check-in',
      call: async () => ({
        path: `/admin/occurrences/${(await todaysDeskSession()).occurrenceId}/check-in`,
        form: { center: world.centerId, date: '2026-12-01' },
      }),
      // A fresh session at 11:00 each time; at 10:00 check-in is not open yet, which the center's
      // staff are told on the page (409); others may not see the session.
      expect: [LOGIN, 403, 404, 409, 404, 409],
    },
    {
      route: 'POST /admin/occurrences/:occurrenceId/check-out',
      call: async () => ({
        path: `/admin/occurrences/${(await todaysDeskSession()).occurrenceId}/check-out`,
        form: { center: world.centerId, date: '2026-12-01' },
      }),
      // Not checked in yet: the center's staff are told so on the page (409).
      expect: [LOGIN, 403, 404, 409, 404, 409],
    },
    {
      route: 'GET /admin/bookings',
      call: () => ({ path: `/admin/bookings?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /admin/bookings/:bookingId',
      call: async () => ({ path: `/admin/bookings/${(await roomRequest()).id}` }),
      expect: [LOGIN, 403, 404, 200, 404, 200],
    },
    {
      route: 'POST /admin/bookings/:bookingId/approve',
      call: async () => ({ path: `/admin/bookings/${(await roomRequest()).id}/approve`, form: {} }),
      expect: [LOGIN, 403, 404, DONE, 404, DONE],
    },
    {
      route: 'POST /admin/bookings/:bookingId/reject',
      call: async () => ({
        path: `/admin/bookings/${(await roomRequest()).id}/reject`,
        form: { reason: 'The hall is closed' },
      }),
      expect: [LOGIN, 403, 404, DONE, 404, DONE],
    },
    {
      route: 'POST /admin/bookings/:bookingId/cancel',
      call: async () => ({ path: `/admin/bookings/${(await roomRequest()).id}/cancel`, form: {} }),
      expect: [LOGIN, 403, 404, DONE, 404, DONE],
    },
    {
      route: 'POST /admin/bookings/:bookingId/occurrences/:occurrenceId/cancel',
      call: async () => {
        const booking = await roomRequest();
        return {
          path: `/admin/bookings/${booking.id}/occurrences/${booking.occurrences[0].id}/cancel`,
          form: {},
        };
      },
      expect: [LOGIN, 403, 404, DONE, 404, DONE],
    },
    // Center setup and reports (staff of the center; admins everywhere).
    {
      route: 'GET /admin/center',
      call: () => ({ path: `/admin/center?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'POST /admin/center/resources',
      call: () => ({
        path: '/admin/center/resources',
        form: { center: world.centerId, kind: 'desk', name: 'Matrix desk' },
      }),
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'GET /admin/center/resources/:resourceId',
      call: async () => ({
        path: `/admin/center/resources/${await centerResource('Matrix edit')}`,
      }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'POST /admin/center/resources/:resourceId',
      call: async () => ({
        path: `/admin/center/resources/${await centerResource('Matrix edit')}`,
        form: { center: world.centerId, name: 'Matrix edited', checkInRequired: 'yes' },
      }),
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'POST /admin/center/resources/:resourceId/deactivate',
      call: async () => ({
        path: `/admin/center/resources/${await centerResource('Matrix deactivate')}/deactivate`,
        form: { center: world.centerId },
      }),
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'POST /admin/center/hours',
      call: () => ({
        path: '/admin/center/hours',
        form: { center: world.centerId, mon_from1: '09:00', mon_to1: '18:00' },
      }),
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'POST /admin/center/closures',
      call: () => ({
        path: '/admin/center/closures',
        form: { center: world.centerId, from: '2027-03-08', to: '2027-03-08', reason: 'Matrix' },
      }),
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'POST /admin/center/closures/sessions',
      call: () => ({
        path: '/admin/center/closures/sessions',
        form: { center: world.centerId, decision: 'keep' },
      }),
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'POST /admin/center/closures/:closureId/delete',
      call: async () => {
        const closure = await t.request('POST', `/api/v1/centers/${world.centerId}/closures`, {
          token: world.admin.token,
          body: { from: '2027-05-09', to: '2027-05-09', reason: 'Matrix delete' },
        });
        return {
          path: `/admin/center/closures/${closure.body.id}/delete`,
          form: { center: world.centerId },
        };
      },
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'POST /admin/center/policy',
      call: () => ({
        path: '/admin/center/policy',
        form: {
          center: world.centerId,
          maxAdvanceDays: '90',
          maxOccurrences: '366',
          checkInOpensMinutes: '15',
          checkInGraceMinutes: '15',
          walkInMaxMinutes: '240',
        },
      }),
      expect: [LOGIN, 403, 403, DONE, 403, DONE],
    },
    {
      route: 'GET /admin/center/qr-sheet',
      call: () => ({ path: `/admin/center/qr-sheet?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /admin/reports',
      call: () => ({ path: `/admin/reports?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /admin/reports.csv',
      call: () => ({ path: `/admin/reports.csv?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /admin/reports/summary',
      call: () => ({ path: `/admin/reports/summary?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /admin/reports/export.csv',
      call: () => ({ path: `/admin/reports/export.csv?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    // People and organizations (staff; a person of "here" is another center's coordinator's 404).
    {
      route: 'GET /admin/people',
      call: () => ({ path: '/admin/people' }),
      expect: [LOGIN, 403, 403, 200, 200, 200],
    },
    {
      route: 'GET /admin/people/new',
      call: () => ({ path: '/admin/people/new' }),
      expect: [LOGIN, 403, 403, 200, 200, 200],
    },
    {
      route: 'POST /admin/people',
      call: () => ({
        path: '/admin/people',
        form: { name: `Matrix person ${++seq}`, phone: '+998 90 000 00 00', role: 'member' },
      }),
      expect: [LOGIN, 403, 403, DONE, DONE, DONE],
    },
    {
      route: 'GET /admin/people/:userId',
      call: async () => ({ path: `/admin/people/${await hereMember()}` }),
      expect: [LOGIN, 403, 403, 200, 404, 200],
    },
    {
      route: 'POST /admin/people/:userId',
      call: async () => ({
        path: `/admin/people/${await hereMember()}`,
        form: { name: `Matrix renamed ${++seq}`, phone: '+998 90 000 00 00', role: 'member' },
      }),
      expect: [LOGIN, 403, 403, DONE, 404, DONE],
    },
    {
      route: 'POST /admin/people/:userId/password',
      // The new temporary password is shown in the answer itself (200), once.
      call: async () => ({
        path: `/admin/people/${await hereMember({ email: `matrix-${++seq}@test.example` })}/password`,
        form: {},
      }),
      expect: [LOGIN, 403, 403, 200, 404, 200],
    },
    {
      route: 'GET /admin/people/:userId/deactivate',
      call: async () => ({ path: `/admin/people/${await hereMember()}/deactivate` }),
      expect: [LOGIN, 403, 403, 200, 404, 200],
    },
    {
      route: 'POST /admin/people/:userId/deactivate',
      call: async () => ({
        path: `/admin/people/${await hereMember()}/deactivate`,
        form: { expected: '0' },
      }),
      expect: [LOGIN, 403, 403, DONE, 404, DONE],
    },
    {
      route: 'POST /admin/people/:userId/reactivate',
      call: async () => ({
        path: `/admin/people/${await hereMember({ active: false })}/reactivate`,
        form: {},
      }),
      expect: [LOGIN, 403, 403, DONE, 404, DONE],
    },
    {
      route: 'GET /admin/organizations',
      call: () => ({ path: '/admin/organizations' }),
      expect: [LOGIN, 403, 403, 200, 200, 200],
    },
    {
      route: 'POST /admin/organizations',
      call: () => ({ path: '/admin/organizations', form: { name: `Matrix NGO ${++seq}` } }),
      expect: [LOGIN, 403, 403, DONE, DONE, DONE],
    },
    {
      route: 'POST /admin/organizations/:organizationId',
      call: async () => {
        const created = await t.request('POST', '/api/v1/organizations', {
          token: world.admin.token,
          body: { name: `Matrix rename ${++seq}` },
        });
        return {
          path: `/admin/organizations/${created.body.id}`,
          form: { name: `Matrix renamed NGO ${++seq}` },
        };
      },
      expect: [LOGIN, 403, 403, DONE, DONE, DONE],
    },
    {
      route: 'GET /admin/audit',
      call: () => ({ path: `/admin/audit?center=${world.centerId}` }),
      expect: [LOGIN, 403, 403, 200, 403, 200],
    },
    // The network (admins only).
    {
      route: 'GET /admin/network',
      call: () => ({ path: '/admin/network' }),
      expect: [LOGIN, 403, 403, 403, 403, 200],
    },
    {
      route: 'GET /admin/network/centers/new',
      call: () => ({ path: '/admin/network/centers/new' }),
      expect: [LOGIN, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /admin/network/centers',
      call: () => ({
        path: '/admin/network/centers',
        form: {
          name: 'Matrix center',
          slug: `matrix-${++seq}`,
          city: 'Termez',
          region: 'Surkhandarya',
          timezone: 'Asia/Tashkent',
          mon_from1: '09:00',
          mon_to1: '18:00',
          maxAdvanceDays: '90',
          maxOccurrences: '366',
          checkInOpensMinutes: '15',
          checkInGraceMinutes: '15',
          walkInMaxMinutes: '240',
        },
      }),
      expect: [LOGIN, 403, 403, 403, 403, DONE],
    },
    {
      route: 'GET /admin/network/centers/:centerId',
      call: () => ({ path: `/admin/network/centers/${world.centerId}` }),
      expect: [LOGIN, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /admin/network/centers/:centerId',
      call: async () => {
        const slug = `matrix-edit-${++seq}`;
        const center = await t.request('POST', '/api/v1/centers', {
          token: world.admin.token,
          body: { slug, name: 'Matrix edit', city: 'Termez', region: 'Surkhandarya' },
        });
        return {
          path: `/admin/network/centers/${center.body.id}`,
          form: {
            name: 'Matrix edited',
            slug,
            city: 'Termez',
            region: 'Surkhandarya',
            timezone: 'Asia/Tashkent',
            active: 'on',
          },
        };
      },
      expect: [LOGIN, 403, 403, 403, 403, DONE],
    },
    {
      route: 'POST /admin/network/coordinators',
      // The new coordinator's temporary password is shown in the answer itself (201), once.
      call: () => ({
        path: '/admin/network/coordinators',
        form: {
          centerId: world.centerId,
          name: 'Matrix coordinator',
          email: `matrix-coordinator-${++seq}@test.example`,
        },
      }),
      expect: [LOGIN, 403, 403, 403, 403, 201],
    },
    // Self sign-up (on here, SELF_SIGNUP=true): for visitors; someone signed in goes home.
    {
      route: 'GET /signup',
      call: () => ({ path: '/signup' }),
      expect: [200, 303, 303, 303, 303, 303],
    },
    {
      route: 'POST /signup',
      call: () => ({
        path: '/signup',
        form: {
          name: 'Matrix self',
          email: `matrix-self-${++seq}@test.example`,
          password: 'matrix-password',
          centerId: world.centerId,
        },
      }),
      expect: [DONE, 303, 303, 303, 303, 303],
    },
  ];

  let seq = 0;

  /** A new member registered at "here" (phone only unless an email is given), maybe inactive. */
  async function hereMember(options: { email?: string; active?: boolean } = {}): Promise<string> {
    const created = await t.request('POST', '/api/v1/users', {
      token: world.admin.token,
      body: {
        name: `Matrix member ${++seq}`,
        ...(options.email ? { email: options.email } : { phone: '+998 90 000 00 00' }),
        role: 'member',
        centerIds: [world.centerId],
      },
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    if (options.active === false) {
      await t.request('PATCH', `/api/v1/users/${created.body.id}`, {
        token: world.admin.token,
        body: { active: false },
      });
    }
    return created.body.id as string;
  }

  /** A new pending request of the member for the room that needs approval, on a fresh slot. */
  async function roomRequest(): Promise<{ id: string; occurrences: Array<{ id: string }> }> {
    const { date, startTime, endTime } = freshSlot();
    const response = await t.request('POST', '/api/v1/bookings', {
      token: world.member.token,
      body: { resourceId: roomId, start: `${date}T${startTime}`, end: `${date}T${endTime}` },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body;
  }

  /** A new desk (so that sessions never clash) with a session of the member today, 11:00–12:00. */
  async function todaysDeskSession(): Promise<{ occurrenceId: string }> {
    const desk = await createResource(t, world.admin.token, world.centerId, { kind: 'desk' });
    const response = await t.request('POST', '/api/v1/bookings', {
      token: world.member.token,
      body: { resourceId: desk.id, start: '2026-12-01T11:00', end: '2026-12-01T12:00' },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return { occurrenceId: response.body.occurrences[0].id };
  }

  it('has exactly one row for every page route the app serves', () => {
    expectOneRowPerRoute(t.app, rows, (r) => !r.path.startsWith('/api/'));
  });

  it('answers every caller of every page with the outcome of the table', async () => {
    const mismatches = await mismatchesOf(
      rows,
      async (row: PageRow, caller: Caller, { path, form }): Promise<{ got: Outcome }> => {
        const [method] = row.route.split(' ');
        const actor = actorOf(world, caller);
        const token =
          row.freshSession && actor
            ? await t.login(actor.email, actor === world.admin ? ADMIN.password : 'user-password-1')
            : actor?.token;
        const web = WebClient.withToken(t.baseUrl, token);
        const response = method === 'GET' ? await web.get(path) : await web.post(path, form ?? {});
        const location = response.status === 303 ? (response.location ?? '') : '';
        const got: Outcome = location.startsWith('/login?')
          ? LOGIN
          : /[?&]done=/.test(location)
            ? DONE
            : /[?&]error=NOT_FOUND/.test(location)
              ? NOT_FOUND
              : location.includes('error=')
                ? `303 ${location}`
                : response.status;
        return { got };
      },
    );
    expect(mismatches).toEqual([]);
    // Every page route × six callers, one after the other (about 600 requests).
  }, 180_000);
});
