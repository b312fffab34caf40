import { ADMIN, catalogApp, expectError, keysDeep, newSlug, NOWHERE } from './support/catalog';
import { startTestApp, TestApp } from './support/test-app';
import { World } from './support/world';

/**
 * The catalog side of API.md over real HTTP, identity: sign-in, tokens, the current user and the users: every status and error code these
 * paths can answer. The other areas are the other test/catalog-*.e2e-spec.ts files; what they
 * share is test/support/catalog.ts.
 */
describe('catalog', () => {
  const app = catalogApp();
  const { get, post } = app;
  let t: TestApp;
  let w: World;
  beforeAll(() => {
    ({ t, w } = app);
  });

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
