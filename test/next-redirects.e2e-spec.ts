import { randomUUID } from 'node:crypto';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { WebClient, WebResponse } from './support/web-client';
import { createWorld, World } from './support/world';

/**
 * Every place a page takes a `next` address (the sign-in form and its query, the language switch,
 * the booking and session buttons, the sign-in redirect of a page that needs a session): hostile
 * values never leave the site, never put a byte into `Location` that Node refuses (which once
 * stopped the server), and never answer 5xx.
 */
const HOSTILE_NEXT = [
  '//evil.example/',
  '///evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\nSet-Cookie: planted=1',
  '/\nx',
  '/\u2028x',
  '/я',
  '/\u0430dmin',
  '/x y',
  'http://evil.example',
  'https://evil.example/me',
  'javascript:alert(1)',
  // Form fields are trimmed: these become `//evil.example`.
  '\t//evil.example',
  ' //evil.example',
  '/a//evil.example',
];

/** What the query string of a GET carries for each: percent-encoded as UTF-8. */
const query = (value: string) => encodeURIComponent(value);

function expectOnSite(t: TestApp, what: string, response: WebResponse): void {
  expect({ what, status: response.status < 500 }).toEqual({ what, status: true });
  if (response.location === null) return;
  expect({ what, location: response.location }).toEqual({
    what,
    location: expect.stringMatching(/^\/(?![/\\])[\x21-\x7e]*$/),
  });
  const base = 'http://makon.test';
  expect({ what, origin: new URL(response.location, base).origin }).toEqual({
    what,
    origin: base,
  });
}

describe('next addresses: only paths on this site, on every page that takes one', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  it('GET /login?next= signed in: redirects on the site only', async () => {
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    for (const next of HOSTILE_NEXT) {
      const response = await web.get(`/login?next=${query(next)}`);
      expectOnSite(t, `GET /login?next=${JSON.stringify(next)}`, response);
      expect(response.location).toBe('/me');
    }
    // The finding's own request: `/я`, with any session cookie (here a valid one).
    const raw = await fetch(`${t.baseUrl}/login?next=%2F%D1%8F`, {
      redirect: 'manual',
      headers: { cookie: `makon_session=${world.admin.token}` },
    });
    expect(raw.status).toBe(303);
    expect(raw.headers.get('location')).toBe('/admin');
    expect((await t.request('GET', '/api/v1/health')).status).toBe(200);
  });

  it('GET /login?next= anonymous: the form keeps only a safe next', async () => {
    const web = new WebClient(t.baseUrl);
    for (const next of HOSTILE_NEXT) {
      const response = await web.get(`/login?next=${query(next)}`);
      expect(response.status).toBe(200);
      const form = response.text.slice(response.text.indexOf('action="/login"'));
      const hidden = /name="next" value="([^"]*)"/.exec(form);
      expect({ next, kept: hidden?.[1] }).toEqual({ next, kept: '/' });
    }
    const kept = await web.get(`/login?next=${query('/admin/bookings?page=2')}`);
    expect(kept.text).toContain('name="next" value="/admin/bookings?page=2"');
  });

  it('POST /login: signs in and stays on the site', async () => {
    for (const next of HOSTILE_NEXT) {
      const web = new WebClient(t.baseUrl);
      await web.get('/login');
      const response = await web.post('/login', {
        email: ADMIN.email,
        password: ADMIN.password,
        next,
      });
      expectOnSite(t, `POST /login next=${JSON.stringify(next)}`, response);
      expect(response.location).toBe('/admin');
    }
    // A wrong password shows the form again, with only a safe next in it.
    const web = new WebClient(t.baseUrl);
    await web.get('/login');
    const failed = await web.post('/login', {
      email: ADMIN.email,
      password: 'wrong-password',
      next: '/\t/evil.example',
    });
    expect(failed.status).toBe(401);
    expect(failed.text).toContain('name="next" value="/"');
  });

  it('POST /lang, anonymous and signed in: stays on the site', async () => {
    const anonymous = new WebClient(t.baseUrl);
    await anonymous.get('/login');
    const signedIn = WebClient.withToken(t.baseUrl, world.member.token);
    for (const web of [anonymous, signedIn]) {
      for (const next of HOSTILE_NEXT) {
        const response = await web.post('/lang', { locale: 'en', next });
        expectOnSite(t, `POST /lang next=${JSON.stringify(next)}`, response);
        expect(response.location).toBe('/');
      }
    }
  });

  it('the booking and session buttons: stay on the site', async () => {
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const booking = randomUUID();
    const session = randomUUID();
    const actions = [
      `/bookings/${booking}/cancel`,
      `/bookings/${booking}/sessions/${session}/cancel`,
      `/sessions/${session}/check-in`,
      `/sessions/${session}/check-out`,
    ];
    for (const action of actions) {
      for (const next of HOSTILE_NEXT) {
        const response = await web.post(action, { next });
        expectOnSite(t, `POST ${action} next=${JSON.stringify(next)}`, response);
        expect(response.location).toBe('/?error=NOT_FOUND');
      }
    }
  });

  it('a page that needs a session sends to sign-in with a safe next, whatever the address', async () => {
    const addresses = [
      '/me?x=%D1%8F',
      '/me?x=%0D%0ASet-Cookie:%20planted=1',
      '/me?next=//evil.example',
      '/me?x=%5C%5Cevil.example',
    ];
    for (const address of addresses) {
      const response = await fetch(`${t.baseUrl}${address}`, { redirect: 'manual' });
      const location = response.headers.get('location');
      expect({ address, status: response.status }).toEqual({ address, status: 303 });
      expect(location).toMatch(/^\/login\?next=[\x21-\x7e]*$/);
      const next = new URL(location!, 'http://makon.test').searchParams.get('next')!;
      expect(new URL(next, 'http://makon.test').origin).toBe('http://makon.test');
      expect(next).not.toMatch(/\/\/|\\/);
    }
  });
});
