import { declaredRoutes } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { Actor, createWorld, World } from './support/world';

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
      expect: [LOGIN, 403, 403, 303, 403, 303],
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
      expect: [LOGIN, 403, 403, 303, 403, 303],
    },
    {
      route: 'POST /admin/center/resources/:resourceId/deactivate',
      call: async () => ({
        path: `/admin/center/resources/${await centerResource('Matrix deactivate')}/deactivate`,
        form: { center: world.centerId },
      }),
      expect: [LOGIN, 403, 403, 303, 403, 303],
    },
    {
      route: 'POST /admin/center/hours',
      call: () => ({
        path: '/admin/center/hours',
        form: { center: world.centerId, mon_from1: '09:00', mon_to1: '18:00' },
      }),
      expect: [LOGIN, 403, 403, 303, 403, 303],
    },
    {
      route: 'POST /admin/center/closures',
      call: () => ({
        path: '/admin/center/closures',
        form: { center: world.centerId, from: '2027-03-08', to: '2027-03-08', reason: 'Matrix' },
      }),
      expect: [LOGIN, 403, 403, 303, 403, 303],
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
      expect: [LOGIN, 403, 403, 303, 403, 303],
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
      expect: [LOGIN, 403, 403, 303, 403, 303],
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
  ];

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
