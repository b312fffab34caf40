import { catalogApp, expectError, keysDeep, NOWHERE, RESOURCE_KEYS } from './support/catalog';
import { TestApp } from './support/test-app';
import { Actor, createResource, World } from './support/world';

/**
 * The catalog side of API.md over real HTTP, availability: every status and error code these
 * paths can answer. The other areas are the other test/catalog-*.e2e-spec.ts files; what they
 * share is test/support/catalog.ts.
 */
describe('catalog', () => {
  const app = catalogApp();
  const { get, post, del, book, centerWithCoordinator } = app;
  let t: TestApp;
  let w: World;
  beforeAll(() => {
    ({ t, w } = app);
  });

  describe('availability', () => {
    let centerId: string;
    let coordinator: Actor;
    const r: Record<string, string> = {};

    beforeAll(async () => {
      ({ centerId, coordinator } = await centerWithCoordinator());
      const make = async (key: string, body: Record<string, unknown>) => {
        r[key] = (await createResource(t, coordinator.token, centerId, body)).id;
      };
      await make('booked', { kind: 'desk', name: 'Desk 1', features: ['window'] });
      await make('free', { kind: 'desk', name: 'Desk 2' });
      await make('small', {
        kind: 'room',
        name: 'Small room',
        capacity: 4,
        features: ['projector'],
      });
      await make('big', {
        kind: 'room',
        name: 'Big room',
        capacity: 12,
        features: ['projector', 'wheelchair_accessible'],
      });
      await make('pool', { kind: 'equipment', name: 'Laptops', quantity: 5 });
      await make('retired', { kind: 'desk', name: 'Desk 3' });
      expect((await del(coordinator.token, `/api/v1/resources/${r.retired}`)).status).toBe(200);
      const booked = await book(w.otherMember.token, {
        resourceId: r.booked,
        start: '2026-12-02T10:00',
        end: '2026-12-02T12:00',
        title: 'Secret project',
      });
      expect(booked.status).toBe(201);
      const laptops = await book(w.otherMember.token, {
        resourceId: r.pool,
        quantity: 3,
        start: '2026-12-02T10:00',
        end: '2026-12-02T12:00',
      });
      expect(laptops.status).toBe(201);
      const closure = await post(coordinator.token, `/api/v1/centers/${centerId}/closures`, {
        from: '2026-12-10',
        to: '2026-12-10',
        reason: 'Cleaning day',
      });
      expect(closure.status).toBe(201);
    });

    const availability = (query: string, token = w.member.token) =>
      get(token, `/api/v1/centers/${centerId}/availability?${query}`);
    const verdicts = (body: { items: Array<Record<string, any>> }) =>
      Object.fromEntries(
        body.items.map((item) => [
          item.resource.id,
          { available: item.available, reason: item.reason },
        ]),
      );

    it('lists every active matching resource, booked or free', async () => {
      const response = await availability('start=2026-12-02T10:30&end=2026-12-02T11:30&kind=desk');
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(2);
      expect(verdicts(response.body)).toEqual({
        [r.booked]: { available: false, reason: 'booked' },
        [r.free]: { available: true, reason: undefined },
      });
      const free = response.body.items.find(
        (item: { resource: { id: string } }) => item.resource.id === r.free,
      );
      expect(Object.keys(free)).not.toContain('reason');

      const all = await availability('start=2026-12-02T10:30&end=2026-12-02T11:30');
      expect(Object.keys(verdicts(all.body)).sort()).toEqual(
        [r.booked, r.free, r.small, r.big, r.pool].sort(),
      );
      const later = await availability(
        'start=2026-12-02T12:00:00%2B05:00&end=2026-12-02T13:00:00%2B05:00&kind=desk',
      );
      expect(verdicts(later.body)[r.booked]).toEqual({ available: true, reason: undefined });
    });

    it('says `closed` on a closure day and `outside_hours` outside the opening hours', async () => {
      const closed = await availability('start=2026-12-10T10:00&end=2026-12-10T11:00');
      expect(closed.status).toBe(200);
      expect(closed.body.items).toHaveLength(5);
      for (const item of closed.body.items) {
        expect({ available: item.available, reason: item.reason }).toEqual({
          available: false,
          reason: 'closed',
        });
      }
      for (const query of [
        'start=2026-12-02T17:30&end=2026-12-02T18:30',
        'start=2026-12-02T08:00&end=2026-12-02T09:30',
        'start=2026-12-06T10:00&end=2026-12-06T11:00',
      ]) {
        const response = await availability(`${query}&kind=desk`);
        expect(verdicts(response.body)).toEqual({
          [r.booked]: { available: false, reason: 'outside_hours' },
          [r.free]: { available: false, reason: 'outside_hours' },
        });
      }
    });

    it('filters by minCapacity and feature', async () => {
      const window = 'start=2026-12-03T10:00&end=2026-12-03T11:00';
      const ids = async (query: string) =>
        (await availability(`${window}&${query}`)).body.items
          .map((item: { resource: { id: string } }) => item.resource.id)
          .sort();
      expect(await ids('minCapacity=10')).toEqual([r.big]);
      expect(await ids('minCapacity=4')).toEqual([r.small, r.big].sort());
      expect(await ids('feature=projector')).toEqual([r.small, r.big].sort());
      expect(await ids('feature=wheelchair_accessible')).toEqual([r.big]);
      expect(await ids('feature=window')).toEqual([r.booked]);
      expect(await ids('feature=projector&minCapacity=5')).toEqual([r.big]);
      expect(await ids('kind=room&minCapacity=100')).toEqual([]);
    });

    it('counts the units of a pool free through the window against `quantity`', async () => {
      const window = 'start=2026-12-02T11:00&end=2026-12-02T13:00&kind=equipment';
      const two = await availability(`${window}&quantity=2`);
      expect(two.body.items).toEqual([
        expect.objectContaining({ available: true, availableQuantity: 2 }),
      ]);
      const three = await availability(`${window}&quantity=3`);
      expect(three.body.items).toEqual([
        expect.objectContaining({
          available: false,
          availableQuantity: 2,
          reason: 'insufficient_quantity',
        }),
      ]);
    });

    it('answers 400 to a bad window, 404 to an unknown center, 401 without a token', async () => {
      for (const query of [
        'start=2026-12-02T10:00&end=2026-12-02T10:00',
        'start=2026-12-02T11:00&end=2026-12-02T10:00',
        'end=2026-12-02T10:00',
        'start=2026-12-02T10:00',
        'start=tomorrow&end=2026-12-02T10:00',
        'start=2026-12-02T10:00:30&end=2026-12-02T11:00',
        'start=2026-12-02T10:00&end=2026-12-02T11:00&minCapacity=0',
        'start=2026-12-02T10:00&end=2026-12-02T11:00&kind=spaceship',
      ]) {
        expectError(await availability(query), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await get(
          w.member.token,
          `/api/v1/centers/${NOWHERE}/availability?start=2026-12-02T10:00&end=2026-12-02T11:00`,
        ),
        404,
        'NOT_FOUND',
      );
      expectError(
        await get(
          undefined,
          `/api/v1/centers/${centerId}/availability?start=2026-12-02T10:00&end=2026-12-02T11:00`,
        ),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('tells a member nothing about who booked', async () => {
      const response = await availability('start=2026-12-02T10:00&end=2026-12-02T12:00');
      expect(response.status).toBe(200);
      const keys = keysDeep(response.body);
      for (const key of ['owner', 'ownerId', 'bookingId', 'title', 'checkInUrl', 'occurrence']) {
        expect(keys).not.toContain(key);
      }
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(w.otherMember.id);
      expect(text).not.toContain('Secret project');
      for (const item of response.body.items) {
        expect(Object.keys(item.resource).sort()).toEqual(RESOURCE_KEYS);
      }
    });
  });
});
