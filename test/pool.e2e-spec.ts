import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, Json, requestBooking, World } from './support/world';

/** Equipment pools are checked by peak concurrent use, not by adding up what touches a day. */
describe('equipment pool by peak use', () => {
  let t: TestApp;
  let w: World;
  let laptops: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    laptops = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'equipment',
        name: 'Laptops',
        quantity: 12,
      })
    ).id;
  });

  afterAll(() => t.close());

  const book = (start: string, end: string, quantity: number, extra: Json = {}) =>
    requestBooking(t, w.member.token, { resourceId: laptops, start, end, quantity, ...extra });

  it('fits 7 more at 09-12 beside 5 at 09-10 and 5 at 11-12, then refuses one more', async () => {
    expect((await book('2026-12-02T09:00', '2026-12-02T10:00', 5)).status).toBe(201);
    expect((await book('2026-12-02T11:00', '2026-12-02T12:00', 5)).status).toBe(201);
    const seven = await book('2026-12-02T09:00', '2026-12-02T12:00', 7);
    expect(seven.status).toBe(201);
    const one = await book('2026-12-02T09:30', '2026-12-02T10:30', 1);
    expect(one.status).toBe(409);
    expect(one.body.conflicts).toEqual([
      {
        start: '2026-12-02T09:30:00+05:00',
        end: '2026-12-02T10:30:00+05:00',
        resourceId: laptops,
        reason: 'insufficient_quantity',
        available: 0,
      },
    ]);
  });

  it('reports the units free through a window', async () => {
    const at = (start: string, end: string) =>
      t.request(
        'GET',
        `/api/v1/centers/${w.centerId}/availability?kind=equipment&start=${start}&end=${end}&quantity=3`,
        {
          token: w.member.token,
        },
      );
    const busy = await at('2026-12-02T09:00', '2026-12-02T12:00');
    expect(busy.body.items).toEqual([
      expect.objectContaining({
        available: false,
        availableQuantity: 0,
        reason: 'insufficient_quantity',
      }),
    ]);
    const gap = await at('2026-12-02T10:00', '2026-12-02T11:00');
    expect(gap.body.items).toEqual([
      expect.objectContaining({ available: true, availableQuantity: 5 }),
    ]);
  });

  it('refuses more units than the pool has at all with 422', async () => {
    const response = await book('2026-12-03T09:00', '2026-12-03T10:00', 13);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('QUANTITY_EXCEEDS_POOL');
  });
});
