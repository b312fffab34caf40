import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
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

/**
 * Members and trainers get no other user's id in any answer (issue 14): not the coordinator who
 * booked on their behalf (`creatorId`), not another member whose booking clashes with theirs.
 */
describe('other users’ ids, for members and trainers', () => {
  let t: TestApp;
  let w: World;
  let web: Record<'member' | 'trainer', WebClient>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    web = {
      member: WebClient.withToken(t.baseUrl, w.member.token),
      trainer: WebClient.withToken(t.baseUrl, w.trainer.token),
    };
  });

  afterAll(() => t.close());

  const qrToken = (url: string) => url.slice(url.lastIndexOf('/') + 1);

  it.each(['member', 'trainer'] as const)(
    'a %s reads every answer about a booking staff made for them without a staff id',
    async (role) => {
      const me = w[role];
      const others = [
        w.admin,
        w.coordinator,
        w.otherCoordinator,
        w.otherMember,
        w.member,
        w.trainer,
      ]
        .filter((actor) => actor.id !== me.id)
        .map((actor) => actor.id);
      const answers: Array<{ what: string; text: string }> = [];
      const call = async (
        method: string,
        path: string,
        body?: unknown,
        headers?: Record<string, string>,
      ) => {
        const response = await t.request(method, path, { token: me.token, body, headers });
        answers.push({
          what: `${method} ${path} ${response.status}`,
          text: JSON.stringify(response.body),
        });
        return response;
      };
      const staff = w.coordinator.token;
      t.clock.set('2026-12-01T08:00:00+05:00');
      const desk = await createResource(t, staff, w.centerId, { kind: 'desk' });
      const scanned = await createResource(t, staff, w.centerId, { kind: 'desk' });
      const free = await createResource(t, staff, w.centerId, { kind: 'desk' });
      const onBehalf = (resourceId: string, start: string, end: string, extra = {}) =>
        t.request('POST', '/api/v1/bookings', {
          token: staff,
          body: { resourceId, start, end, ownerId: me.id, ...extra },
        });
      const series = await onBehalf(desk.id, '2026-12-02T10:00', '2026-12-02T12:00', {
        recurrence: { rule: 'FREQ=DAILY;COUNT=3' },
      });
      expect(series.status).toBe(201);
      expect(series.body.creatorId).toBe(w.coordinator.id);
      const today = await onBehalf(scanned.id, '2026-12-01T10:00', '2026-12-01T12:00');
      expect(today.status).toBe(201);
      const [first, second, third] = series.body.occurrences as Array<{ id: string }>;
      const path = `/api/v1/bookings/${series.body.id}`;

      await call('GET', '/api/v1/bookings');
      await call('GET', `/api/v1/bookings?centerId=${w.centerId}&from=2026-12-01T00:00`);
      await call('GET', path);
      await call('PATCH', path, { title: 'Renamed' });
      await call('PATCH', `${path}/occurrences/${second.id}`, {
        start: '2026-12-03T14:00',
        end: '2026-12-03T16:00',
      });
      await call('DELETE', `${path}/occurrences/${third.id}`);
      await call(
        'GET',
        `/api/v1/resources/${desk.id}/schedule?from=2026-12-01T00:00&to=2026-12-08T00:00`,
      );
      await call(
        'GET',
        `/api/v1/centers/${w.centerId}/availability?start=2026-12-02T10:00&end=2026-12-02T11:00`,
      );
      await call('GET', '/api/v1/users/me');
      await call('GET', `/api/v1/users/${me.id}`);
      await call('PATCH', `/api/v1/users/${me.id}`, { name: `Renamed ${role}` });
      await call('GET', '/api/v1/organizations');
      await call('GET', '/api/v1/centers');
      await call('GET', `/api/v1/centers/${w.centerId}/resources`);
      await call('GET', `/api/v1/centers/${w.centerId}/closures`);
      // A clash with another member's booking names the slot, not its holder.
      const other = await t.request('POST', '/api/v1/bookings', {
        token: w.otherMember.token,
        body: { resourceId: free.id, start: '2026-12-04T10:00', end: '2026-12-04T11:00' },
      });
      expect(other.status).toBe(201);
      const clash = await call('POST', '/api/v1/bookings', {
        resourceId: free.id,
        start: '2026-12-04T10:00',
        end: '2026-12-04T11:00',
      });
      expect(clash.status).toBe(409);
      const refused = await call('POST', '/api/v1/bookings', {
        resourceId: free.id,
        start: '2026-12-05T10:00',
        end: '2026-12-05T11:00',
        ownerId: w.otherMember.id,
      });
      expect(refused.status).toBe(403);
      // Check-in, check-out and the QR code, on sessions staff booked for them.
      t.clock.set('2026-12-01T09:50:00+05:00');
      expect((await call('POST', `/api/v1/check-in/${qrToken(scanned.checkInUrl)}`)).status).toBe(
        200,
      );
      t.clock.set('2026-12-02T09:50:00+05:00');
      expect((await call('POST', `/api/v1/occurrences/${first.id}/check-in`)).status).toBe(200);
      t.clock.set('2026-12-02T10:30:00+05:00');
      expect((await call('POST', `/api/v1/occurrences/${first.id}/check-out`)).status).toBe(200);
      const walkIn = await call('POST', `/api/v1/check-in/${qrToken(free.checkInUrl)}`);
      expect(walkIn.status).toBe(201);
      const key = { 'idempotency-key': `privacy-${role}` };
      const once = { resourceId: free.id, start: '2026-12-07T10:00', end: '2026-12-07T11:00' };
      expect((await call('POST', '/api/v1/bookings', once, key)).status).toBe(201);
      expect((await call('POST', '/api/v1/bookings', once, key)).status).toBe(201);
      await call('GET', path);
      expect((await call('DELETE', path)).status).toBe(200);

      for (const page of ['/me', '/find', `/c/${qrToken(scanned.checkInUrl)}`]) {
        const response = await web[role].get(page);
        answers.push({ what: `page ${page} ${response.status}`, text: response.text });
      }

      const leaks = answers.filter((a) => others.some((id) => a.text.includes(id)));
      expect(leaks.map((a) => a.what)).toEqual([]);
      // What they see instead: their own id where it is theirs, null where staff acted.
      const read = await t.request('GET', path, { token: me.token });
      expect(read.body).toMatchObject({ ownerId: me.id, creatorId: null });
      expect(walkIn.body.booking).toMatchObject({ ownerId: me.id, creatorId: me.id });
      const staffRead = await t.request('GET', path, { token: staff });
      expect(staffRead.body.creatorId).toBe(w.coordinator.id);
    },
  );
});
