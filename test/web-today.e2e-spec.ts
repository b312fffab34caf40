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
    expect(text).toContain('Booked by Test member');
    expect(text).toContain(`href="/admin/bookings/${bookingId}"`);
    expect(text).toMatch(/state-booked[^]*?aria-hidden="true">●<\/span>Booked/);
    expect(text).toContain('Open 09:00–18:00');
    // Sunday: closed all day, the whole row says so.
    const sunday = await today(`?center=${w.centerId}&date=2026-12-06`);
    expect(sunday).toContain('The center is closed all day.');
    expect(sunday).toMatch(/09:00–18:00<\/span>\s*<span class="badge state-closed"/);
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
    expect(after).toMatch(/13:00–14:00<\/span>\s*<span class="badge state-checked_in"/);
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
    expect(out).toMatch(/13:00–14:00<\/span>\s*<span class="badge state-checked_out"/);
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
    expect(text).toMatch(/09:00–10:00<\/span>\s*<span class="badge state-no_show"/);
    expect(text).not.toContain(`action="/admin/occurrences/${id}/check-in"`);
    const tomorrow = await today(`?center=${w.centerId}&date=2026-12-02`);
    expect(tomorrow).toContain('value="2026-12-02"');
    expect(tomorrow).not.toContain('09:00–10:00</span>\n    <span class="badge state-no_show"');
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
    expect(text).toMatch(/09:00–18:00<\/span>\s*<span class="badge state-closed"/);
    expect(text).not.toContain('state-free');
  });

  it('offers admins a center picker', async () => {
    const admin = WebClient.withToken(t.baseUrl, w.admin.token);
    const page = await admin.get(`/admin?center=${w.otherCenterId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<select id="center" name="center">');
    expect(page.text).toContain('This center has no active resources yet.');
  });
});
