import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createUser, createWorld, World } from './support/world';

const PASSWORD = 'user-password-1';

/**
 * A signed-in form's CSRF token is bound to the session, so a CSRF cookie planted in the victim's
 * browser (by a sibling site, say) cannot be paired with a token its planter fetched, whether
 * anonymously or under their own session. Before sign-in, the per-browser cookie still pairs.
 */
describe('CSRF tokens are bound to the session', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  async function localeOf(token: string): Promise<string> {
    return (await t.request('GET', '/api/v1/users/me', { token })).body.locale;
  }

  /** A signed-in victim whose account's language is English. */
  async function victim() {
    const user = await createUser(t, world.admin.token, 'member', { locale: 'en' });
    const browser = await WebClient.signedIn(t.baseUrl, user.email, PASSWORD);
    return { user, browser };
  }

  it('refuses a planted cookie paired with a token fetched anonymously', async () => {
    const attacker = new WebClient(t.baseUrl);
    await attacker.get('/login');
    const { user, browser } = await victim();
    browser.setCookie('makon_csrf', attacker.cookie('makon_csrf')!);
    const forged = await browser.post(
      '/lang',
      { _csrf: attacker.lastCsrfToken!, locale: 'ru', next: '/me' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('role="alert"');
    expect(await localeOf(user.token)).toBe('en');
  });

  it('refuses a planted cookie paired with a token of the planter’s own session', async () => {
    const attacker = await WebClient.signedIn(
      t.baseUrl,
      (await createUser(t, world.admin.token, 'member')).email,
      PASSWORD,
    );
    const page = await attacker.get('/me');
    const attackersToken = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const { user, browser } = await victim();
    browser.setCookie('makon_csrf', attacker.cookie('makon_csrf')!);
    const forged = await browser.post(
      '/lang',
      { _csrf: attackersToken, locale: 'ru', next: '/me' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect(await localeOf(user.token)).toBe('en');
  });

  it('refuses, once signed in, even the browser’s own token from before sign-in', async () => {
    const user = await createUser(t, world.admin.token, 'member', { locale: 'en' });
    const browser = new WebClient(t.baseUrl);
    await browser.get('/login');
    const beforeSignIn = browser.lastCsrfToken!;
    await browser.post('/login', { email: user.email, password: PASSWORD });
    const stale = await browser.post(
      '/lang',
      { _csrf: beforeSignIn, locale: 'ru', next: '/me' },
      { csrf: false },
    );
    expect(stale.status).toBe(403);
    expect(await localeOf(user.token)).toBe('en');
  });

  it('accepts the session’s own token, and the browser’s before sign-in', async () => {
    const { user, browser } = await victim();
    const switched = await browser.post('/lang', { locale: 'ru', next: '/me' });
    expect(switched).toMatchObject({ status: 303, location: '/me' });
    expect(await localeOf(user.token)).toBe('ru');

    const anonymous = new WebClient(t.baseUrl);
    await anonymous.get('/login');
    expect((await anonymous.post('/lang', { locale: 'uz', next: '/login' })).status).toBe(303);
    expect(anonymous.cookie('makon_lang')).toBe('uz');
  });

  it('gives each session its own token, and another after signing in again', async () => {
    const user = await createUser(t, world.admin.token, 'member');
    const first = await WebClient.signedIn(t.baseUrl, user.email, PASSWORD);
    const second = await WebClient.signedIn(t.baseUrl, user.email, PASSWORD);
    // Same browser cookie, two sessions: the tokens still differ.
    second.setCookie('makon_csrf', first.cookie('makon_csrf')!);
    const tokenOf = async (web: WebClient) =>
      /name="_csrf" value="([^"]+)"/.exec((await web.get('/me')).text)![1];
    expect(await tokenOf(first)).not.toBe(await tokenOf(second));
  });
});
