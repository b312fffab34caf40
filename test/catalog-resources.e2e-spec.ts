import { catalogApp, CHECK_IN_URL, expectError, NOWHERE, RESOURCE_KEYS } from './support/catalog';
import { TestApp } from './support/test-app';
import { Actor, createResource, World } from './support/world';

/**
 * The catalog side of API.md over real HTTP, resources: every status and error code these
 * paths can answer. The other areas are the other test/catalog-*.e2e-spec.ts files; what they
 * share is test/support/catalog.ts.
 */
describe('catalog', () => {
  const app = catalogApp();
  const { get, post, patch, del, book, centerWithCoordinator } = app;
  let t: TestApp;
  let w: World;
  beforeAll(() => {
    ({ t, w } = app);
  });

  describe('resources', () => {
    const resourcesPath = (centerId: string) => `/api/v1/centers/${centerId}/resources`;

    it('creates each kind with 201 and the documented defaults', async () => {
      const desk = await post(w.coordinator.token, resourcesPath(w.centerId), {
        kind: 'desk',
        name: 'Window desk',
      });
      expect(desk.status).toBe(201);
      expect(Object.keys(desk.body).sort()).toEqual([...RESOURCE_KEYS, 'checkInUrl'].sort());
      expect(desk.body).toEqual({
        id: expect.any(String),
        centerId: w.centerId,
        kind: 'desk',
        name: 'Window desk',
        capacity: null,
        quantity: 1,
        features: [],
        requiresApproval: false,
        checkInRequired: true,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
        bufferMinutes: 0,
        active: true,
        checkInUrl: expect.stringMatching(CHECK_IN_URL),
      });
      const computer = await post(w.coordinator.token, resourcesPath(w.centerId), {
        kind: 'computer',
        name: 'PC 1',
      });
      expect(computer.status).toBe(201);
      expect(computer.body.checkInRequired).toBe(true);
      const room = await post(w.coordinator.token, resourcesPath(w.centerId), {
        kind: 'room',
        name: 'Seminar room',
        capacity: 20,
        features: ['projector', 'wheelchair_accessible'],
      });
      expect(room.status).toBe(201);
      expect(room.body).toMatchObject({
        kind: 'room',
        capacity: 20,
        checkInRequired: false,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
        bufferMinutes: 0,
        features: ['projector', 'wheelchair_accessible'],
      });
      const pool = await post(w.admin.token, resourcesPath(w.centerId), {
        kind: 'equipment',
        name: 'Laptops',
        quantity: 12,
      });
      expect(pool.status).toBe(201);
      expect(pool.body).toMatchObject({ kind: 'equipment', quantity: 12, checkInRequired: false });
      expect(new Set([desk, computer, room, pool].map((r) => r.body.checkInUrl)).size).toBe(4);
    });

    it('needs a capacity for a room and a quantity for equipment (400)', async () => {
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), { kind: 'room', name: 'R' }),
        400,
        'VALIDATION_FAILED',
        'capacity',
      );
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), {
          kind: 'equipment',
          name: 'Projectors',
        }),
        400,
        'VALIDATION_FAILED',
        'quantity',
      );
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), {
          kind: 'spaceship',
          name: 'S',
        }),
        400,
        'VALIDATION_FAILED',
        'kind',
      );
      expectError(
        await post(w.coordinator.token, resourcesPath(w.centerId), {
          kind: 'desk',
          name: 'D',
          minDurationMinutes: 60,
          maxDurationMinutes: 30,
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('keeps resource creation to the center’s staff (403) in a center that exists (404)', async () => {
      const body = { kind: 'desk', name: 'Not allowed' };
      expectError(await post(w.member.token, resourcesPath(w.centerId), body), 403, 'FORBIDDEN');
      expectError(await post(w.trainer.token, resourcesPath(w.centerId), body), 403, 'FORBIDDEN');
      expectError(
        await post(w.otherCoordinator.token, resourcesPath(w.centerId), body),
        403,
        'FORBIDDEN',
      );
      expectError(await post(w.admin.token, resourcesPath(NOWHERE), body), 404, 'NOT_FOUND');
      const list = await get(w.member.token, resourcesPath(w.centerId));
      expect(list.body.items.map((r: { name: string }) => r.name)).not.toContain('Not allowed');
    });

    describe('listing', () => {
      let centerId: string;
      let coordinator: Actor;
      const ids: Record<string, string> = {};

      beforeAll(async () => {
        ({ centerId, coordinator } = await centerWithCoordinator());
        const make = async (key: string, body: Record<string, unknown>) => {
          ids[key] = (await createResource(t, coordinator.token, centerId, body)).id;
        };
        await make('deskA', { kind: 'desk', name: 'Desk A', features: ['window'] });
        await make('deskB', { kind: 'desk', name: 'Desk B' });
        await make('room', { kind: 'room', name: 'Room', capacity: 8, features: ['projector'] });
        await make('pool', {
          kind: 'equipment',
          name: 'Projectors',
          quantity: 3,
          features: ['projector'],
        });
        await make('retired', { kind: 'computer', name: 'Old PC' });
        expect((await del(coordinator.token, `/api/v1/resources/${ids.retired}`)).body.active).toBe(
          false,
        );
      });

      const list = async (query: string) => {
        const response = await get(w.member.token, `${resourcesPath(centerId)}${query}`);
        expect(response.status).toBe(200);
        return {
          ids: response.body.items.map((r: { id: string }) => r.id).sort(),
          total: response.body.total,
          items: response.body.items,
        };
      };

      it('lists every resource with total, and filters by kind, feature and active', async () => {
        const all = await list('');
        expect(all.total).toBe(5);
        expect(all.ids).toEqual(Object.values(ids).sort());
        expect(await list('?kind=desk')).toMatchObject({
          ids: [ids.deskA, ids.deskB].sort(),
          total: 2,
        });
        expect(await list('?feature=projector')).toMatchObject({
          ids: [ids.room, ids.pool].sort(),
          total: 2,
        });
        expect(await list('?kind=room&feature=projector')).toMatchObject({
          ids: [ids.room],
          total: 1,
        });
        expect(await list('?active=false')).toMatchObject({ ids: [ids.retired], total: 1 });
        expect((await list('?active=true')).total).toBe(4);
        expect(await list('?kind=computer&active=true')).toMatchObject({ ids: [], total: 0 });
      });

      it('pages with limit and offset, keeping the total', async () => {
        const all = await get(w.member.token, resourcesPath(centerId));
        const order = all.body.items.map((r: { id: string }) => r.id);
        const page = await get(w.member.token, `${resourcesPath(centerId)}?limit=2&offset=1`);
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(5);
        expect(page.body.items.map((r: { id: string }) => r.id)).toEqual(order.slice(1, 3));
        const last = await get(w.member.token, `${resourcesPath(centerId)}?limit=2&offset=4`);
        expect(last.body.items.map((r: { id: string }) => r.id)).toEqual(order.slice(4));
        const beyond = await get(w.member.token, `${resourcesPath(centerId)}?offset=10`);
        expect(beyond.body).toEqual({ items: [], total: 5 });
      });

      it('answers 400 to bad filters and 404 to an unknown center', async () => {
        for (const query of [
          '?kind=spaceship',
          '?limit=0',
          '?limit=501',
          '?offset=-1',
          '?active=maybe',
        ]) {
          expectError(
            await get(w.member.token, `${resourcesPath(centerId)}${query}`),
            400,
            'VALIDATION_FAILED',
          );
        }
        expectError(await get(w.member.token, resourcesPath(NOWHERE)), 404, 'NOT_FOUND');
      });

      it('shows no check-in URL to members in the list', async () => {
        const { items } = await list('');
        for (const item of items) expect(Object.keys(item).sort()).toEqual(RESOURCE_KEYS);
      });
    });

    it('shows the check-in URL to the center’s staff only', async () => {
      const desk = await createResource(t, w.coordinator.token, w.centerId);
      const path = `/api/v1/resources/${desk.id}`;
      for (const staff of [w.coordinator, w.admin]) {
        const response = await get(staff.token, path);
        expect(response.status).toBe(200);
        expect(response.body.checkInUrl).toMatch(CHECK_IN_URL);
      }
      for (const other of [w.member, w.trainer, w.otherCoordinator]) {
        const response = await get(other.token, path);
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(RESOURCE_KEYS);
        expect(JSON.stringify(response.body)).not.toContain('/c/');
      }
      expectError(await get(w.member.token, `/api/v1/resources/${NOWHERE}`), 404, 'NOT_FOUND');
    });

    it('PATCHes a resource (200), refusing min > max and unknown fields (400)', async () => {
      const room = await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        capacity: 6,
      });
      const path = `/api/v1/resources/${room.id}`;
      const changed = await patch(w.coordinator.token, path, {
        name: 'Blue room',
        capacity: 10,
        features: ['projector'],
        bufferMinutes: 15,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        id: room.id,
        kind: 'room',
        name: 'Blue room',
        capacity: 10,
        features: ['projector'],
        bufferMinutes: 15,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
      });
      expect((await get(w.member.token, path)).body.name).toBe('Blue room');
      expectError(
        await patch(w.coordinator.token, path, { minDurationMinutes: 120, maxDurationMinutes: 60 }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await patch(w.coordinator.token, path, { minDurationMinutes: 721 }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await patch(w.coordinator.token, path, { kind: 'desk' }),
        400,
        'VALIDATION_FAILED',
        'kind',
      );
      expectError(
        await patch(w.coordinator.token, path, { capacity: 0 }),
        400,
        'VALIDATION_FAILED',
        'capacity',
      );
      const unchanged = await get(w.member.token, path);
      expect(unchanged.body).toMatchObject({
        kind: 'room',
        capacity: 10,
        minDurationMinutes: 15,
        maxDurationMinutes: 720,
      });
      expectError(await patch(w.otherCoordinator.token, path, { name: 'X' }), 403, 'FORBIDDEN');
      expectError(await patch(w.member.token, path, { name: 'X' }), 403, 'FORBIDDEN');
      expectError(
        await patch(w.admin.token, `/api/v1/resources/${NOWHERE}`, { name: 'X' }),
        404,
        'NOT_FOUND',
      );
    });

    describe('deactivation (DELETE)', () => {
      it('deactivates a resource without future sessions: 200 active:false, still readable', async () => {
        const desk = await createResource(t, w.coordinator.token, w.centerId);
        const path = `/api/v1/resources/${desk.id}`;
        const response = await del(w.coordinator.token, path);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ id: desk.id, active: false });
        const read = await get(w.member.token, path);
        expect(read.status).toBe(200);
        expect(read.body.active).toBe(false);
        const booking = await book(w.member.token, {
          resourceId: desk.id,
          start: '2026-12-02T10:00',
          end: '2026-12-02T11:00',
        });
        expectError(booking, 422, 'RESOURCE_INACTIVE');
      });

      it('refuses with 409 while future sessions hold it, and cancels them with cancelFuture', async () => {
        const desk = await createResource(t, w.coordinator.token, w.centerId);
        const path = `/api/v1/resources/${desk.id}`;
        const booking = await book(w.member.token, {
          resourceId: desk.id,
          start: '2026-12-03T10:00',
          end: '2026-12-03T12:00',
        });
        expect(booking.status).toBe(201);

        expectError(await del(w.coordinator.token, path), 409, 'RESOURCE_HAS_FUTURE_BOOKINGS');
        expect((await get(w.member.token, path)).body.active).toBe(true);
        const untouched = await get(w.member.token, `/api/v1/bookings/${booking.body.id}`);
        expect(untouched.body.occurrences[0].status).toBe('booked');

        const forced = await del(w.coordinator.token, `${path}?cancelFuture=true`);
        expect(forced.status).toBe(200);
        expect(forced.body).toMatchObject({ id: desk.id, active: false });
        const cancelled = await get(w.member.token, `/api/v1/bookings/${booking.body.id}`);
        expect(cancelled.status).toBe(200);
        expect(cancelled.body.occurrences[0].status).toBe('cancelled');
        expect((await get(w.member.token, path)).body.active).toBe(false);
        expectError(
          await book(w.otherMember.token, {
            resourceId: desk.id,
            start: '2026-12-03T10:00',
            end: '2026-12-03T12:00',
          }),
          422,
          'RESOURCE_INACTIVE',
        );
      });

      it('keeps deactivation to the center’s staff (403) and known resources (404)', async () => {
        const desk = await createResource(t, w.coordinator.token, w.centerId);
        const path = `/api/v1/resources/${desk.id}`;
        expectError(await del(w.member.token, path), 403, 'FORBIDDEN');
        expectError(await del(w.otherCoordinator.token, path), 403, 'FORBIDDEN');
        expectError(await del(w.admin.token, `/api/v1/resources/${NOWHERE}`), 404, 'NOT_FOUND');
        expectError(
          await del(w.coordinator.token, `${path}?cancelFuture=perhaps`),
          400,
          'VALIDATION_FAILED',
        );
        expect((await get(w.member.token, path)).body.active).toBe(true);
      });
    });
  });
});
