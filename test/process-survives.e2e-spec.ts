import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, Instance, startInstance } from './support/instances';
import { ADMIN } from './support/test-app';
import { WebClient } from './support/web-client';

/**
 * The requests that once stopped the server, sent to the real server process started as
 * `npm start` starts it: each is answered, and the process is still serving afterwards, without
 * an unhandled error or a stack trace in its log.
 */
describe('the server process survives the requests that once stopped it', () => {
  let dir: string;
  let server: Instance;

  beforeAll(async () => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'makon-survives-'));
    server = await startInstance(`sqlite:${join(dir, 'makon.sqlite')}`, {}, { asNpmStart: true });
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectServing(what: string): Promise<void> {
    expect({ what, exitCode: server.process.exitCode, signal: server.process.signalCode }).toEqual({
      what,
      exitCode: null,
      signal: null,
    });
    const health = await server.request('GET', '/api/v1/health');
    expect({ what, status: health.status }).toEqual({ what, status: 200 });
  }

  it('GET /login?next=/я with a session cookie, valid or not', async () => {
    const token = await server.login(ADMIN.email, ADMIN.password);
    for (const cookie of [`makon_session=${token}`, 'makon_session=anything']) {
      const response = await fetch(`${server.baseUrl}/login?next=%2F%D1%8F`, {
        redirect: 'manual',
        headers: { cookie },
      });
      expect(response.status).toBeLessThan(500);
      await expectServing(`GET /login?next=%2F%D1%8F (${cookie.slice(0, 20)}…)`);
    }
  });

  it('form posts whose next holds CR/LF, U+2028 or Cyrillic, with a valid CSRF pair', async () => {
    const token = await server.login(ADMIN.email, ADMIN.password);
    const nexts = ['/\nx', '/\r\nx', '/\u2028x', '/я', '/\t/evil.example'];
    for (const next of nexts) {
      const anonymous = new WebClient(server.baseUrl);
      await anonymous.get('/login');
      expect((await anonymous.post('/lang', { locale: 'en', next })).status).toBeLessThan(500);
      await expectServing(`POST /lang next=${JSON.stringify(next)}`);

      const signingIn = new WebClient(server.baseUrl);
      await signingIn.get('/login');
      const login = await signingIn.post('/login', {
        email: ADMIN.email,
        password: ADMIN.password,
        next,
      });
      expect(login.status).toBeLessThan(500);
      await expectServing(`POST /login next=${JSON.stringify(next)}`);

      const signedIn = WebClient.withToken(server.baseUrl, token);
      const actions = [
        '/bookings/00000000-0000-4000-8000-000000000000/cancel',
        '/sessions/00000000-0000-4000-8000-000000000000/check-in',
        '/sessions/00000000-0000-4000-8000-000000000000/check-out',
      ];
      for (const action of actions) {
        expect((await signedIn.post(action, { next })).status).toBeLessThan(500);
        await expectServing(`POST ${action} next=${JSON.stringify(next)}`);
      }
    }
  });

  it('deeply nested JSON on an anonymous route', async () => {
    const depth = 5000;
    const body = `{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;
    const response = await server.request('POST', '/api/v1/auth/login', { rawBody: body });
    expect(response.status).toBe(400);
    await expectServing('deeply nested JSON');
  });

  it('logged no unhandled error and no stack trace', () => {
    expect(server.errors()).not.toMatch(/unhandled|\n\s+at /i);
  });
});
