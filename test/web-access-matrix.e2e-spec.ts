import { declaredRoutes } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { Actor, createResource, createWorld, World } from './support/world';

/**
 * The pages' counterpart of access-matrix.e2e-spec.ts: every page route, called by each kind of
 * caller with the session cookie, and what each must get. `LOGIN` is a 303 to the sign-in form
 * (a page's "401"); a page route without a row fails the test.
 */
const CALLERS = ['anonymous', 'member', 'trainer', 'coordHere', 'coordOther', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
const LOGIN = 'login';
type Outcome = number | typeof LOGIN;
type Outcomes = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

interface PageCall {
  path: string;
  form?: Record<string, string | string[]>;
}

interface PageRow {
  route: string;
  call: (caller: Caller) => PageCall | Promise<PageCall>;
  expect: Outcomes;
}

const PUBLIC: Outcomes = [200, 200, 200, 200, 200, 200];

describe('who may open which page: every page route × every kind of caller', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  function actorOf(caller: Caller): Actor | undefined {
    const actors: Record<Exclude<Caller, 'anonymous'>, Actor> = {
      member: world.member,
      trainer: world.trainer,
      coordHere: world.coordinator,
      coordOther: world.otherCoordinator,
      admin: world.admin,
    };
    return caller === 'anonymous' ? undefined : actors[caller];
  }

  const rows: PageRow[] = [
    { route: 'GET /assets/app.css', call: () => ({ path: '/assets/app.css' }), expect: PUBLIC },
    { route: 'GET /assets/app.js', call: () => ({ path: '/assets/app.js' }), expect: PUBLIC },
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
    },
    {
      route: 'POST /lang',
      call: () => ({ path: '/lang', form: { locale: 'en', next: '/login' } }),
      expect: [303, 303, 303, 303, 303, 303],
    },
    { route: 'GET /', call: () => ({ path: '/' }), expect: [LOGIN, 303, 303, 303, 303, 303] },
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
      // A fresh session at 09:00 each time; at 08:00 check-in is not open yet, which the center's
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
      expect: [LOGIN, 403, 404, 303, 404, 303],
    },
    {
      route: 'POST /admin/bookings/:bookingId/reject',
      call: async () => ({
        path: `/admin/bookings/${(await roomRequest()).id}/reject`,
        form: { reason: 'The hall is closed' },
      }),
      expect: [LOGIN, 403, 404, 303, 404, 303],
    },
    {
      route: 'POST /admin/bookings/:bookingId/cancel',
      call: async () => ({ path: `/admin/bookings/${(await roomRequest()).id}/cancel`, form: {} }),
      expect: [LOGIN, 403, 404, 303, 404, 303],
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
      expect: [LOGIN, 403, 404, 303, 404, 303],
    },
  ];

  /** Helper A's rows: a room needing approval in this center, made once. */
  let room: Promise<string> | undefined;
  let slot = 0;
  function roomHere(): Promise<string> {
    room ??= createResource(t, world.admin.token, world.centerId, {
      kind: 'room',
      capacity: 10,
      requiresApproval: true,
    }).then((r) => r.id);
    return room;
  }
  /** A new pending room request of the member, each in its own half hour of a later day. */
  async function roomRequest(): Promise<{ id: string; occurrences: Array<{ id: string }> }> {
    const roomId = await roomHere();
    const n = slot++;
    const date = `2026-12-${String(2 + Math.floor(n / 16)).padStart(2, '0')}`;
    const minutes = 9 * 60 + (n % 16) * 30;
    const time = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const response = await t.request('POST', '/api/v1/bookings', {
      token: world.member.token,
      body: {
        resourceId: roomId,
        start: `${date}T${time(minutes)}`,
        end: `${date}T${time(minutes + 30)}`,
      },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body;
  }
  /** A new desk (so that sessions never clash) with a session of the member today, 09:00–10:00. */
  async function todaysDeskSession(): Promise<{ occurrenceId: string }> {
    const desk = await createResource(t, world.admin.token, world.centerId, { kind: 'desk' });
    const response = await t.request('POST', '/api/v1/bookings', {
      token: world.member.token,
      body: { resourceId: desk.id, start: '2026-12-01T09:00', end: '2026-12-01T10:00' },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return { occurrenceId: response.body.occurrences[0].id };
  }

  it('has exactly one row for every page route the app serves', () => {
    const served = declaredRoutes(t.app)
      .filter((r) => !r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`);
    const listed = rows.map((row) => row.route);
    expect(listed.filter((route, i) => listed.indexOf(route) !== i)).toEqual([]);
    expect({
      withoutRow: served.filter((route) => !listed.includes(route)).sort(),
      rowWithoutRoute: listed.filter((route) => !served.includes(route)).sort(),
    }).toEqual({ withoutRow: [], rowWithoutRoute: [] });
  });

  it('answers every caller of every page with the outcome of the table', async () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      const [method] = row.route.split(' ');
      for (const [index, caller] of CALLERS.entries()) {
        const { path, form } = await row.call(caller);
        const web = WebClient.withToken(t.baseUrl, actorOf(caller)?.token);
        const response = method === 'GET' ? await web.get(path) : await web.post(path, form ?? {});
        const got: Outcome =
          response.status === 303 && response.location?.startsWith('/login?')
            ? LOGIN
            : response.status;
        if (got !== row.expect[index]) {
          mismatches.push(`${row.route} as ${caller}: expected ${row.expect[index]}, got ${got}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
