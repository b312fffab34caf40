import { startTestApp, TestApp } from './support/test-app';
import { createUser, createWorld, World } from './support/world';

let counter = 0;
const freshEmail = () => `changed-${++counter}-${Date.now()}@limit.example`;

/**
 * Changing one's own email answers 409 for a taken address, which would let anyone signed in test
 * which addresses have accounts: 5 attempts per hour per user, taken or free, then 429.
 */
describe('the limit on changing one’s own email', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  const patch = (token: string, id: string, body: Record<string, unknown>) =>
    t.request('PATCH', `/api/v1/users/${id}`, { token, body });

  it('allows 5 attempts an hour, taken or free, then answers 429 with Retry-After', async () => {
    const user = await createUser(t, world.admin.token, 'member');
    const taken = world.otherMember.email;
    const statuses: number[] = [];
    for (const email of [taken, freshEmail(), taken, freshEmail(), taken]) {
      statuses.push((await patch(user.token, user.id, { email })).status);
    }
    expect(statuses).toEqual([409, 200, 409, 200, 409]);

    const free = freshEmail();
    const refused = await patch(user.token, user.id, { email: free });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect((await patch(user.token, user.id, { email: taken })).status).toBe(429);
    const me = await t.request('GET', '/api/v1/users/me', { token: user.token });
    expect(me.body.email).not.toBe(free);

    // Other changes, and other people, are not limited.
    expect((await patch(user.token, user.id, { name: 'Still changeable' })).status).toBe(200);
    const other = await createUser(t, world.admin.token, 'member');
    expect((await patch(other.token, other.id, { email: freshEmail() })).status).toBe(200);

    // An hour after the first attempt, the user may try again.
    t.clock.advanceMinutes(60);
    expect((await patch(user.token, user.id, { email: free })).status).toBe(200);
  });

  it('counts only changes: sending one’s current email again is not an attempt', async () => {
    const user = await createUser(t, world.admin.token, 'member');
    for (let i = 0; i < 7; i++) {
      expect((await patch(user.token, user.id, { email: user.email })).status).toBe(200);
    }
    expect((await patch(user.token, user.id, { email: freshEmail() })).status).toBe(200);
  });

  it('limits an admin changing their own email too, but not staff changing someone else’s', async () => {
    const admin = await createUser(t, world.admin.token, 'admin');
    for (let i = 0; i < 5; i++) {
      expect((await patch(admin.token, admin.id, { email: freshEmail() })).status).toBe(200);
    }
    expect((await patch(admin.token, admin.id, { email: freshEmail() })).status).toBe(429);

    const member = await createUser(t, world.admin.token, 'member');
    for (let i = 0; i < 7; i++) {
      expect((await patch(admin.token, member.id, { email: freshEmail() })).status).toBe(200);
    }
  });
});
