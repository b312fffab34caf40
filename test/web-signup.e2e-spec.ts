import { escapeHtml } from '../src/web/shared/html';
import { Locale, MessageKey, translator } from '../src/web/i18n';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createWorld, World } from './support/world';

const words = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) =>
  escapeHtml(translator(locale)(key, params));

const SIGNUP_ON = { SELF_SIGNUP: 'true' };

describe('self sign-up when the network does not allow it (the default outside the demo)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t);
  });

  afterAll(() => t.close());

  it('has no sign-up page, form or API route (404), and the sign-in page does not offer it', async () => {
    const web = new WebClient(t.baseUrl);
    const login = await web.get('/login');
    expect(login.text).not.toContain('href="/signup"');
    expect((await web.get('/signup')).status).toBe(404);
    const posted = await web.post('/signup', {
      name: 'Nobody',
      email: 'nobody@example.org',
      password: 'long-enough-1',
      centerId: w.centerId,
    });
    expect(posted.status).toBe(404);
    const api = await t.request('POST', '/api/v1/auth/signup', {
      body: {
        name: 'Nobody',
        email: 'nobody@example.org',
        password: 'long-enough-1',
        centerId: w.centerId,
      },
    });
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('NOT_FOUND');
    const found = await t.request('GET', '/api/v1/users?q=nobody', {
      token: await t.login(ADMIN.email, ADMIN.password),
    });
    expect(found.body.items).toEqual([]);
  });
});

describe('self sign-up (SELF_SIGNUP=true)', () => {
  let t: TestApp;
  let w: World;
  let organizationId: string;
  let closedCenterId: string;

  const usersNamed = async (q: string) =>
    (
      await t.request('GET', `/api/v1/users?q=${encodeURIComponent(q)}`, {
        token: w.admin.token,
      })
    ).body.items as Array<Record<string, any>>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T10:00:53.208+05:00', env: SIGNUP_ON });
    w = await createWorld(t);
    organizationId = (
      await t.request('POST', '/api/v1/organizations', {
        token: w.admin.token,
        body: { name: 'Yuksalish' },
      })
    ).body.id;
    const closed = await t.request('POST', '/api/v1/centers', {
      token: w.admin.token,
      body: { slug: 'closed-center', name: 'Closed center', city: 'X', region: 'X', active: false },
    });
    closedCenterId = closed.body.id;
  });

  afterAll(() => t.close());

  async function visitor(locale: Locale = 'en'): Promise<WebClient> {
    const web = new WebClient(t.baseUrl);
    await web.post('/lang', { locale, next: '/signup' });
    await web.get('/signup');
    return web;
  }

  it('is offered on the sign-in page, with the active centers and the organizations', async () => {
    const web = new WebClient(t.baseUrl);
    expect((await web.get('/login')).text).toContain('href="/signup"');
    const form = await web.get('/signup');
    expect(form.status).toBe(200);
    expect(form.text).toContain(`<option value="${w.centerId}"`);
    expect(form.text).not.toContain(`<option value="${closedCenterId}"`);
    expect(form.text).toContain(`<option value="${organizationId}">Yuksalish</option>`);
    expect(form.text).toContain('autocomplete="new-password"');
  });

  it('creates a member account at the chosen center and signs the person in', async () => {
    const web = await visitor('ru');
    const created = await web.post('/signup', {
      name: 'Sevara Self',
      email: 'Sevara@Example.org',
      phone: '+998 97 700 00 01',
      password: 'sevara-password',
      centerId: w.centerId,
      organizationId,
      locale: 'ru',
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe('/me?done=signedUp');
    // Signed in: the sign-in form sends them on to their start page.
    expect((await web.get('/login')).location).toBe('/me');
    // The welcome on /me. (/me is read on a whole minute here: on this branch it still refuses
    // a clock with seconds, which the real-clock fix of issue 15 repairs.)
    const now = t.clock.now();
    t.clock.set('2026-12-01T10:01:00+05:00');
    const home = await web.get('/me?done=signedUp');
    t.clock.set(new Date(now).toISOString());
    expect(home.status).toBe(200);
    expect(home.text).toContain(words('ru', 'done.signedUp'));
    const [person] = await usersNamed('Sevara Self');
    expect(person).toMatchObject({
      email: 'sevara@example.org',
      phone: '+998 97 700 00 01',
      role: 'member',
      locale: 'ru',
      organizationId,
      centerIds: [w.centerId],
      active: true,
    });
    await t.login('sevara@example.org', 'sevara-password');
    // The center's coordinator sees and manages the new member.
    const people = await WebClient.withToken(t.baseUrl, w.coordinator.token).get('/admin/people');
    expect(people.text).toContain('Sevara Self');
    // The log names the person as the one who did it.
    const audit = await t.request('GET', `/api/v1/audit?targetId=${person.id}`, {
      token: w.admin.token,
    });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'user.created',
        actor: { id: person.id, name: 'Sevara Self' },
        details: { role: 'member', selfSignup: true },
      }),
    ]);
    await t.request('PATCH', `/api/v1/users/${w.admin.id}`, {
      token: w.admin.token,
      body: { locale: 'en' },
    });
    const log = await WebClient.withToken(t.baseUrl, w.admin.token).get(
      `/admin/audit?target=${person.id}`,
    );
    expect(log.text).toContain('Sevara Self signed up.');
  });

  it('refuses bad input beside each field in the reader’s language, keeping all but the password', async () => {
    const web = await visitor('ru');
    const refused = await web.post('/signup', {
      name: 'Short Password',
      email: 'not-an-email',
      password: 'short',
      centerId: '',
      locale: 'ru',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(words('ru', 'people.form.invalid'));
    expect(refused.text).toContain(words('ru', 'signup.field.email'));
    expect(refused.text).toContain(words('ru', 'signup.field.password'));
    expect(refused.text).toContain(words('ru', 'signup.field.center'));
    expect(refused.text).toContain('value="Short Password"');
    expect(refused.text).toContain('value="not-an-email"');
    expect(refused.text).not.toContain('value="short"');
    expect(refused.text).not.toContain('must be');
    expect(web.cookie('makon_session')).toBeUndefined();
    expect(await usersNamed('Short Password')).toEqual([]);
  });

  it('refuses an email that has an account (409), and a center that is closed (404)', async () => {
    const web = await visitor('uz');
    const taken = await web.post('/signup', {
      name: 'Second Sevara',
      email: 'sevara@example.org',
      password: 'another-password',
      centerId: w.centerId,
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain(words('uz', 'signup.field.taken'));
    expect(taken.text).toContain('value="Second Sevara"');
    const closed = await web.post('/signup', {
      name: 'Closed Center Fan',
      email: 'closed@example.org',
      password: 'another-password',
      centerId: closedCenterId,
    });
    expect(closed.status).toBe(404);
    expect(await usersNamed('Second Sevara')).toEqual([]);
    expect(await usersNamed('Closed Center Fan')).toEqual([]);
  });

  it('sends someone signed in to their start page, creating nothing', async () => {
    const web = WebClient.withToken(t.baseUrl, w.member.token);
    const form = await web.get('/signup');
    expect(form.status).toBe(303);
    expect(form.location).toBe('/me');
    const posted = await web.post('/signup', {
      name: 'Second Account',
      email: 'second-account@example.org',
      password: 'another-password',
      centerId: w.centerId,
    });
    expect(posted.status).toBe(303);
    expect(await usersNamed('Second Account')).toEqual([]);
  });

  it('has the same route in the API: 201 with a token, 400 and 409 as for the form', async () => {
    const created = await t.request('POST', '/api/v1/auth/signup', {
      body: {
        name: 'Api Person',
        email: 'api.person@example.org',
        password: 'api-password-1',
        centerId: w.centerId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      role: 'member',
      locale: 'uz',
      centerIds: [w.centerId],
    });
    const me = await t.request('GET', '/api/v1/users/me', { token: created.body.accessToken });
    expect(me.body.email).toBe('api.person@example.org');
    const bad = await t.request('POST', '/api/v1/auth/signup', {
      body: {
        name: 'Api Bad',
        email: 'api.bad@example.org',
        password: 'x',
        centerId: w.centerId,
        role: 'admin',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'password',
      'role',
    ]);
    const taken = await t.request('POST', '/api/v1/auth/signup', {
      body: {
        name: 'Api Again',
        email: 'API.person@example.org',
        password: 'api-password-1',
        centerId: w.centerId,
      },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('ALREADY_EXISTS');
  });
});

describe('self sign-up is limited per client address, like sign-in', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T10:00:07.5+05:00', env: SIGNUP_ON });
    w = await createWorld(t);
  });

  afterAll(() => t.close());

  const signUp = (n: number | string) =>
    t.request('POST', '/api/v1/auth/signup', {
      body: {
        name: `Flood ${n}`,
        email: `flood-${n}@example.org`,
        password: 'flood-password',
        centerId: w.centerId,
      },
    });

  it('refuses the eleventh sign-up in 15 minutes with 429 and Retry-After, on the page too', async () => {
    for (let i = 0; i < 10; i++) expect((await signUp(i)).status).toBe(201);
    const eleventh = await signUp(10);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);

    const web = new WebClient(t.baseUrl);
    await web.post('/lang', { locale: 'ru', next: '/signup' });
    await web.get('/signup');
    const page = await web.post('/signup', {
      name: 'Flood page',
      email: 'flood-page@example.org',
      password: 'flood-password',
      centerId: w.centerId,
    });
    expect(page.status).toBe(429);
    expect(page.text).toContain(words('ru', 'signup.error.throttled'));
    expect(page.text).toContain('value="Flood page"');

    // Input refused for its form is not counted (and says so first).
    expect((await t.request('POST', '/api/v1/auth/signup', { body: { name: 'x' } })).status).toBe(
      400,
    );

    t.clock.advanceMinutes(15);
    expect((await signUp('later')).status).toBe(201);
    const found = await t.request('GET', '/api/v1/users?q=flood&limit=500', {
      token: w.admin.token,
    });
    expect(found.body.items).toHaveLength(11);
  });
});
