import {
  catalogApp,
  CENTER_KEYS,
  DEFAULT_HOURS,
  DEFAULT_POLICY,
  expectError,
  newSlug,
  NOWHERE,
} from './support/catalog';
import { TestApp } from './support/test-app';
import { createResource, World } from './support/world';

/**
 * The catalog side of API.md over real HTTP, centers: every status and error code these
 * paths can answer. The other areas are the other test/catalog-*.e2e-spec.ts files; what they
 * share is test/support/catalog.ts.
 */
describe('catalog', () => {
  const app = catalogApp();
  const { get, post, patch, book, centerWithCoordinator } = app;
  let t: TestApp;
  let w: World;
  beforeAll(() => {
    ({ t, w } = app);
  });

  describe('centers', () => {
    it('lists the centers and reads one; an unknown one is 404', async () => {
      const list = await get(w.member.token, '/api/v1/centers');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(list.body.items.length);
      const ids = list.body.items.map((c: { id: string }) => c.id);
      expect(ids).toEqual(expect.arrayContaining([w.centerId, w.otherCenterId]));
      const one = await get(w.member.token, `/api/v1/centers/${w.centerId}`);
      expect(one.status).toBe(200);
      expect(Object.keys(one.body).sort()).toEqual(CENTER_KEYS);
      expect(one.body.id).toBe(w.centerId);
      expectError(await get(w.member.token, `/api/v1/centers/${NOWHERE}`), 404, 'NOT_FOUND');
      expectError(await get(undefined, '/api/v1/centers'), 401, 'UNAUTHENTICATED');
    });

    it('creates a center (admin) with 201 and the documented defaults', async () => {
      const slug = newSlug();
      const response = await post(w.admin.token, '/api/v1/centers', {
        slug,
        name: 'Bukhara hub',
        city: 'Bukhara',
        region: 'Bukhara',
      });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(CENTER_KEYS);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        slug,
        name: 'Bukhara hub',
        city: 'Bukhara',
        region: 'Bukhara',
        timezone: 'Asia/Tashkent',
        openingHours: DEFAULT_HOURS,
        policy: DEFAULT_POLICY,
        active: true,
      });
      const read = await get(w.member.token, `/api/v1/centers/${response.body.id}`);
      expect(read.body).toEqual(response.body);
    });

    it('keeps center creation to admins (403)', async () => {
      const body = { slug: newSlug(), name: 'Rogue', city: 'Tashkent', region: 'Tashkent' };
      expectError(await post(w.coordinator.token, '/api/v1/centers', body), 403, 'FORBIDDEN');
      expectError(await post(w.member.token, '/api/v1/centers', body), 403, 'FORBIDDEN');
    });

    it('refuses a bad time zone, bad opening hours and an out-of-range policy with 400', async () => {
      const base = () => ({ slug: newSlug(), name: 'Bad', city: 'Tashkent', region: 'Tashkent' });
      expectError(
        await post(w.admin.token, '/api/v1/centers', { ...base(), timezone: 'Mars/Olympus' }),
        400,
        'VALIDATION_FAILED',
        'timezone',
      );
      expectError(
        await post(w.admin.token, '/api/v1/centers', {
          ...base(),
          openingHours: { ...DEFAULT_HOURS, mon: [{ from: '18:00', to: '09:00' }] },
        }),
        400,
        'VALIDATION_FAILED',
        'openingHours',
      );
      expectError(
        await post(w.admin.token, '/api/v1/centers', {
          ...base(),
          openingHours: { ...DEFAULT_HOURS, tue: [{ from: '10:00', to: '10:00' }] },
        }),
        400,
        'VALIDATION_FAILED',
        'openingHours',
      );
      for (const policy of [
        { maxAdvanceDays: 0 },
        { maxAdvanceDays: 3651 },
        { maxOccurrences: 1001 },
        { checkInOpensMinutes: 0 },
        { walkInMaxMinutes: 1441 },
      ]) {
        const [field] = Object.keys(policy);
        expectError(
          await post(w.admin.token, '/api/v1/centers', { ...base(), policy }),
          400,
          'VALIDATION_FAILED',
          `policy.${field}`,
        );
      }
      expectError(
        await post(w.admin.token, '/api/v1/centers', { name: 'No slug', city: 'X', region: 'X' }),
        400,
        'VALIDATION_FAILED',
        'slug',
      );
    });

    it('stores the canonical name of a time zone typed in any case, on create and PATCH (issue 14)', async () => {
      const base = () => ({ slug: newSlug(), name: 'Zone', city: 'Tashkent', region: 'Tashkent' });
      for (const [typed, canonical] of [
        ['asia/tashkent', 'Asia/Tashkent'],
        ['ASIA/SAMARKAND', 'Asia/Samarkand'],
        ['utc', 'UTC'],
        ['Etc/UTC', 'UTC'],
        ['us/eastern', 'America/New_York'],
        ['Asia/Tashkent', 'Asia/Tashkent'],
      ]) {
        const created = await post(w.admin.token, '/api/v1/centers', {
          ...base(),
          timezone: typed,
        });
        expect(created.status).toBe(201);
        expect(created.body.timezone).toBe(canonical);
        const read = await get(w.member.token, `/api/v1/centers/${created.body.id}`);
        expect(read.body.timezone).toBe(canonical);
      }
      const { centerId, coordinator } = await centerWithCoordinator();
      const patched = await patch(coordinator.token, `/api/v1/centers/${centerId}`, {
        timezone: 'europe/berlin',
      });
      expect(patched.status).toBe(200);
      expect(patched.body.timezone).toBe('Europe/Berlin');
      const [row] = await t.query('SELECT timezone FROM centers WHERE id = ?', [centerId]);
      expect(row.timezone).toBe('Europe/Berlin');
      for (const bad of ['', '+05:00', 'UTC+5', 'Asia/Tashkent ', 'asia\\tashkent']) {
        expectError(
          await patch(coordinator.token, `/api/v1/centers/${centerId}`, { timezone: bad }),
          400,
          'VALIDATION_FAILED',
          'timezone',
        );
      }
    });

    it('canonicalizes the time zones stored before, by migration (issue 14)', async () => {
      const ids: string[] = [];
      for (const typed of ['asia/tashkent', 'utc', 'Etc/UTC', 'Asia/Samarkand']) {
        const { centerId } = await centerWithCoordinator();
        await t.query('UPDATE centers SET timezone = ? WHERE id = ?', [typed, centerId]);
        ids.push(centerId);
      }
      const migration = t.dataSource.migrations.find(
        (m) => m.name === 'CanonicalTimeZones1764910000000',
      );
      const runner = t.dataSource.createQueryRunner();
      try {
        await migration!.up(runner);
      } finally {
        await runner.release();
      }
      const zones = [];
      for (const id of ids)
        zones.push((await get(w.member.token, `/api/v1/centers/${id}`)).body.timezone);
      expect(zones).toEqual(['Asia/Tashkent', 'UTC', 'UTC', 'Asia/Samarkand']);
    });

    it('refuses a slug that is taken with 409 ALREADY_EXISTS', async () => {
      const slug = newSlug();
      const body = { slug, name: 'First', city: 'Nukus', region: 'Karakalpakstan' };
      expect((await post(w.admin.token, '/api/v1/centers', body)).status).toBe(201);
      expectError(
        await post(w.admin.token, '/api/v1/centers', { ...body, name: 'Second' }),
        409,
        'ALREADY_EXISTS',
      );
    });

    it('lets the center’s coordinator PATCH it (200), merging the policy field by field', async () => {
      const { centerId, coordinator } = await centerWithCoordinator();
      const path = `/api/v1/centers/${centerId}`;
      const renamed = await patch(coordinator.token, path, { name: 'Renamed hub' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: centerId, name: 'Renamed hub', city: 'Tashkent' });
      const first = await patch(coordinator.token, path, { policy: { maxAdvanceDays: 30 } });
      expect(first.status).toBe(200);
      expect(first.body.policy).toEqual({ ...DEFAULT_POLICY, maxAdvanceDays: 30 });
      const second = await patch(coordinator.token, path, { policy: { walkInMaxMinutes: 60 } });
      expect(second.body.policy).toEqual({
        ...DEFAULT_POLICY,
        maxAdvanceDays: 30,
        walkInMaxMinutes: 60,
      });
      expect((await get(w.member.token, path)).body.policy).toEqual(second.body.policy);

      // The new window is what bookings are checked against.
      const desk = await createResource(t, coordinator.token, centerId);
      const tooFar = await book(w.member.token, {
        resourceId: desk.id,
        start: '2027-01-05T10:00',
        end: '2027-01-05T11:00',
      });
      expectError(tooFar, 422, 'TOO_FAR_AHEAD');
      expectError(
        await patch(coordinator.token, path, { policy: { maxAdvanceDays: 0 } }),
        400,
        'VALIDATION_FAILED',
        'policy.maxAdvanceDays',
      );
    });

    it('replaces the whole week of opening hours when they are sent', async () => {
      const { centerId, coordinator } = await centerWithCoordinator();
      const path = `/api/v1/centers/${centerId}`;
      const week = {
        mon: [
          { from: '08:00', to: '12:00' },
          { from: '13:00', to: '20:00' },
        ],
        tue: [],
        wed: [{ from: '10:00', to: '24:00' }],
        thu: [],
        fri: [],
        sat: [],
        sun: [{ from: '10:00', to: '14:00' }],
      };
      const response = await patch(coordinator.token, path, { openingHours: week });
      expect(response.status).toBe(200);
      expect(response.body.openingHours).toEqual(week);
      expect(response.body.policy).toEqual(DEFAULT_POLICY);
      expect((await get(w.member.token, path)).body.openingHours).toEqual(week);
      const desk = await createResource(t, coordinator.token, centerId);
      const tuesday = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-08T10:00',
        end: '2026-12-08T11:00',
      });
      expectError(tuesday, 409, 'BOOKING_CONFLICT');
      expect(tuesday.body.conflicts[0].reason).toBe('outside_hours');
      const sunday = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-06T10:00',
        end: '2026-12-06T11:00',
      });
      expect(sunday.status).toBe(201);
      expectError(
        await patch(coordinator.token, path, {
          openingHours: { ...week, fri: [{ from: '17:00', to: '09:00' }] },
        }),
        400,
        'VALIDATION_FAILED',
        'openingHours',
      );
    });

    it('does not keep days left out of a new week of opening hours', async () => {
      const { centerId, coordinator } = await centerWithCoordinator();
      const response = await patch(coordinator.token, `/api/v1/centers/${centerId}`, {
        openingHours: { mon: [{ from: '10:00', to: '16:00' }] },
      });
      expect(response.status).toBe(200);
      expect(response.body.openingHours.mon).toEqual([{ from: '10:00', to: '16:00' }]);
      for (const day of ['tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
        expect(response.body.openingHours[day] ?? []).toEqual([]);
      }
    });

    it('refuses a PATCH by another center’s coordinator or a member with 403', async () => {
      const path = `/api/v1/centers/${w.centerId}`;
      expectError(
        await patch(w.otherCoordinator.token, path, { name: 'Mine now' }),
        403,
        'FORBIDDEN',
      );
      expectError(await patch(w.member.token, path, { name: 'Mine now' }), 403, 'FORBIDDEN');
      expectError(
        await patch(w.admin.token, `/api/v1/centers/${NOWHERE}`, { name: 'Ghost' }),
        404,
        'NOT_FOUND',
      );
      expect((await get(w.member.token, path)).body.name).toBe('Test center');
    });
  });
});
