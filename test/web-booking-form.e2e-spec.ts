import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

describe('web: the booking form, its preview, and booking the free dates', () => {
  let t: TestApp;
  let world: World;
  let roomId: string;
  let deskId: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
    roomId = (
      await createResource(t, world.admin.token, world.centerId, {
        kind: 'room',
        name: 'Training hall',
        capacity: 30,
      })
    ).id;
    deskId = (
      await createResource(t, world.admin.token, world.centerId, {
        kind: 'desk',
        name: 'Desk by the window',
      })
    ).id;
    // Week 3 of the seminar already holds a meeting in the hall.
    const meeting = await t.request('POST', '/api/v1/bookings', {
      token: world.coordinator.token,
      body: {
        resourceId: roomId,
        start: '2026-12-22T13:00',
        end: '2026-12-22T15:00',
        title: 'Coordinators meeting',
      },
    });
    expect(meeting.status).toBe(201);
  });

  afterAll(() => t.close());

  const seminar = {
    date: '2026-12-08',
    startTime: '14:00',
    endTime: '17:00',
    title: 'Strategic planning',
    purpose: 'seminar',
    attendees: '20',
    repeat: 'weekly',
    ends: 'count',
    count: '4',
  };

  it('previews a weekly seminar: lists the free dates and the clash with its date and reason', async () => {
    const web = WebClient.withToken(t.baseUrl, world.coordinator.token);
    const form = await web.get(`/book?center=${world.centerId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Training hall');
    const preview = await web.post('/book/preview', {
      center: world.centerId,
      resourceId: roomId,
      ...seminar,
    });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('name="skipConflicts" value="1"');
    // The clash: 22 December, the hall, booked 13:00–15:00 by the meeting (the coordinator reads
    // Uzbek by default), in a table whose reason column says so.
    expect(preview.text).toMatch(/22[ -](Dek|dek)/);
    expect(preview.text).toContain('band 13:00–15:00');
    expect(preview.text).toContain('<th scope="col">Sababi</th>');
    expect(preview.text).toContain('1 ta sana toʻqnashadi');
    // Nothing was stored by the preview.
    const list = await t.request(
      'GET',
      `/api/v1/bookings?centerId=${world.centerId}&resourceId=${roomId}`,
      {
        token: world.admin.token,
      },
    );
    expect(list.body.items).toHaveLength(1);
  });

  it('books the free dates: three sessions, the clashing date left out, then shows the booking', async () => {
    const web = WebClient.withToken(t.baseUrl, world.coordinator.token);
    await web.get(`/book?center=${world.centerId}`);
    const created = await web.post('/book', {
      center: world.centerId,
      resourceId: roomId,
      ...seminar,
      idempotencyKey: 'seminar-key-1',
      skipConflicts: '1',
    });
    expect(created.status).toBe(303);
    const id = /^\/admin\/bookings\/([^?]+)\?done=booked$/.exec(created.location!)![1];
    const booking = await t.request('GET', `/api/v1/bookings/${id}`, { token: world.admin.token });
    expect(booking.body.occurrences.map((o: { start: string }) => o.start.slice(0, 10))).toEqual([
      '2026-12-08',
      '2026-12-15',
      '2026-12-29',
    ]);
    expect(booking.body.recurrence.exceptions).toEqual(['2026-12-22']);
    expect(booking.body.attendees).toBe(20);
    // The same form sent again (a double click) books nothing more.
    const again = await web.post('/book', {
      center: world.centerId,
      resourceId: roomId,
      ...seminar,
      idempotencyKey: 'seminar-key-1',
      skipConflicts: '1',
    });
    expect(again.location).toBe(created.location);
  });

  it('refuses with the clash table when every date clashes, keeping what was typed', async () => {
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const refused = await web.post('/book', {
      center: world.centerId,
      resourceId: roomId,
      date: '2026-12-22',
      startTime: '13:30',
      endTime: '14:30',
      title: 'My typed title',
      repeat: 'none',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).toContain('value="My typed title"');
  });

  it('shows bad input with the API’s reason, and books a desk for a member', async () => {
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const backwards = await web.post('/book', {
      center: world.centerId,
      resourceId: deskId,
      date: '2026-12-02',
      startTime: '12:00',
      endTime: '10:00',
    });
    expect(backwards.status).toBe(400);
    // In the member's language (Uzbek), with the form's own names of the fields.
    expect(backwards.text).toContain('Tugashi: «Boshlanishi» dan keyin boʻlishi kerak');
    expect(backwards.text).not.toContain('must be after start');
    const booked = await web.post('/book', {
      center: world.centerId,
      resourceId: deskId,
      date: '2026-12-02',
      startTime: '10:00',
      endTime: '12:00',
      idempotencyKey: 'desk-1',
    });
    expect(booked.status).toBe(303);
    expect(booked.location).toBe('/me?done=booked');
  });

  it('lets staff book for someone, and not members', async () => {
    const staff = WebClient.withToken(t.baseUrl, world.coordinator.token);
    const form = await staff.get(`/book?center=${world.centerId}`);
    expect(form.text).toContain('name="ownerId"');
    const member = WebClient.withToken(t.baseUrl, world.member.token);
    expect((await member.get(`/book?center=${world.centerId}`)).text).not.toContain(
      'name="ownerId"',
    );
    const forSomeone = await member.post('/book', {
      center: world.centerId,
      resourceId: deskId,
      date: '2026-12-03',
      startTime: '10:00',
      endTime: '11:00',
      ownerId: world.otherMember.id,
    });
    expect(forSomeone.status).toBe(403);
  });

  it('refuses a post without the CSRF token and books nothing', async () => {
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const forged = await web.post(
      '/book',
      {
        center: world.centerId,
        resourceId: deskId,
        date: '2026-12-04',
        startTime: '10:00',
        endTime: '11:00',
      },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    const mine = await t.request(
      'GET',
      `/api/v1/bookings?from=2026-12-04T00:00%2B05:00&to=2026-12-05T00:00%2B05:00`,
      {
        token: world.member.token,
      },
    );
    expect(mine.body.items).toHaveLength(0);
  });
});
