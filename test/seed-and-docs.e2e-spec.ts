import { seedDemo } from '../seeds/demo';
import { DEMO_CENTERS, DEMO_PASSWORD } from '../seeds/demo-data';
import { WriteTransactions } from '../src/database/write-transactions';
import { startTestApp, TestApp } from './support/test-app';

const TABLES = ['organizations', 'users', 'user_centers', 'centers', 'closures', 'resources'];

describe('the demo seed (SEED=demo)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED: 'demo' } });
  });

  afterAll(() => t.close());

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => {
          const [{ n }] = await t.query(`SELECT COUNT(*) AS n FROM ${table}`);
          return [table, Number(n)];
        }),
      ),
    );

  it('loads the five centers in Asia/Tashkent with Uzbekistan’s fixed-date holidays', async () => {
    const token = await t.login('member@makon.example', DEMO_PASSWORD);
    const centers = await t.request('GET', '/api/v1/centers', { token });
    expect(centers.body.items.map((c: { slug: string }) => c.slug).sort()).toEqual(
      DEMO_CENTERS.map((c) => c.slug).sort(),
    );
    expect(new Set(centers.body.items.map((c: { timezone: string }) => c.timezone))).toEqual(
      new Set(['Asia/Tashkent']),
    );
    const kokand = centers.body.items.find((c: { slug: string }) => c.slug === 'kokand');
    const closures = await t.request('GET', `/api/v1/centers/${kokand.id}/closures`, { token });
    expect(
      closures.body.items.map(
        (c: { from: string; yearly: boolean }) => `${c.from.slice(5)} ${c.yearly}`,
      ),
    ).toEqual([
      '01-01 true',
      '03-08 true',
      '03-21 true',
      '05-09 true',
      '09-01 true',
      '10-01 true',
      '12-08 true',
    ]);
    const accessible = await t.request(
      'GET',
      `/api/v1/centers/${kokand.id}/resources?feature=wheelchair_accessible`,
      { token },
    );
    expect(accessible.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'desk',
      'room',
    ]);
  });

  it('has a demo user of every role who can sign in', async () => {
    for (const [email, role] of [
      ['admin@makon.example', 'admin'],
      ['coordinator.kokand@makon.example', 'coordinator'],
      ['trainer@makon.example', 'trainer'],
      ['member@makon.example', 'member'],
    ]) {
      const token = await t.login(email, DEMO_PASSWORD);
      const me = await t.request('GET', '/api/v1/users/me', { token });
      expect(me.body.role).toBe(role);
    }
  });

  it('changes nothing when it runs again', async () => {
    const before = await counts();
    await seedDemo(t.app.get(WriteTransactions), t.clock.now());
    expect(await counts()).toEqual(before);
  });
});

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('is served at /api/docs-json without a token, describing the API’s paths', async () => {
    const response = await t.request('GET', '/api/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/bookings',
        '/api/v1/bookings/{bookingId}/occurrences/{occurrenceId}',
        '/api/v1/centers/{centerId}/availability',
      ]),
    );
    const parameters = (path: string, method: string) =>
      response.body.paths[path][method].parameters.map((p: { name: string }) => p.name);
    expect(parameters('/api/v1/bookings', 'get')).toEqual(
      expect.arrayContaining(['from', 'to', 'centerId', 'status', 'limit', 'offset']),
    );
    expect(parameters('/api/v1/centers/{centerId}/availability', 'get')).toEqual(
      expect.arrayContaining(['centerId', 'start', 'end', 'kind', 'quantity']),
    );
    const ui = await t.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });
});
