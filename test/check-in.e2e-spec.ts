import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { NoShowReleaseJob } from '../src/bookings/check-in/no-show-release.job';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, requestBooking, World } from './support/world';

const DAY = '2026-12-01'; // a Tuesday; the center is open 09:00–18:00
const at = (time: string) => `${DAY}T${time}+05:00`;

describe('check-in, check-out, QR codes, walk-ins and no-shows', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: at('08:00:00') });
    w = await createWorld(t);
  });

  afterAll(() => t.close());

  beforeEach(() => t.clock.set(at('08:00:00')));

  const desk = (extra: Record<string, unknown> = {}) =>
    createResource(t, w.coordinator.token, w.centerId, { kind: 'desk', ...extra });
  const book = (token: string, resourceId: string, from: string, to: string) =>
    requestBooking(t, token, { resourceId, start: `${DAY}T${from}`, end: `${DAY}T${to}` });
  const session = async (token: string, resourceId: string, from: string, to: string) => {
    const response = await book(token, resourceId, from, to);
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return { bookingId: response.body.id as string, id: response.body.occurrences[0].id as string };
  };
  const checkIn = (token: string, occurrenceId: string) =>
    t.request('POST', `/api/v1/occurrences/${occurrenceId}/check-in`, { token });
  const checkOut = (token: string, occurrenceId: string) =>
    t.request('POST', `/api/v1/occurrences/${occurrenceId}/check-out`, { token });
  const scan = (token: string, qrToken: string) =>
    t.request('POST', `/api/v1/check-in/${qrToken}`, { token });
  const tokenOf = (resource: { checkInUrl: string }) => resource.checkInUrl.split('/c/')[1];
  const schedule = async (resourceId: string) =>
    (
      await t.request(
        'GET',
        `/api/v1/resources/${resourceId}/schedule?from=${DAY}T00:00&to=${DAY}T23:59`,
        { token: w.coordinator.token },
      )
    ).body.items as Array<{ start: string; end: string; status: string }>;

  describe('POST /occurrences/:id/check-in', () => {
    it('opens checkInOpensMinutes before the start, and answers a second time unchanged', async () => {
      const { id: resourceId } = await desk();
      const { id, bookingId } = await session(w.member.token, resourceId, '10:00', '12:00');
      t.clock.set(at('09:44:00'));
      const early = await checkIn(w.member.token, id);
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({
        code: 'CHECK_IN_NOT_OPEN',
        opensAt: at('09:45:00'),
      });
      t.clock.set(at('09:45:30'));
      const onTime = await checkIn(w.member.token, id);
      expect(onTime.status).toBe(200);
      expect(onTime.body).toEqual({
        id,
        bookingId,
        bookingStatus: 'confirmed',
        start: at('10:00:00'),
        end: at('12:00:00'),
        status: 'checked_in',
        checkedInAt: at('09:45:30'),
      });
      t.clock.set(at('10:20:00'));
      const again = await checkIn(w.member.token, id);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(onTime.body);
    });

    it('refuses with ALREADY_RELEASED once the session was released as a no-show', async () => {
      const { id: resourceId } = await desk();
      const { id } = await session(w.member.token, resourceId, '10:00', '12:00');
      const late = await desk();
      const { id: lateId } = await session(w.member.token, late.id, '10:00', '12:00');
      t.clock.set(at('10:14:00'));
      expect((await checkIn(w.member.token, lateId)).status).toBe(200);
      t.clock.set(at('10:15:00'));
      const released = await checkIn(w.member.token, id);
      expect(released.status).toBe(409);
      expect(released.body.code).toBe('ALREADY_RELEASED');
      await t.app.get(NoShowReleaseJob).run();
      expect((await checkIn(w.member.token, id)).body.code).toBe('ALREADY_RELEASED');
    });

    it('lets the center’s staff check in on someone’s behalf; others, other coordinators too, get 404', async () => {
      const { id: resourceId } = await desk();
      const { id } = await session(w.member.token, resourceId, '10:00', '12:00');
      t.clock.set(at('10:05:00'));
      expect((await checkIn(w.otherMember.token, id)).status).toBe(404);
      expect((await checkIn(w.trainer.token, id)).status).toBe(404);
      const foreign = await checkIn(w.otherCoordinator.token, id);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      const missing = await checkIn(
        w.otherCoordinator.token,
        '6a1c3e0e-0000-4000-8000-000000000000',
      );
      expect(missing.status).toBe(404);
      const staff = await checkIn(w.coordinator.token, id);
      expect(staff.status).toBe(200);
      expect(staff.body.status).toBe('checked_in');
      expect((await checkOut(w.admin.token, id)).body.status).toBe('checked_out');
    });

    it('answers INVALID_STATE for a pending booking, a cancelled session and an ended one', async () => {
      const room = await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        capacity: 10,
        requiresApproval: true,
        checkInRequired: true,
      });
      const pending = await session(w.member.token, room.id, '10:00', '11:00');
      const { id: resourceId } = await desk({ checkInRequired: false });
      const cancelled = await session(w.member.token, resourceId, '10:00', '11:00');
      await t.request('DELETE', `/api/v1/bookings/${cancelled.bookingId}`, {
        token: w.member.token,
      });
      const ended = await session(w.member.token, resourceId, '11:00', '12:00');
      t.clock.set(at('10:05:00'));
      for (const id of [pending.id, cancelled.id]) {
        const response = await checkIn(w.member.token, id);
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('INVALID_STATE');
      }
      expect((await checkOut(w.member.token, ended.id)).body.code).toBe('INVALID_STATE');
      t.clock.set(at('12:00:00'));
      expect((await checkIn(w.member.token, ended.id)).body.code).toBe('INVALID_STATE');
    });
  });

  describe('POST /occurrences/:id/check-out', () => {
    it('frees the rest of the slot from the next whole minute', async () => {
      const { id: resourceId } = await desk();
      const { id } = await session(w.member.token, resourceId, '10:00', '12:00');
      t.clock.set(at('10:00:00'));
      await checkIn(w.member.token, id);
      t.clock.set(at('10:30:20'));
      const out = await checkOut(w.member.token, id);
      expect(out.status).toBe(200);
      expect(out.body).toMatchObject({
        status: 'checked_out',
        start: at('10:00:00'),
        end: at('12:00:00'),
        checkedInAt: at(`10:00:${t.clock.oddSeconds()}`),
        checkedOutAt: at('10:30:20'),
      });
      expect((await checkOut(w.member.token, id)).body).toEqual(out.body);
      expect(await schedule(resourceId)).toEqual([
        expect.objectContaining({ start: at('10:00:00'), end: at('10:31:00') }),
      ]);
      expect((await book(w.otherMember.token, resourceId, '10:30', '11:00')).status).toBe(409);
      expect((await book(w.otherMember.token, resourceId, '10:31', '12:00')).status).toBe(201);
    });

    it('frees at once when checked out on a whole minute', async () => {
      const { id: resourceId } = await desk();
      const { id } = await session(w.member.token, resourceId, '10:00', '12:00');
      t.clock.set(at('10:10:00'));
      await checkIn(w.member.token, id);
      t.clock.setExactly(at('11:00:00'));
      await checkOut(w.member.token, id);
      expect((await book(w.otherMember.token, resourceId, '11:00', '12:00')).status).toBe(201);
    });
  });

  describe('no-show release', () => {
    it('frees a session not checked in exactly at start + grace, before the job runs', async () => {
      const { id: resourceId } = await desk();
      await session(w.member.token, resourceId, '10:00', '12:00');
      const freeFrom = async (time: string) =>
        (
          await t.request(
            'GET',
            `/api/v1/centers/${w.centerId}/availability?start=${DAY}T${time}&end=${DAY}T11:00&kind=desk`,
            { token: w.otherMember.token },
          )
        ).body.items.find((i: { resource: { id: string } }) => i.resource.id === resourceId)
          .available as boolean;
      t.clock.set(at('10:14:00'));
      expect(await freeFrom('10:14')).toBe(false);
      expect(await freeFrom('10:15')).toBe(false);
      expect((await book(w.otherMember.token, resourceId, '10:14', '11:00')).status).toBe(409);
      t.clock.set(at('10:15:00'));
      expect(await freeFrom('10:15')).toBe(true);
      expect(await freeFrom('10:14')).toBe(false);
      expect(await schedule(resourceId)).toEqual([
        expect.objectContaining({ start: at('10:00:00'), end: at('10:15:00'), status: 'no_show' }),
      ]);
      expect((await book(w.otherMember.token, resourceId, '10:15', '11:00')).status).toBe(201);
    });

    it('frees it the same way after the job has stored the release', async () => {
      const { id: resourceId } = await desk();
      const { bookingId } = await session(w.member.token, resourceId, '10:00', '12:00');
      const job = t.app.get(NoShowReleaseJob);
      t.clock.set(at('10:14:00'));
      await job.run();
      expect((await book(w.otherMember.token, resourceId, '10:14', '11:00')).status).toBe(409);
      t.clock.set(at('10:15:00'));
      await job.run();
      const stored = await t.request('GET', `/api/v1/bookings/${bookingId}`, {
        token: w.member.token,
      });
      expect(stored.body.occurrences[0].status).toBe('no_show');
      expect((await book(w.otherMember.token, resourceId, '10:15', '11:00')).status).toBe(201);
    });

    it('never releases a session of a resource without check-in', async () => {
      const { id: resourceId } = await desk({ checkInRequired: false });
      await session(w.member.token, resourceId, '10:00', '12:00');
      t.clock.set(at('11:00:00'));
      await t.app.get(NoShowReleaseJob).run();
      expect((await book(w.otherMember.token, resourceId, '11:00', '12:00')).status).toBe(409);
    });
  });

  describe('POST /check-in/:token', () => {
    it('checks in the caller’s own session whose window is open', async () => {
      const resource = await desk();
      const { id } = await session(w.member.token, resource.id, '10:00', '12:00');
      t.clock.set(at('09:50:00'));
      const response = await scan(w.member.token, tokenOf(resource));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        action: 'checked_in',
        occurrence: { id, status: 'checked_in', checkedInAt: at(`09:50:${t.clock.oddSeconds()}`) },
      });
    });

    it('creates a checked-in walk-in on a free desk until the next booking', async () => {
      const resource = await desk();
      await session(w.otherMember.token, resource.id, '13:00', '14:00');
      t.clock.set(at('10:07:30'));
      const response = await scan(w.member.token, tokenOf(resource));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        action: 'walk_in',
        booking: expect.objectContaining({
          resourceId: resource.id,
          ownerId: w.member.id,
          status: 'confirmed',
          occurrences: [
            {
              id: expect.any(String),
              start: at('10:07:00'),
              end: at('13:00:00'),
              status: 'checked_in',
              checkedInAt: at('10:07:30'),
            },
          ],
        }),
      });
      expect((await book(w.otherMember.token, resource.id, '12:30', '13:00')).status).toBe(409);
    });

    it('ends a walk-in before the next booking’s buffer, at walkInMaxMinutes, or at closing', async () => {
      const buffered = await desk({ bufferMinutes: 10 });
      await session(w.otherMember.token, buffered.id, '13:00', '14:00');
      const open = await desk();
      t.clock.set(at('10:00:00'));
      const ends = async (resource: { checkInUrl: string }) =>
        (await scan(w.member.token, tokenOf(resource))).body.booking.occurrences[0].end;
      expect(await ends(buffered)).toBe(at('12:50:00'));
      expect(await ends(open)).toBe(at('14:00:00'));
      t.clock.set(at('16:00:00'));
      expect(await ends(await desk())).toBe(at('18:00:00'));
    });

    it('answers RESOURCE_BUSY with the moment the desk is free again', async () => {
      const resource = await desk({ bufferMinutes: 10, checkInRequired: false });
      await session(w.otherMember.token, resource.id, '10:00', '11:00');
      await session(w.otherMember.token, resource.id, '11:10', '12:00');
      t.clock.set(at('10:30:00'));
      const response = await scan(w.member.token, tokenOf(resource));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'RESOURCE_BUSY', freeAt: at('12:10:00') });
    });

    it('never gives one desk to two walk-ins scanning at once, nor to a walk-in and a booking', async () => {
      const resource = await desk();
      t.clock.set(at('10:00:00'));
      const answers = await Promise.all([
        scan(w.member.token, tokenOf(resource)),
        scan(w.otherMember.token, tokenOf(resource)),
        book(w.trainer.token, resource.id, '10:00', '11:00'),
      ]);
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(2);
      expect((await schedule(resource.id)).length).toBe(1);
    });

    it('gives a released no-show’s desk to a walk-in', async () => {
      const resource = await desk();
      await session(w.otherMember.token, resource.id, '10:00', '12:00');
      t.clock.set(at('10:15:00'));
      const response = await scan(w.member.token, tokenOf(resource));
      expect(response.status).toBe(201);
      expect(response.body.booking.occurrences[0].start).toBe(at('10:15:00'));
    });

    it('refuses walk-ins outside opening hours, on equipment, and for unknown codes', async () => {
      const resource = await desk();
      t.clock.set(at('19:00:00'));
      const closed = await scan(w.member.token, tokenOf(resource));
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('BOOKING_CONFLICT');
      expect(closed.body.conflicts[0].reason).toBe('outside_hours');
      t.clock.set(at('10:00:00'));
      const pool = await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'equipment',
        quantity: 5,
      });
      expect((await scan(w.member.token, tokenOf(pool))).body.code).toBe('INVALID_STATE');
      expect((await scan(w.member.token, 'no-such-token')).status).toBe(404);
    });
  });

  describe('QR codes', () => {
    it('serves an SVG that decodes to the check-in URL', async () => {
      const resource = await desk();
      const response = await t.request('GET', `/api/v1/resources/${resource.id}/qr`, {
        token: w.coordinator.token,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('image/svg+xml');
      const image = new Resvg(response.body as string, {
        fitTo: { mode: 'width', value: 400 },
        background: 'white',
      }).render();
      const decoded = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
      expect(decoded?.data).toBe(resource.checkInUrl);
      expect(resource.checkInUrl).toMatch(/^http:\/\/makon\.test\/c\/[\w-]+$/);
      const member = await t.request('GET', `/api/v1/resources/${resource.id}/qr`, {
        token: w.member.token,
      });
      expect(member.status).toBe(403);
      const foreign = await t.request('GET', `/api/v1/resources/${resource.id}/qr`, {
        token: w.otherCoordinator.token,
      });
      expect(foreign.status).toBe(403);
    });

    it('rotates the token: the old code stops working, the new one works', async () => {
      const resource = await desk();
      const rotated = await t.request('POST', `/api/v1/resources/${resource.id}/qr/rotate`, {
        token: w.coordinator.token,
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.id).toBe(resource.id);
      expect(rotated.body.checkInUrl).not.toBe(resource.checkInUrl);
      t.clock.set(at('10:00:00'));
      expect((await scan(w.member.token, tokenOf(resource))).status).toBe(404);
      expect((await scan(w.member.token, tokenOf(rotated.body))).status).toBe(201);
      const member = await t.request('POST', `/api/v1/resources/${resource.id}/qr/rotate`, {
        token: w.member.token,
      });
      expect(member.status).toBe(403);
    });
  });
});

describe('the no-show release job', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: at('08:00:00') });
  });

  afterAll(() => t.close());

  it('stores each release once, however often it runs', async () => {
    const w = await createWorld(t);
    const { id: resourceId } = await createResource(t, w.coordinator.token, w.centerId, {
      kind: 'desk',
    });
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: { resourceId, start: `${DAY}T10:00`, end: `${DAY}T12:00` },
    });
    const job = t.app.get(NoShowReleaseJob);
    t.clock.set(at('10:14:00'));
    expect(await job.run()).toBe(0);
    t.clock.set(at('10:15:00'));
    expect(await job.run()).toBe(1);
    expect(await job.run()).toBe(0);
    const rows: Array<{ status: string; end_ms: number }> = await t.query(
      `SELECT o.status, a.end_ms FROM occurrences o JOIN allocations a ON a.occurrence_id = o.id
        WHERE o.booking_id = ?`,
      [booked.body.id],
    );
    expect(rows).toEqual([{ status: 'no_show', end_ms: Date.parse(at('10:15:00')) }]);
  });
});
