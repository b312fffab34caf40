import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/**
 * Regression tests for what the fuzzers (api-fuzz, web-fuzz) found beyond the findings of
 * issue 14: each failed with a 5xx before its fix.
 */
describe('inputs the fuzzers found', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    // Off the whole minute, as a real clock nearly always is.
    t = await startTestApp({ now: '2026-12-01T08:00:27+05:00' });
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  it('opens My bookings and the QR check-in page when the clock is not on a whole minute (was 400)', async () => {
    const desk = await createResource(t, world.admin.token, world.centerId, { name: 'Clock desk' });
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: world.member.token,
      body: { resourceId: desk.id, start: '2026-12-02T10:00', end: '2026-12-02T11:00' },
    });
    expect(booked.status).toBe(201);
    const member = WebClient.withToken(t.baseUrl, world.member.token);
    const mine = await member.get('/me');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Clock desk');
    const scan = await member.get(new URL(desk.checkInUrl).pathname);
    expect(scan.status).toBe(200);
  });

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

  it('refuses a body of many values before reading it (100,000 objects took 15 s and answered 13 MB)', async () => {
    const booking = { start: '2026-12-02T10:00', end: '2026-12-02T11:00' };
    const bodies = {
      'equipment of 20,000 objects': { ...booking, equipment: Array(20_000).fill({}) },
      '40,000 unknown fields': Object.fromEntries(
        Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i]),
      ),
    };
    for (const [what, body] of Object.entries(bodies)) {
      for (const token of [undefined, world.admin.token]) {
        const response = await t.request('POST', '/api/v1/bookings', { token, body });
        // Refused as a whole, before class-transformer read it (its answer listed every field).
        expect([what, response.status, response.body.details]).toEqual([
          what,
          400,
          [{ field: 'body', message: 'must not hold more than 2000 values' }],
        ]);
      }
    }
    // Under the limit, an answer lists at most 50 problems however many there are.
    const many = await t.request('POST', '/api/v1/bookings', {
      body: { ...booking, equipment: Array(600).fill({ quantity: 0 }) },
    });
    expect(many.status).toBe(400);
    expect(many.body.details).toHaveLength(50);
    // The largest body the API takes still passes: a series with 1,000 exception dates.
    const resource = await t.request('POST', `/api/v1/centers/${world.centerId}/resources`, {
      token: world.admin.token,
      body: { kind: 'desk', name: 'Big series desk' },
    });
    const series = await t.request('POST', '/api/v1/bookings', {
      token: world.member.token,
      body: {
        resourceId: resource.body.id,
        start: '2026-12-02T10:00',
        end: '2026-12-02T11:00',
        dryRun: true,
        recurrence: { rule: 'FREQ=WEEKLY;COUNT=5', exceptions: Array(1_000).fill('2026-12-09') },
        equipment: [],
      },
    });
    expect(series.status).toBe(200);
  });

  it('refuses text that is not valid Unicode with 400 (a lone surrogate made isEmail throw: 500)', async () => {
    const token = world.admin.token;
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/users/${world.member.id}`, '{"email":"a\\ud800b@test.example"}'],
      ['POST', '/api/v1/users', '{"name":"x","role":"member","email":"\\udc00@test.example"}'],
      ['POST', '/api/v1/organizations', '{"name":"a\\ud800"}'],
      ['POST', '/api/v1/organizations', '{"name":"ok","\\ud800":"key"}'],
    ] as const) {
      for (const as of [undefined, token]) {
        const response = await t.request(method, path, { token: as, rawBody: body });
        expect([path, body, response.status, response.body.code]).toEqual([
          path,
          body,
          400,
          'VALIDATION_FAILED',
        ]);
      }
    }
    const query = await t.request('GET', '/api/v1/users?q=%ED%A0%80', { token });
    expect(query.status).toBeLessThan(500);
    // A well-formed pair (an emoji) is text like any other.
    const emoji = await t.request('POST', '/api/v1/organizations', {
      token,
      body: { name: 'Yoshlar 🌱' },
    });
    expect(emoji.status).toBe(201);
  });

  it('refuses a repeated non-ASCII organization name with 409, in any letter case (was 500)', async () => {
    const token = world.admin.token;
    const create = (name: string) =>
      t.request('POST', '/api/v1/organizations', { token, body: { name } });
    const first = await create('Нихол ＮＧＯ');
    expect(first.status).toBe(201);
    const other = await create('Yoshlar');
    for (const name of ['Нихол ＮＧＯ', 'НИХОЛ ｎｇｏ', 'нихол ＮＧＯ']) {
      const again = await create(name);
      expect([name, again.status, again.body.code]).toEqual([name, 409, 'ALREADY_EXISTS']);
      const renamed = await t.request('PATCH', `/api/v1/organizations/${other.body.id}`, {
        token,
        body: { name },
      });
      expect([name, renamed.status, renamed.body.code]).toEqual([name, 409, 'ALREADY_EXISTS']);
    }
    // Its own name in another case is a rename, not a clash.
    const recased = await t.request('PATCH', `/api/v1/organizations/${first.body.id}`, {
      token,
      body: { name: 'НИХОЛ NGO' },
    });
    expect(recased.status).toBe(200);
    expect(recased.body.name).toBe('НИХОЛ NGO');
  });
  it('keeps an email sent as null in PATCH /users/:id, as it keeps every other field (was 500)', async () => {
    const before = await t.request('GET', `/api/v1/users/${world.member.id}`, {
      token: world.admin.token,
    });
    const patched = await t.request('PATCH', `/api/v1/users/${world.member.id}`, {
      token: world.admin.token,
      body: { email: null, name: 'Renamed member' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.email).toBe(before.body.email);
    expect(patched.body.name).toBe('Renamed member');
  });

  it('keeps a center’s slug sent as null in PATCH /centers/:id, as it keeps every other field (was 500)', async () => {
    const before = await t.request('GET', `/api/v1/centers/${world.centerId}`, {
      token: world.coordinator.token,
    });
    const patched = await t.request('PATCH', `/api/v1/centers/${world.centerId}`, {
      token: world.coordinator.token,
      body: { slug: null, policy: { maxAdvanceDays: 40 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.slug).toBe(before.body.slug);
    expect(patched.body.policy.maxAdvanceDays).toBe(40);
  });

  it('reads the people and audit pages with a filter sent twice (the first counts; was 500)', async () => {
    const coordinator = WebClient.withToken(t.baseUrl, world.coordinator.token);
    const people = await coordinator.get('/admin/people?q=%01%07&q=a%E2%80%A8b&role=member&role=x');
    expect(people.status).toBe(200);
    const audit = await coordinator.get('/admin/audit?action=x&action=y&page=2&page=3');
    expect(audit.status).toBeLessThan(500);
  });
});
