import { ResourcesService } from '../src/resources';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createBooking, createResource, createWorld, Json, World } from './support/world';

describe('web: my bookings, finding a free place, and the QR check-in page', () => {
  let t: TestApp;
  let world: World;
  let desk: { id: string; checkInUrl: string };
  let computerId: string;

  beforeAll(async () => {
    // Tuesday 1 December 2026, 08:50 in Tashkent.
    t = await startTestApp({ now: '2026-12-01T08:50:00+05:00' });
    world = await createWorld(t);
    desk = await createResource(t, world.admin.token, world.centerId, {
      kind: 'desk',
      name: 'Desk 7',
    });
    computerId = (
      await createResource(t, world.admin.token, world.centerId, {
        kind: 'computer',
        name: 'PC 2',
        features: ['screen_reader'],
      })
    ).id;
  });

  afterAll(() => t.close());

  const tokenPath = () => new URL(desk.checkInUrl).pathname;

  const book = (body: Json, token = world.member.token) => createBooking(t, token, body);

  it('lists my upcoming sessions, and cancels one session of a series keeping the others', async () => {
    const series = await book({
      resourceId: computerId,
      start: '2026-12-02T14:00',
      end: '2026-12-02T16:00',
      title: 'Weekly newsletter',
      recurrence: { rule: 'FREQ=WEEKLY;COUNT=3' },
    });
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const page = await web.get('/me');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Weekly newsletter');
    expect(page.text.match(/\/cancel"/g)!.length).toBeGreaterThanOrEqual(3);
    const second = series.occurrences[1].id;
    const cancelled = await web.post(`/bookings/${series.id}/sessions/${second}/cancel`, {
      next: '/me',
    });
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBe('/me?done=cancelled');
    const after = await t.request('GET', `/api/v1/bookings/${series.id}`, {
      token: world.member.token,
    });
    expect(after.body.occurrences.map((o: { status: string }) => o.status)).toEqual([
      'booked',
      'cancelled',
      'booked',
    ]);
    expect((await web.get('/me?done=cancelled')).text).toContain('role="status"');
  });

  it('cancels this and the later sessions of a series', async () => {
    const series = await book({
      resourceId: computerId,
      start: '2026-12-03T09:00',
      end: '2026-12-03T10:00',
      recurrence: { rule: 'FREQ=DAILY;COUNT=3' },
    });
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    await web.post(`/bookings/${series.id}/sessions/${series.occurrences[1].id}/cancel`, {
      next: '/me',
      scope: 'following',
    });
    const after = await t.request('GET', `/api/v1/bookings/${series.id}`, {
      token: world.member.token,
    });
    expect(after.body.occurrences.map((o: { status: string }) => o.status)).toEqual([
      'booked',
      'cancelled',
      'cancelled',
    ]);
  });

  it('does not let another member cancel my session: the page says so, nothing changes', async () => {
    const mine = await book({
      resourceId: computerId,
      start: '2026-12-04T09:00',
      end: '2026-12-04T10:00',
    });
    const other = WebClient.withToken(t.baseUrl, world.otherMember.token);
    const refused = await other.post(
      `/bookings/${mine.id}/sessions/${mine.occurrences[0].id}/cancel`,
      { next: '/me' },
    );
    expect(refused.location).toBe('/me?error=NOT_FOUND');
    const after = await t.request('GET', `/api/v1/bookings/${mine.id}`, {
      token: world.member.token,
    });
    expect(after.body.occurrences[0].status).toBe('booked');
  });

  it('finds free desks and computers now, and books one from the list', async () => {
    // Open from 09:00: "now for 2 hours" at 09:30.
    t.clock.set('2026-12-01T09:30:00+05:00');
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const found = await web.get(
      `/find?center=${world.centerId}&when=now&hours=2&kind=computer&feature=screen_reader`,
    );
    expect(found.status).toBe(200);
    expect(found.text).toContain('PC 2');
    expect(found.text).not.toContain('Desk 7');
    // The feature by its name in the reader's language (Uzbek), never its code.
    expect(found.text).toContain(
      '<option value="screen_reader" selected>Ekranni oʻqish dasturi</option>',
    );
    expect(found.text).toContain('· Ekranni oʻqish dasturi</span>');
    const form = await web.get(`/book?center=${world.centerId}`);
    expect(form.text).toContain('PC 2 (Ekranni oʻqish dasturi)</option>');
    expect(form.text).not.toContain('screen_reader)');
    const later = await web.get(
      `/find?center=${world.centerId}&when=later&date=2026-12-02&startTime=14:30&endTime=15:00`,
    );
    expect(later.text).toContain('Desk 7');
    // The computer is booked then (the newsletter series).
    expect(later.text).not.toContain('>PC 2<');
    const bookForm = /<form method="post" action="\/book"[\s\S]*?<\/form>/.exec(later.text)![0];
    const fields = Object.fromEntries(
      [...bookForm.matchAll(/name="([^"]+)" value="([^"]*)"/g)]
        .filter(([, n]) => n !== '_csrf')
        .map(([, n, v]) => [n, v]),
    );
    const booked = await web.post('/book', fields);
    expect(booked.status).toBe(303);
    expect(booked.location).toBe('/me?done=booked');
    t.clock.set('2026-12-01T08:50:00+05:00');
  });

  it('checks in through the QR code page when I have a session open there', async () => {
    await book({ resourceId: desk.id, start: '2026-12-01T09:00', end: '2026-12-01T12:00' });
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const page = await web.get(tokenPath());
    expect(page.status).toBe(200);
    expect(page.text).toContain('Desk 7');
    const done = await web.post(tokenPath(), {});
    expect(done.status).toBe(200);
    expect(done.text).toContain('role="status"');
    expect(done.text).toContain('12:00');
  });

  it('takes a free desk as a walk-in, and tells the next person it is busy and until when', async () => {
    t.clock.set('2026-12-01T09:30:00+05:00');
    const free = await createResource(t, world.admin.token, world.centerId, {
      kind: 'desk',
      name: 'Desk 8',
    });
    const path = new URL(free.checkInUrl).pathname;
    const first = WebClient.withToken(t.baseUrl, world.trainer.token);
    expect((await first.get(path)).status).toBe(200);
    const walkIn = await first.post(path, {});
    expect(walkIn.status).toBe(200);
    const second = WebClient.withToken(t.baseUrl, world.otherMember.token);
    const busyPage = await second.get(path);
    // Busy is a state, not an error: it says until when, with nothing to press.
    expect(busyPage.text).toContain('<p class="lead" role="status">');
    expect(busyPage.text).not.toContain(`action="${path}"`);
    const busy = await second.post(path, {});
    expect(busy.status).toBe(409);
    expect(busy.text).toContain('role="alert"');
  });

  it('reads the desk by its code once per request: the page, a walk-in, and a refused one', async () => {
    t.clock.set('2026-12-01T10:30:00+05:00');
    const free = await createResource(t, world.admin.token, world.centerId, {
      kind: 'desk',
      name: 'Desk 10',
    });
    const path = new URL(free.checkInUrl).pathname;
    const byToken = jest.spyOn(t.app.get(ResourcesService), 'getByQrToken');
    const reads = async (request: () => Promise<{ status: number }>) => {
      byToken.mockClear();
      const status = (await request()).status;
      return [status, byToken.mock.calls.length];
    };
    try {
      const first = WebClient.withToken(t.baseUrl, world.trainer.token);
      const second = WebClient.withToken(t.baseUrl, world.otherMember.token);
      expect(await reads(() => new WebClient(t.baseUrl).get(path))).toEqual([200, 1]);
      expect(await reads(() => first.get(path))).toEqual([200, 1]);
      expect(await reads(() => first.post(path, {}))).toEqual([200, 1]);
      expect(await reads(() => second.get(path))).toEqual([200, 1]);
      // Refused (busy): the page again, with when it is free, from the same read.
      expect(await reads(() => second.post(path, {}))).toEqual([409, 1]);
    } finally {
      byToken.mockRestore();
      t.clock.set('2026-12-01T08:50:00+05:00');
    }
  });

  it('says why when a desk cannot be taken at all: the center is closed', async () => {
    t.clock.set('2026-12-01T07:00:00+05:00');
    const closedDesk = await createResource(t, world.admin.token, world.centerId, {
      kind: 'desk',
      name: 'Desk 9',
    });
    const path = new URL(closedDesk.checkInUrl).pathname;
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    const refused = await web.post(path, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('role="alert"');
    t.clock.set('2026-12-01T08:50:00+05:00');
  });

  it('asks an anonymous scan to sign in and come back to the desk, and 404s an unknown code', async () => {
    const anonymous = new WebClient(t.baseUrl);
    const scan = await anonymous.get(tokenPath());
    expect(scan.status).toBe(200);
    expect(scan.text).toContain(`href="/login?next=${encodeURIComponent(tokenPath())}"`);
    const web = WebClient.withToken(t.baseUrl, world.member.token);
    expect((await web.get('/c/not-a-real-code')).status).toBe(404);
  });
});
