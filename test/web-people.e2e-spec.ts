import { escapeHtml } from '../src/web/shared/html';
import { Locale, MessageKey, translator } from '../src/web/i18n';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { Actor, createResource, createUser, createWorld, World } from './support/world';

/** The words a page shows for a key, as they appear in its HTML. */
const words = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) =>
  escapeHtml(translator(locale)(key, params));

/** People and organizations through their forms, as a browser without JavaScript sends them. */
describe('web: people and organizations for staff', () => {
  let t: TestApp;
  let w: World;
  let here: Actor;
  let elsewhere: Actor;
  let organizationId: string;

  const setLocale = (actor: Actor, locale: Locale) =>
    t.request('PATCH', `/api/v1/users/${actor.id}`, { token: actor.token, body: { locale } });

  const user = async (id: string) =>
    (await t.request('GET', `/api/v1/users/${id}`, { token: w.admin.token })).body as Record<
      string,
      any
    >;

  const usersNamed = async (q: string) =>
    (
      await t.request('GET', `/api/v1/users?q=${encodeURIComponent(q)}`, {
        token: w.admin.token,
      })
    ).body.items as Array<Record<string, any>>;

  /** A client of the coordinator, on the page it will post from (its CSRF token). */
  async function coordinatorOn(path: string, actor: Actor = w.coordinator): Promise<WebClient> {
    const web = WebClient.withToken(t.baseUrl, actor.token);
    await web.get(path);
    return web;
  }

  beforeAll(async () => {
    // A real clock is never on a whole minute: the pages must not hand the services its seconds.
    t = await startTestApp({ now: '2026-12-01T10:00:17.345+05:00' });
    w = await createWorld(t);
    organizationId = (
      await t.request('POST', '/api/v1/organizations', {
        token: w.admin.token,
        body: { name: 'Nihol Youth' },
      })
    ).body.id;
    here = await createUser(t, w.coordinator.token, 'member', {
      name: 'Dilnoza Karimova',
      phone: '+998 90 111 22 33',
      organizationId,
    });
    elsewhere = await createUser(t, w.otherCoordinator.token, 'member', {
      name: 'Bobur Elsewhere',
    });
    await setLocale(w.coordinator, 'en');
  });

  afterAll(() => t.close());

  describe('the list', () => {
    it('shows a coordinator the people of their centers, not another center’s', async () => {
      const web = await coordinatorOn('/admin/people');
      const page = await web.get('/admin/people');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Dilnoza Karimova');
      expect(page.text).toContain(`href="/admin/people/${here.id}"`);
      expect(page.text).not.toContain('Bobur Elsewhere');
      // Another center's member does not exist for them.
      expect((await web.get(`/admin/people/${elsewhere.id}`)).status).toBe(404);
    });

    it('shows an admin everyone', async () => {
      const page = await WebClient.withToken(t.baseUrl, w.admin.token).get('/admin/people');
      expect(page.text).toContain('Dilnoza Karimova');
      expect(page.text).toContain('Bobur Elsewhere');
    });

    it('searches by name, phone, email and organization', async () => {
      const web = await coordinatorOn('/admin/people');
      const names = async (query: string) => {
        const page = await web.get(`/admin/people?${query}`);
        expect(page.status).toBe(200);
        return [
          ...page.text.matchAll(/<th scope="row"><a href="\/admin\/people\/[^"]+">([^<]+)</g),
        ].map((m) => m[1]);
      };
      expect(await names('q=karim')).toEqual(['Dilnoza Karimova']);
      expect(await names('q=111+22')).toEqual(['Dilnoza Karimova']);
      expect(await names(`q=${encodeURIComponent(here.email.slice(0, 12))}`)).toEqual([
        'Dilnoza Karimova',
      ]);
      expect(await names(`organization=${organizationId}`)).toEqual(['Dilnoza Karimova']);
      expect(await names('q=nobody-by-that-name')).toEqual([]);
      expect(await names('role=coordinator')).toEqual(['Test coordinator']);
    });

    it('refuses a hand-made filter beside it, in the reader’s language', async () => {
      await setLocale(w.coordinator, 'uz');
      try {
        const web = await coordinatorOn('/admin/people');
        const page = await web.get('/admin/people?organization=not-an-id&role=chief');
        expect(page.status).toBe(400);
        expect(page.text).toContain(words('uz', 'people.filter.choose'));
        expect(page.text).toMatch(/id="filter-role"[^>]*aria-invalid="true"/);
        expect(page.text).not.toContain('must be');
        expect(page.text).not.toContain('Dilnoza Karimova');
        // A page number past the end (however large) is an empty page, not an error.
        expect((await web.get('/admin/people?page=99999999999999999999')).status).toBe(200);
      } finally {
        await setLocale(w.coordinator, 'en');
      }
    });

    it('refuses another center’s list to a coordinator (403), as the API does', async () => {
      const web = await coordinatorOn('/admin/people');
      expect((await web.get(`/admin/people?center=${w.otherCenterId}`)).status).toBe(403);
    });

    it('pages a long list', async () => {
      for (let i = 0; i < 26; i++) {
        await t.request('POST', '/api/v1/users', {
          token: w.admin.token,
          body: {
            name: `Zz paged ${String(i).padStart(2, '0')}`,
            phone: '+998 90 000 00 00',
            role: 'member',
            centerIds: [w.otherCenterId],
          },
        });
      }
      const admin = WebClient.withToken(t.baseUrl, w.admin.token);
      await setLocale(w.admin, 'en');
      const first = await admin.get('/admin/people?q=zz+paged');
      expect(first.text).toContain('Found: 26');
      expect(first.text).toContain('Page 1 of 2');
      expect(first.text).toContain('href="/admin/people?q=zz+paged&amp;page=2"');
      const second = await admin.get('/admin/people?q=zz+paged&page=2');
      expect(second.text).toContain('Zz paged 25');
      expect(second.text).not.toContain('Zz paged 00');
    });
  });

  describe('adding a person', () => {
    it('adds a phone-only member at the coordinator’s center, with no password to hand over', async () => {
      const web = await coordinatorOn('/admin/people/new');
      const form = await web.get('/admin/people/new');
      expect(form.text).toMatch(new RegExp(`name="centerIds"\\s+value="${w.centerId}" checked`));
      const created = await web.post('/admin/people', {
        name: 'Phone Only',
        phone: '+998 91 555 44 33',
        role: 'member',
        organizationId: '',
        locale: 'uz',
        centersShown: '1',
        centerIds: w.centerId,
      });
      expect(created.status).toBe(303);
      const [person] = await usersNamed('Phone Only');
      expect(created.location).toBe(`/admin/people/${person.id}?done=created`);
      expect(person).toMatchObject({
        email: null,
        phone: '+998 91 555 44 33',
        role: 'member',
        locale: 'uz',
        centerIds: [w.centerId],
      });
      const shown = await web.get(created.location!);
      expect(shown.text).toContain('The account was created.');
      expect(shown.text).toContain(words('en', 'people.resetNoEmail'));
    });

    it('adds a trainer with an email and shows the temporary password once, which signs them in', async () => {
      const web = await coordinatorOn('/admin/people/new');
      const created = await web.post('/admin/people', {
        name: 'Malika Trainer',
        email: 'Malika.Trainer@Example.org',
        role: 'trainer',
        organizationId,
        locale: 'ru',
        centersShown: '1',
        centerIds: w.centerId,
      });
      expect(created.status).toBe(201);
      const password = /<code>([a-z0-9-]{14})<\/code>/.exec(created.text)![1];
      expect(created.text).toContain('malika.trainer@example.org');
      const token = await t.login('malika.trainer@example.org', password);
      const me = await t.request('GET', '/api/v1/users/me', { token });
      expect(me.body).toMatchObject({ role: 'trainer', organizationId, locale: 'ru' });
      // Never again: the person's page does not show it.
      expect((await web.get(`/admin/people/${me.body.id}`)).text).not.toContain(password);
    });

    it('refuses bad input beside each field in the reader’s language, keeping what was typed', async () => {
      await setLocale(w.coordinator, 'ru');
      try {
        const web = await coordinatorOn('/admin/people/new');
        const refused = await web.post('/admin/people', {
          name: 'Typed <b>name</b>',
          email: 'not-an-email',
          phone: 'call me',
          role: 'member',
          locale: 'ru',
        });
        expect(refused.status).toBe(400);
        expect(refused.text).toContain(words('ru', 'people.form.invalid'));
        expect(refused.text).toContain(words('ru', 'people.field.email.invalid'));
        expect(refused.text).toContain(words('ru', 'people.field.phone.invalid'));
        expect(refused.text).toMatch(
          /id="new-email"[^>]*aria-invalid="true"[^>]*aria-describedby="new-email-hint new-email-error"/,
        );
        expect(refused.text).toContain('value="Typed &lt;b&gt;name&lt;/b&gt;"');
        expect(refused.text).toContain('value="not-an-email"');
        expect(refused.text).toContain('value="call me"');
        // No English text of the API reaches a Russian reader.
        expect(refused.text).not.toContain('must be');
        expect(await usersNamed('Typed')).toEqual([]);

        const nothing = await web.post('/admin/people', { name: 'No contact', role: 'member' });
        expect(nothing.status).toBe(400);
        expect(nothing.text).toContain(words('ru', 'people.field.email.invalid'));

        const taken = await web.post('/admin/people', {
          name: 'Second Malika',
          email: 'malika.trainer@example.org',
          role: 'member',
        });
        expect(taken.status).toBe(409);
        expect(taken.text).toContain(words('ru', 'people.field.email.taken'));
        expect(taken.text).toContain('value="Second Malika"');
        expect(await usersNamed('Second Malika')).toEqual([]);
      } finally {
        await setLocale(w.coordinator, 'en');
      }
    });

    it('does not let a coordinator add a coordinator (403), nor register at another center', async () => {
      const web = await coordinatorOn('/admin/people/new');
      const role = await web.post('/admin/people', {
        name: 'Would-be coordinator',
        email: 'would-be@example.org',
        role: 'coordinator',
      });
      expect(role.status).toBe(403);
      const center = await web.post('/admin/people', {
        name: 'Wrong center',
        phone: '+998 90 000 00 01',
        role: 'member',
        centersShown: '1',
        centerIds: w.otherCenterId,
      });
      expect(center.status).toBe(403);
      expect(await usersNamed('Would-be')).toEqual([]);
      expect(await usersNamed('Wrong center')).toEqual([]);
    });
  });

  describe('changing a person', () => {
    it('saves only what changed, so the audit log names those fields', async () => {
      const person = await createUser(t, w.coordinator.token, 'member', { name: 'Edit Me' });
      const web = await coordinatorOn(`/admin/people/${person.id}`);
      const form = await web.get(`/admin/people/${person.id}`);
      expect(form.text).toContain('value="Edit Me"');
      const saved = await web.post(`/admin/people/${person.id}`, {
        name: 'Edited Person',
        email: person.email,
        phone: '+998 93 123 45 67',
        role: 'trainer',
        organizationId,
        locale: 'ru',
        centersShown: '1',
        centerIds: w.centerId,
      });
      expect(saved.status).toBe(303);
      expect(saved.location).toBe(`/admin/people/${person.id}?done=updated`);
      expect(await user(person.id)).toMatchObject({
        name: 'Edited Person',
        phone: '+998 93 123 45 67',
        role: 'trainer',
        organizationId,
        locale: 'ru',
      });
      const audit = await t.request(
        'GET',
        `/api/v1/audit?targetId=${person.id}&action=user.updated`,
        {
          token: w.admin.token,
        },
      );
      expect(audit.body.items[0].details.fields).toEqual([
        'locale',
        'name',
        'organizationId',
        'phone',
        'role',
      ]);
      // Clearing the organization sends null.
      await web.post(`/admin/people/${person.id}`, {
        name: 'Edited Person',
        email: person.email,
        phone: '+998 93 123 45 67',
        role: 'trainer',
        organizationId: '',
        locale: 'ru',
        centersShown: '1',
        centerIds: w.centerId,
      });
      expect((await user(person.id)).organizationId).toBeNull();
    });

    it('says an email cannot be removed, and keeps what was typed', async () => {
      const person = await createUser(t, w.coordinator.token, 'member', { name: 'Keep Email' });
      await setLocale(w.coordinator, 'uz');
      try {
        const web = await coordinatorOn(`/admin/people/${person.id}`);
        const refused = await web.post(`/admin/people/${person.id}`, {
          name: 'Keep Email Typed',
          email: '',
          role: 'member',
          locale: 'uz',
        });
        expect(refused.status).toBe(400);
        expect(refused.text).toContain(words('uz', 'people.field.email.cannotRemove'));
        expect(refused.text).toContain('value="Keep Email Typed"');
        expect(refused.text).not.toContain('cannot be removed');
        expect((await user(person.id)).name).toBe('Keep Email');
      } finally {
        await setLocale(w.coordinator, 'en');
      }
    });

    it('sends a person a coordinator no longer reaches back to the list', async () => {
      const person = await createUser(t, w.coordinator.token, 'member', { name: 'Leaving' });
      const web = await coordinatorOn(`/admin/people/${person.id}`);
      const saved = await web.post(`/admin/people/${person.id}`, {
        name: 'Leaving',
        email: person.email,
        role: 'member',
        locale: 'uz',
        centersShown: '1',
      });
      expect(saved.location).toBe('/admin/people?done=updated');
      expect((await user(person.id)).centerIds).toEqual([]);
    });

    it('shows a coordinator another coordinator read-only, and refuses changes (403)', async () => {
      const peer = await createUser(t, w.admin.token, 'coordinator', {
        name: 'Peer Coordinator',
        centerIds: [w.centerId],
      });
      const web = await coordinatorOn(`/admin/people/${peer.id}`);
      const page = await web.get(`/admin/people/${peer.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(words('en', 'people.readOnly'));
      expect(page.text).not.toContain(`action="/admin/people/${peer.id}"`);
      const refused = await web.post(`/admin/people/${peer.id}`, {
        name: 'Renamed Peer',
        email: peer.email,
        role: 'coordinator',
      });
      expect(refused.status).toBe(403);
      expect((await web.post(`/admin/people/${peer.id}/password`, {})).status).toBe(403);
      expect((await web.get(`/admin/people/${peer.id}/deactivate`)).status).toBe(403);
      expect(
        (await web.post(`/admin/people/${peer.id}/deactivate`, { expected: '0' })).status,
      ).toBe(403);
      expect((await user(peer.id)).name).toBe('Peer Coordinator');
      expect((await user(peer.id)).active).toBe(true);
      await t.request('PATCH', `/api/v1/users/${peer.id}`, {
        token: w.admin.token,
        body: { active: false },
      });
      expect((await web.post(`/admin/people/${peer.id}/reactivate`, {})).status).toBe(403);
      expect((await user(peer.id)).active).toBe(false);
    });

    it('answers 404 for someone of another center, for every action', async () => {
      const web = await coordinatorOn('/admin/people');
      const id = elsewhere.id;
      expect((await web.post(`/admin/people/${id}`, { name: 'X', role: 'member' })).status).toBe(
        404,
      );
      expect((await web.post(`/admin/people/${id}/password`, {})).status).toBe(404);
      expect((await web.get(`/admin/people/${id}/deactivate`)).status).toBe(404);
      expect((await web.post(`/admin/people/${id}/deactivate`, { expected: '0' })).status).toBe(
        404,
      );
      expect((await web.post(`/admin/people/${id}/reactivate`, {})).status).toBe(404);
      expect((await user(id)).active).toBe(true);
    });
  });

  describe('passwords', () => {
    it('makes a temporary password, shown once, that replaces the old one and signs them out', async () => {
      const person = await createUser(t, w.coordinator.token, 'member', { name: 'Forgetful' });
      const web = await coordinatorOn(`/admin/people/${person.id}`);
      const reset = await web.post(`/admin/people/${person.id}/password`, {});
      expect(reset.status).toBe(200);
      const password = /<code>([a-z0-9-]{14})<\/code>/.exec(reset.text)![1];
      expect((await t.request('GET', '/api/v1/users/me', { token: person.token })).status).toBe(
        401,
      );
      const old = await t.request('POST', '/api/v1/auth/login', {
        body: { email: person.email, password: 'user-password-1' },
      });
      expect(old.status).toBe(401);
      await t.login(person.email, password);
      expect((await web.get(`/admin/people/${person.id}`)).text).not.toContain(password);
    });

    it('refuses to make a password for someone without an email, or for oneself, in words', async () => {
      const [phoneOnly] = await usersNamed('Phone Only');
      const web = await coordinatorOn(`/admin/people/${phoneOnly.id}`);
      const none = await web.post(`/admin/people/${phoneOnly.id}/password`, {});
      expect(none.status).toBe(409);
      expect(none.text).toContain(words('en', 'people.resetNoEmail'));
      expect(none.text).not.toContain('<code>');
      const self = await web.post(`/admin/people/${w.coordinator.id}/password`, {});
      expect(self.status).toBe(409);
      expect(self.text).toContain(words('en', 'people.error.self'));
      await t.login(w.coordinator.email, 'user-password-1');
    });
  });

  describe('deactivating and reactivating', () => {
    async function withSessions(name: string): Promise<Actor> {
      const person = await createUser(t, w.coordinator.token, 'member', { name });
      const desk = await createResource(t, w.admin.token, w.centerId);
      const book = (start: string, end: string) =>
        t.request('POST', '/api/v1/bookings', {
          token: person.token,
          body: { resourceId: desk.id, start, end, title: `${name}’s desk` },
        });
      // Two future sessions and one already under way (10:00:17 now).
      expect((await book('2026-12-02T10:00', '2026-12-02T11:00')).status).toBe(201);
      expect((await book('2026-12-03T10:00', '2026-12-03T11:00')).status).toBe(201);
      t.clock.set('2026-12-01T09:00:00+05:00');
      expect((await book('2026-12-01T09:30', '2026-12-01T11:00')).status).toBe(201);
      t.clock.set('2026-12-01T10:00:17.345+05:00');
      return person;
    }

    const sessions = async (person: Actor) =>
      (
        await t.request('GET', `/api/v1/bookings?ownerId=${person.id}`, { token: w.admin.token })
      ).body.items
        .flatMap((b: any) => b.occurrences.map((o: any) => o.status))
        .sort();

    it('says how many future sessions it cancels, then does exactly that', async () => {
      const person = await withSessions('Leaving Member');
      const web = await coordinatorOn(`/admin/people/${person.id}`);
      expect((await web.get(`/admin/people/${person.id}`)).text).toContain(
        `href="/admin/people/${person.id}/deactivate"`,
      );
      const confirm = await web.get(`/admin/people/${person.id}/deactivate`);
      expect(confirm.status).toBe(200);
      expect(confirm.text).toContain(words('en', 'people.confirmCount', { count: 2 }));
      expect(confirm.text).toContain('name="expected" value="2"');
      // Nothing happened yet.
      expect((await user(person.id)).active).toBe(true);
      const done = await web.post(`/admin/people/${person.id}/deactivate`, { expected: '2' });
      expect(done.status).toBe(303);
      expect(done.location).toBe(`/admin/people/${person.id}?done=deactivated&cancelled=2`);
      expect((await user(person.id)).active).toBe(false);
      expect(await sessions(person)).toEqual(['booked', 'cancelled', 'cancelled']);
      expect((await web.get(done.location!)).text).toContain(
        words('en', 'people.done.deactivatedCount', { count: 2 }),
      );
    });

    it('asks again when the number changed since the confirmation was shown', async () => {
      const person = await withSessions('Changing Member');
      const web = await coordinatorOn(`/admin/people/${person.id}/deactivate`);
      const stale = await web.post(`/admin/people/${person.id}/deactivate`, { expected: '1' });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain(words('en', 'people.confirmChanged'));
      expect(stale.text).toContain('name="expected" value="2"');
      expect((await user(person.id)).active).toBe(true);
      expect(await sessions(person)).toEqual(['booked', 'booked', 'booked']);
    });

    it('reactivates: they sign in again, cancelled sessions stay cancelled', async () => {
      const person = await withSessions('Returning Member');
      const web = await coordinatorOn(`/admin/people/${person.id}/deactivate`);
      await web.post(`/admin/people/${person.id}/deactivate`, { expected: '2' });
      const page = await web.get(`/admin/people/${person.id}`);
      expect(page.text).toContain(`action="/admin/people/${person.id}/reactivate"`);
      const back = await web.post(`/admin/people/${person.id}/reactivate`, {});
      expect(back.status).toBe(303);
      expect(back.location).toBe(`/admin/people/${person.id}?done=reactivated`);
      expect((await user(person.id)).active).toBe(true);
      await t.login(person.email, 'user-password-1');
      expect(await sessions(person)).toEqual(['booked', 'cancelled', 'cancelled']);
    });

    it('refuses to deactivate oneself, in words', async () => {
      const web = await coordinatorOn('/admin/people');
      const page = await web.get(`/admin/people/${w.coordinator.id}/deactivate`);
      expect(page.status).toBe(409);
      expect(page.text).toContain(words('en', 'people.error.self'));
      const post = await web.post(`/admin/people/${w.coordinator.id}/deactivate`, {
        expected: '0',
      });
      expect(post.status).toBe(409);
      expect((await user(w.coordinator.id)).active).toBe(true);
    });
  });

  describe('organizations', () => {
    it('lists, adds and renames organizations', async () => {
      const web = await coordinatorOn('/admin/organizations');
      expect((await web.get('/admin/organizations')).text).toContain('value="Nihol Youth"');
      const added = await web.post('/admin/organizations', { name: 'Green Ferghana' });
      expect(added.status).toBe(303);
      expect(added.location).toBe('/admin/organizations?q=Green+Ferghana&done=created');
      const list = await web.get(added.location!);
      expect(list.text).toContain(words('en', 'people.org.done.created'));
      const id = /action="\/admin\/organizations\/([^"]+)"/.exec(list.text)![1];
      const renamed = await web.post(`/admin/organizations/${id}`, {
        name: 'Green Ferghana Youth',
        back: '/admin/organizations?q=Green+Ferghana',
      });
      expect(renamed.status).toBe(303);
      expect(renamed.location).toBe('/admin/organizations?q=Green+Ferghana&done=renamed');
      const all = await t.request('GET', '/api/v1/organizations?q=green', {
        token: w.member.token,
      });
      expect(all.body.items.map((o: { name: string }) => o.name)).toEqual(['Green Ferghana Youth']);
      // The way back stays on this list.
      const elsewhereBack = await web.post(`/admin/organizations/${id}`, {
        name: 'Green Ferghana Youth',
        back: 'https://evil.example/',
      });
      expect(elsewhereBack.location).toBe('/admin/organizations?done=renamed');
    });

    it('refuses a taken or empty name beside the field, keeping what was typed', async () => {
      await setLocale(w.coordinator, 'ru');
      try {
        const web = await coordinatorOn('/admin/organizations');
        const taken = await web.post('/admin/organizations', { name: 'NIHOL YOUTH' });
        expect(taken.status).toBe(409);
        expect(taken.text).toContain(words('ru', 'people.org.takenField'));
        expect(taken.text).toContain('value="NIHOL YOUTH"');
        expect(taken.text).not.toContain('already exists');
        const empty = await web.post('/admin/organizations', { name: '   ' });
        expect(empty.status).toBe(400);
        expect(empty.text).toContain(words('ru', 'people.org.nameInvalid'));
        const other = (
          await t.request('POST', '/api/v1/organizations', {
            token: w.admin.token,
            body: { name: 'Other NGO' },
          })
        ).body.id;
        const blank = await web.post(`/admin/organizations/${other}`, { name: '' });
        expect(blank.status).toBe(400);
        expect(blank.text).toContain(words('ru', 'people.org.nameInvalid'));
        const clash = await web.post(`/admin/organizations/${other}`, { name: 'nihol youth' });
        expect(clash.status).toBe(409);
        expect(clash.text).toContain(words('ru', 'people.org.takenField'));
        expect(clash.text).toContain('value="nihol youth"');
        const names = (
          await t.request('GET', '/api/v1/organizations?limit=500', { token: w.admin.token })
        ).body.items.map((o: { name: string }) => o.name);
        expect(names).toContain('Other NGO');
        expect(names.filter((n: string) => n.toLowerCase() === 'nihol youth')).toEqual([
          'Nihol Youth',
        ]);
      } finally {
        await setLocale(w.coordinator, 'en');
      }
    });

    it('answers 404 for renaming an organization that does not exist', async () => {
      const web = await coordinatorOn('/admin/organizations');
      const missing = await web.post('/admin/organizations/00000000-0000-4000-8000-000000000000', {
        name: 'Ghost',
      });
      expect(missing.status).toBe(404);
    });
  });

  it('is for staff only: a member and a trainer are refused every page (403)', async () => {
    for (const actor of [w.member, w.trainer]) {
      const web = WebClient.withToken(t.baseUrl, actor.token);
      await web.get('/me');
      for (const path of [
        '/admin/people',
        '/admin/people/new',
        `/admin/people/${here.id}`,
        '/admin/organizations',
      ]) {
        expect({ path, status: (await web.get(path)).status }).toEqual({ path, status: 403 });
      }
      expect(
        (await web.post('/admin/people', { name: 'X', phone: '+998 90 000 00 09', role: 'member' }))
          .status,
      ).toBe(403);
      expect((await web.post('/admin/organizations', { name: 'By a member' })).status).toBe(403);
    }
    expect(await usersNamed('X')).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ name: 'X' })]),
    );
  });

  it('links staff to the people page and the audit log; only admins to the network', async () => {
    const coordinator = await (await coordinatorOn('/admin')).get('/admin');
    expect(coordinator.text).toContain('href="/admin/people"');
    expect(coordinator.text).toContain('href="/admin/audit"');
    expect(coordinator.text).not.toContain('href="/admin/network"');
    const admin = await WebClient.withToken(t.baseUrl, w.admin.token).get('/admin');
    expect(admin.text).toContain('href="/admin/network"');
    const member = await WebClient.withToken(t.baseUrl, w.member.token).get('/me');
    expect(member.text).not.toContain('href="/admin/people"');
  });
});
