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
  let deskId: string;
  let slot = 0;

  /** A fresh one-hour slot on a weekday morning, so each booking call meets a free desk. */
  function freshSlot(): { date: string; startTime: string; endTime: string } {
    const index = slot++;
    const day = 2 + Math.floor(index / 8);
    const hour = 9 + (index % 8);
    return {
      date: `2026-12-${String(day).padStart(2, '0')}`,
      startTime: `${String(hour).padStart(2, '0')}:00`,
      endTime: `${String(hour + 1).padStart(2, '0')}:00`,
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
    deskId = (await createResource(t, world.admin.token, world.centerId)).id;
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
    {
      route: 'GET /book',
      call: () => ({ path: `/book?center=${world.centerId}` }),
      // A coordinator books in the centers they run; another center's form is not theirs.
      expect: [LOGIN, 200, 200, 200, 404, 200],
    },
    {
      route: 'POST /book/preview',
      call: () => ({
        path: '/book/preview',
        form: {
          center: world.centerId,
          resourceId: deskId,
          date: '2026-12-02',
          startTime: '10:00',
          endTime: '11:00',
        },
      }),
      expect: [LOGIN, 200, 200, 200, 404, 200],
    },
    {
      route: 'POST /book',
      call: () => ({
        path: '/book',
        form: { center: world.centerId, resourceId: deskId, ...freshSlot() },
      }),
      expect: [LOGIN, 303, 303, 303, 404, 303],
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
