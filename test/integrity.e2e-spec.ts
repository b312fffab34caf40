import { WriteTransactions } from '../src/database/write-transactions';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { createDesk, createWorld, Json, requestBooking, World } from './support/world';

/** Each case is a defect found in review; the test keeps it from coming back. */
describe('booking integrity', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    w = await createWorld(t);
  });

  afterAll(() => t.close());

  const book = (token: string, body: Json, headers?: Record<string, string>) =>
    requestBooking(t, token, body, headers);
  const resource = (extra: Json = {}) => createDesk(t, w.coordinator.token, w.centerId, extra);

  /**
   * Holds the next booking request after it has read its center and resources and before it
   * enters the write transaction, runs `meanwhile`, then lets it go on.
   */
  async function whilePrepared<T>(
    request: () => Promise<T>,
    meanwhile: () => Promise<void>,
  ): Promise<T> {
    const writes = t.app.get(WriteTransactions);
    const original = writes.run.bind(writes);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    // The booking's write is the next one to start: it has read what it prepares by then.
    const spy = jest.spyOn(writes, 'run').mockImplementationOnce(async (locks, work) => {
      entered();
      await gate;
      return original(locks, work);
    });
    try {
      const pending = request();
      await inside;
      await meanwhile();
      release();
      return await pending;
    } finally {
      release();
      spy.mockRestore();
    }
  }

  it('checks the resource as it is when the booking is written, not as it was read', async () => {
    const desk = await resource();
    const response = await whilePrepared(
      () =>
        book(w.member.token, {
          resourceId: desk,
          start: '2026-12-02T10:00',
          end: '2026-12-02T11:00',
        }),
      async () => {
        const deactivated = await t.request('DELETE', `/api/v1/resources/${desk}`, {
          token: w.coordinator.token,
        });
        expect(deactivated.status).toBe(200);
      },
    );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('RESOURCE_INACTIVE');
    const [{ n }] = await t.query('SELECT COUNT(*) AS n FROM allocations WHERE resource_id = ?', [
      desk,
    ]);
    expect(n).toBe(0);
  });

  it('checks a room’s capacity as it is when the booking is written', async () => {
    const room = await resource({ kind: 'room', capacity: 30 });
    const response = await whilePrepared(
      () =>
        book(w.trainer.token, {
          resourceId: room,
          start: '2026-12-02T10:00',
          end: '2026-12-02T11:00',
          attendees: 20,
        }),
      async () => {
        const shrunk = await t.request('PATCH', `/api/v1/resources/${room}`, {
          token: w.coordinator.token,
          body: { capacity: 10 },
        });
        expect(shrunk.status).toBe(200);
      },
    );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CAPACITY_EXCEEDED');
  });

  it('lists a booking among a new closure’s affected sessions, or refuses it, never neither', async () => {
    const desk = await resource();
    let affected: Array<{ bookingId: string }> = [];
    const response = await whilePrepared(
      () =>
        book(w.member.token, {
          resourceId: desk,
          start: '2026-12-11T10:00',
          end: '2026-12-11T11:00',
        }),
      async () => {
        const closure = await t.request('POST', `/api/v1/centers/${w.centerId}/closures`, {
          token: w.coordinator.token,
          body: { from: '2026-12-11', to: '2026-12-11', reason: 'Water pipe repair' },
        });
        expect(closure.status).toBe(201);
        affected = closure.body.affected;
      },
    );
    expect(affected).toEqual([]);
    expect(response.status).toBe(409);
    expect(response.body.conflicts[0].reason).toBe('closed');
  });

  it('does not let parallel failed sign-ins slip under the limit', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.request('POST', '/api/v1/auth/login', {
          body: { email: 'victim@test.example', password: 'guess-guess' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    t.clock.advanceMinutes(15);
    expect((await t.request('POST', '/api/v1/auth/login', { body: ADMIN })).status).toBe(200);
    t.clock.advanceMinutes(-15);
  });

  it('holds a member’s booking for approval when a piece of equipment requires it', async () => {
    const camera = await resource({ kind: 'equipment', quantity: 2, requiresApproval: true });
    const desk = await resource();
    const response = await book(w.member.token, {
      resourceId: desk,
      start: '2026-12-02T12:00',
      end: '2026-12-02T13:00',
      equipment: [{ resourceId: camera }],
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('pending');
  });

  it('takes a deactivated pool out of the bookings it was lent to, leaving them editable', async () => {
    const room = await resource({ kind: 'room', capacity: 10 });
    const projector = await resource({ kind: 'equipment', quantity: 1 });
    const seminar = await book(w.trainer.token, {
      resourceId: room,
      start: '2026-12-03T10:00',
      end: '2026-12-03T12:00',
      equipment: [{ resourceId: projector }],
    });
    const gone = await t.request('DELETE', `/api/v1/resources/${projector}?cancelFuture=true`, {
      token: w.coordinator.token,
    });
    expect(gone.status).toBe(200);
    const after = await t.request('GET', `/api/v1/bookings/${seminar.body.id}`, {
      token: w.trainer.token,
    });
    expect(after.body.status).toBe('confirmed');
    expect(after.body.equipment).toEqual([]);
    expect(after.body.occurrences[0].status).toBe('booked');
    const renamed = await t.request('PATCH', `/api/v1/bookings/${seminar.body.id}`, {
      token: w.trainer.token,
      body: { title: 'Without a projector', start: '2026-12-03T13:00' },
    });
    expect(renamed.status).toBe(200);
    const loans = await t.query(
      'SELECT COUNT(*) AS n FROM allocations WHERE resource_id = ? AND active = true',
      [projector],
    );
    expect(loans[0].n).toBe(0);
  });

  it('cancels a booking whose every session was cancelled with its resource', async () => {
    const room = await resource({ kind: 'room', capacity: 10, requiresApproval: true });
    const request = await book(w.member.token, {
      resourceId: room,
      start: '2026-12-04T10:00',
      end: '2026-12-04T11:00',
    });
    expect(request.body.status).toBe('pending');
    await t.request('DELETE', `/api/v1/resources/${room}?cancelFuture=true`, {
      token: w.coordinator.token,
    });
    const after = await t.request('GET', `/api/v1/bookings/${request.body.id}`, {
      token: w.member.token,
    });
    expect(after.body.status).toBe('cancelled');
    const approve = await t.request('POST', `/api/v1/bookings/${request.body.id}/approve`, {
      token: w.coordinator.token,
    });
    expect(approve.status).toBe(409);
  });

  it('shifts a series from its first session, not from the requested start', async () => {
    const desk = await resource();
    const series = await book(w.member.token, {
      resourceId: desk,
      start: '2026-12-02T10:00', // a Wednesday; the rule matches Thursdays
      end: '2026-12-02T11:00',
      recurrence: { rule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=2' },
    });
    expect(series.body.occurrences.map((o: { start: string }) => o.start)).toEqual([
      '2026-12-03T10:00:00+05:00',
      '2026-12-10T10:00:00+05:00',
    ]);
    const moved = await t.request('PATCH', `/api/v1/bookings/${series.body.id}`, {
      token: w.member.token,
      body: { start: '2026-12-03T11:00' },
    });
    expect(moved.body.occurrences.map((o: { start: string }) => o.start)).toEqual([
      '2026-12-03T11:00:00+05:00',
      '2026-12-10T11:00:00+05:00',
    ]);
  });

  it('refuses to shrink a pool, lengthen a buffer or lower a capacity under future sessions', async () => {
    const laptops = await resource({ kind: 'equipment', quantity: 5 });
    expect(
      (
        await book(w.member.token, {
          resourceId: laptops,
          quantity: 5,
          start: '2026-12-05T10:00',
          end: '2026-12-05T11:00',
        })
      ).status,
    ).toBe(201);
    const shrink = await t.request('PATCH', `/api/v1/resources/${laptops}`, {
      token: w.coordinator.token,
      body: { quantity: 2 },
    });
    expect(shrink.status).toBe(409);
    expect(shrink.body.code).toBe('RESOURCE_HAS_FUTURE_BOOKINGS');
    const room = await resource({ kind: 'room', capacity: 10 });
    expect(
      (
        await book(w.trainer.token, {
          resourceId: room,
          start: '2026-12-05T10:00',
          end: '2026-12-05T11:00',
          attendees: 8,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await book(w.trainer.token, {
          resourceId: room,
          start: '2026-12-05T11:30',
          end: '2026-12-05T12:00',
        })
      ).status,
    ).toBe(201);
    const buffer = await t.request('PATCH', `/api/v1/resources/${room}`, {
      token: w.coordinator.token,
      body: { bufferMinutes: 45 },
    });
    expect(buffer.status).toBe(409);
    const capacity = await t.request('PATCH', `/api/v1/resources/${room}`, {
      token: w.coordinator.token,
      body: { capacity: 6 },
    });
    expect(capacity.status).toBe(409);
    const fine = await t.request('PATCH', `/api/v1/resources/${room}`, {
      token: w.coordinator.token,
      body: { bufferMinutes: 30, capacity: 8 },
    });
    expect(fine.status).toBe(200);
    const still = await t.request('GET', `/api/v1/resources/${laptops}`, {
      token: w.coordinator.token,
    });
    expect(still.body.quantity).toBe(5);
  });

  it('keeps a series from breaking its own buffer', async () => {
    const room = await resource({ kind: 'room', capacity: 10, bufferMinutes: 60 });
    const response = await book(w.trainer.token, {
      resourceId: room,
      start: '2026-12-07T09:00',
      end: '2026-12-07T17:30',
      recurrence: { rule: 'FREQ=DAILY;COUNT=2' },
    });
    expect(response.status).toBe(201);
    const tight = await book(w.trainer.token, {
      resourceId: await resource({ kind: 'room', capacity: 10, bufferMinutes: 1440 }),
      start: '2026-12-07T09:00',
      end: '2026-12-07T12:00',
      recurrence: { rule: 'FREQ=DAILY;COUNT=3' },
    });
    expect(tight.status).toBe(409);
    // The second day falls in the first day's 24-hour buffer; the third is clear of the first.
    expect(tight.body.conflicts.map((c: { start: string }) => c.start)).toEqual([
      '2026-12-08T09:00:00+05:00',
    ]);
  });

  it('refuses null policy values', async () => {
    const response = await t.request('PATCH', `/api/v1/centers/${w.centerId}`, {
      token: w.coordinator.token,
      body: { policy: { maxOccurrences: null } },
    });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('policy.maxOccurrences');
  });

  it('replays an idempotent retry even when the request would now be refused', async () => {
    const desk = await resource();
    const body = { resourceId: desk, start: '2026-12-01T09:00', end: '2026-12-01T10:00' };
    const headers = { 'idempotency-key': 'late-retry' };
    const first = await book(w.member.token, body, headers);
    expect(first.status).toBe(201);
    t.clock.advanceMinutes(90);
    try {
      const retry = await book(
        w.member.token,
        { end: body.end, start: body.start, resourceId: desk },
        headers,
      );
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(first.body.id);
    } finally {
      t.clock.advanceMinutes(-90);
    }
  });

  it('refuses to cancel a booking whose sessions have all ended', async () => {
    const desk = await resource();
    const done = await book(w.member.token, {
      resourceId: desk,
      start: '2026-12-01T09:00',
      end: '2026-12-01T10:00',
    });
    t.clock.advanceMinutes(180);
    try {
      const response = await t.request('DELETE', `/api/v1/bookings/${done.body.id}`, {
        token: w.member.token,
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('INVALID_STATE');
      const after = await t.request('GET', `/api/v1/bookings/${done.body.id}`, {
        token: w.member.token,
      });
      expect(after.body.status).toBe('confirmed');
    } finally {
      t.clock.advanceMinutes(-180);
    }
  });

  it('answers 404 for an unknown session before judging the new times', async () => {
    const desk = await resource();
    const mine = await book(w.member.token, {
      resourceId: desk,
      start: '2026-12-09T10:00',
      end: '2026-12-09T11:00',
    });
    const response = await t.request(
      'PATCH',
      `/api/v1/bookings/${mine.body.id}/occurrences/00000000-0000-4000-8000-000000000000`,
      {
        token: w.member.token,
        body: { start: '2026-11-01T10:00', end: '2026-11-01T11:00' },
      },
    );
    expect(response.status).toBe(404);
  });

  it('sends a member’s approved request back for approval when they move it', async () => {
    const room = await resource({ kind: 'room', capacity: 6, requiresApproval: true });
    const request = await book(w.member.token, {
      resourceId: room,
      start: '2026-12-10T10:00',
      end: '2026-12-10T11:00',
    });
    await t.request('POST', `/api/v1/bookings/${request.body.id}/approve`, {
      token: w.coordinator.token,
    });
    const moved = await t.request(
      'PATCH',
      `/api/v1/bookings/${request.body.id}/occurrences/${request.body.occurrences[0].id}`,
      {
        token: w.member.token,
        body: { start: '2026-12-10T14:00', end: '2026-12-10T15:00' },
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.bookingStatus).toBe('pending');
    const retitled = await t.request('PATCH', `/api/v1/bookings/${request.body.id}`, {
      token: w.coordinator.token,
      body: { title: 'Ok' },
    });
    expect(retitled.body.status).toBe('pending');
  });

  it('pages the centers and closures lists like every other list', async () => {
    const centers = await t.request('GET', '/api/v1/centers?limit=1&offset=1', {
      token: w.member.token,
    });
    expect(centers.status).toBe(200);
    expect(centers.body.items).toHaveLength(1);
    expect(centers.body.total).toBe(2);
    expect(
      (await t.request('GET', '/api/v1/centers?limit=0', { token: w.member.token })).status,
    ).toBe(400);
    for (const day of ['2026-12-24', '2026-12-25']) {
      await t.request('POST', `/api/v1/centers/${w.otherCenterId}/closures`, {
        token: w.otherCoordinator.token,
        body: { from: day, to: day, reason: 'Holiday' },
      });
    }
    const closures = await t.request('GET', `/api/v1/centers/${w.otherCenterId}/closures?limit=1`, {
      token: w.member.token,
    });
    expect(closures.body.items.map((c: { from: string }) => c.from)).toEqual(['2026-12-24']);
    expect(closures.body.total).toBe(2);
  });

  it('sends a member’s approved request back for approval when they change its times', async () => {
    const room = await resource({ kind: 'room', capacity: 6, requiresApproval: true });
    const request = await book(w.member.token, {
      resourceId: room,
      start: '2026-12-14T10:00',
      end: '2026-12-14T11:00',
    });
    const approved = await t.request('POST', `/api/v1/bookings/${request.body.id}/approve`, {
      token: w.coordinator.token,
    });
    expect(approved.body.status).toBe('confirmed');
    const patched = await t.request('PATCH', `/api/v1/bookings/${request.body.id}`, {
      token: w.member.token,
      body: { start: '2026-12-14T12:00' },
    });
    expect(patched.body.status).toBe('pending');
    expect(patched.body.occurrences[0].start).toBe('2026-12-14T12:00:00+05:00');
  });

  it('does not let a cut loan grow back when its session is cancelled later', async () => {
    const room = await resource({ kind: 'room', capacity: 10 });
    const projector = await resource({ kind: 'equipment', quantity: 1 });
    t.clock.set('2026-12-15T10:00:00+05:00');
    try {
      const seminar = await book(w.trainer.token, {
        resourceId: room,
        start: '2026-12-15T10:00',
        end: '2026-12-15T12:00',
        equipment: [{ resourceId: projector }],
      });
      expect(seminar.status).toBe(201);
      t.clock.set('2026-12-15T10:00:30+05:00');
      await t.request('DELETE', `/api/v1/resources/${projector}?cancelFuture=true`, {
        token: w.coordinator.token,
      });
      t.clock.set('2026-12-15T10:05:00+05:00');
      await t.request('PATCH', `/api/v1/resources/${projector}`, {
        token: w.coordinator.token,
        body: { active: true },
      });
      expect(
        (
          await book(w.member.token, {
            resourceId: projector,
            start: '2026-12-15T10:10',
            end: '2026-12-15T10:40',
          })
        ).status,
      ).toBe(201);
      t.clock.set('2026-12-15T10:30:30+05:00');
      expect(
        (
          await t.request('DELETE', `/api/v1/bookings/${seminar.body.id}`, {
            token: w.trainer.token,
          })
        ).status,
      ).toBe(200);
      const rows: Array<{ start_ms: number; end_ms: number }> = await t.query(
        'SELECT start_ms, end_ms FROM allocations WHERE resource_id = ? AND active = true ORDER BY start_ms',
        [projector],
      );
      for (let i = 1; i < rows.length; i++)
        expect(rows[i].start_ms).toBeGreaterThanOrEqual(rows[i - 1].end_ms);
      expect(rows[0].end_ms).toBe(Date.parse('2026-12-15T10:01:00+05:00'));
    } finally {
      t.clock.set('2026-12-01T08:00:00+05:00');
    }
  });

  it('skips only the sessions that break the series’ own buffer with skipConflicts', async () => {
    const room = await resource({ kind: 'room', capacity: 10, bufferMinutes: 1440 });
    const response = await book(w.trainer.token, {
      resourceId: room,
      start: '2026-12-07T09:00',
      end: '2026-12-07T12:00',
      recurrence: { rule: 'FREQ=DAILY;COUNT=3' },
      skipConflicts: true,
    });
    expect(response.status).toBe(201);
    expect(response.body.occurrences.map((o: { start: string }) => o.start)).toEqual([
      '2026-12-07T09:00:00+05:00',
      '2026-12-09T09:00:00+05:00',
    ]);
  });

  it('does not count successful sign-ins against the client address', async () => {
    const other = await startTestApp();
    try {
      const fail = (i: number) =>
        other.request('POST', '/api/v1/auth/login', {
          body: { email: `nobody${i}@test.example`, password: 'wrong-password' },
        });
      for (let i = 0; i < 9; i++) expect((await fail(i)).status).toBe(401);
      for (let i = 0; i < 5; i++)
        expect((await other.request('POST', '/api/v1/auth/login', { body: ADMIN })).status).toBe(
          200,
        );
      expect((await fail(9)).status).toBe(401);
      expect((await fail(10)).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('gives a capacity to rooms only', async () => {
    const desk = await t.request('POST', `/api/v1/centers/${w.centerId}/resources`, {
      token: w.coordinator.token,
      body: { kind: 'equipment', name: 'Chairs', quantity: 20, capacity: 5 },
    });
    expect(desk.status).toBe(400);
    expect(desk.body.details[0].field).toBe('capacity');
  });

  it('changes nothing on an empty PATCH of a booking', async () => {
    const desk = await resource();
    const mine = await book(w.member.token, {
      resourceId: desk,
      start: '2026-12-16T10:00',
      end: '2026-12-16T11:00',
    });
    const versionOf = async () =>
      (await t.query('SELECT version FROM bookings WHERE id = ?', [mine.body.id]))[0].version;
    const before = await versionOf();
    const patched = await t.request('PATCH', `/api/v1/bookings/${mine.body.id}`, {
      token: w.member.token,
      body: {},
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...mine.body, skipped: [] });
    expect(await versionOf()).toBe(before);
  });

  it('answers 404 before 403 for another center’s missing closure', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const response = await t.request(
      'DELETE',
      `/api/v1/centers/${w.otherCenterId}/closures/${missing}`,
      {
        token: w.coordinator.token,
      },
    );
    expect(response.status).toBe(404);
    const closure = await t.request('POST', `/api/v1/centers/${w.otherCenterId}/closures`, {
      token: w.otherCoordinator.token,
      body: { from: '2026-12-30', to: '2026-12-30', reason: 'Inventory' },
    });
    const notMine = await t.request(
      'DELETE',
      `/api/v1/centers/${w.otherCenterId}/closures/${closure.body.id}`,
      {
        token: w.coordinator.token,
      },
    );
    expect(notMine.status).toBe(403);
  });

  it('gives a body that is not JSON the details of a validation error', async () => {
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      rawBody: '{"start":',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'body' }],
    });
  });
});
