import { catalogApp, expectError, NOWHERE } from './support/catalog';
import { TestApp } from './support/test-app';
import { Actor, createResource, World } from './support/world';

/**
 * The catalog side of API.md over real HTTP, closures: every status and error code these
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

  describe('closures', () => {
    let centerId: string;
    let coordinator: Actor;

    beforeAll(async () => {
      ({ centerId, coordinator } = await centerWithCoordinator());
    });

    const closuresPath = () => `/api/v1/centers/${centerId}/closures`;

    it('creates (201), lists and deletes (204) a closure; an unknown one is 404', async () => {
      const created = await post(coordinator.token, closuresPath(), {
        from: '2026-12-21',
        to: '2026-12-22',
        reason: 'Inventory',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        centerId,
        from: '2026-12-21',
        to: '2026-12-22',
        reason: 'Inventory',
        yearly: false,
        affected: [],
      });
      const list = await get(w.member.token, closuresPath());
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual({
        id: created.body.id,
        centerId,
        from: '2026-12-21',
        to: '2026-12-22',
        reason: 'Inventory',
        yearly: false,
      });
      expect(list.body.total).toBe(list.body.items.length);

      const removed = await del(coordinator.token, `${closuresPath()}/${created.body.id}`);
      expect(removed.status).toBe(204);
      expect(removed.body).toBe('');
      const after = await get(w.member.token, closuresPath());
      expect(after.body.items.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
      expectError(
        await del(coordinator.token, `${closuresPath()}/${created.body.id}`),
        404,
        'NOT_FOUND',
      );
      expectError(await del(coordinator.token, `${closuresPath()}/${NOWHERE}`), 404, 'NOT_FOUND');
      expectError(
        await get(w.member.token, `/api/v1/centers/${NOWHERE}/closures`),
        404,
        'NOT_FOUND',
      );
    });

    it('lists the future sessions on the closed days in `affected`, without cancelling them', async () => {
      const desk = await createResource(t, coordinator.token, centerId);
      const onClosedDay = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-08T10:00',
        end: '2026-12-08T11:30',
        title: 'Report writing',
      });
      expect(onClosedDay.status).toBe(201);
      const dayAfter = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-09T10:00',
        end: '2026-12-09T11:00',
      });
      expect(dayAfter.status).toBe(201);

      const closure = await post(coordinator.token, closuresPath(), {
        from: '2026-12-08',
        to: '2026-12-08',
        reason: 'Power maintenance',
      });
      expect(closure.status).toBe(201);
      expect(closure.body.affected).toEqual([
        expect.objectContaining({
          bookingId: onClosedDay.body.id,
          occurrenceId: onClosedDay.body.occurrences[0].id,
          start: '2026-12-08T10:00:00+05:00',
          end: '2026-12-08T11:30:00+05:00',
        }),
      ]);

      const kept = await get(w.member.token, `/api/v1/bookings/${onClosedDay.body.id}`);
      expect(kept.body.status).toBe('confirmed');
      expect(kept.body.occurrences[0].status).toBe('booked');

      const newOnClosedDay = await book(w.otherMember.token, {
        resourceId: desk.id,
        start: '2026-12-08T14:00',
        end: '2026-12-08T15:00',
      });
      expectError(newOnClosedDay, 409, 'BOOKING_CONFLICT');
      expect(newOnClosedDay.body.conflicts).toEqual([
        {
          start: '2026-12-08T14:00:00+05:00',
          end: '2026-12-08T15:00:00+05:00',
          resourceId: desk.id,
          reason: 'closed',
        },
      ]);

      expect((await del(coordinator.token, `${closuresPath()}/${closure.body.id}`)).status).toBe(
        204,
      );
      const reopened = await book(w.otherMember.token, {
        resourceId: desk.id,
        start: '2026-12-08T14:00',
        end: '2026-12-08T15:00',
      });
      expect(reopened.status).toBe(201);
    });

    it('answers 400 to bad dates: to before from, 2026-02-30, other formats, no reason', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ from: '2026-12-10', to: '2026-12-09', reason: 'Backwards' }, 'to'],
        [{ from: '2026-02-30', to: '2026-03-01', reason: 'No such day' }, 'from'],
        [{ from: '2026-12-10', to: '2026-12-32', reason: 'No such day' }, 'to'],
        [{ from: '10.12.2026', to: '2026-12-10', reason: 'Other format' }, 'from'],
        [{ from: '2026-12-10', to: '2026-12-10' }, 'reason'],
        [{ from: '2026-12-10', to: '2026-12-10', reason: 'Odd', recurring: true }, 'recurring'],
      ];
      for (const [body, field] of cases) {
        expectError(
          await post(coordinator.token, closuresPath(), body),
          400,
          'VALIDATION_FAILED',
          field,
        );
      }
      const list = await get(w.member.token, closuresPath());
      expect(list.body.items.map((c: { reason: string }) => c.reason)).not.toContain('Backwards');
    });

    it('keeps closures to the center’s own staff (403), on a center that exists (404)', async () => {
      const body = { from: '2026-12-15', to: '2026-12-15', reason: 'Not yours' };
      expectError(await post(w.coordinator.token, closuresPath(), body), 403, 'FORBIDDEN');
      expectError(await post(w.member.token, closuresPath(), body), 403, 'FORBIDDEN');
      expectError(
        await post(w.admin.token, `/api/v1/centers/${NOWHERE}/closures`, body),
        404,
        'NOT_FOUND',
      );
      const mine = await post(coordinator.token, closuresPath(), {
        ...body,
        reason: 'Staff training',
      });
      expect(mine.status).toBe(201);
      expectError(
        await del(w.coordinator.token, `${closuresPath()}/${mine.body.id}`),
        403,
        'FORBIDDEN',
      );
      expectError(await del(w.member.token, `${closuresPath()}/${mine.body.id}`), 403, 'FORBIDDEN');
      const admin = await del(w.admin.token, `${closuresPath()}/${mine.body.id}`);
      expect(admin.status).toBe(204);
    });

    it('repeats a yearly closure on the same month-days in later years, across the year end', async () => {
      const desk = await createResource(t, coordinator.token, centerId);
      const yearly = await post(coordinator.token, closuresPath(), {
        from: '2024-12-31',
        to: '2025-01-01',
        reason: 'New Year',
        yearly: true,
      });
      expect(yearly.status).toBe(201);
      expect(yearly.body.yearly).toBe(true);
      for (const day of ['2026-12-31', '2027-01-01']) {
        const response = await book(w.member.token, {
          resourceId: desk.id,
          start: `${day}T10:00`,
          end: `${day}T11:00`,
        });
        expectError(response, 409, 'BOOKING_CONFLICT');
        expect(response.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual([
          'closed',
        ]);
      }
      const dayBefore = await book(w.member.token, {
        resourceId: desk.id,
        start: '2026-12-30T10:00',
        end: '2026-12-30T11:00',
      });
      expect(dayBefore.status).toBe(201);
      const dayAfter = await book(w.member.token, {
        resourceId: desk.id,
        start: '2027-01-02T10:00',
        end: '2027-01-02T11:00',
      });
      expect(dayAfter.status).toBe(201);
    });
  });
});
