import { escapeHtml } from '../src/web/shared/html';
import { Locale, MessageKey, translator } from '../src/web/i18n';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { Actor, createWorld, World } from './support/world';

const words = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) =>
  escapeHtml(translator(locale)(key, params));

/** The hours and rules of a new center as the form sends them (Monday to Friday, 08:30–17:00). */
const WEEK_FORM = {
  mon_from1: '08:30',
  mon_to1: '12:30',
  mon_from2: '13:30',
  mon_to2: '17:00',
  tue_from1: '08:30',
  tue_to1: '17:00',
  wed_from1: '08:30',
  wed_to1: '17:00',
  thu_from1: '08:30',
  thu_to1: '17:00',
  fri_from1: '08:30',
  fri_to1: '17:00',
  maxAdvanceDays: '30',
  maxOccurrences: '52',
  checkInOpensMinutes: '10',
  checkInGraceMinutes: '20',
  walkInMaxMinutes: '180',
};

/** The network page for admins: centers, their details, and their coordinators. */
describe('web: the network (admins)', () => {
  let t: TestApp;
  let w: World;

  const setLocale = (actor: Actor, locale: Locale) =>
    t.request('PATCH', `/api/v1/users/${actor.id}`, { token: actor.token, body: { locale } });

  const centers = async () =>
    (await t.request('GET', '/api/v1/centers?limit=500', { token: w.admin.token })).body
      .items as Array<Record<string, any>>;

  async function admin(path = '/admin/network'): Promise<WebClient> {
    const web = WebClient.withToken(t.baseUrl, w.admin.token);
    await web.get(path);
    return web;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T10:00:29.871+05:00' });
    w = await createWorld(t);
    await setLocale(w.admin, 'en');
  });

  afterAll(() => t.close());

  it('lists every center with who runs it', async () => {
    const page = await (await admin()).get('/admin/network');
    expect(page.status).toBe(200);
    const rows = [...page.text.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/tr>/g)].map(
      (m) => m[1],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain('Test coordinator');
    expect(page.text).toContain(`href="/admin/people/${w.coordinator.id}"`);
    expect(page.text).toContain(`href="/admin/network/centers/${w.centerId}"`);
  });

  it('creates a center with its zone, opening hours and booking rules', async () => {
    const web = await admin('/admin/network/centers/new');
    const form = await web.get('/admin/network/centers/new');
    expect(form.text).toContain('name="mon_from1" value="09:00"');
    expect(form.text).toContain('name="maxAdvanceDays"');
    const created = await web.post('/admin/network/centers', {
      name: 'Samarkand hub',
      slug: 'samarkand',
      city: 'Samarkand',
      region: 'Samarkand',
      address: 'Registan street 1',
      timezone: 'Asia/Samarkand',
      ...WEEK_FORM,
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe('/admin/network?done=created');
    const center = (await centers()).find((c) => c.slug === 'samarkand')!;
    expect(center).toMatchObject({
      name: 'Samarkand hub',
      timezone: 'Asia/Samarkand',
      address: 'Registan street 1',
      openingHours: {
        mon: [
          { from: '08:30', to: '12:30' },
          { from: '13:30', to: '17:00' },
        ],
        fri: [{ from: '08:30', to: '17:00' }],
        sat: [],
        sun: [],
      },
      policy: {
        maxAdvanceDays: 30,
        maxOccurrences: 52,
        checkInOpensMinutes: 10,
        checkInGraceMinutes: 20,
        walkInMaxMinutes: 180,
      },
    });
    expect((await web.get(created.location!)).text).toContain('Samarkand hub');
  });

  it('refuses a bad center beside each field, in the reader’s language, keeping the input', async () => {
    await setLocale(w.admin, 'uz');
    try {
      const web = await admin('/admin/network/centers/new');
      const refused = await web.post('/admin/network/centers', {
        name: 'Broken center',
        slug: 'Not A Slug',
        city: 'Nukus',
        region: 'Karakalpakstan',
        timezone: 'Mars/Olympus',
        ...WEEK_FORM,
        tue_to1: '07:00',
        maxAdvanceDays: '0',
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(words('uz', 'network.field.slug'));
      expect(refused.text).toContain(words('uz', 'network.field.policy'));
      expect(refused.text).toContain('value="Not A Slug"');
      expect(refused.text).toContain('value="Broken center"');
      expect(refused.text).toContain('name="tue_to1" value="07:00"');
      expect(refused.text).not.toContain('must be');
      // The zone and the hours are the service's rules, checked once the input's form is right.
      const zone = await web.post('/admin/network/centers', {
        name: 'Broken center',
        slug: 'broken',
        city: 'Nukus',
        region: 'Karakalpakstan',
        timezone: 'Mars/Olympus',
        ...WEEK_FORM,
      });
      expect(zone.status).toBe(400);
      expect(zone.text).toContain(words('uz', 'network.field.timezone'));
      const hours = await web.post('/admin/network/centers', {
        name: 'Broken center',
        slug: 'broken',
        city: 'Nukus',
        region: 'Karakalpakstan',
        timezone: 'Asia/Tashkent',
        ...WEEK_FORM,
        tue_to1: '07:00',
      });
      expect(hours.status).toBe(400);
      expect(hours.text).toContain(words('uz', 'network.field.hours'));
      expect(hours.text).not.toContain('before');
      const taken = await web.post('/admin/network/centers', {
        name: 'Second Samarkand',
        slug: 'samarkand',
        city: 'Samarkand',
        region: 'Samarkand',
        timezone: 'Asia/Samarkand',
        ...WEEK_FORM,
      });
      expect(taken.status).toBe(409);
      expect(taken.text).toContain(words('uz', 'network.field.slugTaken'));
      expect((await centers()).map((c) => c.name)).not.toContain('Broken center');
      expect((await centers()).map((c) => c.name)).not.toContain('Second Samarkand');
    } finally {
      await setLocale(w.admin, 'en');
    }
  });

  it('edits a center’s details, and sends hours and rules to its setup page', async () => {
    const web = await admin(`/admin/network/centers/${w.otherCenterId}`);
    const form = await web.get(`/admin/network/centers/${w.otherCenterId}`);
    expect(form.text).toContain(`href="/admin/center?center=${w.otherCenterId}"`);
    expect(form.text).toContain('Test coordinator');
    const [before] = (await centers()).filter((c) => c.id === w.otherCenterId);
    const saved = await web.post(`/admin/network/centers/${w.otherCenterId}`, {
      name: 'Renamed center',
      slug: before.slug,
      city: 'Bukhara',
      region: before.region,
      address: '',
      timezone: before.timezone,
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/admin/network/centers/${w.otherCenterId}?done=updated`);
    const [after] = (await centers()).filter((c) => c.id === w.otherCenterId);
    expect(after).toMatchObject({ name: 'Renamed center', city: 'Bukhara', active: false });
    // Only what changed is recorded.
    const audit = await t.request(
      'GET',
      `/api/v1/audit?targetId=${w.otherCenterId}&action=center.updated`,
      { token: w.admin.token },
    );
    expect(audit.body.items[0].details.fields).toEqual(['active', 'city', 'name']);
    await web.post(`/admin/network/centers/${w.otherCenterId}`, {
      name: 'Renamed center',
      slug: before.slug,
      city: 'Bukhara',
      region: before.region,
      timezone: before.timezone,
      active: 'on',
    });
    expect((await centers()).find((c) => c.id === w.otherCenterId)!.active).toBe(true);
    const refused = await web.post(`/admin/network/centers/${w.otherCenterId}`, {
      name: '',
      slug: before.slug,
      city: 'Bukhara',
      region: before.region,
      timezone: before.timezone,
      active: 'on',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(words('en', 'network.field.name'));
    expect(
      (await web.get('/admin/network/centers/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });

  it('adds a coordinator for a center, showing the temporary password once', async () => {
    const web = await admin();
    const created = await web.post('/admin/network/coordinators', {
      centerId: w.otherCenterId,
      name: 'Aziz Coordinator',
      email: 'aziz@example.org',
      phone: '',
      locale: 'ru',
    });
    expect(created.status).toBe(201);
    expect(created.text).toContain(
      words('en', 'network.done.coordinator', { name: 'Aziz Coordinator' }),
    );
    const password = /<code>([a-z0-9-]{14})<\/code>/.exec(created.text)![1];
    const token = await t.login('aziz@example.org', password);
    const me = await t.request('GET', '/api/v1/users/me', { token });
    expect(me.body).toMatchObject({
      role: 'coordinator',
      centerIds: [w.otherCenterId],
      locale: 'ru',
    });
    const page = await web.get('/admin/network');
    expect(page.text).toContain('Aziz Coordinator');
    expect(page.text).not.toContain(password);
  });

  it('refuses a coordinator without a valid email or center, in words, keeping the input', async () => {
    const web = await admin();
    const email = await web.post('/admin/network/coordinators', {
      centerId: w.centerId,
      name: 'No Center',
      email: 'no-center',
    });
    expect(email.status).toBe(400);
    expect(email.text).toContain(words('en', 'people.field.email.invalid'));
    expect(email.text).toContain('value="no-center"');
    const center = await web.post('/admin/network/coordinators', {
      centerId: '',
      name: 'No Center',
      email: 'no-center@example.org',
    });
    expect(center.status).toBe(400);
    expect(center.text).toContain(words('en', 'network.field.center'));
    expect(center.text).toContain('value="No Center"');
    const taken = await web.post('/admin/network/coordinators', {
      centerId: w.centerId,
      name: 'Second Aziz',
      email: 'aziz@example.org',
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain(words('en', 'people.field.email.taken'));
    const list = await t.request('GET', '/api/v1/users?q=no+center', { token: w.admin.token });
    expect(list.body.items).toEqual([]);
  });

  it('is for admins only: coordinators and members are refused (403)', async () => {
    for (const actor of [w.coordinator, w.member]) {
      const web = WebClient.withToken(t.baseUrl, actor.token);
      await web.get('/login');
      for (const path of [
        '/admin/network',
        '/admin/network/centers/new',
        `/admin/network/centers/${w.centerId}`,
      ]) {
        expect({ path, status: (await web.get(path)).status }).toEqual({ path, status: 403 });
      }
      const posted = await web.post('/admin/network/centers', {
        name: 'Sneaky',
        slug: 'sneaky',
        city: 'X',
        region: 'X',
        timezone: 'Asia/Tashkent',
      });
      expect(posted.status).toBe(403);
      expect(
        (
          await web.post('/admin/network/coordinators', {
            centerId: w.centerId,
            name: 'Sneaky',
            email: 'sneaky@example.org',
          })
        ).status,
      ).toBe(403);
    }
    expect((await centers()).map((c) => c.slug)).not.toContain('sneaky');
  });
});
