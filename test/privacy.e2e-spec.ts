import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, World } from './support/world';

/**
 * Members see that a slot is taken, never by whom or for what. Staff see the details of their own
 * centers only.
 */
describe('privacy of bookings', () => {
  let t: TestApp;
  let world: World;
  let deskId: string;
  let bookingId: string;
  const SECRET_TITLE = 'Consultation with a lawyer about a private matter';

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
    deskId = (await createResource(t, world.admin.token, world.centerId)).id;
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: world.otherMember.token,
      body: {
        resourceId: deskId,
        start: '2026-12-02T10:00',
        end: '2026-12-02T12:00',
        title: SECRET_TITLE,
        purpose: 'consultation',
      },
    });
    expect(booked.status).toBe(201);
    bookingId = booked.body.id;
  });

  afterAll(() => t.close());

  /** Nothing in the answer names the booking, its title or its owner. */
  function expectNoDetails(body: unknown): void {
    const text = JSON.stringify(body);
    expect(text).not.toContain(SECRET_TITLE);
    expect(text).not.toContain(bookingId);
    expect(text).not.toContain(world.otherMember.id);
    expect(text).not.toContain(world.otherMember.email);
  }

  it('hides another member’s booking from a member everywhere', async () => {
    const token = world.member.token;
    const list = await t.request('GET', '/api/v1/bookings', { token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(0);
    const filtered = await t.request(
      'GET',
      `/api/v1/bookings?ownerId=${world.otherMember.id}&centerId=${world.centerId}`,
      { token },
    );
    expect(filtered.body).toEqual({ items: [], total: 0 });
    const one = await t.request('GET', `/api/v1/bookings/${bookingId}`, { token });
    expect(one.status).toBe(404);
    expect(JSON.stringify(one.body)).not.toContain(SECRET_TITLE);

    const schedule = await t.request(
      'GET',
      `/api/v1/resources/${deskId}/schedule?from=2026-12-02T00:00&to=2026-12-03T00:00`,
      { token },
    );
    expect(schedule.status).toBe(200);
    expect(schedule.body.items).toEqual([
      { start: '2026-12-02T10:00:00+05:00', end: '2026-12-02T12:00:00+05:00', status: 'booked' },
    ]);
    expectNoDetails(schedule.body);

    const availability = await t.request(
      'GET',
      `/api/v1/centers/${world.centerId}/availability?start=2026-12-02T10:00&end=2026-12-02T11:00`,
      { token },
    );
    expect(availability.status).toBe(200);
    expect(availability.body.items[0].available).toBe(false);
    expectNoDetails(availability.body);

    const user = await t.request('GET', `/api/v1/users/${world.otherMember.id}`, { token });
    expect(user.status).toBe(404);
  });

  it('hides it from a trainer and from the coordinator of another center', async () => {
    for (const actor of [world.trainer, world.otherCoordinator]) {
      const list = await t.request('GET', '/api/v1/bookings', { token: actor.token });
      expectNoDetails(list.body);
      const one = await t.request('GET', `/api/v1/bookings/${bookingId}`, { token: actor.token });
      expect(one.status).toBe(404);
      const schedule = await t.request(
        'GET',
        `/api/v1/resources/${deskId}/schedule?from=2026-12-02T00:00&to=2026-12-03T00:00`,
        { token: actor.token },
      );
      expectNoDetails(schedule.body);
    }
  });

  it('shows the details to the owner and to the staff of the center', async () => {
    for (const actor of [world.otherMember, world.coordinator, world.admin]) {
      const one = await t.request('GET', `/api/v1/bookings/${bookingId}`, { token: actor.token });
      expect(one.status).toBe(200);
      expect(one.body.title).toBe(SECRET_TITLE);
      const schedule = await t.request(
        'GET',
        `/api/v1/resources/${deskId}/schedule?from=2026-12-02T00:00&to=2026-12-03T00:00`,
        { token: actor.token },
      );
      expect(schedule.body.items[0]).toMatchObject({ bookingId, title: SECRET_TITLE });
    }
  });
});
