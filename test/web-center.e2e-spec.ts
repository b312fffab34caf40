import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/** Center setup through its forms, as a browser without JavaScript sends them. */
describe('center setup pages', () => {
  let t: TestApp;
  let w: World;
  let web: WebClient;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t);
    // The messages below are read in English (the coordinator's saved language).
    await WebClient.withToken(t.baseUrl, w.coordinator.token).post('/lang', { locale: 'en' });
  });

  beforeEach(async () => {
    web = WebClient.withToken(t.baseUrl, w.coordinator.token);
    await web.get(`/admin/center?center=${w.centerId}`);
  });

  afterAll(() => t.close());

  const apiResources = async () =>
    (
      await t.request('GET', `/api/v1/centers/${w.centerId}/resources?limit=500`, {
        token: w.coordinator.token,
      })
    ).body.items as Array<Record<string, any>>;

  const center = async () =>
    (await t.request('GET', `/api/v1/centers/${w.centerId}`, { token: w.coordinator.token }))
      .body as Record<string, any>;

  it('shows the setup page of the coordinator’s center with every section', async () => {
    const page = await web.get('/admin/center');
    expect(page.status).toBe(200);
    for (const id of ['resources-h', 'hours-h', 'closures-h', 'policy-h']) {
      expect(page.text).toContain(`id="${id}"`);
    }
    expect(page.text).toContain(`value="${w.centerId}"`);
  });

  it('lets an admin pick any center, and shows a coordinator of one center no picker', async () => {
    const admin = WebClient.withToken(t.baseUrl, w.admin.token);
    const page = await admin.get(`/admin/center?center=${w.otherCenterId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<select id="center-pick" name="center">');
    expect(page.text).toMatch(new RegExp(`<option value="${w.otherCenterId}"\\s+selected`));
    expect(page.text).toContain(`<option value="${w.centerId}"`);
    expect((await web.get('/admin/center')).text).not.toContain('id="center-pick"');
  });

  it('creates a resource with features, then edits it', async () => {
    const created = await web.post('/admin/center/resources', {
      center: w.centerId,
      kind: 'room',
      name: 'Seminar hall',
      capacity: '25',
      features: ['projector', 'wheelchair_accessible'],
      otherFeatures: 'quiet_zone, whiteboard',
      requiresApproval: 'on',
      checkInRequired: 'default',
      minDurationMinutes: '30',
      maxDurationMinutes: '',
      bufferMinutes: '15',
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe(`/admin/center?center=${w.centerId}&done=created#resources-h`);
    const hall = (await apiResources()).find((r) => r.name === 'Seminar hall')!;
    expect(hall).toMatchObject({
      kind: 'room',
      capacity: 25,
      features: ['projector', 'quiet_zone', 'wheelchair_accessible', 'whiteboard'],
      requiresApproval: true,
      checkInRequired: false,
      minDurationMinutes: 30,
      bufferMinutes: 15,
    });
    const shown = await web.get(created.location!.replace(/#.*/, ''));
    expect(shown.text).toContain('The resource was added.');
    expect(shown.text).toContain('Seminar hall');

    const form = await web.get(`/admin/center/resources/${hall.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Seminar hall"');
    expect(form.text).toContain('quiet_zone, whiteboard');
    const saved = await web.post(`/admin/center/resources/${hall.id}`, {
      center: w.centerId,
      name: 'Big hall',
      capacity: '40',
      features: ['projector'],
      otherFeatures: '',
      checkInRequired: 'no',
      minDurationMinutes: '30',
      maxDurationMinutes: '600',
      bufferMinutes: '0',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/admin/center/resources/${hall.id}?done=updated`);
    expect((await apiResources()).find((r) => r.id === hall.id)).toMatchObject({
      name: 'Big hall',
      capacity: 40,
      features: ['projector'],
      requiresApproval: false,
      maxDurationMinutes: 600,
      bufferMinutes: 0,
    });
  });

  it('shows invalid input again with what was typed and the reasons', async () => {
    const refused = await web.post('/admin/center/resources', {
      center: w.centerId,
      kind: 'desk',
      name: 'Desk with a <b>tag</b>',
      capacity: '4',
      otherFeatures: 'Not A Feature',
      checkInRequired: 'default',
      minDurationMinutes: 'ten',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Some values are not valid.');
    expect(refused.text).toContain('Shortest booking (minutes): must be a whole number');
    expect(refused.text).toContain(
      'Features: must be short lowercase words joined by _, such as screen_reader',
    );
    expect(refused.text).not.toContain('features must be lowercase words');
    expect(refused.text).toContain('value="Desk with a &lt;b&gt;tag&lt;/b&gt;"');
    expect(refused.text).toContain('value="ten"');
    expect(refused.text).toContain('value="Not A Feature"');
    // The service's own rule: only rooms have a capacity.
    const room = await web.post('/admin/center/resources', {
      center: w.centerId,
      kind: 'desk',
      name: 'Desk 9',
      capacity: '4',
    });
    expect(room.status).toBe(400);
    expect(room.text).toContain('only rooms have a capacity');
    expect(room.text).toContain('value="Desk 9"');
    expect((await apiResources()).some((r) => r.name === 'Desk 9')).toBe(false);
  });

  it('puts every refused field’s message beside it, all of them in a focused summary at the top', async () => {
    const refused = await web.post('/admin/center/resources', {
      center: w.centerId,
      kind: 'desk',
      name: 'Desk 10',
      otherFeatures: 'Not A Feature',
      minDurationMinutes: 'ten',
      bufferMinutes: '-5',
    });
    expect(refused.status).toBe(400);
    const summary = /<div class="error error-summary"[^>]*>[\s\S]*?<\/div>/.exec(refused.text)![0];
    // The summary comes first in the page's content and takes the focus when it opens.
    expect(refused.text.indexOf('error-summary')).toBeLessThan(refused.text.indexOf('resources-h'));
    expect(summary).toContain('tabindex="-1" autofocus');
    for (const id of ['new-other', 'new-minDurationMinutes', 'new-bufferMinutes']) {
      expect(summary).toContain(`href="#${id}"`);
      const control = new RegExp(
        `<input id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${id}-error`,
      );
      expect(refused.text).toMatch(control);
      expect(refused.text).toContain(`<p class="field-error" id="${id}-error">`);
    }
    expect(refused.text).not.toContain('id="new-name-error"');
  });

  it('refuses to deactivate a resource with future sessions, then does it when asked to cancel them', async () => {
    const desk = await createResource(t, w.coordinator.token, w.centerId, { name: 'Busy desk' });
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: {
        resourceId: desk.id,
        start: '2026-12-03T10:00',
        end: '2026-12-03T12:00',
        title: 'Work',
        purpose: 'work',
      },
    });
    expect(booked.status).toBe(201);
    const page = await web.get(`/admin/center/resources/${desk.id}`);
    expect(page.text).toContain(`action="/admin/center/resources/${desk.id}/deactivate"`);
    const refused = await web.post(`/admin/center/resources/${desk.id}/deactivate`, {
      center: w.centerId,
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Future sessions still hold this resource.');
    expect(refused.text).toContain('1 future session still holds it');
    expect((await apiResources()).find((r) => r.id === desk.id)!.active).toBe(true);

    const done = await web.post(`/admin/center/resources/${desk.id}/deactivate`, {
      center: w.centerId,
      cancelFuture: 'on',
    });
    expect(done.status).toBe(303);
    expect((await apiResources()).find((r) => r.id === desk.id)!.active).toBe(false);
    const session = await t.request('GET', `/api/v1/bookings/${booked.body.id}`, {
      token: w.member.token,
    });
    expect(session.body.occurrences[0].status).toBe('cancelled');

    const again = await web.post(`/admin/center/resources/${desk.id}`, {
      center: w.centerId,
      reactivate: 'on',
    });
    expect(again.status).toBe(303);
    expect((await apiResources()).find((r) => r.id === desk.id)!.active).toBe(true);
  });

  it('refuses to shrink a room under a future booking, keeping what was typed', async () => {
    const room = await createResource(t, w.coordinator.token, w.centerId, {
      kind: 'room',
      name: 'Small hall',
      capacity: 20,
    });
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: {
        resourceId: room.id,
        start: '2026-12-04T10:00',
        end: '2026-12-04T12:00',
        title: 'Training',
        purpose: 'seminar',
        attendees: 15,
      },
    });
    expect(booked.status).toBe(201);
    const refused = await web.post(`/admin/center/resources/${room.id}`, {
      center: w.centerId,
      name: 'Tiny hall',
      capacity: '10',
      checkInRequired: 'no',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Future sessions still hold this resource.');
    expect(refused.text).toContain('1 future booking has more than 10 participants.');
    expect(refused.text).toContain('value="Tiny hall"');
    expect((await apiResources()).find((r) => r.id === room.id)).toMatchObject({
      name: 'Small hall',
      capacity: 20,
    });
  });

  it('saves the opening hours and shows them, with closed days', async () => {
    const saved = await web.post('/admin/center/hours', {
      center: w.centerId,
      mon_from1: '08:30',
      mon_to1: '12:00',
      mon_from2: '13:00',
      mon_to2: '19:00',
      tue_from1: '09:00',
      tue_to1: '18:00',
      sat_from1: '10:00',
      sat_to1: '14:00',
    });
    expect(saved.status).toBe(303);
    const hours = (await center()).openingHours;
    expect(hours.mon).toEqual([
      { from: '08:30', to: '12:00' },
      { from: '13:00', to: '19:00' },
    ]);
    expect(hours.wed).toEqual([]);
    expect(hours.sat).toEqual([{ from: '10:00', to: '14:00' }]);
    const page = await web.get(`/admin/center?center=${w.centerId}&done=hours`);
    expect(page.text).toContain('The opening hours were saved.');
    expect(page.text).toContain('name="mon_from2" value="13:00"');
    expect(page.text).toContain('name="sat_to1" value="14:00"');

    const bad = await web.post('/admin/center/hours', {
      center: w.centerId,
      mon_from1: '18:00',
      mon_to1: '09:00',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Opening hours: Monday: 18:00–09:00 must end after it starts');
    expect(bad.text).toContain('name="mon_from1" value="18:00"');
    expect((await center()).openingHours.mon[0]).toEqual({ from: '08:30', to: '12:00' });
  });

  it('adds a closure, lists the sessions on it, and deletes it', async () => {
    const desk = await createResource(t, w.coordinator.token, w.centerId, { name: 'Closure desk' });
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: {
        resourceId: desk.id,
        start: '2026-12-08T09:00',
        end: '2026-12-08T11:00',
        title: 'Grant writing',
        purpose: 'work',
      },
    });
    expect(booked.status).toBe(201);
    const added = await web.post('/admin/center/closures', {
      center: w.centerId,
      from: '2026-12-08',
      to: '2026-12-08',
      reason: 'Constitution Day',
      yearly: 'on',
    });
    // The affected sessions are shown right away.
    expect(added.status).toBe(200);
    expect(added.text).toContain('The closure was added.');
    expect(added.text).toContain('Grant writing');
    expect(added.text).toContain('Closure desk');
    const list = await t.request('GET', `/api/v1/centers/${w.centerId}/closures`, {
      token: w.coordinator.token,
    });
    const closure = list.body.items.find((c: any) => c.reason === 'Constitution Day');
    expect(closure).toMatchObject({ from: '2026-12-08', to: '2026-12-08', yearly: true });

    // The page offers to cancel them or keep them; keeping changes nothing.
    expect(added.text).toContain('action="/admin/center/closures/sessions"');
    expect(added.text).toContain(
      `name="session" value="${booked.body.id}:${booked.body.occurrences[0].id}"`,
    );
    const kept = await web.post('/admin/center/closures/sessions', {
      center: w.centerId,
      session: `${booked.body.id}:${booked.body.occurrences[0].id}`,
      decision: 'keep',
    });
    expect(kept.status).toBe(303);
    expect(kept.location).toContain('done=sessionsKept');
    const still = await t.request('GET', `/api/v1/bookings/${booked.body.id}`, {
      token: w.member.token,
    });
    expect(still.body.occurrences[0].status).toBe('booked');

    const quiet = await web.post('/admin/center/closures', {
      center: w.centerId,
      from: '2027-01-01',
      to: '2027-01-02',
      reason: 'New Year',
    });
    expect(quiet.status).toBe(303);

    const bad = await web.post('/admin/center/closures', {
      center: w.centerId,
      from: '2027-02-10',
      to: '2027-02-01',
      reason: 'Backwards',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="Backwards"');

    const deleted = await web.post(`/admin/center/closures/${closure.id}/delete`, {
      center: w.centerId,
    });
    expect(deleted.status).toBe(303);
    expect(deleted.location).toContain('done=closureDeleted');
    const after = await t.request('GET', `/api/v1/centers/${w.centerId}/closures`, {
      token: w.coordinator.token,
    });
    expect(after.body.items.map((c: any) => c.reason)).toEqual(['New Year']);
  });

  it('saves the booking rules, and shows a wrong one again', async () => {
    const saved = await web.post('/admin/center/policy', {
      center: w.centerId,
      maxAdvanceDays: '60',
      maxOccurrences: '52',
      checkInOpensMinutes: '10',
      checkInGraceMinutes: '20',
      walkInMaxMinutes: '180',
    });
    expect(saved.status).toBe(303);
    expect((await center()).policy).toEqual({
      maxAdvanceDays: 60,
      maxOccurrences: 52,
      checkInOpensMinutes: 10,
      checkInGraceMinutes: 20,
      walkInMaxMinutes: 180,
    });
    const bad = await web.post('/admin/center/policy', {
      center: w.centerId,
      maxAdvanceDays: '0',
      maxOccurrences: '52',
      checkInOpensMinutes: '10',
      checkInGraceMinutes: '20',
      walkInMaxMinutes: '180',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('How far ahead people may book (days): must be at least 1');
    expect(bad.text).toContain('name="maxAdvanceDays" type="number"');
    expect(bad.text).toMatch(/id="policy-maxAdvanceDays"[^>]*value="0"/);
    expect((await center()).policy.maxAdvanceDays).toBe(60);
  });

  it('refuses a coordinator of another center, and a form without its CSRF token', async () => {
    const other = WebClient.withToken(t.baseUrl, w.otherCoordinator.token);
    expect((await other.get(`/admin/center?center=${w.centerId}`)).status).toBe(403);
    expect((await other.get(`/admin/center/qr-sheet?center=${w.centerId}`)).status).toBe(403);
    const created = await other.post('/admin/center/resources', {
      center: w.centerId,
      kind: 'desk',
      name: 'Intruder desk',
    });
    expect(created.status).toBe(403);
    const policy = await other.post('/admin/center/policy', {
      center: w.centerId,
      maxAdvanceDays: '5',
      maxOccurrences: '5',
      checkInOpensMinutes: '5',
      checkInGraceMinutes: '5',
      walkInMaxMinutes: '5',
    });
    expect(policy.status).toBe(403);
    const desk = await createResource(t, w.coordinator.token, w.centerId, { name: 'Mine' });
    expect((await other.get(`/admin/center/resources/${desk.id}`)).status).toBe(403);
    expect(
      (await other.post(`/admin/center/resources/${desk.id}/deactivate`, { center: w.centerId }))
        .status,
    ).toBe(403);
    expect((await apiResources()).some((r) => r.name === 'Intruder desk')).toBe(false);

    const noToken = await web.post(
      '/admin/center/resources',
      { center: w.centerId, kind: 'desk', name: 'No token desk' },
      { csrf: false },
    );
    expect(noToken.status).toBe(403);
    expect((await apiResources()).some((r) => r.name === 'No token desk')).toBe(false);
  });

  it('prints a QR code for every active desk and computer, with its check-in address', async () => {
    const computer = await createResource(t, w.coordinator.token, w.centerId, {
      kind: 'computer',
      name: 'PC with reader',
    });
    const gone = await createResource(t, w.coordinator.token, w.centerId, { name: 'Old desk' });
    await t.request('DELETE', `/api/v1/resources/${gone.id}`, { token: w.coordinator.token });
    const sheet = await web.get(`/admin/center/qr-sheet?center=${w.centerId}`);
    expect(sheet.status).toBe(200);
    const printable = (await apiResources()).filter(
      (r) => r.active && (r.kind === 'desk' || r.kind === 'computer'),
    );
    expect(printable.length).toBeGreaterThan(1);
    const cards = sheet.text.split('<li class="qr-card">').slice(1);
    expect(cards).toHaveLength(printable.length);
    for (const resource of printable) {
      const card = cards.find((c) => c.includes(String(resource.checkInUrl)))!;
      expect(card).toBeDefined();
      expect(card).toContain('<svg role="img"');
      const qr = await t.request('GET', `/api/v1/resources/${resource.id}/qr`, {
        token: w.coordinator.token,
      });
      // The same drawing as the API's QR code.
      const path = /<path[^>]*d="([^"]+)"/.exec(String(qr.body))![1];
      expect(card).toContain(path);
    }
    expect(sheet.text).toContain(computer.checkInUrl);
    expect(sheet.text).not.toContain(gone.checkInUrl);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(sheet.text)![1];
    expect((await web.get(stylesheet)).text).toContain('.qr-sheet{grid-template-columns:repeat(3');
  });

  it('cancels the sessions a new closure falls on when asked, and only this center’s', async () => {
    const desk = await createResource(t, w.coordinator.token, w.centerId, { name: 'Holiday desk' });
    const book = async (token: string, resourceId: string) => {
      const made = await t.request('POST', '/api/v1/bookings', {
        token,
        body: { resourceId, start: '2027-01-12T10:00', end: '2027-01-12T12:00', title: 'Study' },
      });
      expect(made.body).toMatchObject({ status: 'confirmed' });
      return made.body as { id: string; occurrences: Array<{ id: string }> };
    };
    const mine = await book(w.member.token, desk.id);
    const elsewhere = await book(
      w.admin.token,
      (await createResource(t, w.admin.token, w.otherCenterId, { name: 'Far desk' })).id,
    );
    const added = await web.post('/admin/center/closures', {
      center: w.centerId,
      from: '2027-01-12',
      to: '2027-01-12',
      reason: 'Water pipes',
    });
    expect(added.status).toBe(200);
    expect(added.text).toContain('Cancel them');
    expect(added.text).toContain('Keep them');
    const cancelled = await web.post('/admin/center/closures/sessions', {
      center: w.centerId,
      session: [
        `${mine.id}:${mine.occurrences[0].id}`,
        // Another center's session slipped into the form is left alone.
        `${elsewhere.id}:${elsewhere.occurrences[0].id}`,
        'not-a-session',
      ],
      decision: 'cancel',
    });
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toContain('done=sessionsCancelled');
    const status = async (id: string) =>
      (await t.request('GET', `/api/v1/bookings/${id}`, { token: w.admin.token })).body
        .occurrences[0].status;
    expect(await status(mine.id)).toBe('cancelled');
    expect(await status(elsewhere.id)).toBe('booked');
    const page = await web.get(cancelled.location!);
    expect(page.text).toContain('The sessions on the closure were cancelled.');
  });
});
