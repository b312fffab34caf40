import { startTestApp, TestApp } from './support/test-app';
import {
  createCenter,
  createDesk,
  createResource,
  createWorld,
  Json,
  requestBooking,
  World,
} from './support/world';

describe('bookings', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    w = await createWorld(t);
  });

  afterAll(() => t.close());

  const book = (token: string, body: Json, headers?: Record<string, string>) =>
    requestBooking(t, token, body, headers);
  const desk = (extra: Json = {}) => createDesk(t, w.coordinator.token, w.centerId, extra);

  describe('a single booking', () => {
    it('answers 201 with the booking in the center’s offset', async () => {
      const resourceId = await desk();
      const response = await book(w.member.token, {
        resourceId,
        start: '2026-12-02T10:00',
        end: '2026-12-02T13:00',
        title: 'Grant proposal',
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        centerId: w.centerId,
        resourceId,
        ownerId: w.member.id,
        creatorId: w.member.id,
        title: 'Grant proposal',
        purpose: 'work',
        attendees: null,
        quantity: 1,
        status: 'confirmed',
        rejectionReason: null,
        recurrence: null,
        equipment: [],
        occurrences: [
          {
            id: expect.any(String),
            start: '2026-12-02T10:00:00+05:00',
            end: '2026-12-02T13:00:00+05:00',
            status: 'booked',
          },
        ],
        skipped: [],
      });
    });

    it('takes instants with an offset and wall-clock times alike', async () => {
      const resourceId = await desk();
      const first = await book(w.member.token, {
        resourceId,
        start: '2026-12-02T05:00:00Z',
        end: '2026-12-02T06:00:00.000Z',
      });
      expect(first.status).toBe(201);
      expect(first.body.occurrences[0].start).toBe('2026-12-02T10:00:00+05:00');
      const clash = await book(w.otherMember.token, {
        resourceId,
        start: '2026-12-02T10:30',
        end: '2026-12-02T11:30',
      });
      expect(clash.status).toBe(409);
    });

    it('treats intervals as half-open: back-to-back sessions do not clash', async () => {
      const resourceId = await desk();
      expect(
        (
          await book(w.member.token, {
            resourceId,
            start: '2026-12-02T10:00',
            end: '2026-12-02T12:00',
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await book(w.otherMember.token, {
            resourceId,
            start: '2026-12-02T12:00',
            end: '2026-12-02T14:00',
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await book(w.otherMember.token, {
            resourceId,
            start: '2026-12-02T09:00',
            end: '2026-12-02T10:00',
          })
        ).status,
      ).toBe(201);
    });

    it('keeps a room’s buffer free after each booking', async () => {
      const room = (
        await createResource(t, w.coordinator.token, w.centerId, {
          kind: 'room',
          capacity: 10,
          bufferMinutes: 30,
        })
      ).id;
      expect(
        (
          await book(w.trainer.token, {
            resourceId: room,
            start: '2026-12-02T10:00',
            end: '2026-12-02T12:00',
          })
        ).status,
      ).toBe(201);
      const inBuffer = await book(w.member.token, {
        resourceId: room,
        start: '2026-12-02T12:15',
        end: '2026-12-02T13:00',
      });
      expect(inBuffer.status).toBe(409);
      expect(inBuffer.body.conflicts[0].reason).toBe('booked');
      const before = await book(w.member.token, {
        resourceId: room,
        start: '2026-12-02T09:00',
        end: '2026-12-02T09:45',
      });
      expect(before.status).toBe(409);
      expect(
        (
          await book(w.member.token, {
            resourceId: room,
            start: '2026-12-02T12:30',
            end: '2026-12-02T13:00',
          })
        ).status,
      ).toBe(201);
    });

    it('reports opening hours and closures as conflicts', async () => {
      const resourceId = await desk();
      const late = await book(w.member.token, {
        resourceId,
        start: '2026-12-02T17:00',
        end: '2026-12-02T19:00',
      });
      expect(late.status).toBe(409);
      expect(late.body.conflicts).toEqual([
        {
          start: '2026-12-02T17:00:00+05:00',
          end: '2026-12-02T19:00:00+05:00',
          resourceId,
          reason: 'outside_hours',
        },
      ]);
      const sunday = await book(w.member.token, {
        resourceId,
        start: '2026-12-06T10:00',
        end: '2026-12-06T11:00',
      });
      expect(sunday.body.conflicts[0].reason).toBe('outside_hours');
    });
  });

  describe('on behalf of someone', () => {
    it('lets the center’s coordinator book for a member, and refuses a member doing it', async () => {
      const resourceId = await desk();
      const forMember = await book(w.coordinator.token, {
        resourceId,
        start: '2026-12-03T10:00',
        end: '2026-12-03T11:00',
        ownerId: w.member.id,
      });
      expect(forMember.status).toBe(201);
      expect(forMember.body.ownerId).toBe(w.member.id);
      expect(forMember.body.creatorId).toBe(w.coordinator.id);
      const byMember = await book(w.member.token, {
        resourceId,
        start: '2026-12-03T12:00',
        end: '2026-12-03T13:00',
        ownerId: w.otherMember.id,
      });
      expect(byMember.status).toBe(403);
      expect(byMember.body.code).toBe('FORBIDDEN');
      const byOtherCoordinator = await book(w.otherCoordinator.token, {
        resourceId,
        start: '2026-12-03T12:00',
        end: '2026-12-03T13:00',
        ownerId: w.member.id,
      });
      expect(byOtherCoordinator.status).toBe(403);
      const unknownOwner = await book(w.coordinator.token, {
        resourceId,
        start: '2026-12-03T12:00',
        end: '2026-12-03T13:00',
        ownerId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknownOwner.status).toBe(404);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer to a retry instead of booking twice', async () => {
      const resourceId = await desk();
      const body = { resourceId, start: '2026-12-04T10:00', end: '2026-12-04T11:00' };
      const headers = { 'idempotency-key': 'retry-123' };
      const first = await book(w.member.token, body, headers);
      const second = await book(w.member.token, body, headers);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      const [{ n }] = await t.query('SELECT COUNT(*) AS n FROM bookings WHERE resource_id = ?', [
        resourceId,
      ]);
      expect(n).toBe(1);
      const different = await book(
        w.member.token,
        { ...body, start: '2026-12-04T11:00', end: '2026-12-04T12:00' },
        headers,
      );
      expect(different.status).toBe(409);
      expect(different.body.code).toBe('INVALID_STATE');
      const otherUser = await book(w.otherMember.token, body, headers);
      expect(otherUser.status).toBe(409);
      expect(otherUser.body.code).toBe('BOOKING_CONFLICT');
    });

    it('forgets a key after 24 hours', async () => {
      const resourceId = await desk();
      const headers = { 'idempotency-key': 'day-old' };
      expect(
        (
          await book(
            w.member.token,
            { resourceId, start: '2026-12-09T10:00', end: '2026-12-09T11:00' },
            headers,
          )
        ).status,
      ).toBe(201);
      t.clock.advanceMinutes(24 * 60 + 1);
      try {
        const later = await book(
          w.member.token,
          { resourceId, start: '2026-12-09T11:00', end: '2026-12-09T12:00' },
          headers,
        );
        expect(later.status).toBe(201);
        expect(later.body.occurrences[0].start).toBe('2026-12-09T11:00:00+05:00');
      } finally {
        t.clock.advanceMinutes(-(24 * 60 + 1));
      }
    });
  });

  describe('series', () => {
    it('books a weekly series and cancels one session without losing the rest', async () => {
      const resourceId = await desk();
      const series = await book(w.member.token, {
        resourceId,
        start: '2026-12-07T09:00',
        end: '2026-12-07T12:00',
        recurrence: { rule: 'FREQ=DAILY;COUNT=5' },
      });
      expect(series.status).toBe(201);
      expect(series.body.occurrences).toHaveLength(5);
      const [, tuesday] = series.body.occurrences;
      const cancelled = await t.request(
        'DELETE',
        `/api/v1/bookings/${series.body.id}/occurrences/${tuesday.id}`,
        { token: w.member.token },
      );
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual({
        id: tuesday.id,
        bookingId: series.body.id,
        bookingStatus: 'confirmed',
        start: '2026-12-08T09:00:00+05:00',
        end: '2026-12-08T12:00:00+05:00',
        status: 'cancelled',
      });
      const after = await t.request('GET', `/api/v1/bookings/${series.body.id}`, {
        token: w.member.token,
      });
      expect(after.body.occurrences.map((o: { status: string }) => o.status)).toEqual([
        'booked',
        'cancelled',
        'booked',
        'booked',
        'booked',
      ]);
      const rebook = await book(w.otherMember.token, {
        resourceId,
        start: '2026-12-08T09:00',
        end: '2026-12-08T12:00',
      });
      expect(rebook.status).toBe(201);
      const again = await t.request(
        'DELETE',
        `/api/v1/bookings/${series.body.id}/occurrences/${tuesday.id}`,
        { token: w.member.token },
      );
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('INVALID_STATE');
    });

    it('books a BYSETPOS series only in the periods that have that position (issue 14)', async () => {
      const center = await createCenter(t, w.admin.token, { policy: { maxAdvanceDays: 365 } });
      const resourceId = (await createResource(t, w.admin.token, center.id)).id;
      const monthly = (rule: string) => ({
        resourceId,
        start: '2026-12-01T10:00',
        end: '2026-12-01T11:00',
        recurrence: { rule },
      });
      // No month has six Mondays: rrule.js 2.8.1 booked the first Monday of every month.
      const none = await book(w.member.token, monthly('FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-6;COUNT=2'));
      expect(none.status).toBe(400);
      expect(none.body.code).toBe('INVALID_RECURRENCE');
      const fifth = await book(
        w.member.token,
        monthly('FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-5;COUNT=2'),
      );
      expect(fifth.status).toBe(201);
      expect(fifth.body.occurrences.map((o: { start: string }) => o.start)).toEqual([
        '2027-03-01T10:00:00+05:00',
        '2027-05-03T10:00:00+05:00',
      ]);
    });

    it('cancels a session and all that follow with scope=following', async () => {
      const resourceId = await desk();
      const series = await book(w.trainer.token, {
        resourceId,
        start: '2026-12-02T14:00',
        end: '2026-12-02T16:00',
        recurrence: { rule: 'FREQ=WEEKLY;COUNT=4' },
      });
      const third = series.body.occurrences[2];
      const response = await t.request(
        'DELETE',
        `/api/v1/bookings/${series.body.id}/occurrences/${third.id}?scope=following`,
        { token: w.trainer.token },
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: third.id,
        status: 'cancelled',
        bookingStatus: 'confirmed',
      });
      const after = await t.request('GET', `/api/v1/bookings/${series.body.id}`, {
        token: w.trainer.token,
      });
      expect(after.body.occurrences.map((o: { status: string }) => o.status)).toEqual([
        'booked',
        'booked',
        'cancelled',
        'cancelled',
      ]);
      const first = series.body.occurrences[0];
      const all = await t.request(
        'DELETE',
        `/api/v1/bookings/${series.body.id}/occurrences/${first.id}?scope=following`,
        { token: w.trainer.token },
      );
      expect(all.body.bookingStatus).toBe('cancelled');
      const badScope = await t.request(
        'DELETE',
        `/api/v1/bookings/${series.body.id}/occurrences/${first.id}?scope=everything`,
        { token: w.trainer.token },
      );
      expect(badScope.status).toBe(400);
    });

    it('moves one session, checked like a new booking', async () => {
      const resourceId = await desk();
      const blocker = await book(w.otherMember.token, {
        resourceId,
        start: '2026-12-10T15:00',
        end: '2026-12-10T16:00',
      });
      expect(blocker.status).toBe(201);
      const series = await book(w.member.token, {
        resourceId,
        start: '2026-12-09T10:00',
        end: '2026-12-09T11:00',
        recurrence: { rule: 'FREQ=DAILY;COUNT=2' },
      });
      const second = series.body.occurrences[1];
      const path = `/api/v1/bookings/${series.body.id}/occurrences/${second.id}`;
      const clash = await t.request('PATCH', path, {
        token: w.member.token,
        body: { start: '2026-12-10T15:30', end: '2026-12-10T16:30' },
      });
      expect(clash.status).toBe(409);
      expect(clash.body.conflicts).toEqual([
        {
          start: '2026-12-10T15:30:00+05:00',
          end: '2026-12-10T16:30:00+05:00',
          resourceId,
          reason: 'booked',
        },
      ]);
      const moved = await t.request('PATCH', path, {
        token: w.member.token,
        body: { start: '2026-12-10T16:00', end: '2026-12-10T17:00' },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toEqual({
        id: second.id,
        bookingId: series.body.id,
        bookingStatus: 'confirmed',
        start: '2026-12-10T16:00:00+05:00',
        end: '2026-12-10T17:00:00+05:00',
        status: 'booked',
      });
      const freed = await book(w.otherMember.token, {
        resourceId,
        start: '2026-12-10T10:00',
        end: '2026-12-10T11:00',
      });
      expect(freed.status).toBe(201);
      const stranger = await t.request('PATCH', path, {
        token: w.otherMember.token,
        body: { start: '2026-12-10T12:00', end: '2026-12-10T13:00' },
      });
      expect(stranger.status).toBe(404);
    });

    it('shifts every future session by the same local shift on PATCH', async () => {
      const resourceId = await desk();
      const series = await book(w.member.token, {
        resourceId,
        start: '2026-12-14T09:00',
        end: '2026-12-14T10:00',
        title: 'Morning work',
        recurrence: { rule: 'FREQ=WEEKLY;COUNT=3' },
      });
      const patched = await t.request('PATCH', `/api/v1/bookings/${series.body.id}`, {
        token: w.member.token,
        body: { start: '2026-12-15T11:00', title: 'Late morning work' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.title).toBe('Late morning work');
      expect(
        patched.body.occurrences.map((o: { start: string; end: string }) => `${o.start} ${o.end}`),
      ).toEqual([
        '2026-12-15T11:00:00+05:00 2026-12-15T12:00:00+05:00',
        '2026-12-22T11:00:00+05:00 2026-12-22T12:00:00+05:00',
        '2026-12-29T11:00:00+05:00 2026-12-29T12:00:00+05:00',
      ]);
      const longer = await t.request('PATCH', `/api/v1/bookings/${series.body.id}`, {
        token: w.member.token,
        body: { end: '2026-12-15T18:30' },
      });
      expect(longer.status).toBe(409);
      expect(longer.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual([
        'outside_hours',
        'outside_hours',
        'outside_hours',
      ]);
    });

    it('cancels a whole booking and frees its slots', async () => {
      const resourceId = await desk();
      const series = await book(w.member.token, {
        resourceId,
        start: '2026-12-16T10:00',
        end: '2026-12-16T11:00',
        recurrence: { rule: 'FREQ=DAILY;COUNT=3' },
      });
      const cancelled = await t.request('DELETE', `/api/v1/bookings/${series.body.id}`, {
        token: w.member.token,
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(
        cancelled.body.occurrences.every((o: { status: string }) => o.status === 'cancelled'),
      ).toBe(true);
      expect(
        (
          await book(w.otherMember.token, {
            resourceId,
            start: '2026-12-17T10:00',
            end: '2026-12-17T11:00',
          })
        ).status,
      ).toBe(201);
      const again = await t.request('DELETE', `/api/v1/bookings/${series.body.id}`, {
        token: w.member.token,
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('INVALID_STATE');
    });
  });

  describe('approval', () => {
    it('holds a member’s request pending, then the coordinator approves or rejects', async () => {
      const room = (
        await createResource(t, w.coordinator.token, w.centerId, {
          kind: 'room',
          capacity: 6,
          requiresApproval: true,
        })
      ).id;
      const request = await book(w.member.token, {
        resourceId: room,
        start: '2026-12-03T10:00',
        end: '2026-12-03T11:00',
        attendees: 4,
      });
      expect(request.body.status).toBe('pending');
      const second = await book(w.otherMember.token, {
        resourceId: room,
        start: '2026-12-03T10:30',
        end: '2026-12-03T11:30',
      });
      expect(second.status).toBe(409);
      expect(
        (
          await t.request('POST', `/api/v1/bookings/${request.body.id}/approve`, {
            token: w.member.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.request('POST', `/api/v1/bookings/${request.body.id}/approve`, {
            token: w.otherCoordinator.token,
          })
        ).status,
      ).toBe(404);
      const approved = await t.request('POST', `/api/v1/bookings/${request.body.id}/approve`, {
        token: w.coordinator.token,
      });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('confirmed');
      const twice = await t.request('POST', `/api/v1/bookings/${request.body.id}/approve`, {
        token: w.coordinator.token,
      });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('INVALID_STATE');

      const trainerBooking = await book(w.trainer.token, {
        resourceId: room,
        start: '2026-12-04T10:00',
        end: '2026-12-04T11:00',
      });
      expect(trainerBooking.body.status).toBe('confirmed');

      const another = await book(w.member.token, {
        resourceId: room,
        start: '2026-12-05T10:00',
        end: '2026-12-05T11:00',
      });
      const noReason = await t.request('POST', `/api/v1/bookings/${another.body.id}/reject`, {
        token: w.coordinator.token,
        body: {},
      });
      expect(noReason.status).toBe(400);
      const rejected = await t.request('POST', `/api/v1/bookings/${another.body.id}/reject`, {
        token: w.coordinator.token,
        body: { reason: 'The room is being painted' },
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body.status).toBe('rejected');
      expect(rejected.body.rejectionReason).toBe('The room is being painted');
      expect(
        (
          await book(w.otherMember.token, {
            resourceId: room,
            start: '2026-12-05T10:00',
            end: '2026-12-05T11:00',
          })
        ).body.status,
      ).toBe('pending');
    });
  });

  describe('reading bookings', () => {
    it('shows members only their own, staff their center’s, admins all', async () => {
      const resourceId = await desk();
      const mine = await book(w.member.token, {
        resourceId,
        start: '2026-12-18T10:00',
        end: '2026-12-18T11:00',
        title: 'Mine',
      });
      const path = `/api/v1/bookings/${mine.body.id}`;
      expect((await t.request('GET', path, { token: w.member.token })).status).toBe(200);
      expect((await t.request('GET', path, { token: w.otherMember.token })).status).toBe(404);
      expect((await t.request('GET', path, { token: w.coordinator.token })).status).toBe(200);
      expect((await t.request('GET', path, { token: w.otherCoordinator.token })).status).toBe(404);
      expect((await t.request('GET', path, { token: w.admin.token })).status).toBe(200);
      expect(
        (await t.request('GET', '/api/v1/bookings/not-a-booking', { token: w.admin.token })).status,
      ).toBe(404);

      const others = await t.request('GET', `/api/v1/bookings?resourceId=${resourceId}`, {
        token: w.otherMember.token,
      });
      expect(others.body).toEqual({ items: [], total: 0 });
      const staff = await t.request('GET', `/api/v1/bookings?resourceId=${resourceId}`, {
        token: w.coordinator.token,
      });
      expect(staff.body.total).toBe(1);
      const otherStaff = await t.request('GET', `/api/v1/bookings?resourceId=${resourceId}`, {
        token: w.otherCoordinator.token,
      });
      expect(otherStaff.body.total).toBe(0);
    });

    it('filters by window, status and owner, and pages', async () => {
      const resourceId = await desk();
      for (const day of ['21', '22', '23']) {
        expect(
          (
            await book(w.member.token, {
              resourceId,
              start: `2026-12-${day}T10:00`,
              end: `2026-12-${day}T11:00`,
            })
          ).status,
        ).toBe(201);
      }
      const base = `/api/v1/bookings?centerId=${w.centerId}&resourceId=${resourceId}`;
      const window = await t.request('GET', `${base}&from=2026-12-22T00:00&to=2026-12-23T00:00`, {
        token: w.member.token,
      });
      expect(window.body.total).toBe(1);
      expect(window.body.items[0].occurrences[0].start).toBe('2026-12-22T10:00:00+05:00');
      const paged = await t.request('GET', `${base}&limit=2&offset=2`, { token: w.member.token });
      expect(paged.body.total).toBe(3);
      expect(paged.body.items).toHaveLength(1);
      const cancelledOnly = await t.request('GET', `${base}&status=cancelled`, {
        token: w.member.token,
      });
      expect(cancelledOnly.body.total).toBe(0);
      const byOwner = await t.request('GET', `${base}&ownerId=${w.member.id}`, {
        token: w.coordinator.token,
      });
      expect(byOwner.body.total).toBe(3);
      const noOffset = await t.request('GET', `/api/v1/bookings?from=2026-12-22T00:00`, {
        token: w.member.token,
      });
      expect(noOffset.status).toBe(400);
      const tooMany = await t.request('GET', `${base}&limit=501`, { token: w.member.token });
      expect(tooMany.status).toBe(400);
    });
  });
});
