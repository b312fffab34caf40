import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createUser, createWorld, World } from './support/world';

const PASSWORD = 'user-password-1';

/** A copy of a browser's session cookie, as someone at a shared computer could keep it. */
const replay = (t: TestApp, session: string) => WebClient.withToken(t.baseUrl, session);

/**
 * Signing out ends that session on the server: its cookie, kept or copied, opens nothing any
 * more, on any instance; the person's other sessions (another browser, the API) stay valid.
 */
describe('signing out ends the session on the server', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  it('refuses the signed-out cookie, and keeps the person’s other sessions', async () => {
    const member = await createUser(t, world.admin.token, 'member');
    const shared = await WebClient.signedIn(t.baseUrl, member.email, PASSWORD);
    const phone = await WebClient.signedIn(t.baseUrl, member.email, PASSWORD);
    const kept = shared.cookie('makon_session')!;
    expect((await replay(t, kept).get('/me')).status).toBe(200);

    const out = await shared.post('/logout', {});
    expect(out).toMatchObject({ status: 303, location: '/login' });
    expect(shared.cookie('makon_session')).toBeUndefined();

    const again = await replay(t, kept).get('/me');
    expect(again.status).toBe(303);
    expect(again.location).toMatch(/^\/login\?/);
    // The session cookie is the API's token: it is refused there too.
    expect((await t.request('GET', '/api/v1/users/me', { token: kept })).status).toBe(401);

    expect((await phone.get('/me')).status).toBe(200);
    expect((await t.request('GET', '/api/v1/users/me', { token: member.token })).status).toBe(200);
  });

  it('holds on every instance of the database', async () => {
    const member = await createUser(t, world.admin.token, 'member');
    const database = t.config.database;
    const other = await startTestApp({
      env: {
        DATABASE_URL: database.type === 'postgres' ? database.url : `sqlite:${database.path}`,
      },
    });
    try {
      const web = await WebClient.signedIn(t.baseUrl, member.email, PASSWORD);
      const kept = web.cookie('makon_session')!;
      expect((await replay(other, kept).get('/me')).status).toBe(200);
      expect((await web.post('/logout', {})).status).toBe(303);
      expect((await replay(other, kept).get('/me')).status).toBe(303);
    } finally {
      await other.close();
    }
  });

  it('forgets a signed-out session once its token would have expired anyway', async () => {
    const member = await createUser(t, world.admin.token, 'member');
    const first = await WebClient.signedIn(t.baseUrl, member.email, PASSWORD);
    await first.post('/logout', {});
    const count = async () =>
      Number((await t.query('SELECT COUNT(*) AS n FROM revoked_sessions'))[0].n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    // The test app's tokens live a year: a year and a day later, the next sign-out prunes them.
    t.clock.advanceMinutes((365 + 1) * 24 * 60);
    const second = await WebClient.signedIn(t.baseUrl, member.email, PASSWORD);
    await second.post('/logout', {});
    expect(await count()).toBe(1);
  });
});
