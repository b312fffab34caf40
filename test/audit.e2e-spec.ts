import { randomUUID } from 'node:crypto';
import { AUDIT_ACTIONS, AuditAction } from '../src/audit-log/audit-entry.entity';
import { ApiResponse, startTestApp, TestApp } from './support/test-app';
import {
  Actor,
  createCenter,
  createResource,
  createUser,
  createWorld,
  Json,
  requestBooking,
  World,
} from './support/world';

interface AuditRow {
  action: string;
  actorId: string;
  targetType: string;
  targetId: string;
  centerId: string | null;
}

interface Expected {
  actorId: string;
  targetType: string;
  targetId: string;
  centerId: string | null;
}

/** Actions that only arrive with the check-in branch; everything else is exercised below. */
describe('the audit log records every action once', () => {
  let t: TestApp;
  let w: World;
  let desk: string;
  let room: string;
  const exercised = new Set<AuditAction>();

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    w = await createWorld(t);
    desk = (await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk' })).id;
    room = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        capacity: 12,
        requiresApproval: true,
      })
    ).id;
  });

  afterAll(() => t.close());

  const rows = async (): Promise<Array<AuditRow & { id: string }>> =>
    t.dataSource.query(
      `SELECT id, action, actor_id AS "actorId", target_type AS "targetType",
              target_id AS "targetId", center_id AS "centerId"
         FROM audit_entries`,
    );

  /** Performs the request and checks that it left exactly one new entry, as expected. */
  async function audited(
    action: AuditAction,
    perform: () => Promise<ApiResponse>,
    expected: (response: ApiResponse) => Expected,
    status = 200,
  ): Promise<ApiResponse> {
    exercised.add(action);
    const before = new Set((await rows()).map((r) => r.id));
    const response = await perform();
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
    const added = (await rows()).filter((r) => !before.has(r.id)).map(({ id: _, ...r }) => r);
    expect(added).toEqual([{ action, ...expected(response) }]);
    return response;
  }

  /** Performs the request and checks that it left no entry at all. */
  async function unaudited(
    perform: () => Promise<ApiResponse>,
    status: number,
    code?: string,
  ): Promise<ApiResponse> {
    const before = (await rows()).length;
    const response = await perform();
    expect(response.status).toBe(status);
    if (code) expect(response.body.code).toBe(code);
    expect((await rows()).length).toBe(before);
    return response;
  }

  const book = (token: string, body: Json, headers?: Record<string, string>) =>
    requestBooking(t, token, body, headers);
  const bookingOf = (actor: Actor, resourceId: string, start: string, end: string) => ({
    perform: () => book(actor.token, { resourceId, start, end }),
    expected: (r: ApiResponse): Expected => ({
      actorId: actor.id,
      targetType: 'booking',
      targetId: r.body.id,
      centerId: w.centerId,
    }),
  });
  const onBooking = (actor: Actor, bookingId: string) => (): Expected => ({
    actorId: actor.id,
    targetType: 'booking',
    targetId: bookingId,
    centerId: w.centerId,
  });

  describe('bookings and sessions', () => {
    it('booking.created', async () => {
      const made = bookingOf(w.member, desk, '2026-12-02T10:00', '2026-12-02T11:00');
      await audited('booking.created', made.perform, made.expected, 201);
    });

    it('booking.created on behalf of someone names the staff member as actor', async () => {
      await audited(
        'booking.created',
        () =>
          book(w.coordinator.token, {
            resourceId: desk,
            start: '2026-12-02T15:00',
            end: '2026-12-02T16:00',
            ownerId: w.member.id,
          }),
        (r) => ({
          actorId: w.coordinator.id,
          targetType: 'booking',
          targetId: r.body.id,
          centerId: w.centerId,
        }),
        201,
      );
    });

    it('booking.updated', async () => {
      const made = await book(w.member.token, {
        resourceId: desk,
        start: '2026-12-03T10:00',
        end: '2026-12-03T11:00',
      });
      await audited(
        'booking.updated',
        () =>
          t.request('PATCH', `/api/v1/bookings/${made.body.id}`, {
            token: w.member.token,
            body: { title: 'Renamed', start: '2026-12-03T12:00', end: '2026-12-03T13:00' },
          }),
        onBooking(w.member, made.body.id),
      );
    });

    it('booking.cancelled', async () => {
      const made = await book(w.member.token, {
        resourceId: desk,
        start: '2026-12-04T10:00',
        end: '2026-12-04T11:00',
        recurrence: { rule: 'FREQ=DAILY;COUNT=2' },
      });
      await audited(
        'booking.cancelled',
        () =>
          t.request('DELETE', `/api/v1/bookings/${made.body.id}`, { token: w.coordinator.token }),
        onBooking(w.coordinator, made.body.id),
      );
      // A second cancellation is refused (nothing left) and leaves nothing.
      await unaudited(
        () => t.request('DELETE', `/api/v1/bookings/${made.body.id}`, { token: w.member.token }),
        409,
      );
    });

    it('booking.approved and booking.rejected', async () => {
      const first = await book(w.member.token, {
        resourceId: room,
        start: '2026-12-07T10:00',
        end: '2026-12-07T11:00',
      });
      const second = await book(w.otherMember.token, {
        resourceId: room,
        start: '2026-12-07T14:00',
        end: '2026-12-07T15:00',
      });
      expect([first.body.status, second.body.status]).toEqual(['pending', 'pending']);
      // A member may not decide (403), another center's coordinator does not see it (404).
      await unaudited(
        () =>
          t.request('POST', `/api/v1/bookings/${first.body.id}/approve`, { token: w.member.token }),
        403,
        'FORBIDDEN',
      );
      await unaudited(
        () =>
          t.request('POST', `/api/v1/bookings/${first.body.id}/approve`, {
            token: w.otherCoordinator.token,
          }),
        404,
      );
      await audited(
        'booking.approved',
        () =>
          t.request('POST', `/api/v1/bookings/${first.body.id}/approve`, {
            token: w.coordinator.token,
          }),
        onBooking(w.coordinator, first.body.id),
      );
      await unaudited(
        () =>
          t.request('POST', `/api/v1/bookings/${first.body.id}/approve`, {
            token: w.coordinator.token,
          }),
        409,
        'INVALID_STATE',
      );
      await audited(
        'booking.rejected',
        () =>
          t.request('POST', `/api/v1/bookings/${second.body.id}/reject`, {
            token: w.admin.token,
            body: { reason: 'The room is being painted' },
          }),
        onBooking(w.admin, second.body.id),
      );
    });

    it('occurrence.moved and occurrence.cancelled', async () => {
      const made = await book(w.member.token, {
        resourceId: desk,
        start: '2026-12-08T10:00',
        end: '2026-12-08T11:00',
        recurrence: { rule: 'FREQ=DAILY;COUNT=3' },
      });
      const [first, second] = made.body.occurrences as Array<{ id: string }>;
      await audited(
        'occurrence.moved',
        () =>
          t.request('PATCH', `/api/v1/bookings/${made.body.id}/occurrences/${first.id}`, {
            token: w.member.token,
            body: { start: '2026-12-08T16:00', end: '2026-12-08T17:00' },
          }),
        () => ({
          actorId: w.member.id,
          targetType: 'occurrence',
          targetId: first.id,
          centerId: w.centerId,
        }),
      );
      const moved = await t.request(
        'GET',
        `/api/v1/audit?centerId=${w.centerId}&targetId=${first.id}`,
        { token: w.admin.token },
      );
      expect(moved.body.items[0].details).toEqual({
        bookingId: made.body.id,
        from: '2026-12-08T10:00:00+05:00',
        to: '2026-12-08T16:00:00+05:00',
      });
      await audited(
        'occurrence.cancelled',
        () =>
          t.request(
            'DELETE',
            `/api/v1/bookings/${made.body.id}/occurrences/${second.id}?scope=following`,
            { token: w.member.token },
          ),
        () => ({
          actorId: w.member.id,
          targetType: 'occurrence',
          targetId: second.id,
          centerId: w.centerId,
        }),
      );
    });

    it('a dry run and an idempotent replay leave no entry', async () => {
      await unaudited(
        () =>
          book(w.member.token, {
            resourceId: desk,
            start: '2026-12-09T10:00',
            end: '2026-12-09T11:00',
            dryRun: true,
          }),
        200,
      );
      const made = bookingOf(w.member, desk, '2026-12-09T10:00', '2026-12-09T11:00');
      const key = { 'Idempotency-Key': `audit-${randomUUID()}` };
      const body = { resourceId: desk, start: '2026-12-09T10:00', end: '2026-12-09T11:00' };
      const first = await audited(
        'booking.created',
        () => book(w.member.token, body, key),
        made.expected,
        201,
      );
      const replay = await unaudited(() => book(w.member.token, body, key), 201);
      expect(replay.body.id).toBe(first.body.id);
    });

    it('refused bookings leave no entry', async () => {
      await unaudited(
        () =>
          book(w.otherMember.token, {
            resourceId: desk,
            start: '2026-12-02T10:30',
            end: '2026-12-02T11:30',
          }),
        409,
        'BOOKING_CONFLICT',
      );
      await unaudited(
        () =>
          book(w.member.token, {
            resourceId: desk,
            start: '2026-11-30T10:00',
            end: '2026-11-30T11:00',
          }),
        422,
        'IN_THE_PAST',
      );
      await unaudited(
        () =>
          book(w.member.token, {
            resourceId: desk,
            start: '2026-12-10T10:00',
            end: '2026-12-10T11:00',
            ownerId: w.otherMember.id,
          }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('centers, closures and resources', () => {
    it('center.created and center.updated', async () => {
      const created = await audited(
        'center.created',
        () =>
          t.request('POST', '/api/v1/centers', {
            token: w.admin.token,
            body: {
              slug: `audit-${Date.now()}`,
              name: 'Audit',
              city: 'Nukus',
              region: 'Karakalpakstan',
            },
          }),
        (r) => ({
          actorId: w.admin.id,
          targetType: 'center',
          targetId: r.body.id,
          centerId: r.body.id,
        }),
        201,
      );
      expect(created.body.id).toEqual(expect.any(String));
      await audited(
        'center.updated',
        () =>
          t.request('PATCH', `/api/v1/centers/${w.centerId}`, {
            token: w.coordinator.token,
            body: { name: 'Renamed center', policy: { maxAdvanceDays: 120 } },
          }),
        () => ({
          actorId: w.coordinator.id,
          targetType: 'center',
          targetId: w.centerId,
          centerId: w.centerId,
        }),
      );
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/centers/${w.centerId}`, {
            token: w.otherCoordinator.token,
            body: { name: 'Not mine' },
          }),
        403,
        'FORBIDDEN',
      );
      await unaudited(
        () =>
          t.request('POST', '/api/v1/centers', {
            token: w.coordinator.token,
            body: { slug: 'not-allowed', name: 'X', city: 'X', region: 'X' },
          }),
        403,
      );
    });

    it('closure.created and closure.deleted', async () => {
      const created = await audited(
        'closure.created',
        () =>
          t.request('POST', `/api/v1/centers/${w.centerId}/closures`, {
            token: w.coordinator.token,
            body: { from: '2026-12-31', to: '2026-12-31', reason: 'New Year’s Eve' },
          }),
        (r) => ({
          actorId: w.coordinator.id,
          targetType: 'closure',
          targetId: r.body.id,
          centerId: w.centerId,
        }),
        201,
      );
      await unaudited(
        () =>
          t.request('DELETE', `/api/v1/centers/${w.centerId}/closures/${created.body.id}`, {
            token: w.otherCoordinator.token,
          }),
        403,
      );
      await audited(
        'closure.deleted',
        () =>
          t.request('DELETE', `/api/v1/centers/${w.centerId}/closures/${created.body.id}`, {
            token: w.admin.token,
          }),
        () => ({
          actorId: w.admin.id,
          targetType: 'closure',
          targetId: created.body.id,
          centerId: w.centerId,
        }),
        204,
      );
    });

    it('resource.created, resource.updated and resource.deactivated', async () => {
      const created = await audited(
        'resource.created',
        () =>
          t.request('POST', `/api/v1/centers/${w.centerId}/resources`, {
            token: w.coordinator.token,
            body: { kind: 'computer', name: 'Audit PC' },
          }),
        (r) => ({
          actorId: w.coordinator.id,
          targetType: 'resource',
          targetId: r.body.id,
          centerId: w.centerId,
        }),
        201,
      );
      const id = created.body.id as string;
      const onResource = (actor: Actor) => () => ({
        actorId: actor.id,
        targetType: 'resource',
        targetId: id,
        centerId: w.centerId,
      });
      await unaudited(
        () =>
          t.request('POST', `/api/v1/centers/${w.centerId}/resources`, {
            token: w.member.token,
            body: { kind: 'desk', name: 'Member desk' },
          }),
        403,
      );
      await audited(
        'resource.updated',
        () =>
          t.request('PATCH', `/api/v1/resources/${id}`, {
            token: w.coordinator.token,
            body: { name: 'Audit PC 2', bufferMinutes: 5 },
          }),
        onResource(w.coordinator),
      );
      const held = await book(w.member.token, {
        resourceId: id,
        start: '2026-12-11T10:00',
        end: '2026-12-11T11:00',
      });
      expect(held.status).toBe(201);
      await unaudited(
        () => t.request('DELETE', `/api/v1/resources/${id}`, { token: w.coordinator.token }),
        409,
        'RESOURCE_HAS_FUTURE_BOOKINGS',
      );
      await audited(
        'resource.deactivated',
        () =>
          t.request('DELETE', `/api/v1/resources/${id}?cancelFuture=true`, {
            token: w.coordinator.token,
          }),
        onResource(w.coordinator),
      );
      // Nothing changes, so nothing is recorded.
      await unaudited(
        () => t.request('DELETE', `/api/v1/resources/${id}`, { token: w.coordinator.token }),
        200,
      );
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/resources/${id}`, { token: w.coordinator.token, body: {} }),
        200,
      );
    });

    it('leaves no entry for a PATCH that sends nothing', async () => {
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/centers/${w.centerId}`, { token: w.admin.token, body: {} }),
        200,
      );
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/users/${w.member.id}`, { token: w.member.token, body: {} }),
        200,
      );
    });
  });

  describe('people', () => {
    it('user.created, user.updated, user.password_changed and user.deactivated', async () => {
      const email = `audited-${randomUUID()}@test.example`;
      const created = await audited(
        'user.created',
        () =>
          t.request('POST', '/api/v1/users', {
            token: w.coordinator.token,
            body: { name: 'Audited', email, password: 'user-password-1', role: 'member' },
          }),
        (r) => ({
          actorId: w.coordinator.id,
          targetType: 'user',
          targetId: r.body.id,
          centerId: null,
        }),
        201,
      );
      const id = created.body.id as string;
      const onUser = (actor: Actor) => () => ({
        actorId: actor.id,
        targetType: 'user',
        targetId: id,
        centerId: null,
      });
      const token = await t.login(email, 'user-password-1');
      const self: Actor = { id, token, email };
      await audited(
        'user.updated',
        () => t.request('PATCH', `/api/v1/users/${id}`, { token, body: { locale: 'en' } }),
        onUser(self),
      );
      await audited(
        'user.password_changed',
        () =>
          t.request('PATCH', `/api/v1/users/${id}`, {
            token,
            body: { password: 'user-password-2', currentPassword: 'user-password-1' },
          }),
        onUser(self),
      );
      await audited(
        'user.password_changed',
        () =>
          t.request('PATCH', `/api/v1/users/${id}`, {
            token: w.coordinator.token,
            body: { password: 'user-password-3' },
          }),
        onUser(w.coordinator),
      );
      await audited(
        'user.deactivated',
        () =>
          t.request('PATCH', `/api/v1/users/${id}`, {
            token: w.coordinator.token,
            body: { active: false },
          }),
        onUser(w.coordinator),
      );
      await audited(
        'user.updated',
        () =>
          t.request('PATCH', `/api/v1/users/${id}`, {
            token: w.admin.token,
            body: { active: true },
          }),
        onUser(w.admin),
      );
    });

    it('refused user changes leave no entry', async () => {
      await unaudited(
        () =>
          t.request('POST', '/api/v1/users', {
            token: w.coordinator.token,
            body: { name: 'Dup', email: w.member.email, role: 'member' },
          }),
        409,
        'ALREADY_EXISTS',
      );
      await unaudited(
        () =>
          t.request('POST', '/api/v1/users', {
            token: w.coordinator.token,
            body: { name: 'Boss', email: `boss-${randomUUID()}@x.example`, role: 'admin' },
          }),
        403,
      );
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/users/${w.member.id}`, {
            token: w.member.token,
            body: { password: 'another-password', currentPassword: 'wrong-password' },
          }),
        400,
        'VALIDATION_FAILED',
      );
      // Refused inside the write transaction: promoting without naming the centers.
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/users/${w.member.id}`, {
            token: w.admin.token,
            body: { role: 'coordinator' },
          }),
        400,
      );
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/users/${w.admin.id}`, {
            token: w.admin.token,
            body: { active: false },
          }),
        409,
        'INVALID_STATE',
      );
    });

    it('organization.created and organization.renamed', async () => {
      const created = await audited(
        'organization.created',
        () =>
          t.request('POST', '/api/v1/organizations', {
            token: w.coordinator.token,
            body: { name: 'Audited NGO' },
          }),
        (r) => ({
          actorId: w.coordinator.id,
          targetType: 'organization',
          targetId: r.body.id,
          centerId: null,
        }),
        201,
      );
      await audited(
        'organization.renamed',
        () =>
          t.request('PATCH', `/api/v1/organizations/${created.body.id}`, {
            token: w.admin.token,
            body: { name: 'Audited NGO (renamed)' },
          }),
        () => ({
          actorId: w.admin.id,
          targetType: 'organization',
          targetId: created.body.id,
          centerId: null,
        }),
      );
      await unaudited(
        () =>
          t.request('POST', '/api/v1/organizations', {
            token: w.admin.token,
            body: { name: 'AUDITED ngo (RENAMED)' },
          }),
        409,
        'ALREADY_EXISTS',
      );
      await unaudited(
        () =>
          t.request('PATCH', `/api/v1/organizations/${created.body.id}`, {
            token: w.member.token,
            body: { name: 'Member rename' },
          }),
        403,
      );
    });
  });

  describe('check-in', () => {
    it('occurrence.checked_in_on_behalf and checked_out_on_behalf; none for one’s own', async () => {
      const made = await book(w.member.token, {
        resourceId: desk,
        start: '2026-12-01T09:00',
        end: '2026-12-01T11:00',
      });
      const occurrenceId = made.body.occurrences[0].id as string;
      t.clock.set('2026-12-01T09:05:00+05:00');
      try {
        const onSession = () => ({
          actorId: w.coordinator.id,
          targetType: 'occurrence',
          targetId: occurrenceId,
          centerId: w.centerId,
        });
        await audited(
          'occurrence.checked_in_on_behalf',
          () =>
            t.request('POST', `/api/v1/occurrences/${occurrenceId}/check-in`, {
              token: w.coordinator.token,
            }),
          onSession,
        );
        // Again: nothing changes, nothing is recorded; the owner's own actions are not either.
        await unaudited(
          () =>
            t.request('POST', `/api/v1/occurrences/${occurrenceId}/check-in`, {
              token: w.member.token,
            }),
          200,
        );
        await audited(
          'occurrence.checked_out_on_behalf',
          () =>
            t.request('POST', `/api/v1/occurrences/${occurrenceId}/check-out`, {
              token: w.coordinator.token,
            }),
          onSession,
        );
        const own = await book(w.member.token, {
          resourceId: desk,
          start: '2026-12-01T12:00',
          end: '2026-12-01T13:00',
        });
        t.clock.set('2026-12-01T12:00:00+05:00');
        await unaudited(
          () =>
            t.request('POST', `/api/v1/occurrences/${own.body.occurrences[0].id}/check-in`, {
              token: w.member.token,
            }),
          200,
        );
      } finally {
        t.clock.set('2026-12-01T08:00:00+05:00');
      }
    });

    it('resource.qr_rotated', async () => {
      await audited(
        'resource.qr_rotated',
        () =>
          t.request('POST', `/api/v1/resources/${desk}/qr/rotate`, { token: w.coordinator.token }),
        () => ({
          actorId: w.coordinator.id,
          targetType: 'resource',
          targetId: desk,
          centerId: w.centerId,
        }),
      );
    });
  });

  it('exercises every action of the log (a new action needs a test above)', () => {
    const missing = AUDIT_ACTIONS.filter((action) => !exercised.has(action));
    expect(missing).toEqual([]);
  });
});

describe('reading the audit log', () => {
  let t: TestApp;
  let w: World;
  let moscow: string;
  let moscowCoordinator: Actor;

  const audit = (token: string, query = '') => t.request('GET', `/api/v1/audit${query}`, { token });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // 03:00Z, 06:00 in Moscow
    w = await createWorld(t);
    await createResource(t, w.otherCoordinator.token, w.otherCenterId);
    moscow = (await createCenter(t, w.admin.token, { timezone: 'Europe/Moscow' })).id; // 06:00
    moscowCoordinator = await createUser(t, w.admin.token, 'coordinator', {
      centerIds: [moscow],
    });
    t.clock.advanceMinutes(10); // 06:10
    await createResource(t, moscowCoordinator.token, moscow);
    t.clock.advanceMinutes(10); // 06:20
    const renamed = await t.request('PATCH', `/api/v1/centers/${moscow}`, {
      token: moscowCoordinator.token,
      body: { name: 'Moscow office' },
    });
    expect(renamed.status).toBe(200);
    t.clock.advanceMinutes(10); // 06:30
    const closure = await t.request('POST', `/api/v1/centers/${moscow}/closures`, {
      token: moscowCoordinator.token,
      body: { from: '2026-12-31', to: '2026-12-31', reason: 'Holiday' },
    });
    expect(closure.status).toBe(201);
    t.clock.advanceMinutes(10); // 06:40: a user this coordinator registers (no center)
    await createUser(t, moscowCoordinator.token, 'member');
  });

  afterAll(() => t.close());

  const actions = (response: ApiResponse) =>
    (response.body.items as Array<{ action: string }>).map((e) => e.action);

  it('shows a center’s entries newest first, with the center’s offset', async () => {
    const response = await audit(moscowCoordinator.token, `?centerId=${moscow}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(4);
    expect(response.body.items).toEqual([
      {
        id: expect.any(String),
        at: `2026-12-01T06:30:${t.clock.oddSeconds()}+03:00`,
        actor: { id: moscowCoordinator.id, name: 'Test coordinator' },
        action: 'closure.created',
        targetType: 'closure',
        targetId: expect.any(String),
        centerId: moscow,
        details: { from: '2026-12-31', to: '2026-12-31', yearly: false },
      },
      expect.objectContaining({
        at: `2026-12-01T06:20:${t.clock.oddSeconds()}+03:00`,
        action: 'center.updated',
      }),
      expect.objectContaining({
        at: `2026-12-01T06:10:${t.clock.oddSeconds()}+03:00`,
        action: 'resource.created',
      }),
      expect.objectContaining({
        at: `2026-12-01T06:00:${t.clock.oddSeconds()}+03:00`,
        action: 'center.created',
        actor: { id: w.admin.id, name: 'Administrator' },
      }),
    ]);
  });

  it('pages with a total', async () => {
    const page = await audit(w.admin.token, `?centerId=${moscow}&limit=2&offset=1`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(4);
    expect(actions(page)).toEqual(['center.updated', 'resource.created']);
    const beyond = await audit(w.admin.token, `?centerId=${moscow}&offset=10`);
    expect(beyond.body).toEqual({ items: [], total: 4 });
  });

  it('lets an admin read everything, newest first, users’ entries in UTC', async () => {
    const response = await audit(w.admin.token, '?limit=500');
    expect(response.status).toBe(200);
    const rows: Array<{ count: number }> = await t.dataSource.query(
      'SELECT COUNT(*) AS count FROM audit_entries',
    );
    expect(response.body.total).toBe(Number(rows[0].count));
    expect(response.body.items.length).toBe(response.body.total);
    const instants = (response.body.items as Array<{ at: string }>).map((e) => Date.parse(e.at));
    expect(instants).toEqual([...instants].sort((a, b) => b - a));
    const centers = new Set(response.body.items.map((e: { centerId: string }) => e.centerId));
    expect(centers).toEqual(new Set([w.centerId, w.otherCenterId, moscow, null]));
    const registered = response.body.items[0];
    expect(registered).toMatchObject({
      at: `2026-12-01T03:40:${t.clock.oddSeconds()}+00:00`,
      action: 'user.created',
      actor: { id: moscowCoordinator.id },
      targetType: 'user',
      centerId: null,
    });
  });

  it('filters by actor, target and action', async () => {
    const byActor = await audit(w.admin.token, `?actorId=${moscowCoordinator.id}`);
    expect(actions(byActor)).toEqual([
      'user.created',
      'closure.created',
      'center.updated',
      'resource.created',
    ]);
    const byTarget = await audit(w.admin.token, `?targetId=${moscow}`);
    expect(actions(byTarget)).toEqual(['center.updated', 'center.created']);
    const byAction = await audit(w.admin.token, '?action=center.created');
    expect(byAction.body.total).toBe(3);
    const unknown = await audit(w.admin.token, '?action=center.exploded');
    expect(unknown.status).toBe(400);
  });

  it('reads from and to in the center’s zone, or as instants with an offset', async () => {
    const local = await audit(
      w.admin.token,
      `?centerId=${moscow}&from=2026-12-01T06:10&to=2026-12-01T06:30`,
    );
    expect(local.status).toBe(200);
    expect(actions(local)).toEqual(['center.updated', 'resource.created']);
    const instants = await audit(
      w.admin.token,
      `?actorId=${moscowCoordinator.id}&from=2026-12-01T03:10:00Z&to=${encodeURIComponent('2026-12-01T08:30:00+05:00')}`,
    );
    expect(instants.status).toBe(200);
    expect(actions(instants)).toEqual(['center.updated', 'resource.created']);
    for (const query of ['?from=2026-12-01T06:10', '?to=2026-12-01T06:10']) {
      const floating = await audit(w.admin.token, query);
      expect(floating.status).toBe(400);
      expect(floating.body.code).toBe('VALIDATION_FAILED');
    }
    const backwards = await audit(
      w.admin.token,
      `?centerId=${moscow}&from=2026-12-01T06:30&to=2026-12-01T06:10`,
    );
    expect(backwards.status).toBe(400);
  });

  it('shows a coordinator their own center’s entries, and refuses another center (403)', async () => {
    const own = await audit(w.coordinator.token, `?centerId=${w.centerId}&limit=500`);
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(own.body.items.every((e: { centerId: string }) => e.centerId === w.centerId)).toBe(true);
    const other = await audit(w.coordinator.token, `?centerId=${w.otherCenterId}`);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    const missing = await audit(w.coordinator.token, `?centerId=${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('without centerId shows a coordinator their centers’ entries and their own actions only', async () => {
    const response = await audit(moscowCoordinator.token, '?limit=500');
    expect(response.status).toBe(200);
    expect(actions(response)).toEqual([
      'user.created',
      'closure.created',
      'center.updated',
      'resource.created',
      'center.created',
    ]);
    expect(response.body.total).toBe(5);
    // The admin registered this coordinator: an entry without a center, not theirs.
    const admins = await audit(w.admin.token, `?targetId=${moscowCoordinator.id}`);
    expect(admins.body.total).toBe(1);
    expect(response.body.items.map((e: { id: string }) => e.id)).not.toContain(
      admins.body.items[0].id,
    );
  });

  it('refuses members and trainers (403)', async () => {
    for (const caller of [w.member, w.trainer]) {
      expect((await audit(caller.token)).status).toBe(403);
      expect((await audit(caller.token, `?centerId=${w.centerId}`)).status).toBe(403);
    }
    expect((await t.request('GET', '/api/v1/audit')).status).toBe(401);
  });
});
