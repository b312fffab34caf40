import { ADMIN, ApiResponse, startTestApp, TestApp } from './support/test-app';
import {
  Actor,
  createCenter,
  createResource,
  createUser,
  createWorld,
  Json,
  requestBooking,
  World,
} from './support/world';

/**
 * The catalog side of API.md over real HTTP: identity, centers, closures, resources, availability
 * and resource schedules, with every status and error code these paths can answer.
 */

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const CENTER_KEYS = [
  'active',
  'address',
  'city',
  'id',
  'name',
  'openingHours',
  'policy',
  'region',
  'slug',
  'timezone',
];
const RESOURCE_KEYS = [
  'active',
  'bufferMinutes',
  'capacity',
  'centerId',
  'checkInRequired',
  'features',
  'id',
  'kind',
  'maxDurationMinutes',
  'minDurationMinutes',
  'name',
  'quantity',
  'requiresApproval',
];
const DEFAULT_POLICY = {
  maxAdvanceDays: 90,
  maxOccurrences: 366,
  checkInOpensMinutes: 15,
  checkInGraceMinutes: 15,
  walkInMaxMinutes: 240,
};
const WORKDAY = [{ from: '09:00', to: '18:00' }];
const DEFAULT_HOURS = {
  mon: WORKDAY,
  tue: WORKDAY,
  wed: WORKDAY,
  thu: WORKDAY,
  fri: WORKDAY,
  sat: WORKDAY,
  sun: [],
};
const CHECK_IN_URL = /^http:\/\/makon\.test\/c\/[A-Za-z0-9_-]+$/;

let slugCounter = 0;
const newSlug = () => `catalog-${++slugCounter}-${Math.random().toString(36).slice(2, 7)}`;

/** Every key of every object nested in a JSON value. */
function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [key, nested] of Object.entries(value)) {
      into.add(key);
      keysDeep(nested, into);
    }
  }
  return into;
}

/** The error shape of API.md: `{statusCode, code, message}`, plus `details` for validation. */
function expectError(response: ApiResponse, status: number, code: string, field?: string): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.body.statusCode).toBe(status);
  expect(typeof response.body.message).toBe('string');
  expect(response.body.message.length).toBeGreaterThan(0);
  if (code === 'VALIDATION_FAILED') {
    expect(Object.keys(response.body).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
    expect(response.body.details.length).toBeGreaterThan(0);
    for (const detail of response.body.details) {
      expect(Object.keys(detail).sort()).toEqual(['field', 'message']);
      expect(typeof detail.field).toBe('string');
      expect(typeof detail.message).toBe('string');
    }
    if (field !== undefined) {
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  } else if (code === 'BOOKING_CONFLICT') {
    expect(Object.keys(response.body).sort()).toEqual([
      'code',
      'conflicts',
      'message',
      'statusCode',
    ]);
  } else {
    expect(Object.keys(response.body).sort()).toEqual(['code', 'message', 'statusCode']);
  }
}

describe('catalog', () => {
  let t: TestApp;
  let w: World;
  /** The raw text of every response of the current test, checked for password hashes. */
  let responses: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    const send = t.request.bind(t);
    t.request = (async (...args: Parameters<TestApp['request']>) => {
      const response = await send(...args);
      responses.push(
        typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
      );
      return response;
    }) as TestApp['request'];
    w = await createWorld(t);
  });

  afterEach(() => {
    const leaks = responses.filter((text) => /passwordHash|password_hash|scrypt\$/.test(text));
    responses = [];
    expect(leaks).toEqual([]);
  });

  afterAll(() => t.close());

  const get = (token: string | undefined, path: string) => t.request('GET', path, { token });
  const post = (token: string | undefined, path: string, body: unknown) =>
    t.request('POST', path, { token, body });
  const patch = (token: string | undefined, path: string, body: unknown) =>
    t.request('PATCH', path, { token, body });
  const del = (token: string | undefined, path: string) => t.request('DELETE', path, { token });
  const book = (token: string, body: Json) => requestBooking(t, token, body);

  /** A fresh center (default hours and policy) with a coordinator who runs it. */
  async function centerWithCoordinator(
    overrides: Record<string, unknown> = {},
  ): Promise<{ centerId: string; coordinator: Actor }> {
    const center = await createCenter(t, w.admin.token, { slug: newSlug(), ...overrides });
    const coordinator = await createUser(t, w.admin.token, 'coordinator', {
      centerIds: [center.id],
    });
    return { centerId: center.id, coordinator };
  }

  describe('identity', () => {
    it('signs in with 200 {accessToken, user}, the user without any password hash', async () => {
      const response = await post(undefined, '/api/v1/auth/login', {
        email: w.member.email,
        password: 'user-password-1',
      });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'user']);
      expect(typeof response.body.accessToken).toBe('string');
      expect(response.body.user).toMatchObject({
        id: w.member.id,
        email: w.member.email,
        role: 'member',
      });
      expect(keysDeep(response.body.user)).not.toContain('passwordHash');
      expect(keysDeep(response.body.user)).not.toContain('password');
      const me = await get(response.body.accessToken, '/api/v1/users/me');
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(w.member.id);
    });

    it('refuses a wrong password and an unknown email alike with 401 INVALID_CREDENTIALS', async () => {
      const wrongPassword = await post(undefined, '/api/v1/auth/login', {
        email: w.trainer.email,
        password: 'not-the-password',
      });
      expectError(wrongPassword, 401, 'INVALID_CREDENTIALS');
      const unknownEmail = await post(undefined, '/api/v1/auth/login', {
        email: 'nobody@test.example',
        password: 'user-password-1',
      });
      expectError(unknownEmail, 401, 'INVALID_CREDENTIALS');
      expect(unknownEmail.body.message).toBe(wrongPassword.body.message);
    });

    it('answers 400 to a login without a password', async () => {
      const response = await post(undefined, '/api/v1/auth/login', { email: w.member.email });
      expectError(response, 400, 'VALIDATION_FAILED', 'password');
    });

    it('GET /users/me answers the caller, and 401 without a valid token', async () => {
      const me = await get(w.coordinator.token, '/api/v1/users/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        id: w.coordinator.id,
        email: w.coordinator.email,
        role: 'coordinator',
        centerIds: [w.centerId],
      });
      expectError(await get(undefined, '/api/v1/users/me'), 401, 'UNAUTHENTICATED');
      expectError(await get('not-a-jwt', '/api/v1/users/me'), 401, 'UNAUTHENTICATED');
      expectError(
        await get(`${w.member.token.slice(0, -4)}AAAA`, '/api/v1/users/me'),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('lets an admin create a user of any role, who can then sign in', async () => {
      for (const role of ['member', 'trainer', 'coordinator', 'admin']) {
        const email = `created-${role}-${newSlug()}@test.example`;
        const response = await post(w.admin.token, '/api/v1/users', {
          name: `Created ${role}`,
          email,
          password: 'created-password-1',
          role,
          ...(role === 'coordinator' && { centerIds: [w.centerId] }),
        });
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({
          id: expect.any(String),
          email,
          name: `Created ${role}`,
          role,
        });
        expect(keysDeep(response.body)).not.toContain('passwordHash');
        const token = await t.login(email, 'created-password-1');
        expect((await get(token, '/api/v1/users/me')).body.id).toBe(response.body.id);
      }
    });

    it('lets a coordinator create members and trainers, but not coordinators or admins', async () => {
      for (const role of ['member', 'trainer']) {
        const response = await post(w.coordinator.token, '/api/v1/users', {
          name: `Coordinated ${role}`,
          email: `${newSlug()}@test.example`,
          password: 'created-password-1',
          role,
        });
        expect(response.status).toBe(201);
        expect(response.body.role).toBe(role);
      }
      for (const role of ['coordinator', 'admin']) {
        const response = await post(w.coordinator.token, '/api/v1/users', {
          name: `Promoted ${role}`,
          email: `${newSlug()}@test.example`,
          password: 'created-password-1',
          role,
          centerIds: [w.centerId],
        });
        expectError(response, 403, 'FORBIDDEN');
      }
    });

    it('refuses members and trainers creating users with 403', async () => {
      for (const caller of [w.member, w.trainer]) {
        const response = await post(caller.token, '/api/v1/users', {
          name: 'Friend',
          email: `${newSlug()}@test.example`,
          password: 'created-password-1',
          role: 'member',
        });
        expectError(response, 403, 'FORBIDDEN');
      }
    });

    it('creates a user with a phone and no email', async () => {
      const response = await post(w.coordinator.token, '/api/v1/users', {
        name: 'Phone only',
        phone: '+998901234567',
        role: 'member',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ email: null, phone: '+998901234567', role: 'member' });
    });

    it('refuses a duplicate email with 409 ALREADY_EXISTS, whatever its case', async () => {
      for (const email of [w.member.email, w.member.email.toUpperCase()]) {
        const response = await post(w.admin.token, '/api/v1/users', {
          name: 'Twin',
          email,
          password: 'created-password-1',
          role: 'member',
        });
        expectError(response, 409, 'ALREADY_EXISTS');
      }
    });

    it('needs centerIds for a coordinator (400) and known centers (404)', async () => {
      const base = { name: 'Coordinator', password: 'created-password-1', role: 'coordinator' };
      expectError(
        await post(w.admin.token, '/api/v1/users', {
          ...base,
          email: `${newSlug()}@test.example`,
        }),
        400,
        'VALIDATION_FAILED',
        'centerIds',
      );
      expectError(
        await post(w.admin.token, '/api/v1/users', {
          ...base,
          email: `${newSlug()}@test.example`,
          centerIds: [],
        }),
        400,
        'VALIDATION_FAILED',
        'centerIds',
      );
      expectError(
        await post(w.admin.token, '/api/v1/users', {
          ...base,
          email: `${newSlug()}@test.example`,
          centerIds: [w.centerId, NOWHERE],
        }),
        404,
        'NOT_FOUND',
      );
    });

    it('answers 400 to a malformed user: bad role, bad email, unknown field', async () => {
      const good = { name: 'Someone', password: 'created-password-1', role: 'member' };
      expectError(
        await post(w.admin.token, '/api/v1/users', {
          ...good,
          email: `${newSlug()}@test.example`,
          role: 'owner',
        }),
        400,
        'VALIDATION_FAILED',
        'role',
      );
      expectError(
        await post(w.admin.token, '/api/v1/users', { ...good, email: 'not-an-email' }),
        400,
        'VALIDATION_FAILED',
        'email',
      );
      expectError(
        await post(w.admin.token, '/api/v1/users', {
          ...good,
          email: `${newSlug()}@test.example`,
          isAdmin: true,
        }),
        400,
        'VALIDATION_FAILED',
        'isAdmin',
      );
    });
  });

  describe('centers', () => {
    it('lists the centers and reads one; an unknown one is 404', async () => {
      const list = await get(w.member.token, '/api/v1/centers');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(list.body.items.length);
      const ids = list.body.items.map((c: { id: string }) => c.id);
      expect(ids).toEqual(expect.arrayContaining([w.centerId, w.otherCenterId]));
      const one = await get(w.member.token, `/api/v1/centers/${w.centerId}`);
      expect(one.status).toBe(200);
      expect(Object.keys(one.body).sort()).toEqual(CENTER_KEYS);
      expect(one.body.id).toBe(w.centerId);
      expectError(await get(w.member.token, `/api/v1/centers/${NOWHERE}`), 404, 'NOT_FOUND');
      expectError(await get(undefined, '/api/v1/centers'), 401, 'UNAUTHENTICATED');
    });

    it('creates a center (admin) with 201 and the documented defaults', async () => {
      const slug = newSlug();
      const response = await post(w.admin.token, '/api/v1/centers', {
        slug,
        name: 'Bukhara hub',
        city: 'Bukhara',
        region: 'Bukhara',
      });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(CENTER_KEYS);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        slug,
        name: 'Bukhara hub',
        city: 'Bukhara',
        region: 'Bukhara',
        timezone: 'Asia/Tashkent',
        openingHours: DEFAULT_HOURS,
        policy: DEFAULT_POLICY,
        active: true,
      });
      const read = await get(w.member.token, `/api/v1/centers/${response.body.id}`);
      expect(read.body).toEqual(response.body);
    });

    it('keeps center creation to admins (403)', async () => {
      const body = { slug: newSlug(), name: 'Rogue', city: 'Tashkent', region: 'Tashkent' };
      expectError(await post(w.coordinator.token, '/api/v1/centers', body), 403, 'FORBIDDEN');
      expectError(await post(w.member.token, '/api/v1/centers', body), 403, 'FORBIDDEN');
    });

    it('refuses a bad time zone, bad opening hours and an out-of-range policy with 400', async () => {
      const base = () => ({ slug: newSlug(), name: 'Bad', city: 'Tashkent', region: 'Tashkent' });
      expectError(
        await post(w.admin.token, '/api/v1/centers', { ...base(), timezone: 'Mars/Olympus' }),
        400,
        'VALIDATION_FAILED',
        'timezone',
      );
      expectError(
        await post(w.admin.token, '/api/v1/centers', {
          ...base(),
          openingHours: { ...DEFAULT_HOURS, mon: [{ from: '18:00', to: '09:00' }] },
        }),
        400,
        'VALIDATION_FAILED',
        'openingHours',
      );
      expectError(
        await post(w.admin.token, '/api/v1/centers', {
          ...base(),
          openingHours: { ...DEFAULT_HOURS, tue: [{ from: '10:00', to: '10:00' }] },
        }),
        400,
        'VALIDATION_FAILED',
        'openingHours',
      );
      for (const policy of [
        { maxAdvanceDays: 0 },
        { maxAdvanceDays: 3651 },
        { maxOccurrences: 1001 },
        { checkInOpensMinutes: 0 },
        { walkInMaxMinutes: 1441 },
      ]) {
        const [field] = Object.keys(policy);
        expectError(
          await post(w.admin.token, '/api/v1/centers', { ...base(), policy }),
          400,
          'VALIDATION_FAILED',
          `policy.${field}`,
        );
      }
      expectError(
        await post(w.admin.token, '/api/v1/centers', { name: 'No slug', city: 'X', region: 'X' }),
        400,
        'VALIDATION_FAILED',
        'slug',
      );
    });

    it('stores the canonical name of a time zone typed in any case, on create and PATCH (issue 14)', async () => {
      const base = () => ({ slug: newSlug(), name: 'Zone', city: 'Tashkent', region: 'Tashkent' });
      for (const [typed, canonical] of [
        ['asia/tashkent', 'Asia/Tashkent'],
        ['ASIA/SAMARKAND', 'Asia/Samarkand'],
        ['utc', 'UTC'],
        ['Etc/UTC', 'UTC'],
        ['us/eastern', 'America/New_York'],
        ['Asia/Tashkent', 'Asia/Tashkent'],
      ]) {
        const created = await post(w.admin.token, '/api/v1/centers', {
          ...base(),
          timezone: typed,
        });
        expect(created.status).toBe(201);
        expect(created.body.timezone).toBe(canonical);
        const read = await get(w.member.token, `/api/v1/centers/${created.body.id}`);
        expect(read.body.timezone).toBe(canonical);
      }
      const { centerId, coordinator } = await centerWithCoordinator();
      const patched = await patch(coordinator.token, `/api/v1/centers/${centerId}`, {
        timezone: 'europe/berlin',
      });
      expect(patched.status).toBe(200);
      expect(patched.body.timezone).toBe('Europe/Berlin');
      const [row] = await t.query('SELECT timezone FROM centers WHERE id = ?', [centerId]);
      expect(row.timezone).toBe('Europe/Berlin');
      for (const bad of ['', '+05:00', 'UTC+5', 'Asia/Tashkent ', 'asia\\tashkent']) {
        expectError(
          await patch(coordinator.token, `/api/v1/centers/${centerId}`, { timezone: bad }),
          400,
          'VALIDATION_FAILED',
          'timezone',
        );
      }
    });

    it('canonicalizes the time zones stored before, by migration (issue 14)', async () => {
      const ids: string[] = [];
      for (const typed of ['asia/tashkent', 'utc', 'Etc/UTC', 'Asia/Samarkand']) {
        const { centerId } = await centerWithCoordinator();
        await t.query('UPDATE centers SET timezone = ? WHERE id = ?', [typed, centerId]);
        ids.push(centerId);
      }
      const migration = t.dataSource.migrations.find(
        (m) => m.name === 'CanonicalTimeZones1764910000000',
      );
      const runner = t.dataSource.createQueryRunner();
      try {
        await migration!.up(runner);
      } finally {
        await runner.release();
      }
      const zones = [];
      for (const id of ids)
        zones.push((await get(w.member.token, `/api/v1/centers/${id}`)).body.timezone);
      expect(zones).toEqual(['Asia/Tashkent', 'UTC', 'UTC', 'Asia/Samarkand']);
    });

    it('refuses a slug that is taken with 409 ALREADY_EXISTS', async () => {
      const slug = newSlug();
      const body = { slug, name: 'First', city: 'Nukus', region: 'Karakalpakstan' };
      expect((await post(w.admin.token, '/api/v1/centers', body)).status).toBe(201);
      expectError(
        await post(w.admin.token, '/api/v1/centers', { ...body, name: 'Second' }),
        409,
        'ALREADY_EXISTS',
      );
    });

    it('lets the center’s coordinator PATCH it (200), merging the policy field by field', async () => {
      const { centerId, coordinator } = await centerWithCoordinator();
      const path = `/api/v1/centers/${centerId}`;
      const renamed = await patch(coordinator.token, path, { name: 'Renamed hub' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: centerId, name: 'Renamed hub', city: 'Tashkent' });
      const first = await patch(coordinator.token, path, { policy: { maxAdvanceDays: 30 } });
      expect(first.status).toBe(200);
      expect(first.body.policy).toEqual({ ...DEFAULT_POLICY, maxAdvanceDays: 30 });
      const second = await patch(coordinator.token, path, { policy: { walkInMaxMinutes: 60 } });
      expect(second.body.policy).toEqual({
        ...DEFAULT_POLICY,
        maxAdvanceDays: 30,
        walkInMaxMinutes: 60,
      });
      expect((await get(w.member.token, path)).body.policy).toEqual(second.body.policy);

      // The new window is what bookings are checked against.
      const desk = await createResource(t, coordinator.token, centerId);
      const tooFar = await book(w.member.token, {
        resourceId: desk.id,
        start: '2027-01-05T10:00',
        end: '2027-01-05T11:00',
      });
      expectError(tooFar, 422, 'TOO_FAR_AHEAD');
      expectError(
        await patch(coordinator.token, path, { policy: { maxAdvanceDays: 0 } }),
        400,
        'VALIDATION_FAILED',
        'policy.maxAdvanceDays',
      );
    });

    it('replaces the whole week of opening hours when they are sent', async () => {
      const { centerId, coordinator } = await centerWithCoordinator();
      const path = `/api/v1/centers/${centerId}`;
      const week = {
        mon: [
          { from: '08:00', to: '12:00' },
          { from: '13:00', to: '20:00' },
        ],
        tue: [],
        wed: [{ from: '10:00', to: '24:00' }],
        thu: [],
        fri: [],
        sat: [],
        sun: [{ from: '10:00', to: '14:00' }],
      };
      const response = await patch(coordinator.token, path, { openingHours: week });
      expect(response.status).toBe(200);
      expect(response.body.openingHours).toEqual(week);
      expect(response.body.policy).toEqual(DEFAULT_POLICY);
      expect((await get(w.member.token, path)).body.openingHours).toEqual(week);
      const desk = await createResource(t, coordinator.token, centerId);
      const tuesday = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-08T10:00',
        end: '2026-12-08T11:00',
      });
      expectError(tuesday, 409, 'BOOKING_CONFLICT');
      expect(tuesday.body.conflicts[0].reason).toBe('outside_hours');
      const sunday = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-06T10:00',
        end: '2026-12-06T11:00',
      });
      expect(sunday.status).toBe(201);
      expectError(
        await patch(coordinator.token, path, {
          openingHours: { ...week, fri: [{ from: '17:00', to: '09:00' }] },
        }),
        400,
        'VALIDATION_FAILED',
        'openingHours',
      );
    });

    it('does not keep days left out of a new week of opening hours', async () => {
      const { centerId, coordinator } = await centerWithCoordinator();
      const response = await patch(coordinator.token, `/api/v1/centers/${centerId}`, {
        openingHours: { mon: [{ from: '10:00', to: '16:00' }] },
      });
      expect(response.status).toBe(200);
      expect(response.body.openingHours.mon).toEqual([{ from: '10:00', to: '16:00' }]);
      for (const day of ['tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
        expect(response.body.openingHours[day] ?? []).toEqual([]);
      }
    });

    it('refuses a PATCH by another center’s coordinator or a member with 403', async () => {
      const path = `/api/v1/centers/${w.centerId}`;
      expectError(
        await patch(w.otherCoordinator.token, path, { name: 'Mine now' }),
        403,
        'FORBIDDEN',
      );
      expectError(await patch(w.member.token, path, { name: 'Mine now' }), 403, 'FORBIDDEN');
      expectError(
        await patch(w.admin.token, `/api/v1/centers/${NOWHERE}`, { name: 'Ghost' }),
        404,
        'NOT_FOUND',
      );
      expect((await get(w.member.token, path)).body.name).toBe('Test center');
    });
  });

  describe('closures', () => {
    let centerId: string;
    let coordinator: Actor;

    beforeAll(async () => {
      ({ centerId, coordinator } = await centerWithCoordinator());
    });

    const closuresPath = () => `/api/v1/centers/${centerId}/closures`;

    it('creates (201), lists and deletes (204) a closure; an unknown one is 404', async () => {
      const created = await post(coordinator.token, closuresPath(), {
        from: '2026-12-21',
        to: '2026-12-22',
        reason: 'Inventory',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        centerId,
        from: '2026-12-21',
        to: '2026-12-22',
        reason: 'Inventory',
        yearly: false,
        affected: [],
      });
      const list = await get(w.member.token, closuresPath());
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual({
        id: created.body.id,
        centerId,
        from: '2026-12-21',
        to: '2026-12-22',
        reason: 'Inventory',
        yearly: false,
      });
      expect(list.body.total).toBe(list.body.items.length);

      const removed = await del(coordinator.token, `${closuresPath()}/${created.body.id}`);
      expect(removed.status).toBe(204);
      expect(removed.body).toBe('');
      const after = await get(w.member.token, closuresPath());
      expect(after.body.items.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
      expectError(
        await del(coordinator.token, `${closuresPath()}/${created.body.id}`),
        404,
        'NOT_FOUND',
      );
      expectError(await del(coordinator.token, `${closuresPath()}/${NOWHERE}`), 404, 'NOT_FOUND');
      expectError(
        await get(w.member.token, `/api/v1/centers/${NOWHERE}/closures`),
        404,
        'NOT_FOUND',
      );
    });

    it('lists the future sessions on the closed days in `affected`, without cancelling them', async () => {
      const desk = await createResource(t, coordinator.token, centerId);
      const onClosedDay = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-08T10:00',
        end: '2026-12-08T11:30',
        title: 'Report writing',
      });
      expect(onClosedDay.status).toBe(201);
      const dayAfter = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-09T10:00',
        end: '2026-12-09T11:00',
      });
      expect(dayAfter.status).toBe(201);

      const closure = await post(coordinator.token, closuresPath(), {
        from: '2026-12-08',
        to: '2026-12-08',
        reason: 'Power maintenance',
      });
      expect(closure.status).toBe(201);
      expect(closure.body.affected).toEqual([
        expect.objectContaining({
          bookingId: onClosedDay.body.id,
          occurrenceId: onClosedDay.body.occurrences[0].id,
          start: '2026-12-08T10:00:00+05:00',
          end: '2026-12-08T11:30:00+05:00',
        }),
      ]);

      const kept = await get(w.member.token, `/api/v1/bookings/${onClosedDay.body.id}`);
      expect(kept.body.status).toBe('confirmed');
      expect(kept.body.occurrences[0].status).toBe('booked');

      const newOnClosedDay = await book(w.otherMember.token, {
        resourceId: desk.id,
        start: '2026-12-08T14:00',
        end: '2026-12-08T15:00',
      });
      expectError(newOnClosedDay, 409, 'BOOKING_CONFLICT');
      expect(newOnClosedDay.body.conflicts).toEqual([
        {
          start: '2026-12-08T14:00:00+05:00',
          end: '2026-12-08T15:00:00+05:00',
          resourceId: desk.id,
          reason: 'closed',
        },
      ]);

      expect((await del(coordinator.token, `${closuresPath()}/${closure.body.id}`)).status).toBe(
        204,
      );
      const reopened = await book(w.otherMember.token, {
        resourceId: desk.id,
        start: '2026-12-08T14:00',
        end: '2026-12-08T15:00',
      });
      expect(reopened.status).toBe(201);
    });

    it('answers 400 to bad dates: to before from, 2026-02-30, other formats, no reason', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ from: '2026-12-10', to: '2026-12-09', reason: 'Backwards' }, 'to'],
        [{ from: '2026-02-30', to: '2026-03-01', reason: 'No such day' }, 'from'],
        [{ from: '2026-12-10', to: '2026-12-32', reason: 'No such day' }, 'to'],
        [{ from: '10.12.2026', to: '2026-12-10', reason: 'Other format' }, 'from'],
        [{ from: '2026-12-10', to: '2026-12-10' }, 'reason'],
        [{ from: '2026-12-10', to: '2026-12-10', reason: 'Odd', recurring: true }, 'recurring'],
      ];
      for (const [body, field] of cases) {
        expectError(
          await post(coordinator.token, closuresPath(), body),
          400,
          'VALIDATION_FAILED',
          field,
        );
      }
      const list = await get(w.member.token, closuresPath());
      expect(list.body.items.map((c: { reason: string }) => c.reason)).not.toContain('Backwards');
    });

    it('keeps closures to the center’s own staff (403), on a center that exists (404)', async () => {
      const body = { from: '2026-12-15', to: '2026-12-15', reason: 'Not yours' };
      expectError(await post(w.coordinator.token, closuresPath(), body), 403, 'FORBIDDEN');
      expectError(await post(w.member.token, closuresPath(), body), 403, 'FORBIDDEN');
      expectError(
        await post(w.admin.token, `/api/v1/centers/${NOWHERE}/closures`, body),
        404,
        'NOT_FOUND',
      );
      const mine = await post(coordinator.token, closuresPath(), {
        ...body,
        reason: 'Staff training',
      });
      expect(mine.status).toBe(201);
      expectError(
        await del(w.coordinator.token, `${closuresPath()}/${mine.body.id}`),
        403,
        'FORBIDDEN',
      );
      expectError(await del(w.member.token, `${closuresPath()}/${mine.body.id}`), 403, 'FORBIDDEN');
      const admin = await del(w.admin.token, `${closuresPath()}/${mine.body.id}`);
      expect(admin.status).toBe(204);
    });

    it('repeats a yearly closure on the same month-days in later years, across the year end', async () => {
      const desk = await createResource(t, coordinator.token, centerId);
      const yearly = await post(coordinator.token, closuresPath(), {
        from: '2024-12-31',
        to: '2025-01-01',
        reason: 'New Year',
        yearly: true,
      });
      expect(yearly.status).toBe(201);
      expect(yearly.body.yearly).toBe(true);
      for (const day of ['2026-12-31', '2027-01-01']) {
        const response = await book(w.member.token, {
          resourceId: desk.id,
          start: `${day}T10:00`,
          end: `${day}T11:00`,
        });
        expectError(response, 409, 'BOOKING_CONFLICT');
        expect(response.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual([
          'closed',
        ]);
      }
      const dayBefore = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-30T10:00',
        end: '2026-12-30T11:00',
      });
      expect(dayBefore.status).toBe(201);
      const dayAfter = await book(w.member.token, {
        resourceId: desk.id,
        start: '2027-01-02T10:00',
        end: '2027-01-02T11:00',
      });
      expect(dayAfter.status).toBe(201);
    });
  });

  describe('resources', () => {
    const resourcesPath = (centerId: string) => `/api/v1/centers/${centerId}/resources`;

    it('creates each kind with 201 and the documented defaults', async () => {
      const desk = await post(w.coordinator.token, resourcesPath(w.centerId), {
        kind: 'desk',
        name: 'Window desk',
      });
      expect(desk.status).toBe(201);
      expect(Object.keys(desk.body).sort()).toEqual([...RESOURCE_KEYS, 'checkInUrl'].sort());
      expect(desk.body).toEqual({
        id: expect.any(String),
        centerId: w.centerId,
        kind: 'desk',
        name: 'Window desk',
        capacity: null,
        quantity: 1,
        features: [],
        requiresApproval: false,
        checkInRequired: true,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
        bufferMinutes: 0,
        active: true,
        checkInUrl: expect.stringMatching(CHECK_IN_URL),
      });
      const computer = await post(w.coordinator.token, resourcesPath(w.centerId), {
        kind: 'computer',
        name: 'PC 1',
      });
      expect(computer.status).toBe(201);
      expect(computer.body.checkInRequired).toBe(true);
      const room = await post(w.coordinator.token, resourcesPath(w.centerId), {
        kind: 'room',
        name: 'Seminar room',
        capacity: 20,
        features: ['projector', 'wheelchair_accessible'],
      });
      expect(room.status).toBe(201);
      expect(room.body).toMatchObject({
        kind: 'room',
        capacity: 20,
        checkInRequired: false,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
        bufferMinutes: 0,
        features: ['projector', 'wheelchair_accessible'],
      });
      const pool = await post(w.admin.token, resourcesPath(w.centerId), {
        kind: 'equipment',
        name: 'Laptops',
        quantity: 12,
      });
      expect(pool.status).toBe(201);
      expect(pool.body).toMatchObject({ kind: 'equipment', quantity: 12, checkInRequired: false });
      expect(new Set([desk, computer, room, pool].map((r) => r.body.checkInUrl)).size).toBe(4);
    });

    it('needs a capacity for a room and a quantity for equipment (400)', async () => {
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), { kind: 'room', name: 'R' }),
        400,
        'VALIDATION_FAILED',
        'capacity',
      );
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), {
          kind: 'equipment',
          name: 'Projectors',
        }),
        400,
        'VALIDATION_FAILED',
        'quantity',
      );
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), {
          kind: 'spaceship',
          name: 'S',
        }),
        400,
        'VALIDATION_FAILED',
        'kind',
      );
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), {
          kind: 'desk',
          name: 'D',
          minDurationMinutes: 60,
          maxDurationMinutes: 30,
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('keeps resource creation to the center’s staff (403) in a center that exists (404)', async () => {
      const body = { kind: 'desk', name: 'Not allowed' };
      expectError(await post(w.member.token, resourcesPath(w.centerId), body), 403, 'FORBIDDEN');
      expectError(await post(w.trainer.token, resourcesPath(w.centerId), body), 403, 'FORBIDDEN');
      expectError(
        await post(w.otherCoordinator.token, resourcesPath(w.centerId), body),
        403,
        'FORBIDDEN',
      );
      expectError(await post(w.admin.token, resourcesPath(NOWHERE), body), 404, 'NOT_FOUND');
      const list = await get(w.member.token, resourcesPath(w.centerId));
      expect(list.body.items.map((r: { name: string }) => r.name)).not.toContain('Not allowed');
    });

    describe('listing', () => {
      let centerId: string;
      let coordinator: Actor;
      const ids: Record<string, string> = {};

      beforeAll(async () => {
        ({ centerId, coordinator } = await centerWithCoordinator());
        const make = async (key: string, body: Record<string, unknown>) => {
          ids[key] = (await createResource(t, coordinator.token, centerId, body)).id;
        };
        await make('deskA', { kind: 'desk', name: 'Desk A', features: ['window'] });
        await make('deskB', { kind: 'desk', name: 'Desk B' });
        await make('room', { kind: 'room', name: 'Room', capacity: 8, features: ['projector'] });
        await make('pool', {
          kind: 'equipment',
          name: 'Projectors',
          quantity: 3,
          features: ['projector'],
        });
        await make('retired', { kind: 'computer', name: 'Old PC' });
        expect((await del(coordinator.token, `/api/v1/resources/${ids.retired}`)).body.active).toBe(
          false,
        );
      });

      const list = async (query: string) => {
        const response = await get(w.member.token, `${resourcesPath(centerId)}${query}`);
        expect(response.status).toBe(200);
        return {
          ids: response.body.items.map((r: { id: string }) => r.id).sort(),
          total: response.body.total,
          items: response.body.items,
        };
      };

      it('lists every resource with total, and filters by kind, feature and active', async () => {
        const all = await list('');
        expect(all.total).toBe(5);
        expect(all.ids).toEqual(Object.values(ids).sort());
        expect(await list('?kind=desk')).toMatchObject({
          ids: [ids.deskA, ids.deskB].sort(),
          total: 2,
        });
        expect(await list('?feature=projector')).toMatchObject({
          ids: [ids.room, ids.pool].sort(),
          total: 2,
        });
        expect(await list('?kind=room&feature=projector')).toMatchObject({
          ids: [ids.room],
          total: 1,
        });
        expect(await list('?active=false')).toMatchObject({ ids: [ids.retired], total: 1 });
        expect((await list('?active=true')).total).toBe(4);
        expect(await list('?kind=computer&active=true')).toMatchObject({ ids: [], total: 0 });
      });

      it('pages with limit and offset, keeping the total', async () => {
        const all = await get(w.member.token, resourcesPath(centerId));
        const order = all.body.items.map((r: { id: string }) => r.id);
        const page = await get(w.member.token, `${resourcesPath(centerId)}?limit=2&offset=1`);
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(5);
        expect(page.body.items.map((r: { id: string }) => r.id)).toEqual(order.slice(1, 3));
        const last = await get(w.member.token, `${resourcesPath(centerId)}?limit=2&offset=4`);
        expect(last.body.items.map((r: { id: string }) => r.id)).toEqual(order.slice(4));
        const beyond = await get(w.member.token, `${resourcesPath(centerId)}?offset=10`);
        expect(beyond.body).toEqual({ items: [], total: 5 });
      });

      it('answers 400 to bad filters and 404 to an unknown center', async () => {
        for (const query of [
          '?kind=spaceship',
          '?limit=0',
          '?limit=501',
          '?offset=-1',
          '?active=maybe',
        ]) {
          expectError(
            await get(w.member.token, `${resourcesPath(centerId)}${query}`),
            400,
            'VALIDATION_FAILED',
          );
        }
        expectError(await get(w.member.token, resourcesPath(NOWHERE)), 404, 'NOT_FOUND');
      });

      it('shows no check-in URL to members in the list', async () => {
        const { items } = await list('');
        for (const item of items) expect(Object.keys(item).sort()).toEqual(RESOURCE_KEYS);
      });
    });

    it('shows the check-in URL to the center’s staff only', async () => {
      const desk = await createResource(t, w.coordinator.token, w.centerId);
      const path = `/api/v1/resources/${desk.id}`;
      for (const staff of [w.coordinator, w.admin]) {
        const response = await get(staff.token, path);
        expect(response.status).toBe(200);
        expect(response.body.checkInUrl).toMatch(CHECK_IN_URL);
      }
      for (const other of [w.member, w.trainer, w.otherCoordinator]) {
        const response = await get(other.token, path);
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(RESOURCE_KEYS);
        expect(JSON.stringify(response.body)).not.toContain('/c/');
      }
      expectError(await get(w.member.token, `/api/v1/resources/${NOWHERE}`), 404, 'NOT_FOUND');
    });

    it('PATCHes a resource (200), refusing min > max and unknown fields (400)', async () => {
      const room = await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        capacity: 6,
      });
      const path = `/api/v1/resources/${room.id}`;
      const changed = await patch(w.coordinator.token, path, {
        name: 'Blue room',
        capacity: 10,
        features: ['projector'],
        bufferMinutes: 15,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        id: room.id,
        kind: 'room',
        name: 'Blue room',
        capacity: 10,
        features: ['projector'],
        bufferMinutes: 15,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
      });
      expect((await get(w.member.token, path)).body.name).toBe('Blue room');
      expectError(
        await patch(w.coordinator.token, path, { minDurationMinutes: 120, maxDurationMinutes: 60 }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await patch(w.coordinator.token, path, { minDurationMinutes: 721 }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await patch(w.coordinator.token, path, { kind: 'desk' }),
        400,
        'VALIDATION_FAILED',
        'kind',
      );
      expectError(
        await patch(w.coordinator.token, path, { capacity: 0 }),
        400,
        'VALIDATION_FAILED',
        'capacity',
      );
      const unchanged = await get(w.member.token, path);
      expect(unchanged.body).toMatchObject({
        kind: 'room',
        capacity: 10,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
      });
      expectError(await patch(w.otherCoordinator.token, path, { name: 'X' }), 403, 'FORBIDDEN');
      expectError(await patch(w.member.token, path, { name: 'X' }), 403, 'FORBIDDEN');
      expectError(
        await patch(w.admin.token, `/api/v1/resources/${NOWHERE}`, { name: 'X' }),
        404,
        'NOT_FOUND',
      );
    });

    describe('deactivation (DELETE)', () => {
      it('deactivates a resource without future sessions: 200 active:false, still readable', async () => {
        const desk = await createResource(t, w.coordinator.token, w.centerId);
        const path = `/api/v1/resources/${desk.id}`;
        const response = await del(w.coordinator.token, path);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ id: desk.id, active: false });
        const read = await get(w.member.token, path);
        expect(read.status).toBe(200);
        expect(read.body.active).toBe(false);
        const booking = await book(w.member.token, {
          resourceId: desk.id,
          start: '2026-12-02T10:00',
          end: '2026-12-02T11:00',
        });
        expectError(booking, 422, 'RESOURCE_INACTIVE');
      });

      it('refuses with 409 while future sessions hold it, and cancels them with cancelFuture', async () => {
        const desk = await createResource(t, w.coordinator.token, w.centerId);
        const path = `/api/v1/resources/${desk.id}`;
        const booking = await book(w.member.token, {
          resourceId: desk.id,
          start: '2026-12-03T10:00',
          end: '2026-12-03T12:00',
        });
        expect(booking.status).toBe(201);

        expectError(await del(w.coordinator.token, path), 409, 'RESOURCE_HAS_FUTURE_BOOKINGS');
        expect((await get(w.member.token, path)).body.active).toBe(true);
        const untouched = await get(w.member.token, `/api/v1/bookings/${booking.body.id}`);
        expect(untouched.body.occurrences[0].status).toBe('booked');

        const forced = await del(w.coordinator.token, `${path}?cancelFuture=true`);
        expect(forced.status).toBe(200);
        expect(forced.body).toMatchObject({ id: desk.id, active: false });
        const cancelled = await get(w.member.token, `/api/v1/bookings/${booking.body.id}`);
        expect(cancelled.status).toBe(200);
        expect(cancelled.body.occurrences[0].status).toBe('cancelled');
        expect((await get(w.member.token, path)).body.active).toBe(false);
        expectError(
          await book(w.otherMember.token, {
            resourceId: desk.id,
            start: '2026-12-03T10:00',
            end: '2026-12-03T12:00',
          }),
          422,
          'RESOURCE_INACTIVE',
        );
      });

      it('keeps deactivation to the center’s staff (403) and known resources (404)', async () => {
        const desk = await createResource(t, w.coordinator.token, w.centerId);
        const path = `/api/v1/resources/${desk.id}`;
        expectError(await del(w.member.token, path), 403, 'FORBIDDEN');
        expectError(await del(w.otherCoordinator.token, path), 403, 'FORBIDDEN');
        expectError(await del(w.admin.token, `/api/v1/resources/${NOWHERE}`), 404, 'NOT_FOUND');
        expectError(
          await del(w.coordinator.token, `${path}?cancelFuture=perhaps`),
          400,
          'VALIDATION_FAILED',
        );
        expect((await get(w.member.token, path)).body.active).toBe(true);
      });
    });
  });

  describe('availability', () => {
    let centerId: string;
    let coordinator: Actor;
    const r: Record<string, string> = {};

    beforeAll(async () => {
      ({ centerId, coordinator } = await centerWithCoordinator());
      const make = async (key: string, body: Record<string, unknown>) => {
        r[key] = (await createResource(t, coordinator.token, centerId, body)).id;
      };
      await make('booked', { kind: 'desk', name: 'Desk 1', features: ['window'] });
      await make('free', { kind: 'desk', name: 'Desk 2' });
      await make('small', {
        kind: 'room',
        name: 'Small room',
        capacity: 4,
        features: ['projector'],
      });
      await make('big', {
        kind: 'room',
        name: 'Big room',
        capacity: 12,
        features: ['projector', 'wheelchair_accessible'],
      });
      await make('pool', { kind: 'equipment', name: 'Laptops', quantity: 5 });
      await make('retired', { kind: 'desk', name: 'Desk 3' });
      expect((await del(coordinator.token, `/api/v1/resources/${r.retired}`)).status).toBe(200);
      const booked = await book(w.otherMember.token, {
        resourceId: r.booked,
        start: '2026-12-02T10:00',
        end: '2026-12-02T12:00',
        title: 'Secret project',
      });
      expect(booked.status).toBe(201);
      const laptops = await book(w.otherMember.token, {
        resourceId: r.pool,
        quantity: 3,
        start: '2026-12-02T10:00',
        end: '2026-12-02T12:00',
      });
      expect(laptops.status).toBe(201);
      const closure = await post(coordinator.token, `/api/v1/centers/${centerId}/closures`, {
        from: '2026-12-10',
        to: '2026-12-10',
        reason: 'Cleaning day',
      });
      expect(closure.status).toBe(201);
    });

    const availability = (query: string, token = w.member.token) =>
      get(token, `/api/v1/centers/${centerId}/availability?${query}`);
    const verdicts = (body: { items: Array<Record<string, any>> }) =>
      Object.fromEntries(
        body.items.map((item) => [
          item.resource.id,
          { available: item.available, reason: item.reason },
        ]),
      );

    it('lists every active matching resource, booked or free', async () => {
      const response = await availability('start=2026-12-02T10:30&end=2026-12-02T11:30&kind=desk');
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(2);
      expect(verdicts(response.body)).toEqual({
        [r.booked]: { available: false, reason: 'booked' },
        [r.free]: { available: true, reason: undefined },
      });
      const free = response.body.items.find(
        (item: { resource: { id: string } }) => item.resource.id === r.free,
      );
      expect(Object.keys(free)).not.toContain('reason');

      const all = await availability('start=2026-12-02T10:30&end=2026-12-02T11:30');
      expect(Object.keys(verdicts(all.body)).sort()).toEqual(
        [r.booked, r.free, r.small, r.big, r.pool].sort(),
      );
      const later = await availability(
        'start=2026-12-02T12:00:00%2B05:00&end=2026-12-02T13:00:00%2B05:00&kind=desk',
      );
      expect(verdicts(later.body)[r.booked]).toEqual({ available: true, reason: undefined });
    });

    it('says `closed` on a closure day and `outside_hours` outside the opening hours', async () => {
      const closed = await availability('start=2026-12-10T10:00&end=2026-12-10T11:00');
      expect(closed.status).toBe(200);
      expect(closed.body.items).toHaveLength(5);
      for (const item of closed.body.items) {
        expect({ available: item.available, reason: item.reason }).toEqual({
          available: false,
          reason: 'closed',
        });
      }
      for (const query of [
        'start=2026-12-02T17:30&end=2026-12-02T18:30',
        'start=2026-12-02T08:00&end=2026-12-02T09:30',
        'start=2026-12-06T10:00&end=2026-12-06T11:00',
      ]) {
        const response = await availability(`${query}&kind=desk`);
        expect(verdicts(response.body)).toEqual({
          [r.booked]: { available: false, reason: 'outside_hours' },
          [r.free]: { available: false, reason: 'outside_hours' },
        });
      }
    });

    it('filters by minCapacity and feature', async () => {
      const window = 'start=2026-12-03T10:00&end=2026-12-03T11:00';
      const ids = async (query: string) =>
        (await availability(`${window}&${query}`)).body.items
          .map((item: { resource: { id: string } }) => item.resource.id)
          .sort();
      expect(await ids('minCapacity=10')).toEqual([r.big]);
      expect(await ids('minCapacity=4')).toEqual([r.small, r.big].sort());
      expect(await ids('feature=projector')).toEqual([r.small, r.big].sort());
      expect(await ids('feature=wheelchair_accessible')).toEqual([r.big]);
      expect(await ids('feature=window')).toEqual([r.booked]);
      expect(await ids('feature=projector&minCapacity=5')).toEqual([r.big]);
      expect(await ids('kind=room&minCapacity=100')).toEqual([]);
    });

    it('counts the units of a pool free through the window against `quantity`', async () => {
      const window = 'start=2026-12-02T11:00&end=2026-12-02T13:00&kind=equipment';
      const two = await availability(`${window}&quantity=2`);
      expect(two.body.items).toEqual([
        expect.objectContaining({ available: true, availableQuantity: 2 }),
      ]);
      const three = await availability(`${window}&quantity=3`);
      expect(three.body.items).toEqual([
        expect.objectContaining({
          available: false,
          availableQuantity: 2,
          reason: 'insufficient_quantity',
        }),
      ]);
    });

    it('answers 400 to a bad window, 404 to an unknown center, 401 without a token', async () => {
      for (const query of [
        'start=2026-12-02T10:00&end=2026-12-02T10:00',
        'start=2026-12-02T11:00&end=2026-12-02T10:00',
        'end=2026-12-02T10:00',
        'start=2026-12-02T10:00',
        'start=tomorrow&end=2026-12-02T10:00',
        'start=2026-12-02T10:00:30&end=2026-12-02T11:00',
        'start=2026-12-02T10:00&end=2026-12-02T11:00&minCapacity=0',
        'start=2026-12-02T10:00&end=2026-12-02T11:00&kind=spaceship',
      ]) {
        expectError(await availability(query), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await get(
          w.member.token,
          `/api/v1/centers/${NOWHERE}/availability?start=2026-12-02T10:00&end=2026-12-02T11:00`,
        ),
        404,
        'NOT_FOUND',
      );
      expectError(
        await get(
          undefined,
          `/api/v1/centers/${centerId}/availability?start=2026-12-02T10:00&end=2026-12-02T11:00`,
        ),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('tells a member nothing about who booked', async () => {
      const response = await availability('start=2026-12-02T10:00&end=2026-12-02T12:00');
      expect(response.status).toBe(200);
      const keys = keysDeep(response.body);
      for (const key of ['owner', 'ownerId', 'bookingId', 'title', 'checkInUrl', 'occurrence']) {
        expect(keys).not.toContain(key);
      }
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(w.otherMember.id);
      expect(text).not.toContain('Secret project');
      for (const item of response.body.items) {
        expect(Object.keys(item.resource).sort()).toEqual(RESOURCE_KEYS);
      }
    });
  });

  describe('resource schedule', () => {
    let deskId: string;
    let bookingId: string;

    beforeAll(async () => {
      deskId = (await createResource(t, w.coordinator.token, w.centerId)).id;
      const booking = await book(w.member.token, {
        resourceId: deskId,
        start: '2026-12-03T10:00',
        end: '2026-12-03T11:00',
        title: 'Deep work',
      });
      expect(booking.status).toBe(201);
      bookingId = booking.body.id;
    });

    const schedule = (token: string, query = 'from=2026-12-03T00:00&to=2026-12-04T00:00') =>
      get(token, `/api/v1/resources/${deskId}/schedule?${query}`);

    it('shows the owner and the center’s staff who holds each slot', async () => {
      for (const caller of [w.member, w.coordinator, w.admin]) {
        const response = await schedule(caller.token);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          items: [
            {
              start: '2026-12-03T10:00:00+05:00',
              end: '2026-12-03T11:00:00+05:00',
              status: 'booked',
              bookingId,
              title: 'Deep work',
              owner: { id: w.member.id, name: 'Test member' },
            },
          ],
        });
      }
    });

    it('shows anyone else only start, end and status', async () => {
      for (const caller of [w.otherMember, w.trainer, w.otherCoordinator]) {
        const response = await schedule(caller.token);
        expect(response.status).toBe(200);
        expect(response.body.items).toHaveLength(1);
        expect(Object.keys(response.body.items[0]).sort()).toEqual(['end', 'start', 'status']);
        expect(response.body.items[0]).toEqual({
          start: '2026-12-03T10:00:00+05:00',
          end: '2026-12-03T11:00:00+05:00',
          status: 'booked',
        });
      }
    });

    it('reads the window as half-open [from, to)', async () => {
      const after = await schedule(w.member.token, 'from=2026-12-03T11:00&to=2026-12-03T18:00');
      expect(after.body.items).toEqual([]);
      const before = await schedule(w.member.token, 'from=2026-12-03T09:00&to=2026-12-03T10:00');
      expect(before.body.items).toEqual([]);
      const overlapping = await schedule(
        w.member.token,
        'from=2026-12-03T10:59&to=2026-12-03T12:00',
      );
      expect(overlapping.body.items).toHaveLength(1);
    });

    it('shows a member’s request for a room with approval as pending', async () => {
      const room = await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        capacity: 8,
        requiresApproval: true,
      });
      const request = await book(w.member.token, {
        resourceId: room.id,
        start: '2026-12-04T14:00',
        end: '2026-12-04T15:00',
        title: 'Workshop',
      });
      expect(request.body.status).toBe('pending');
      const path = `/api/v1/resources/${room.id}/schedule?from=2026-12-04T00:00&to=2026-12-05T00:00`;
      const staff = await get(w.coordinator.token, path);
      expect(staff.body.items).toEqual([
        expect.objectContaining({ status: 'pending', bookingId: request.body.id }),
      ]);
      const stranger = await get(w.otherMember.token, path);
      expect(stranger.body.items).toEqual([
        { start: '2026-12-04T14:00:00+05:00', end: '2026-12-04T15:00:00+05:00', status: 'pending' },
      ]);
    });

    it('answers 400 to a bad window and 404 to an unknown resource', async () => {
      expectError(
        await schedule(w.member.token, 'from=2026-12-04T00:00&to=2026-12-03T00:00'),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await schedule(w.member.token, 'from=2026-12-04T00:00&to=2026-12-04T00:00'),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await schedule(w.member.token, 'from=yesterday&to=2026-12-04T00:00'),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await get(
          w.member.token,
          `/api/v1/resources/${NOWHERE}/schedule?from=2026-12-03T00:00&to=2026-12-04T00:00`,
        ),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('error order: 400 before 401, 404 before 403', () => {
    it('tells a caller without a token that the body is invalid (400) before asking for one (401)', async () => {
      const invalid = await post(undefined, '/api/v1/bookings', {});
      expectError(invalid, 400, 'VALIDATION_FAILED', 'resourceId');
      expectError(await post('bad-token', '/api/v1/bookings', {}), 400, 'VALIDATION_FAILED');
      const valid = await post(undefined, '/api/v1/bookings', {
        resourceId: NOWHERE,
        start: '2026-12-02T10:00',
        end: '2026-12-02T11:00',
      });
      expectError(valid, 401, 'UNAUTHENTICATED');
      expectError(
        await post('bad-token', '/api/v1/bookings', {
          resourceId: NOWHERE,
          start: '2026-12-02T10:00',
          end: '2026-12-02T11:00',
        }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('tells a member that a body is invalid (400) before refusing a staff-only route (403)', async () => {
      const path = `/api/v1/centers/${w.centerId}/resources`;
      expectError(await post(w.member.token, path, {}), 400, 'VALIDATION_FAILED', 'kind');
      expectError(
        await post(w.member.token, path, { kind: 'desk', name: 'Desk', colour: 'red' }),
        400,
        'VALIDATION_FAILED',
        'colour',
      );
      expectError(
        await post(w.member.token, path, { kind: 'desk', name: 'Desk' }),
        403,
        'FORBIDDEN',
      );
      expectError(await post(w.otherCoordinator.token, path, {}), 400, 'VALIDATION_FAILED');
    });

    it('answers 404 before 403 for a resource in a center that does not exist', async () => {
      expectError(
        await post(w.member.token, `/api/v1/centers/${NOWHERE}/resources`, {
          kind: 'desk',
          name: 'Desk',
        }),
        404,
        'NOT_FOUND',
      );
    });
  });
});

describe('login rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
  });

  afterAll(() => t.close());

  it('answers 429 TOO_MANY_REQUESTS after 10 failed logins for one email in 15 minutes', async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await t.request('POST', '/api/v1/auth/login', {
        body: { email: ADMIN.email, password: `wrong-${attempt}` },
      });
      expectError(response, 401, 'INVALID_CREDENTIALS');
    }
    const eleventh = await t.request('POST', '/api/v1/auth/login', {
      body: { email: ADMIN.email, password: 'wrong-11' },
    });
    expectError(eleventh, 429, 'TOO_MANY_REQUESTS');
    expect(Number(eleventh.headers.get('retry-after'))).toBe(15 * 60);
    const rightPassword = await t.request('POST', '/api/v1/auth/login', {
      body: { email: ADMIN.email, password: ADMIN.password },
    });
    expectError(rightPassword, 429, 'TOO_MANY_REQUESTS');

    t.clock.advanceMinutes(15);
    const afterWindow = await t.request('POST', '/api/v1/auth/login', {
      body: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(afterWindow.status).toBe(200);
  });

  it('counts failures per client address across emails too', async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await t.request('POST', '/api/v1/auth/login', {
        body: { email: `nobody-${attempt}@test.example`, password: 'wrong-password' },
      });
      expectError(response, 401, 'INVALID_CREDENTIALS');
    }
    const next = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'someone-else@test.example', password: 'wrong-password' },
    });
    expectError(next, 429, 'TOO_MANY_REQUESTS');
    t.clock.advanceMinutes(15);
  });
});
