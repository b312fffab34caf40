import { escapeHtml } from '../src/web/shared/html';
import { Locale, MessageKey, translator } from '../src/web/i18n';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import {
  Actor,
  createCenter,
  createResource,
  createUser,
  createWorld,
  World,
} from './support/world';

const words = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) =>
  escapeHtml(translator(locale)(key, params));

/** The sentences of the entries on a page, tags removed. */
function sentences(text: string): string[] {
  const list = /<ol class="audit-list"[\s\S]*?<\/ol>/.exec(text)?.[0] ?? '';
  return [...list.matchAll(/<li>\s*<p class="when">[\s\S]*?<\/p>\s*<p>([\s\S]*?)<\/p>/g)].map((m) =>
    m[1].replace(/\s+/g, ' ').trim(),
  );
}

function times(text: string): string[] {
  return [...text.matchAll(/<time datetime="[^"]+">([^<]+)<\/time>/g)].map((m) => m[1]);
}

/** The audit log page: entries in words, the API's filters, pages, and who may read what. */
describe('web: the audit log', () => {
  let t: TestApp;
  let w: World;
  let moscow: { id: string };
  let moscowCoordinator: Actor;
  let dilnoza: Actor;
  let deskId: string;
  let bookingId: string;

  const setLocale = (actor: Actor, locale: Locale) =>
    t.request('PATCH', `/api/v1/users/${actor.id}`, { token: actor.token, body: { locale } });

  async function pageAs(actor: Actor, path: string) {
    const web = WebClient.withToken(t.baseUrl, actor.token);
    return web.get(path);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:41.512+05:00' });
    w = await createWorld(t);
    // A center three hours behind Tashkent, so its times cannot be mistaken for the server's.
    moscow = await createCenter(t, w.admin.token, {
      name: 'Moscow office',
      timezone: 'Europe/Moscow',
    });
    moscowCoordinator = await createUser(t, w.admin.token, 'coordinator', {
      name: 'Moscow Coordinator',
      centerIds: [moscow.id],
    });
    dilnoza = await createUser(t, w.admin.token, 'member', { name: 'Dilnoza Karimova' });
    deskId = (await createResource(t, w.admin.token, moscow.id, { name: 'Desk 3' })).id;
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: dilnoza.token,
      body: { resourceId: deskId, start: '2026-12-04T10:00', end: '2026-12-04T13:00' },
    });
    bookingId = booked.body.id;
    t.clock.set('2026-12-01T09:15:12.001+05:00');
    await t.request('DELETE', `/api/v1/bookings/${bookingId}`, { token: dilnoza.token });
    for (const actor of [moscowCoordinator, w.admin, w.coordinator]) await setLocale(actor, 'en');
  });

  afterAll(() => t.close());

  it('writes each entry in words, times in the center’s zone', async () => {
    const page = await pageAs(moscowCoordinator, `/admin/audit?center=${moscow.id}`);
    expect(page.status).toBe(200);
    const said = sentences(page.text);
    expect(said).toContain('Dilnoza Karimova cancelled Desk 3, Fri 4 Dec 10:00–13:00.');
    expect(said).toContain('Dilnoza Karimova booked Desk 3, Fri 4 Dec 10:00–13:00.');
    expect(said).toContain('Administrator added Desk 3.');
    // Newest first; 09:15 in Tashkent is 07:15 in Moscow.
    expect(times(page.text)[0]).toBe('Tue 1 Dec 07:15');
  });

  it('writes the entries in Russian and Uzbek for their readers, never the codes', async () => {
    await setLocale(moscowCoordinator, 'ru');
    try {
      const ru = await pageAs(moscowCoordinator, `/admin/audit?center=${moscow.id}`);
      expect(sentences(ru.text)[0]).toBe(
        'Dilnoza Karimova отменил(а): Desk 3, пт 4 дек. 10:00–13:00.',
      );
      // Words, not the codes (which only the filter's option values carry).
      expect(sentences(ru.text).join('\n')).not.toMatch(/booking|cancelled|created/);
      await setLocale(moscowCoordinator, 'uz');
      const uz = await pageAs(moscowCoordinator, `/admin/audit?center=${moscow.id}`);
      expect(sentences(uz.text)[0]).toMatch(
        /^Dilnoza Karimova bekor qildi: Desk 3, .* 10:00–13:00\.$/,
      );
      expect(uz.text).toContain(words('uz', 'audit.actionName.booking.cancelled'));
    } finally {
      await setLocale(moscowCoordinator, 'en');
    }
  });

  it('filters by action, period, actor and target, as the API does', async () => {
    const base = `/admin/audit?center=${moscow.id}`;
    const byAction = sentences(
      (await pageAs(moscowCoordinator, `${base}&action=booking.created`)).text,
    );
    expect(byAction).toEqual(['Dilnoza Karimova booked Desk 3, Fri 4 Dec 10:00–13:00.']);
    // The period is read in the center's zone: 1 December there began at 02:00 in Tashkent.
    expect(sentences((await pageAs(moscowCoordinator, `${base}&from=2026-12-02`)).text)).toEqual(
      [],
    );
    expect(
      sentences((await pageAs(moscowCoordinator, `${base}&from=2026-12-01&to=2026-12-01`)).text),
    ).toHaveLength(4);
    const byActor = await pageAs(moscowCoordinator, `${base}&actor=${dilnoza.id}`);
    expect(sentences(byActor.text)).toHaveLength(2);
    expect(byActor.text).toContain(escapeHtml('Only actions by Dilnoza Karimova.'));
    expect(byActor.text).toContain(`href="/admin/audit?center=${moscow.id}"`);
    const byTarget = await pageAs(moscowCoordinator, `${base}&target=${bookingId}`);
    expect(sentences(byTarget.text)).toHaveLength(2);
    expect(byTarget.text).toContain(
      escapeHtml('Only entries about Desk 3, Fri 4 Dec 10:00–13:00.'),
    );
    // Each entry links to the same filters for its actor and its target.
    const all = await pageAs(moscowCoordinator, base);
    expect(all.text).toContain(`href="/admin/audit?center=${moscow.id}&amp;actor=${dilnoza.id}"`);
    expect(all.text).toContain(`href="/admin/audit?center=${moscow.id}&amp;target=${bookingId}"`);
  });

  it('shows a coordinator their centers and their own actions, not another center’s', async () => {
    const person = await createUser(t, moscowCoordinator.token, 'member', {
      name: 'Registered Here',
    });
    const page = await pageAs(moscowCoordinator, '/admin/audit');
    const said = sentences(page.text);
    expect(said).toContain('Moscow Coordinator registered Registered Here.');
    expect(said).toContain('Dilnoza Karimova cancelled Desk 3, Fri 4 Dec 10:00–13:00.');
    const other = sentences((await pageAs(w.coordinator, '/admin/audit')).text);
    expect(other.join('\n')).not.toContain('Desk 3');
    expect(other.join('\n')).not.toContain('Registered Here');
    expect((await pageAs(w.coordinator, `/admin/audit?center=${moscow.id}`)).status).toBe(403);
    expect(
      (await pageAs(w.coordinator, '/admin/audit?center=00000000-0000-4000-8000-000000000000'))
        .status,
    ).toBe(404);
    expect(person.id).toBeDefined();
  });

  it('pages the log, newest first', async () => {
    for (let i = 0; i < 26; i++) {
      t.clock.advanceMinutes(1);
      await t.request('POST', '/api/v1/organizations', {
        token: w.admin.token,
        body: { name: `Paged NGO ${String(i).padStart(2, '0')}` },
      });
    }
    const first = await pageAs(w.admin, '/admin/audit?action=organization.created');
    expect(first.text).toContain('Page 1 of 2');
    expect(sentences(first.text)[0]).toBe('Administrator added the organization Paged NGO 25.');
    expect(first.text).toContain('href="/admin/audit?action=organization.created&amp;page=2"');
    const second = await pageAs(w.admin, '/admin/audit?action=organization.created&page=2');
    expect(sentences(second.text)).toEqual(['Administrator added the organization Paged NGO 00.']);
  });

  it('describes changes to people, organizations and centers with what changed', async () => {
    t.clock.advanceMinutes(1);
    const person = await createUser(t, w.admin.token, 'member', { name: 'Changed Person' });
    await t.request('PATCH', `/api/v1/users/${person.id}`, {
      token: w.admin.token,
      body: { phone: '+998 90 765 43 21', locale: 'ru' },
    });
    t.clock.advanceMinutes(1);
    await t.request('PATCH', `/api/v1/users/${person.id}`, {
      token: w.admin.token,
      body: { active: false },
    });
    t.clock.advanceMinutes(1);
    const org = await t.request('POST', '/api/v1/organizations', {
      token: w.admin.token,
      body: { name: 'Old Name' },
    });
    t.clock.advanceMinutes(1);
    await t.request('PATCH', `/api/v1/organizations/${org.body.id}`, {
      token: w.admin.token,
      body: { name: 'New Name' },
    });
    const said = sentences((await pageAs(w.admin, '/admin/audit')).text);
    expect(said).toContain('Administrator renamed the organization “Old Name” to “New Name”.');
    expect(said).toContain(
      'Administrator deactivated Changed Person. Future sessions cancelled: 0.',
    );
    expect(said).toContain(
      'Administrator changed the account of Changed Person. Changed: language, phone.',
    );
    // A change to one's own account (a language switch, say) reads as such.
    t.clock.advanceMinutes(1);
    await t.request('PATCH', `/api/v1/users/${w.admin.id}`, {
      token: w.admin.token,
      body: { name: 'Network Admin' },
    });
    const own = sentences((await pageAs(w.admin, '/admin/audit')).text);
    expect(own[0]).toBe('Network Admin changed their own account. Changed: name.');
  });

  it('refuses bad filters beside them, in the reader’s language, and lists nothing', async () => {
    await setLocale(moscowCoordinator, 'ru');
    try {
      const bad = await pageAs(
        moscowCoordinator,
        `/admin/audit?center=${moscow.id}&from=2026-13-40&action=nothing`,
      );
      expect(bad.status).toBe(400);
      expect(bad.text).toContain(words('ru', 'audit.invalid.date'));
      expect(bad.text).toContain(words('ru', 'audit.invalid.action'));
      expect(bad.text).toContain('value="2026-13-40"');
      expect(bad.text).not.toContain('audit-list');
      const backwards = await pageAs(
        moscowCoordinator,
        `/admin/audit?center=${moscow.id}&from=2026-12-05&to=2026-12-01`,
      );
      expect(backwards.status).toBe(400);
      expect(backwards.text).toContain(words('ru', 'audit.invalid.order'));
      const link = await pageAs(moscowCoordinator, '/admin/audit?actor=not-an-id');
      expect(link.status).toBe(400);
      expect(link.text).toContain(words('ru', 'audit.invalid.link'));
      expect(link.text).not.toContain('must be');
    } finally {
      await setLocale(moscowCoordinator, 'en');
    }
  });

  it('is for staff only (403 for members and trainers)', async () => {
    expect((await pageAs(w.member, '/admin/audit')).status).toBe(403);
    expect((await pageAs(w.trainer, '/admin/audit')).status).toBe(403);
  });
});
