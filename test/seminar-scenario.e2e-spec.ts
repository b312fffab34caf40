import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, World } from './support/world';

/**
 * PRODUCT.md scenario 1: a weekly seminar whose third week is taken by a meeting and whose fifth
 * week is a public holiday (Constitution Day, 8 December, a yearly closure).
 */
describe('the weekly seminar scenario', () => {
  let t: TestApp;
  let w: World;
  let hall: string;
  let projector: string;
  let laptops: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-09T09:00:00+05:00' }); // a Monday
    w = await createWorld(t);
    hall = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        name: 'Training hall',
        capacity: 30,
      })
    ).id;
    projector = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'equipment',
        name: 'Projector',
        quantity: 1,
      })
    ).id;
    laptops = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'equipment',
        name: 'Laptops',
        quantity: 12,
      })
    ).id;
    const holiday = await t.request('POST', `/api/v1/centers/${w.centerId}/closures`, {
      token: w.coordinator.token,
      body: { from: '2026-12-08', to: '2026-12-08', reason: 'Constitution Day', yearly: true },
    });
    expect(holiday.status).toBe(201);
    const meeting = await t.request('POST', '/api/v1/bookings', {
      token: w.coordinator.token,
      body: {
        resourceId: hall,
        start: '2026-11-24T15:00',
        end: '2026-11-24T16:00',
        title: 'Coordinators meeting',
        purpose: 'meeting',
      },
    });
    expect(meeting.status).toBe(201);
  });

  afterAll(() => t.close());

  const seminar = (extra: Record<string, unknown> = {}) => ({
    resourceId: hall,
    start: '2026-11-10T14:00',
    end: '2026-11-10T17:00',
    title: 'Strategic planning',
    purpose: 'seminar',
    attendees: 20,
    recurrence: { rule: 'FREQ=WEEKLY;COUNT=8' },
    equipment: [
      { resourceId: projector, quantity: 1 },
      { resourceId: laptops, quantity: 10 },
    ],
    ...extra,
  });

  it('names both clashing dates and why, and books nothing', async () => {
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: seminar(),
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('BOOKING_CONFLICT');
    expect(response.body.conflicts).toEqual([
      {
        start: '2026-11-24T14:00:00+05:00',
        end: '2026-11-24T17:00:00+05:00',
        resourceId: hall,
        reason: 'booked',
      },
      {
        start: '2026-12-08T14:00:00+05:00',
        end: '2026-12-08T17:00:00+05:00',
        resourceId: hall,
        reason: 'closed',
      },
    ]);
    const mine = await t.request('GET', '/api/v1/bookings', { token: w.trainer.token });
    expect(mine.body.total).toBe(0);
  });

  it('previews the same answer with dryRun', async () => {
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: seminar({ dryRun: true }),
    });
    expect(response.status).toBe(409);
    expect(response.body.conflicts).toHaveLength(2);
    const preview = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: seminar({ dryRun: true, skipConflicts: true }),
    });
    expect(preview.status).toBe(200);
    expect(preview.body.id).toBeNull();
    expect(preview.body.occurrences).toHaveLength(6);
  });

  it('books the six free dates with skipConflicts', async () => {
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.trainer.token,
      body: seminar({ skipConflicts: true }),
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('confirmed');
    expect(response.body.occurrences.map((o: { start: string }) => o.start)).toEqual([
      '2026-11-10T14:00:00+05:00',
      '2026-11-17T14:00:00+05:00',
      '2026-12-01T14:00:00+05:00',
      '2026-12-15T14:00:00+05:00',
      '2026-12-22T14:00:00+05:00',
      '2026-12-29T14:00:00+05:00',
    ]);
    expect(response.body.skipped.map((c: { reason: string }) => c.reason)).toEqual([
      'booked',
      'closed',
    ]);
    expect(response.body.recurrence).toEqual({
      rule: 'FREQ=WEEKLY;COUNT=8',
      exceptions: ['2026-11-24', '2026-12-08'],
    });
    expect(response.body.equipment).toEqual([
      { resourceId: projector, quantity: 1 },
      { resourceId: laptops, quantity: 10 },
    ]);
    const allocations = await t.query(
      'SELECT resource_id, COUNT(*) AS n FROM allocations WHERE booking_id = ? GROUP BY resource_id',
      [response.body.id],
    );
    expect(
      Object.fromEntries(
        allocations.map((r: { resource_id: string; n: number }) => [r.resource_id, r.n]),
      ),
    ).toEqual({
      [hall]: 6,
      [projector]: 6,
      [laptops]: 6,
    });
  });
});
