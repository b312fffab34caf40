import { randomUUID } from 'node:crypto';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
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

const PASSWORD = 'user-password-1';
let sequence = 0;
const freshEmail = (prefix: string) => `${prefix}-${++sequence}@users.example`;

describe('users', () => {
  let t: TestApp;
  let w: World;
  /** Members registered by each center's coordinator (home center A, resp. B). */
  let memberA: Actor;
  let memberB: Actor;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    w = await createWorld(t);
    memberA = await createUser(t, w.coordinator.token, 'member', { name: 'Aziza Karimova' });
    memberB = await createUser(t, w.otherCoordinator.token, 'member', { name: 'Bobur Aliev' });
  });

  afterAll(() => t.close());

  const createUserAs = (token: string, body: Record<string, unknown>) =>
    t.request('POST', '/api/v1/users', { token, body });
  const patchUser = (token: string, userId: string, body: Record<string, unknown>) =>
    t.request('PATCH', `/api/v1/users/${userId}`, { token, body });
  const getUser = (token: string, userId: string) =>
    t.request('GET', `/api/v1/users/${userId}`, { token });
  const listUsers = (token: string, query = '') =>
    t.request('GET', `/api/v1/users${query}`, { token });
  const loginStatus = async (email: string, password: string) =>
    (await t.request('POST', '/api/v1/auth/login', { body: { email, password } })).status;

  describe('creating', () => {
    it('lets an admin create every role, each of whom can sign in', async () => {
      for (const role of ['member', 'trainer', 'coordinator', 'admin']) {
        const email = freshEmail(role);
        const response = await createUserAs(w.admin.token, {
          name: `New ${role}`,
          email,
          password: PASSWORD,
          role,
          ...(role === 'coordinator' ? { centerIds: [w.centerId] } : {}),
        });
        expect(response.status).toBe(201);
        expect(response.body).toEqual({
          id: expect.any(String),
          email,
          phone: null,
          name: `New ${role}`,
          role,
          locale: 'uz',
          organizationId: null,
          centerIds: role === 'coordinator' ? [w.centerId] : [],
          active: true,
        });
        const me = await t.request('GET', '/api/v1/users/me', {
          token: await t.login(email, PASSWORD),
        });
        expect(me.body).toMatchObject({ id: response.body.id, role });
      }
    });

    it('registers a coordinator’s members and trainers at the coordinator’s centers by default', async () => {
      for (const role of ['member', 'trainer']) {
        const response = await createUserAs(w.coordinator.token, {
          name: `Registered ${role}`,
          email: freshEmail(role),
          password: PASSWORD,
          role,
        });
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ role, centerIds: [w.centerId] });
      }
      const explicit = await createUserAs(w.coordinator.token, {
        name: 'Explicit home',
        email: freshEmail('member'),
        role: 'member',
        centerIds: [w.centerId],
      });
      expect(explicit.status).toBe(201);
      expect(explicit.body.centerIds).toEqual([w.centerId]);
    });

    it('refuses a coordinator registering someone at another center (403)', async () => {
      const email = freshEmail('member');
      const response = await createUserAs(w.coordinator.token, {
        name: 'Elsewhere',
        email,
        role: 'member',
        centerIds: [w.otherCenterId],
      });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
      const both = await createUserAs(w.coordinator.token, {
        name: 'Half elsewhere',
        email,
        role: 'member',
        centerIds: [w.centerId, w.otherCenterId],
      });
      expect(both.status).toBe(403);
      const listed = await listUsers(w.admin.token, `?q=${encodeURIComponent(email)}`);
      expect(listed.body.total).toBe(0);
    });

    it('refuses a coordinator creating a coordinator or an admin (403)', async () => {
      for (const role of ['coordinator', 'admin']) {
        const response = await createUserAs(w.coordinator.token, {
          name: `Would-be ${role}`,
          email: freshEmail(role),
          password: PASSWORD,
          role,
          centerIds: [w.centerId],
        });
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
    });

    it('refuses members and trainers (403)', async () => {
      for (const caller of [w.member, w.trainer]) {
        const response = await createUserAs(caller.token, {
          name: 'Friend',
          email: freshEmail('member'),
          role: 'member',
        });
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
    });

    it('refuses an email already taken, whatever its letter case (409 ALREADY_EXISTS)', async () => {
      const email = freshEmail('dup');
      const first = await createUserAs(w.admin.token, { name: 'First', email, role: 'member' });
      expect(first.status).toBe(201);
      for (const again of [email, email.toUpperCase()]) {
        const second = await createUserAs(w.coordinator.token, {
          name: 'Second',
          email: again,
          role: 'member',
        });
        expect(second.status).toBe(409);
        expect(second.body.code).toBe('ALREADY_EXISTS');
      }
      const taken = await patchUser(w.coordinator.token, memberA.id, {
        email: email.toUpperCase(),
      });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('ALREADY_EXISTS');
    });

    it('registers a phone-only user (no email, no password) whom a coordinator books for', async () => {
      const created = await createUserAs(w.coordinator.token, {
        name: 'Dilnoza (phone only)',
        phone: '+998 90 123-45-67',
        role: 'member',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: null,
        phone: '+998 90 123-45-67',
        centerIds: [w.centerId],
        active: true,
      });
      // A second one: emails are unique, but "no email" is not a value that clashes.
      const second = await createUserAs(w.coordinator.token, {
        name: 'Jasur (phone only)',
        phone: '+998901112233',
        role: 'member',
      });
      expect(second.status).toBe(201);

      const desk = await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk' });
      const booking = await t.request('POST', '/api/v1/bookings', {
        token: w.coordinator.token,
        body: {
          resourceId: desk.id,
          start: '2026-12-02T10:00',
          end: '2026-12-02T12:00',
          ownerId: created.body.id,
        },
      });
      expect(booking.status).toBe(201);
      expect(booking.body).toMatchObject({
        ownerId: created.body.id,
        creatorId: w.coordinator.id,
        status: 'confirmed',
      });
      const listed = await t.request('GET', `/api/v1/bookings?ownerId=${created.body.id}`, {
        token: w.coordinator.token,
      });
      expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual([booking.body.id]);
    });

    it('refuses a user with neither email nor phone (400)', async () => {
      const response = await createUserAs(w.coordinator.token, {
        name: 'Nobody reachable',
        role: 'member',
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('who sees whom', () => {
    it('shows a member themselves and nobody else (404)', async () => {
      const self = await getUser(memberA.token, memberA.id);
      expect(self.status).toBe(200);
      expect(self.body).toMatchObject({ id: memberA.id, email: memberA.email });
      for (const other of [memberB.id, w.coordinator.id, w.admin.id, randomUUID()]) {
        const response = await getUser(memberA.token, other);
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
    });

    it('shows a coordinator the users of their centers, not those of another (404)', async () => {
      expect((await getUser(w.coordinator.token, memberA.id)).status).toBe(200);
      expect((await getUser(w.coordinator.token, w.coordinator.id)).status).toBe(200);
      expect((await getUser(w.coordinator.token, memberB.id)).status).toBe(404);
      expect((await getUser(w.coordinator.token, w.otherCoordinator.id)).status).toBe(404);
      expect((await getUser(w.otherCoordinator.token, memberA.id)).status).toBe(404);
      expect((await getUser(w.admin.token, memberA.id)).status).toBe(200);
      expect((await getUser(w.admin.token, memberB.id)).status).toBe(200);
    });

    it('lists only the users the caller may see', async () => {
      const mine = await listUsers(w.coordinator.token, '?limit=500');
      expect(mine.status).toBe(200);
      const mineIds = mine.body.items.map((u: { id: string }) => u.id);
      expect(mineIds).toContain(memberA.id);
      expect(mineIds).toContain(w.coordinator.id);
      expect(mineIds).not.toContain(memberB.id);
      expect(mineIds).not.toContain(w.otherCoordinator.id);
      expect(mineIds).not.toContain(w.admin.id);
      for (const user of mine.body.items as Array<{ centerIds: string[] }>) {
        expect(user.centerIds).toContain(w.centerId);
      }
      expect(mine.body.total).toBe(mineIds.length);

      const all = await listUsers(w.admin.token, '?limit=500');
      const allIds = all.body.items.map((u: { id: string }) => u.id);
      for (const id of [memberA.id, memberB.id, w.admin.id, w.member.id, w.otherCoordinator.id]) {
        expect(allIds).toContain(id);
      }
      expect(all.body.total).toBe(allIds.length);
    });

    it('filters by q, role, centerId and active', async () => {
      const byName = await listUsers(w.admin.token, '?q=aziza');
      expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual([memberA.id]);
      const byEmail = await listUsers(w.admin.token, `?q=${encodeURIComponent(memberB.email)}`);
      expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([memberB.id]);
      expect((await listUsers(w.coordinator.token, '?q=bobur')).body.total).toBe(0);

      const coordinators = await listUsers(w.admin.token, '?role=coordinator&limit=500');
      expect(coordinators.body.items.length).toBeGreaterThan(0);
      expect(coordinators.body.items.every((u: { role: string }) => u.role === 'coordinator')).toBe(
        true,
      );

      const atB = await listUsers(w.admin.token, `?centerId=${w.otherCenterId}&limit=500`);
      const atBIds = atB.body.items.map((u: { id: string }) => u.id);
      expect(atBIds).toEqual(expect.arrayContaining([memberB.id, w.otherCoordinator.id]));
      expect(atBIds).not.toContain(memberA.id);

      const atA = await listUsers(w.coordinator.token, `?centerId=${w.centerId}&role=member`);
      expect(atA.status).toBe(200);
      expect(atA.body.items.map((u: { id: string }) => u.id)).toContain(memberA.id);

      const leaving = await createUser(t, w.coordinator.token, 'member', { name: 'Leaving soon' });
      expect((await patchUser(w.coordinator.token, leaving.id, { active: false })).status).toBe(
        200,
      );
      const inactive = await listUsers(w.coordinator.token, '?active=false');
      expect(inactive.body.items.map((u: { id: string }) => u.id)).toEqual([leaving.id]);
      const active = await listUsers(w.coordinator.token, '?active=true&limit=500');
      const activeIds = active.body.items.map((u: { id: string }) => u.id);
      expect(activeIds).toContain(memberA.id);
      expect(activeIds).not.toContain(leaving.id);
    });

    it('refuses a coordinator listing another center (403) and members listing at all (403)', async () => {
      const other = await listUsers(w.coordinator.token, `?centerId=${w.otherCenterId}`);
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORBIDDEN');
      const missing = await listUsers(w.coordinator.token, `?centerId=${randomUUID()}`);
      expect(missing.status).toBe(404);
      expect((await listUsers(w.member.token)).status).toBe(403);
      expect((await listUsers(w.trainer.token)).status).toBe(403);
    });
  });

  describe('changing a user', () => {
    it('lets a user change their own name and locale', async () => {
      const me = await createUser(t, w.coordinator.token, 'member');
      const response = await patchUser(me.token, me.id, { name: 'Renamed Self', locale: 'ru' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: me.id, name: 'Renamed Self', locale: 'ru' });
      expect((await getUser(me.token, me.id)).body).toMatchObject({ locale: 'ru' });
      for (const locale of ['uz', 'ru', 'en']) {
        expect((await patchUser(me.token, me.id, { locale })).status).toBe(200);
      }
      for (const locale of ['de', 'UZ', '', 'uzb']) {
        const bad = await patchUser(me.token, me.id, { locale });
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
      }
      const badCreate = await createUserAs(w.coordinator.token, {
        name: 'Wrong locale',
        email: freshEmail('member'),
        role: 'member',
        locale: 'fr',
      });
      expect(badCreate.status).toBe(400);
    });

    it('refuses a user changing their own role, active flag or centers (403)', async () => {
      const me = await createUser(t, w.coordinator.token, 'member');
      for (const body of [
        { role: 'admin' },
        { role: 'member' },
        { active: false },
        { centerIds: [w.centerId] },
        { name: 'Sneaky', role: 'coordinator' },
      ]) {
        const response = await patchUser(me.token, me.id, body);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
      expect((await getUser(me.token, me.id)).body).toMatchObject({
        role: 'member',
        active: true,
        name: 'Test member',
      });
    });

    it('needs the current password to change one’s own', async () => {
      const me = await createUser(t, w.coordinator.token, 'member');
      const missing = await patchUser(me.token, me.id, { password: 'brand-new-password' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      expect(missing.body.details).toEqual([
        { field: 'currentPassword', message: expect.any(String) },
      ]);
      const wrong = await patchUser(me.token, me.id, {
        password: 'brand-new-password',
        currentPassword: 'not-my-password',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('VALIDATION_FAILED');
      expect(await loginStatus(me.email, PASSWORD)).toBe(200);

      const right = await patchUser(me.token, me.id, {
        password: 'brand-new-password',
        currentPassword: PASSWORD,
      });
      expect(right.status).toBe(200);
      expect(await loginStatus(me.email, 'brand-new-password')).toBe(200);
      const old = await t.request('POST', '/api/v1/auth/login', {
        body: { email: me.email, password: PASSWORD },
      });
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('INVALID_CREDENTIALS');
      // Every token issued before the change is signed out, the one that made it included.
      const before = await t.request('GET', '/api/v1/users/me', { token: me.token });
      expect(before.status).toBe(401);
      expect(before.body.code).toBe('UNAUTHENTICATED');
      const fresh = await t.login(me.email, 'brand-new-password');
      expect((await t.request('GET', '/api/v1/users/me', { token: fresh })).status).toBe(200);
    });

    it('lets a coordinator reset a member’s password without the current one', async () => {
      const member = await createUser(t, w.coordinator.token, 'member');
      const reset = await patchUser(w.coordinator.token, member.id, {
        password: 'reset-by-coordinator',
      });
      expect(reset.status).toBe(200);
      expect(await loginStatus(member.email, 'reset-by-coordinator')).toBe(200);
      expect((await t.request('GET', '/api/v1/users/me', { token: member.token })).status).toBe(
        401,
      );
    });

    it('lets a coordinator change their members, not coordinators (403) nor other centers’ users (404)', async () => {
      const renamed = await patchUser(w.coordinator.token, memberA.id, { name: 'Aziza Karimova' });
      expect(renamed.status).toBe(200);

      const colleague = await createUser(t, w.admin.token, 'coordinator', {
        centerIds: [w.centerId],
      });
      expect((await getUser(w.coordinator.token, colleague.id)).status).toBe(200);
      const onColleague = await patchUser(w.coordinator.token, colleague.id, { name: 'Nope' });
      expect(onColleague.status).toBe(403);
      expect(onColleague.body.code).toBe('FORBIDDEN');

      const promote = await patchUser(w.coordinator.token, memberA.id, {
        role: 'coordinator',
        centerIds: [w.centerId],
      });
      expect(promote.status).toBe(403);
      expect((await patchUser(w.coordinator.token, memberA.id, { role: 'admin' })).status).toBe(
        403,
      );

      for (const hidden of [memberB.id, w.otherCoordinator.id, w.admin.id, randomUUID()]) {
        const response = await patchUser(w.coordinator.token, hidden, { name: 'Nope' });
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
      expect((await patchUser(w.member.token, memberA.id, { name: 'Nope' })).status).toBe(404);
      expect((await getUser(w.admin.token, memberB.id)).body.name).toBe('Bobur Aliev');
    });

    it('lets an admin change roles but not deactivate themselves or change their own role (409)', async () => {
      const self = await patchUser(w.admin.token, w.admin.id, { active: false });
      expect(self.status).toBe(409);
      expect(self.body.code).toBe('INVALID_STATE');
      const demote = await patchUser(w.admin.token, w.admin.id, { role: 'member' });
      expect(demote.status).toBe(409);
      expect(demote.body.code).toBe('INVALID_STATE');
      expect(await loginStatus(ADMIN.email, ADMIN.password)).toBe(200);

      const trainer = await createUser(t, w.coordinator.token, 'member');
      const promoted = await patchUser(w.admin.token, trainer.id, { role: 'trainer' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('trainer');
    });
  });

  describe('organizations', () => {
    const createOrganization = (token: string, name: string) =>
      t.request('POST', '/api/v1/organizations', { token, body: { name } });
    const renameOrganization = (token: string, id: string, name: string) =>
      t.request('PATCH', `/api/v1/organizations/${id}`, { token, body: { name } });

    it('are created by staff and unique regardless of letter case', async () => {
      const created = await createOrganization(w.coordinator.token, 'Nihol Youth Network');
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), name: 'Nihol Youth Network' });
      expect((await createOrganization(w.admin.token, 'Ekologiya Forumi')).status).toBe(201);
      const duplicate = await createOrganization(w.admin.token, 'NIHOL youth network');
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('ALREADY_EXISTS');
      expect((await createOrganization(w.member.token, 'Member NGO')).status).toBe(403);
      expect((await createOrganization(w.trainer.token, 'Trainer NGO')).status).toBe(403);
    });

    it('are listed for every signed-in user, filtered by q', async () => {
      await createOrganization(w.admin.token, 'Listed Women Initiative');
      const all = await t.request('GET', '/api/v1/organizations', { token: w.member.token });
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(all.body.items.length);
      expect(all.body.items.map((o: { name: string }) => o.name)).toContain(
        'Listed Women Initiative',
      );
      const filtered = await t.request('GET', '/api/v1/organizations?q=women%20INIT', {
        token: w.trainer.token,
      });
      expect(filtered.body).toEqual({
        items: [{ id: expect.any(String), name: 'Listed Women Initiative' }],
        total: 1,
      });
      expect((await t.request('GET', '/api/v1/organizations')).status).toBe(401);
    });

    it('are renamed by staff only; a missing one is 404 even for a member', async () => {
      const created = await createOrganization(w.admin.token, 'Old Name Association');
      const id = created.body.id as string;
      const renamed = await renameOrganization(w.coordinator.token, id, 'New Name Association');
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ id, name: 'New Name Association' });
      const recased = await renameOrganization(w.admin.token, id, 'NEW Name Association');
      expect(recased.status).toBe(200);
      const taken = await renameOrganization(w.admin.token, id, 'nihol youth network');
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('ALREADY_EXISTS');

      const byMember = await renameOrganization(w.member.token, id, 'Member Rename');
      expect(byMember.status).toBe(403);
      expect(byMember.body.code).toBe('FORBIDDEN');
      const missingByMember = await renameOrganization(w.member.token, randomUUID(), 'X');
      expect(missingByMember.status).toBe(404);
      expect(missingByMember.body.code).toBe('NOT_FOUND');
      const missingByStaff = await renameOrganization(w.admin.token, randomUUID(), 'X');
      expect(missingByStaff.status).toBe(404);
    });

    it('are what users belong to; a missing one is 404', async () => {
      const organization = (await createOrganization(w.admin.token, 'Belonging Society')).body;
      const created = await createUserAs(w.coordinator.token, {
        name: 'Belongs',
        email: freshEmail('member'),
        password: PASSWORD,
        role: 'member',
        organizationId: organization.id,
      });
      expect(created.status).toBe(201);
      expect(created.body.organizationId).toBe(organization.id);
      const byOrganization = await listUsers(
        w.coordinator.token,
        `?organizationId=${organization.id}`,
      );
      expect(byOrganization.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.id]);

      const self = await t.login(created.body.email, PASSWORD);
      const cleared = await patchUser(self, created.body.id, { organizationId: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.organizationId).toBeNull();
      const joined = await patchUser(self, created.body.id, { organizationId: organization.id });
      expect(joined.status).toBe(200);
      expect(joined.body.organizationId).toBe(organization.id);

      const missingOnCreate = await createUserAs(w.coordinator.token, {
        name: 'Ghost NGO',
        email: freshEmail('member'),
        role: 'member',
        organizationId: randomUUID(),
      });
      expect(missingOnCreate.status).toBe(404);
      expect(missingOnCreate.body.code).toBe('NOT_FOUND');
      const missingOnPatch = await patchUser(self, created.body.id, {
        organizationId: randomUUID(),
      });
      expect(missingOnPatch.status).toBe(404);
      expect((await getUser(self, created.body.id)).body.organizationId).toBe(organization.id);
    });
  });
});

describe('deactivating a user', () => {
  let t: TestApp;
  let adminToken: string;
  let centerId: string;
  let coordinator: Actor;
  let member: Actor;
  let neighbour: Actor;
  let desks: string[];
  let series: { id: string; occurrences: Array<{ id: string; start: string }> };
  let single: { id: string };
  let running: { id: string };

  const book = (token: string, body: Json) => requestBooking(t, token, body);
  const bookingAs = async (token: string, id: string) =>
    (await t.request('GET', `/api/v1/bookings/${id}`, { token })).body as {
      status: string;
      occurrences: Array<{ start: string; status: string }>;
    };
  const relogin = (actor: Actor) => t.login(actor.email, PASSWORD);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    adminToken = await t.login(ADMIN.email, ADMIN.password);
    centerId = (await createCenter(t, adminToken)).id;
    coordinator = await createUser(t, adminToken, 'coordinator', { centerIds: [centerId] });
    member = await createUser(t, coordinator.token, 'member');
    neighbour = await createUser(t, coordinator.token, 'member');
    desks = [];
    for (let i = 0; i < 3; i++) {
      // No check-in required: the session under way holds its desk without anyone checking in.
      desks.push(
        (
          await createResource(t, coordinator.token, centerId, {
            kind: 'desk',
            checkInRequired: false,
          })
        ).id,
      );
    }
    // Tuesdays 1, 8, 15 and 22 December, 09:00-10:00.
    const weekly = await book(member.token, {
      resourceId: desks[0],
      start: '2026-12-01T09:00',
      end: '2026-12-01T10:00',
      recurrence: { rule: 'FREQ=WEEKLY;COUNT=4' },
    });
    expect(weekly.status).toBe(201);
    series = weekly.body;
    const later = await book(member.token, {
      resourceId: desks[1],
      start: '2026-12-18T14:00',
      end: '2026-12-18T16:00',
    });
    expect(later.status).toBe(201);
    single = later.body;
    const today = await book(member.token, {
      resourceId: desks[2],
      start: '2026-12-10T11:00',
      end: '2026-12-10T13:00',
    });
    expect(today.status).toBe(201);
    running = today.body;

    // 10 December at noon: two weekly sessions are past, the 11:00 session is under way.
    t.clock.set('2026-12-10T12:00:00+05:00');
    adminToken = await t.login(ADMIN.email, ADMIN.password);
    coordinator.token = await relogin(coordinator);
    member.token = await relogin(member);
    neighbour.token = await relogin(neighbour);
  });

  afterAll(() => t.close());

  it('signs the user out, frees their future sessions and keeps their history', async () => {
    const response = await t.request('PATCH', `/api/v1/users/${member.id}`, {
      token: coordinator.token,
      body: { active: false },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: member.id, active: false });

    const login = await t.request('POST', '/api/v1/auth/login', {
      body: { email: member.email, password: PASSWORD },
    });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('INVALID_CREDENTIALS');
    const refused = await t.request('GET', '/api/v1/users/me', { token: member.token });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');

    const weekly = await bookingAs(coordinator.token, series.id);
    expect(weekly.occurrences.map((o) => [o.start, o.status])).toEqual([
      ['2026-12-01T09:00:00+05:00', 'booked'],
      ['2026-12-08T09:00:00+05:00', 'booked'],
      ['2026-12-15T09:00:00+05:00', 'cancelled'],
      ['2026-12-22T09:00:00+05:00', 'cancelled'],
    ]);
    expect(weekly.status).toBe('confirmed');
    const later = await bookingAs(coordinator.token, single.id);
    expect(later.status).toBe('cancelled');
    expect(later.occurrences.map((o) => o.status)).toEqual(['cancelled']);
    const underWay = await bookingAs(coordinator.token, running.id);
    expect(underWay.status).toBe('confirmed');
    expect(underWay.occurrences.map((o) => o.status)).toEqual(['booked']);

    // The freed slots can be booked by someone else; the session under way still holds its desk.
    for (const [resourceId, start, end] of [
      [desks[0], '2026-12-15T09:00', '2026-12-15T10:00'],
      [desks[0], '2026-12-22T09:00', '2026-12-22T10:00'],
      [desks[1], '2026-12-18T14:00', '2026-12-18T16:00'],
    ]) {
      expect((await book(neighbour.token, { resourceId, start, end })).status).toBe(201);
    }
    const held = await book(neighbour.token, {
      resourceId: desks[2],
      start: '2026-12-10T12:00',
      end: '2026-12-10T13:00',
    });
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('BOOKING_CONFLICT');

    const audit = await t.request(
      'GET',
      `/api/v1/audit?targetId=${member.id}&action=user.deactivated`,
      { token: adminToken },
    );
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.deactivated',
      actor: { id: coordinator.id },
      targetType: 'user',
      targetId: member.id,
      centerId: null,
      details: { cancelledSessions: 3 },
    });
  });

  it('refuses booking on behalf of the deactivated user', async () => {
    const response = await book(coordinator.token, {
      resourceId: desks[1],
      start: '2026-12-19T10:00',
      end: '2026-12-19T11:00',
      ownerId: member.id,
    });
    expect(response.status).toBe(404);
  });

  it('lets them sign in again after reactivation; cancelled sessions stay cancelled', async () => {
    const response = await t.request('PATCH', `/api/v1/users/${member.id}`, {
      token: adminToken,
      body: { active: true },
    });
    expect(response.status).toBe(200);
    expect(response.body.active).toBe(true);
    const token = await relogin(member);
    expect((await t.request('GET', '/api/v1/users/me', { token })).status).toBe(200);
    expect((await bookingAs(token, single.id)).status).toBe('cancelled');
  });

  it('keeps a token issued before deactivation revoked after reactivation', async () => {
    // docs/api.md: "deactivation does [revoke tokens], at once". The member's token from before
    // the deactivation (refused above) must not come back to life when the account is reactivated.
    const old = await t.request('GET', '/api/v1/users/me', { token: member.token });
    expect(old.status).toBe(401);
  });

  it('lets an admin deactivate a member too, whose booked slots free up for others', async () => {
    const response = await t.request('PATCH', `/api/v1/users/${neighbour.id}`, {
      token: adminToken,
      body: { active: false },
    });
    expect(response.status).toBe(200);
    const refused = await t.request('GET', '/api/v1/users/me', { token: neighbour.token });
    expect(refused.status).toBe(401);
    const token = await relogin(member);
    const rebooked = await book(token, {
      resourceId: desks[1],
      start: '2026-12-18T14:00',
      end: '2026-12-18T16:00',
    });
    expect(rebooked.status).toBe(201);
  });
});
