import { CONFIG_DEFAULTS } from '../config/defaults';
import { ADMIN, startTestApp, TestApp, assertNoPasswordHash } from './support/test-app';

/** What protects the API at its edge: headers, CORS, token lifetime, body size. */
describe('safety at the edge', () => {
  describe('with the default configuration', () => {
    let t: TestApp;

    beforeAll(async () => {
      // The test harness gives tokens a year; here they get the default of config/defaults.ts.
      t = await startTestApp({ env: { TOKEN_TTL_HOURS: CONFIG_DEFAULTS.TOKEN_TTL_HOURS } });
    });

    afterAll(() => t.close());

    it('sends the security headers of helmet', async () => {
      const response = await t.request('GET', '/api/v1/health');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('keeps CORS off: no browser on another site is allowed to read answers', async () => {
      const preflight = await t.request('OPTIONS', '/api/v1/centers', {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const get = await t.request('GET', '/api/v1/health', {
        headers: { origin: 'https://evil.example' },
      });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('expires tokens after TOKEN_TTL_HOURS (12 by default) on the app’s clock', async () => {
      const token = await t.login(ADMIN.email, ADMIN.password);
      t.clock.advanceMinutes(12 * 60 - 1);
      expect((await t.request('GET', '/api/v1/users/me', { token })).status).toBe(200);
      t.clock.advanceMinutes(1);
      const expired = await t.request('GET', '/api/v1/users/me', { token });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a forged token', async () => {
      const token = await t.login(ADMIN.email, ADMIN.password);
      const [header, payload] = token.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(43)}`;
      expect((await t.request('GET', '/api/v1/users/me', { token: forged })).status).toBe(401);
    });

    it('is checked for password hashes in every response of the e2e suite', () => {
      // The request helper of every e2e spec runs this check; prove that it bites.
      expect(() => assertNoPasswordHash('GET /x', '{"passwordHash":"scrypt$16384$a$b"}')).toThrow();
      expect(() => assertNoPasswordHash('GET /x', '{"name":"Dilnoza"}')).not.toThrow();
    });
  });

  describe('with CORS_ORIGINS and a shorter token lifetime', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({
        env: { CORS_ORIGINS: 'https://portal.makon.example', TOKEN_TTL_HOURS: '1' },
      });
    });

    afterAll(() => t.close());

    it('allows only the listed origin', async () => {
      const allowed = await t.request('OPTIONS', '/api/v1/centers', {
        headers: {
          origin: 'https://portal.makon.example',
          'access-control-request-method': 'GET',
        },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe(
        'https://portal.makon.example',
      );
      const other = await t.request('GET', '/api/v1/health', {
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('expires tokens after one hour', async () => {
      const token = await t.login(ADMIN.email, ADMIN.password);
      t.clock.advanceMinutes(60);
      expect((await t.request('GET', '/api/v1/users/me', { token })).status).toBe(401);
    });
  });
});
