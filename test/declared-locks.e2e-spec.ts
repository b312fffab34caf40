import { BookingEntity } from '../src/bookings/booking.entity';
import { BookingsRepository } from '../src/bookings/bookings.repository';
import { UndeclaredLockError, WriteTransactions } from '../src/database/write-transactions';
import { ResourcesService } from '../src/resources/resources.service';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, World } from './support/world';

/**
 * A write declares the resources whose allocations it touches (`writes.run({ resources }, …)`);
 * the repository's allocation writes refuse any other, with an internal error that rolls the
 * write back. Every real write path declares its resources: the e2e suites (bookings, check-in,
 * concurrency, integrity, users, catalog…) run them all with this check on.
 */
describe('writes declare the resources they touch', () => {
  let t: TestApp;
  let w: World;
  let writes: WriteTransactions;
  let repository: BookingsRepository;
  let booking: BookingEntity;
  let deskId: string;
  let otherDeskId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    writes = t.app.get(WriteTransactions);
    repository = t.app.get(BookingsRepository);
    deskId = (await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk' })).id;
    otherDeskId = (await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk' })).id;
    const made = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: { resourceId: deskId, start: '2026-12-02T10:00', end: '2026-12-02T12:00' },
    });
    expect(made.status).toBe(201);
    booking = await repository.getBooking(made.body.id as string);
  });

  afterAll(() => t.close());

  const activeAllocations = async () =>
    (
      await t.query<{ n: number }>('SELECT COUNT(*) AS n FROM allocations WHERE active = ?', [
        t.dialect === 'postgres' ? true : 1,
      ])
    )[0].n;

  it('refuses to insert allocations of a resource the write did not declare, and stores nothing', async () => {
    const before = await activeAllocations();
    const desk = await t.app.get(ResourcesService).getEntity(otherDeskId);
    const copy = { ...booking, id: '00000000-0000-4000-8000-000000000001', resourceId: desk.id };
    const start = t.clock.now() + 2 * 24 * 3600_000;
    const sessions = [{ start, end: start + 3600_000, localDate: '2026-12-03' }];
    await expect(
      writes.run({ resources: [deskId] }, (tx) =>
        repository.insertSeries(tx, copy, 1, sessions, [{ resource: desk, quantity: 1 }]),
      ),
    ).rejects.toThrow(UndeclaredLockError);
    expect(await activeAllocations()).toBe(before);
    expect(await repository.findBooking(copy.id)).toBeNull();
  });

  it('refuses to move a session whose resource the write did not declare', async () => {
    const [occurrence] = await repository.activeSessions(repository.reads, booking.id);
    const moved = { start: occurrence.startMs + 3600_000, end: occurrence.endMs + 3600_000 };
    const session = { ...moved, localDate: '2026-12-02' };
    await expect(
      writes.run({ resources: [otherDeskId] }, (tx) =>
        repository.moveSession(tx, booking, occurrence.id, session),
      ),
    ).rejects.toThrow(UndeclaredLockError);
    expect((await repository.getSession(occurrence.id)).startMs).toBe(occurrence.startMs);
    // Declared, the same write goes through.
    await writes.run({ resources: [deskId] }, (tx) =>
      repository.moveSession(tx, booking, occurrence.id, session),
    );
    expect((await repository.getSession(occurrence.id)).startMs).toBe(moved.start);
  });

  it('refuses to free a booking’s allocations when none of its resources was declared', async () => {
    const sessions = await repository.activeSessions(repository.reads, booking.id);
    await expect(
      writes.run({}, (tx) => repository.cancelSessions(tx, booking, sessions, t.clock.now())),
    ).rejects.toThrow(UndeclaredLockError);
    expect((await repository.getSession(sessions[0].id)).status).toBe('booked');
  });
});
