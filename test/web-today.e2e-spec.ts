import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

const DAY = '2026-12-01'; // a Tuesday; the center is open 09:00–18:00
const at = (time: string) => `${DAY}T${time}+05:00`;

describe('web: the Today page (/admin) and check-in on someone’s behalf', () => {
  let t: TestApp;
  let w: World;
  let deskId: string;
  let coordinator: WebClient;

  beforeAll(async () => {
    t = await startTestApp({ now: at('08:00:00') });
    w = await createWorld(t);
    deskId = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'desk',
        name: 'Window desk',
      })
    ).id;
    coordinator = WebClient.withToken(t.baseUrl, w.coordinator.token);
    await t.request('PATCH', `/api/v1/users/${w.coordinator.id}`, {
      token: w.coordinator.token,
      body: { locale: 'en' },
    });
  });

  afterAll(() => t.close());

  beforeEach(() => t.clock.set(at('08:00:00')));

  async function session(token: string, resourceId: string, from: string, to: string, date = DAY) {
    const response = await t.request('POST', '/api/v1/bookings', {
      token,
      body: { resourceId, start: `${date}T${from}`, end: `${date}T${to}`, title: `Work ${from}` },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return { bookingId: response.body.id as string, id: response.body.occurrences[0].id as string };
  }

  const today = async (query = '') => {
    const page = await coordinator.get(`/admin${query}`);
    expect(page.status).toBe(200);
    return page.text;
  };

  it('shows every active resource with its sessions, their owners and states in text, and the opening hours', async () => {
    const { bookingId } = await session(w.member.token, deskId, '10:00', '12:00');
    const text = await today();
    expect(text).toContain('<h1>Today: Test center</h1>');
    expect(text).toContain('Window desk');
    expect(text).toContain('10:00–12:00');
    // A compact bar: who and what, the state in words for screen readers, a link to the booking.
    expect(text).toContain(`title="10:00–12:00 · Booked · Test member · Work 10:00"`);
    expect(text).toContain(`href="/admin/bookings/${bookingId}"`);
    expect(text).toMatch(
      /state-booked[^]*?10:00–12:00, Booked:<\/span\s*><span class="icon" aria-hidden="true">●<\/span>\s*<b>Test member<\/b>/,
    );
    expect(text).toContain('Open 09:00–18:00');
    // Sunday: closed all day, the whole row says so.
    const sunday = await today(`?center=${w.centerId}&date=2026-12-06`);
    expect(sunday).toContain('The center is closed all day.');
    expect(sunday).toContain('<span class="visually-hidden">Closed 09:00–18:00</span>');
    expect(text).toMatch(/state-free/);
    // Right now (the occupancy report): the desk is closed at 08:00.
    expect(text).toContain('Closed: 1');
    // Without JavaScript: a visible refresh link; the script's live region and pause button.
    expect(text).toContain('>Refresh</a>');
    expect(text).toContain('aria-live="polite"');
    expect(text).toContain('id="today-pause"');
  });

  it('checks a member in and out on their behalf, and shows the new state', async () => {
    const { id } = await session(w.member.token, deskId, '13:00', '14:00');
    t.clock.set(at('12:50:00'));
    const before = await today();
    expect(before).toContain(`action="/admin/occurrences/${id}/check-in"`);

    const checkIn = await coordinator.post(`/admin/occurrences/${id}/check-in`, {
      center: w.centerId,
      date: DAY,
    });
    expect(checkIn.status).toBe(303);
    expect(checkIn.location).toBe(`/admin?center=${w.centerId}&date=${DAY}&done=checked_in`);
    const after = await today(`?center=${w.centerId}&date=${DAY}&done=checked_in`);
    expect(after).toContain('Checked in.');
    expect(after).toContain('title="13:00–14:00 · Checked in · Test member');
    expect(after).toContain(`action="/admin/occurrences/${id}/check-out"`);
    const api = await t.request('GET', `/api/v1/centers/${w.centerId}/timeline?date=${DAY}`, {
      token: w.admin.token,
    });
    const stored = api.body.items
      .flatMap((i: { sessions: unknown[] }) => i.sessions)
      .find((s: { occurrenceId: string }) => s.occurrenceId === id);
    expect(stored.status).toBe('checked_in');
    // The audit log records that staff acted for someone.
    const audit = await t.request('GET', `/api/v1/audit?action=occurrence.checked_in_on_behalf`, {
      token: w.admin.token,
    });
    expect(JSON.stringify(audit.body)).toContain(id);

    t.clock.set(at('13:20:00'));
    const checkOut = await coordinator.post(`/admin/occurrences/${id}/check-out`, {
      center: w.centerId,
      date: DAY,
    });
    expect(checkOut.status).toBe(303);
    const out = await today(`?center=${w.centerId}&date=${DAY}`);
    expect(out).toContain('title="13:00–14:00 · Checked out · Test member');
  });

  it('shows the service’s refusal on the page, translated, with what exactly is wrong', async () => {
    const { id } = await session(w.member.token, deskId, '16:00', '17:00');
    const early = await coordinator.post(`/admin/occurrences/${id}/check-in`, {
      center: w.centerId,
      date: DAY,
    });
    expect(early.status).toBe(409);
    expect(early.text).toContain('role="alert"');
    expect(early.text).toContain('Check-in is not open yet for this session.');
    expect(early.text).toContain('Check-in opens at Tue 1 Dec 15:45.');
    expect(early.text).toContain('Window desk');

    const russian = WebClient.withToken(t.baseUrl, w.admin.token);
    await russian.post('/lang', { locale: 'ru', next: '/admin' });
    const refused = await russian.post(`/admin/occurrences/${id}/check-out`, {
      center: w.centerId,
      date: DAY,
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('В текущем состоянии это сделать нельзя.');
    expect(refused.text).toContain('На этом занятии ещё не отметились.');
    expect(refused.text).not.toContain('This session is not checked in');
    await russian.post('/lang', { locale: 'en', next: '/admin' });
  });

  it('marks a no-show once the grace period has passed, and shows other days', async () => {
    const { id } = await session(w.otherMember.token, deskId, '09:00', '10:00');
    t.clock.set(at('09:30:00'));
    const text = await today();
    expect(text).toContain('title="09:00–10:00 · No-show · Test member');
    expect(text).not.toContain(`action="/admin/occurrences/${id}/check-in"`);
    const tomorrow = await today(`?center=${w.centerId}&date=2026-12-02`);
    expect(tomorrow).toContain('value="2026-12-02"');
    expect(tomorrow).not.toContain('title="09:00–10:00 · No-show');
    // Another day: the heading says which.
    expect(tomorrow).toContain('<h1>Wednesday 2 December 2026: Test center</h1>');
    // "Right now" is only for today.
    expect(tomorrow).not.toContain('now-heading');
    expect((await coordinator.get(`/admin?date=2026-02-30`)).status).toBe(400);
  });

  it('links the requests waiting for approval', async () => {
    const room = await createResource(t, w.coordinator.token, w.centerId, {
      kind: 'room',
      name: 'Hall',
      capacity: 10,
      requiresApproval: true,
    });
    await session(w.member.token, room.id, '15:00', '16:00', '2026-12-03');
    const text = await today();
    expect(text).toContain('Requests waiting for approval: 1');
    expect(text).toContain(`href="/admin/bookings?center=${w.centerId}&amp;status=pending"`);
  });

  it('keeps a coordinator to their own centers, refuses members, and refuses a form without its token', async () => {
    const other = WebClient.withToken(t.baseUrl, w.otherCoordinator.token);
    expect((await other.get(`/admin?center=${w.centerId}`)).status).toBe(403);
    const { id } = await session(w.member.token, deskId, '11:00', '11:30', '2026-12-02');
    const foreign = await other.post(`/admin/occurrences/${id}/check-in`, {
      center: w.otherCenterId,
    });
    expect([403, 404]).toContain(foreign.status);
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    expect((await member.get('/admin')).status).toBe(403);
    const forged = await coordinator.post(
      `/admin/occurrences/${id}/check-in`,
      { center: w.centerId },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
  });

  it('shows a closure day as closed, with its reason', async () => {
    const closure = await t.request('POST', `/api/v1/centers/${w.centerId}/closures`, {
      token: w.coordinator.token,
      body: { from: '2026-12-10', to: '2026-12-10', reason: 'Independence <day> repairs' },
    });
    expect(closure.status).toBe(201);
    const text = await today(`?center=${w.centerId}&date=2026-12-10`);
    expect(text).toContain('The center is closed on this day: Independence &lt;day&gt; repairs');
    expect(text).toContain('<span class="visually-hidden">Closed 09:00–18:00</span>');
    expect(text).not.toContain('class="bar free"');
  });

  it('approves a request from Today in one click and comes back to Today', async () => {
    const room = await createResource(t, w.coordinator.token, w.centerId, {
      kind: 'room',
      name: 'Board room',
      capacity: 10,
      requiresApproval: true,
    });
    const { bookingId } = await session(w.member.token, room.id, '11:00', '12:00', '2026-12-04');
    const text = await today();
    const form = `action="/admin/bookings/${bookingId}/approve"`;
    expect(text).toContain(form);
    const next = `/admin?center=${w.centerId}&done=approved`;
    expect(text).toContain(`name="next" value="${next.replace(/&/g, '&amp;')}"`);
    const approved = await coordinator.post(`/admin/bookings/${bookingId}/approve`, { next });
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(next);
    expect(await today(`?center=${w.centerId}&done=approved`)).toContain(
      'The request was approved.',
    );
    const stored = await t.request('GET', `/api/v1/bookings/${bookingId}`, {
      token: w.admin.token,
    });
    expect(stored.body.status).toBe('confirmed');
    // Without `next` (the booking's own page), and with a foreign one: the booking's page.
    const other = await session(w.member.token, room.id, '14:00', '15:00', '2026-12-04');
    const foreign = await coordinator.post(`/admin/bookings/${other.bookingId}/approve`, {
      next: '//evil.example/',
    });
    expect(foreign.location).toBe(`/admin/bookings/${other.bookingId}?done=approved`);
  });

  it('lists a seminar in a room with equipment once, with one check-in, and books free time from now on', async () => {
    const hall = await createResource(t, w.coordinator.token, w.centerId, {
      kind: 'room',
      name: 'Seminar hall',
      capacity: 30,
    });
    const projectors = await createResource(t, w.coordinator.token, w.centerId, {
      kind: 'equipment',
      name: 'Projectors',
      quantity: 3,
    });
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: {
        resourceId: hall.id,
        start: `${DAY}T15:00`,
        end: `${DAY}T17:00`,
        title: 'Seminar on grants',
        purpose: 'seminar',
        attendees: 20,
        equipment: [{ resourceId: projectors.id, quantity: 2 }],
      },
    });
    expect(booked.status).toBe(201);
    const occurrenceId = booked.body.occurrences[0].id as string;
    t.clock.set(at('14:50:00'));
    const text = await today();
    // Both rows show it, one check-in button for the session.
    expect(
      text.split('title="15:00–17:00 · Booked · Test trainer · Seminar on grants').length,
    ).toBe(3);
    expect(text).toContain('Seminar on grants · Units: 2"');
    expect(text.split(`action="/admin/occurrences/${occurrenceId}/check-in"`).length).toBe(2);
    expect(text).toMatch(/Expected now: \d+/);
    // The past is not free: the hall's first free stretch opens the form at the next five minutes
    // from now (14:50 and a few seconds: 14:55), not at 09:00.
    const fiveMinutes = 5 * 60_000;
    const next = Math.ceil(t.clock.now() / fiveMinutes) * fiveMinutes;
    const startTime = new Date(next + 5 * 3_600_000).toISOString().slice(11, 16);
    expect(['14:50', '14:55']).toContain(startTime);
    const hallRow = text.slice(text.indexOf(`id="res-${hall.id}"`));
    const link = /href="(\/book\?[^"]+)"/.exec(hallRow)![1].replace(/&amp;/g, '&');
    const query = new URL(link, t.baseUrl).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      center: w.centerId,
      resourceId: hall.id,
      date: DAY,
      startTime,
      endTime: '15:00',
    });
    // The doorway's "free now" list books an hour from the same five minutes.
    const freeNow = text.slice(text.indexOf('class="free-now"'));
    const doorLink = new RegExp(`href="(/book\\?[^"]*resourceId=${hall.id}[^"]*)"`).exec(freeNow);
    expect(
      Object.fromEntries(new URL(doorLink![1].replace(/&amp;/g, '&'), t.baseUrl).searchParams),
    ).toEqual({
      ...Object.fromEntries(query),
      endTime: new Date(next + 6 * 3_600_000).toISOString().slice(11, 16),
    });
    // The form opens with them filled in.
    const form = await coordinator.get(link);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${startTime}"`);
    // The present moment is a line on the grid.
    expect(text).toContain('class="now-line"');
  });

  it('offers admins a center picker', async () => {
    const admin = WebClient.withToken(t.baseUrl, w.admin.token);
    const page = await admin.get(`/admin?center=${w.otherCenterId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<select id="center" name="center">');
    expect(page.text).toContain('This center has no active resources yet.');
  });
});
