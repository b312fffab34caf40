import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/** The links of the "free instead" list, as the form's query strings. */
function alternativeLinks(page: string): URLSearchParams[] {
  const section = /<section class="alternatives"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
  return [...section.matchAll(/href="\/book\?([^"]*)"/g)].map(
    (m) => new URLSearchParams(m[1].replace(/&amp;/g, '&')),
  );
}

describe('web: a clash explained, with ways out found by the scheduling core', () => {
  let t: TestApp;
  let w: World;
  let deskA: string;
  let deskB: string;
  let deskC: string;
  let room: string;

  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Tashkent (the clock adds its odd seconds).
    t = await startTestApp();
    w = await createWorld(t);
    const standing = { kind: 'desk', features: ['height_adjustable'] };
    deskA = (await createResource(t, w.admin.token, w.centerId, { ...standing, name: 'Desk A' }))
      .id;
    deskB = (await createResource(t, w.admin.token, w.centerId, { ...standing, name: 'Desk B' }))
      .id;
    deskC = (await createResource(t, w.admin.token, w.centerId, { kind: 'desk', name: 'Desk C' }))
      .id;
    room = (
      await createResource(t, w.admin.token, w.centerId, {
        kind: 'room',
        name: 'Hall',
        capacity: 24,
      })
    ).id;
    for (const body of [
      {
        resourceId: deskA,
        start: '2026-12-02T15:00',
        end: '2026-12-02T16:30',
        title: 'Donor call',
      },
      { resourceId: room, start: '2026-12-16T14:00', end: '2026-12-16T16:00', title: 'Board' },
    ]) {
      const made = await t.request('POST', '/api/v1/bookings', {
        token: w.coordinator.token,
        body,
      });
      expect(made.status).toBe(201);
    }
  });

  afterAll(() => t.close());

  const deskForm = (resourceId: string, date = '2026-12-02') => ({
    center: w.centerId,
    resourceId,
    date,
    startTime: '15:00',
    endTime: '16:30',
    title: 'Report writing',
  });

  it('books a free one-off desk in one step: no preview, straight to my bookings', async () => {
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    const booked = await member.post('/book/preview', {
      ...deskForm(deskC, '2026-12-03'),
      idempotencyKey: 'one-step-1',
    });
    expect(booked.status).toBe(303);
    expect(booked.location).toBe('/me?done=booked');
    const mine = await t.request('GET', `/api/v1/bookings?resourceId=${deskC}`, {
      token: w.member.token,
    });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ title: 'Report writing', status: 'confirmed' });
  });

  it('shows a clashing desk with its booked time, and offers the other desk and the nearest times', async () => {
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    await member.post('/lang', { locale: 'en', next: '/' });
    const clash = await member.post('/book/preview', deskForm(deskA));
    expect(clash.status).toBe(409);
    // The summary takes the focus; the clash says when the desk is booked, not by whom or what.
    expect(clash.text).toMatch(/id="error-summary" role="alert" tabindex="-1" autofocus/);
    expect(clash.text).toContain('booked 15:00–16:30');
    expect(clash.text).not.toContain('Donor call');
    const links = alternativeLinks(clash.text);
    // Desk B has the same features and is free; Desk C lacks the height-adjustable top.
    const elsewhere = links.filter((l) => l.get('resourceId') !== deskA);
    expect(
      elsewhere.map((l) => [l.get('resourceId'), l.get('startTime'), l.get('endTime')]),
    ).toEqual([[deskB, '15:00', '16:30']]);
    expect(elsewhere[0].get('title')).toBe('Report writing');
    // The nearest free times on Desk A: just before the call, and right after it.
    const here = links.filter((l) => l.get('resourceId') === deskA);
    expect(here.map((l) => `${l.get('date')} ${l.get('startTime')}–${l.get('endTime')}`)).toEqual([
      '2026-12-02 13:30–15:00',
      '2026-12-02 16:30–18:00',
    ]);
    // Following a link opens the form filled in with it.
    const prefilled = await member.get(`/book?${elsewhere[0].toString()}`);
    expect(prefilled.status).toBe(200);
    expect(prefilled.text).toMatch(new RegExp(`<option value="${deskB}" selected>Desk B`));
    expect(prefilled.text).toContain('value="Report writing"');
    // Nothing was booked on Desk A by the member.
    const onA = await t.request('GET', `/api/v1/bookings?resourceId=${deskA}`, {
      token: w.admin.token,
    });
    expect(onA.body.items).toHaveLength(1);
  });

  it('names the clashing booking’s title for staff', async () => {
    const coordinator = WebClient.withToken(t.baseUrl, w.coordinator.token);
    await coordinator.post('/lang', { locale: 'en', next: '/' });
    const clash = await coordinator.post('/book/preview', deskForm(deskA));
    expect(clash.status).toBe(409);
    expect(clash.text).toContain('booked 15:00–16:30: Donor call');
  });

  it('says “closed on Sundays”, and offers no other desk for a closed day', async () => {
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    await member.post('/lang', { locale: 'en', next: '/' });
    const sunday = await member.post('/book/preview', deskForm(deskA, '2026-12-06'));
    expect(sunday.status).toBe(409);
    expect(sunday.text).toContain('closed on Sundays');
    const links = alternativeLinks(sunday.text);
    expect(links.every((l) => l.get('resourceId') === deskA)).toBe(true);
    // The nearest open times: Saturday afternoon and Monday morning.
    expect(links.map((l) => `${l.get('date')} ${l.get('startTime')}`)).toEqual([
      '2026-12-05 16:30',
      '2026-12-07 09:00',
    ]);
  });

  it('offers a series’ clashing date a week later (past the weeks it holds), as a one-off', async () => {
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    await member.post('/lang', { locale: 'en', next: '/' });
    // Wednesdays 2, 9 and 16 December in the hall; the board meets on the 16th.
    const preview = await member.post('/book/preview', {
      center: w.centerId,
      resourceId: room,
      date: '2026-12-02',
      startTime: '14:00',
      endTime: '16:00',
      title: 'English club',
      attendees: '12',
      repeat: 'weekly',
      ends: 'count',
      count: '3',
    });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('id="preview-title" tabindex="-1" autofocus');
    const links = alternativeLinks(preview.text);
    const weekLater = links.find((l) => l.get('date') === '2026-12-23');
    expect(weekLater).toBeDefined();
    expect(weekLater!.get('repeat')).toBeNull();
    expect([weekLater!.get('startTime'), weekLater!.get('endTime')]).toEqual(['14:00', '16:00']);
    expect(preview.text).toContain('In a later week:');
  });

  it('shows a room’s seats in the list, and asks about repetition and equipment only on demand', async () => {
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    await member.post('/lang', { locale: 'en', next: '/' });
    const form = await member.get(`/book?center=${w.centerId}`);
    expect(form.text).toContain('Hall (24 seats)');
    expect(form.text).toMatch(/<details class="more"><summary>Repeat \(optional\)<\/summary>/);
  });

  it('finds from the next quarter hour, and offers “until closing” when fewer hours are left', async () => {
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    await member.post('/lang', { locale: 'en', next: '/' });
    t.clock.set('2026-12-01T10:02:00+05:00');
    const morning = await member.get(`/find?center=${w.centerId}&when=now&hours=2`);
    expect(morning.text).toMatch(/Free from [^<]*10:15 to 12:15/);
    expect(morning.text).not.toContain('Search until closing');
    // 16:50: the center closes at 18:00, before three hours from 17:00 are over.
    t.clock.set('2026-12-01T16:50:00+05:00');
    const late = await member.get(`/find?center=${w.centerId}&when=now&hours=3&kind=desk`);
    expect(late.text).toMatch(/Free from [^<]*17:00 to 20:00/);
    expect(late.text).toContain('The center closes at 18:00');
    const link = /href="\/find\?([^"]*hours=closing[^"]*)"/
      .exec(late.text)![1]
      .replace(/&amp;/g, '&');
    expect(new URLSearchParams(link).get('kind')).toBe('desk');
    const untilClosing = await member.get(`/find?${link}`);
    expect(untilClosing.status).toBe(200);
    expect(untilClosing.text).toMatch(/Free from [^<]*17:00 to 18:00/);
    expect(untilClosing.text).toContain('Desk B');
    expect(untilClosing.text).not.toContain('The center closes at');
  });
});
