import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createUser, createWorld, World } from './support/world';

describe('web pages: sign-in, session cookie, CSRF, language', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  it('sends an anonymous visitor to the sign-in form and back to the page afterwards', async () => {
    const web = new WebClient(t.baseUrl);
    const start = await web.get('/?from=menu');
    expect(start.status).toBe(303);
    expect(start.location).toBe('/login?next=%2F%3Ffrom%3Dmenu');
    const form = await web.get(start.location!);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="next" value="/?from=menu"');
    const signIn = await web.post('/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/?from=menu',
    });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/?from=menu');
    expect(web.cookie('makon_session')).toBeDefined();
  });

  it('sets the cookies HttpOnly and SameSite, and Secure (and upgrades requests) behind https', async () => {
    const web = new WebClient(t.baseUrl);
    await web.get('/login');
    const csrfCookie = web.lastSetCookies.find((c) => c.startsWith('makon_csrf='))!;
    expect(csrfCookie).toMatch(/HttpOnly/);
    expect(csrfCookie).toMatch(/SameSite=Lax/);
    await web.post('/login', { email: ADMIN.email, password: ADMIN.password });
    const session = web.lastSetCookies.find((c) => c.startsWith('makon_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Max-Age=\d+/);
    expect(session).not.toMatch(/Secure/);

    const plain = await fetch(`${t.baseUrl}/login`);
    expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');

    const https = await startTestApp({ env: { PUBLIC_URL: 'https://makon.example' } });
    try {
      const secure = new WebClient(https.baseUrl);
      await secure.get('/login');
      expect(secure.lastSetCookies.join('\n')).toMatch(/makon_csrf=[^;]+;.*Secure/);
      // Behind https, the browser is told to fetch everything over https too.
      const page = await fetch(`${https.baseUrl}/login`);
      expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await https.close();
    }
  });

  it('refuses a form without its CSRF token, or with another browser’s, and signs no one in', async () => {
    const web = new WebClient(t.baseUrl);
    const missing = await web.post(
      '/login',
      { email: ADMIN.email, password: ADMIN.password },
      { csrf: false },
    );
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('role="alert"');
    expect(web.cookie('makon_session')).toBeUndefined();

    const other = new WebClient(t.baseUrl);
    await other.get('/login');
    const stolen = /name="_csrf" value="([^"]+)"/.exec((await other.get('/login')).text)![1];
    await web.get('/login');
    const forged = await web.post(
      '/login',
      { _csrf: stolen, email: ADMIN.email, password: ADMIN.password },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect(web.cookie('makon_session')).toBeUndefined();
  });

  it('answers a wrong password with the form again, 401, keeping the email', async () => {
    const web = new WebClient(t.baseUrl);
    await web.get('/login');
    const response = await web.post('/login', { email: ADMIN.email, password: 'wrong-password' });
    expect(response.status).toBe(401);
    expect(response.text).toContain(`value="${ADMIN.email}"`);
    expect(response.text).toMatch(/role="alert"/);
  });

  it('only follows a next address on this site', async () => {
    const web = new WebClient(t.baseUrl);
    await web.get('/login');
    const response = await web.post('/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '//evil.example/',
    });
    expect(response.location).toBe('/admin');
  });

  it('does not take the session cookie on the API, nor a bearer token on pages', async () => {
    const web = await WebClient.signedIn(t.baseUrl, ADMIN.email, ADMIN.password);
    const api = await fetch(`${t.baseUrl}/api/v1/users/me`, {
      headers: { cookie: `makon_session=${web.cookie('makon_session')}` },
    });
    expect(api.status).toBe(401);
    const page = await fetch(`${t.baseUrl}/`, {
      redirect: 'manual',
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/login/);
  });

  it('sends staff to /admin and members to /me, and signs out', async () => {
    const staff = WebClient.withToken(t.baseUrl, world.coordinator.token);
    expect((await staff.get('/')).location).toBe('/admin');
    const member = WebClient.withToken(t.baseUrl, world.member.token);
    expect((await member.get('/')).location).toBe('/me');
    const out = await member.post('/logout', {});
    expect(out.status).toBe(303);
    expect(member.cookie('makon_session')).toBeUndefined();
    expect((await member.get('/')).location).toMatch(/^\/login/);
  });

  it('answers an address that is no page with a page in the reader’s language; the API keeps JSON', async () => {
    const web = new WebClient(t.baseUrl);
    const page = await web.get('/no-such-page', { 'accept-language': 'ru' });
    expect(page.status).toBe(404);
    expect(page.text).toContain('<html lang="ru">');
    expect(page.text).toContain('Такой страницы или записи нет');
    const api = await t.request('GET', '/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('switches language, and remembers a signed-in user’s choice in the account', async () => {
    const anonymous = new WebClient(t.baseUrl);
    expect((await anonymous.get('/login', { 'accept-language': 'ru-RU,ru;q=0.9' })).text).toContain(
      '<html lang="ru">',
    );
    await anonymous.post('/lang', { locale: 'en', next: '/login' });
    expect((await anonymous.get('/login')).text).toContain('<html lang="en">');
    expect((await anonymous.post('/lang', { locale: 'xx' })).status).toBe(400);

    const user = await createUser(t, world.admin.token, 'member', { locale: 'en' });
    const web = WebClient.withToken(t.baseUrl, user.token);
    const switched = await web.post('/lang', { locale: 'uz', next: '/login?x=1' });
    expect(switched.location).toBe('/login?x=1');
    const me = await t.request('GET', '/api/v1/users/me', { token: user.token });
    expect(me.body.locale).toBe('uz');
  });

  it('keeps the language chosen before sign-in: it becomes the account’s', async () => {
    const user = await createUser(t, world.admin.token, 'member', { locale: 'uz' });
    const web = new WebClient(t.baseUrl);
    await web.post('/lang', { locale: 'ru', next: '/login' });
    expect((await web.get('/login')).text).toContain('<html lang="ru">');
    const signIn = await web.post('/login', { email: user.email, password: 'user-password-1' });
    expect(signIn.status).toBe(303);
    expect((await web.get(signIn.location!)).text).toContain('<html lang="ru">');
    const me = await t.request('GET', '/api/v1/users/me', { token: user.token });
    expect(me.body.locale).toBe('ru');

    // Without a choice (only the browser's Accept-Language), the account's language stands.
    const other = await createUser(t, world.admin.token, 'member', { locale: 'uz' });
    const browser = new WebClient(t.baseUrl);
    await browser.get('/login', { 'accept-language': 'en' });
    await browser.post('/login', { email: other.email, password: 'user-password-1' });
    expect((await browser.get('/me')).text).toContain('<html lang="uz">');
    const unchanged = await t.request('GET', '/api/v1/users/me', { token: other.token });
    expect(unchanged.body.locale).toBe('uz');
  });
});
