import { startTestApp, TestApp } from './support/test-app';
import { createWorld, World } from './support/world';

/**
 * Regression tests for what the fuzzers (api-fuzz, web-fuzz) found beyond the findings of
 * issue 14: each failed with a 5xx before its fix.
 */
describe('inputs the fuzzers found', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  it('refuses a list offset too large to be exact (1e21 reached SQL as "1e+21": 500)', async () => {
    const lists = [
      '/api/v1/organizations',
      '/api/v1/users',
      '/api/v1/centers',
      `/api/v1/centers/${world.centerId}/closures`,
      `/api/v1/centers/${world.centerId}/resources`,
      '/api/v1/bookings',
      '/api/v1/audit',
    ];
    for (const path of lists) {
      for (const offset of ['1e21', '1e308', '9007199254740992']) {
        const response = await t.request('GET', `${path}?offset=${offset}`, {
          token: world.admin.token,
        });
        expect([path, offset, response.status, response.body.code]).toEqual([
          path,
          offset,
          400,
          'VALIDATION_FAILED',
        ]);
      }
      const largest = await t.request('GET', `${path}?offset=9007199254740991`, {
        token: world.admin.token,
      });
      expect([path, largest.status, largest.body.items]).toEqual([path, 200, []]);
    }
  });
});
