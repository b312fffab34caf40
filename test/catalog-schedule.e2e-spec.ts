import { catalogApp, expectError, NOWHERE } from './support/catalog';
import { TestApp } from './support/test-app';
import { createResource, World } from './support/world';

/**
 * The catalog side of API.md over real HTTP, the resource schedule: every status and error code these
 * paths can answer. The other areas are the other test/catalog-*.e2e-spec.ts files; what they
 * share is test/support/catalog.ts.
 */
describe('catalog', () => {
  const app = catalogApp();
  const { get, book } = app;
  let t: TestApp;
  let w: World;
  beforeAll(() => {
    ({ t, w } = app);
  });

  describe('resource schedule', () => {
    let deskId: string;
    let bookingId: string;

    beforeAll(async () => {
      deskId = (await createResource(t, w.coordinator.token, w.centerId)).id;
      const booking = await book(w.member.token, {
        resourceId: deskId,
        start: '2026-12-03T10:00',
        end: '2026-12-03T11:00',
        title: 'Deep work',
      });
      expect(booking.status).toBe(201);
      bookingId = booking.body.id;
    });

    const schedule = (token: string, query = 'from=2026-12-03T00:00&to=2026-12-04T00:00') =>
      get(token, `/api/v1/resources/${deskId}/schedule?${query}`);

    it('shows the owner and the center’s staff who holds each slot', async () => {
      for (const caller of [w.member, w.coordinator, w.admin]) {
        const response = await schedule(caller.token);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          items: [
            {
              start: '2026-12-03T10:00:00+05:00',
              end: '2026-12-03T11:00:00+05:00',
              status: 'booked',
              bookingId,
              title: 'Deep work',
              owner: { id: w.member.id, name: 'Test member' },
            },
          ],
        });
      }
    });

    it('shows anyone else only start, end and status', async () => {
      for (const caller of [w.otherMember, w.trainer, w.otherCoordinator]) {
        const response = await schedule(caller.token);
        expect(response.status).toBe(200);
        expect(response.body.items).toHaveLength(1);
        expect(Object.keys(response.body.items[0]).sort()).toEqual(['end', 'start', 'status']);
        expect(response.body.items[0]).toEqual({
          start: '2026-12-03T10:00:00+05:00',
          end: '2026-12-03T11:00:00+05:00',
          status: 'booked',
        });
      }
    });

    it('reads the window as half-open [from, to)', async () => {
      const after = await schedule(w.member.token, 'from=2026-12-03T11:00&to=2026-12-03T18:00');
      expect(after.body.items).toEqual([]);
      const before = await schedule(w.member.token, 'from=2026-12-03T09:00&to=2026-12-03T10:00');
      expect(before.body.items).toEqual([]);
      const overlapping = await schedule(
        w.member.token,
        'from=2026-12-03T10:59&to=2026-12-03T12:00',
      );
      expect(overlapping.body.items).toHaveLength(1);
    });

    it('shows a member’s request for a room with approval as pending', async () => {
      const room = await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        capacity: 8,
        requiresApproval: true,
      });
      const request = await book(w.member.token, {
        resourceId: room.id,
        start: '2026-12-04T14:00',
        end: '2026-12-04T15:00',
        title: 'Workshop',
      });
      expect(request.body.status).toBe('pending');
      const path = `/api/v1/resources/${room.id}/schedule?from=2026-12-04T00:00&to=2026-12-05T00:00`;
      const staff = await get(w.coordinator.token, path);
      expect(staff.body.items).toEqual([
        expect.objectContaining({ status: 'pending', bookingId: request.body.id }),
      ]);
      const stranger = await get(w.otherMember.token, path);
      expect(stranger.body.items).toEqual([
        { start: '2026-12-04T14:00:00+05:00', end: '2026-12-04T15:00:00+05:00', status: 'pending' },
      ]);
    });

    it('answers 400 to a bad window and 404 to an unknown resource', async () => {
      expectError(
        await schedule(w.member.token, 'from=2026-12-04T00:00&to=2026-12-03T00:00'),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await schedule(w.member.token, 'from=2026-12-04T00:00&to=2026-12-04T00:00'),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await schedule(w.member.token, 'from=yesterday&to=2026-12-04T00:00'),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await get(
          w.member.token,
          `/api/v1/resources/${NOWHERE}/schedule?from=2026-12-03T00:00&to=2026-12-04T00:00`,
        ),
        404,
        'NOT_FOUND',
      );
    });
  });
});
