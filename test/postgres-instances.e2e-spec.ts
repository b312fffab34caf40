import { DateTime } from 'luxon';
import { Client } from 'pg';
import { buildServer, Instance, startInstance } from './support/instances';
import {
  connect,
  createScratchSchema,
  dropScratchSchema,
  describeOnPostgres,
} from './support/postgres';
import { ApiResponse } from './support/test-app';
import { Actor, createCenter, createResource, createUser, createWorld } from './support/world';

/**
 * Never a double booking with several instances: two real server processes on one PostgreSQL
 * schema, simultaneous requests spread across both. These run on real time (separate processes
 * have no test clock), so every session is a few days ahead of today.
 */
// Set when the spec runs (describeOnPostgres below).
let databaseUrl = '';

const ALL_WEEK = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
    day,
    [{ from: '07:00', to: '21:00' }],
  ]),
);

/** `YYYY-MM-DDTHH:mm` in Tashkent, `days` days from today. */
function wall(days: number, time: string): string {
  const date = DateTime.now().setZone('Asia/Tashkent').plus({ days }).toISODate();
  return `${date}T${time}`;
}

interface Cluster {
  instances: Instance[];
  sql: Client;
  schema: string;
  admin: Actor;
  centerId: string;
  coordinator: Actor;
  people: Actor[];
  close(): Promise<void>;
}

/** Two instances on a fresh schema (started together: both migrate it), and a center to book. */
async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const scratch = await createScratchSchema(databaseUrl);
  const instances = await Promise.all([
    startInstance(scratch.url, env),
    startInstance(scratch.url, env),
  ]);
  const sql = await connect(databaseUrl, scratch.schema);
  const world = await createWorld(instances[0]);
  const center = await createCenter(instances[0], world.admin.token, { openingHours: ALL_WEEK });
  const coordinator = await createUser(instances[0], world.admin.token, 'coordinator', {
    centerIds: [center.id],
  });
  const people = await Promise.all(
    Array.from({ length: 10 }, (_, i) => createUser(instances[i % 2], world.admin.token, 'member')),
  );
  return {
    instances,
    sql,
    schema: scratch.schema,
    admin: world.admin,
    centerId: center.id,
    coordinator,
    people,
    async close() {
      await Promise.all(instances.map((instance) => instance.kill()));
      await sql.end();
      await dropScratchSchema(databaseUrl, scratch.schema);
    },
  };
}

/** `count` simultaneous requests, alternating between the two instances. */
function burst(
  cluster: Cluster,
  count: number,
  body: (i: number) => Record<string, unknown>,
): Promise<ApiResponse[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      cluster.instances[i % 2].request('POST', '/api/v1/bookings', {
        token: cluster.people[i % cluster.people.length].token,
        body: body(i),
      }),
    ),
  );
}

function expectOneWinner(responses: ApiResponse[]): void {
  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(responses.length - 1);
  for (const refused of responses.filter((r) => r.status === 409)) {
    expect(refused.body.code).toBe('BOOKING_CONFLICT');
  }
}

async function activeAllocations(sql: Client, resourceId: string) {
  const { rows } = await sql.query<{ start_ms: string; end_ms: string; quantity: number }>(
    'SELECT start_ms, end_ms, quantity FROM allocations WHERE resource_id = $1 AND active ORDER BY start_ms',
    [resourceId],
  );
  return rows.map((r) => ({ start: Number(r.start_ms), end: Number(r.end_ms), q: r.quantity }));
}

function expectNoOverlap(rows: Array<{ start: number; end: number }>): void {
  for (let i = 1; i < rows.length; i++)
    expect(rows[i].start).toBeGreaterThanOrEqual(rows[i - 1].end);
}

const SERIES_RULES = [
  'FREQ=DAILY;COUNT=10',
  'FREQ=WEEKLY;COUNT=4',
  'FREQ=DAILY;INTERVAL=2;COUNT=6',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=9',
];

const overlappingSeries = (room: string) => (i: number) => ({
  resourceId: room,
  start: wall(2 + (i % 3), `${10 + (i % 2)}:00`),
  end: wall(2 + (i % 3), `${12 + (i % 2)}:00`),
  recurrence: { rule: SERIES_RULES[i % SERIES_RULES.length] },
});

async function expectSeriesAreWhole(cluster: Cluster, room: string, responses: ApiResponse[]) {
  expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  const created = responses.filter((r) => r.status === 201);
  expect(created.length).toBeGreaterThanOrEqual(1);
  const rows = await activeAllocations(cluster.sql, room);
  expectNoOverlap(rows);
  expect(rows).toHaveLength(created.reduce((sum, r) => sum + r.body.occurrences.length, 0));
}

describeOnPostgres(__filename, 'several instances on one PostgreSQL database', (url) => {
  databaseUrl = url;
  jest.setTimeout(120_000);

  beforeAll(() => buildServer());

  describe('two instances with resource locks', () => {
    let cluster: Cluster;

    beforeAll(async () => {
      cluster = await startCluster();
    });

    afterAll(() => cluster?.close());

    it('lets exactly one of 50 simultaneous requests for one desk and slot through', async () => {
      const desk = (
        await createResource(cluster.instances[0], cluster.coordinator.token, cluster.centerId)
      ).id;
      const responses = await burst(cluster, 50, () => ({
        resourceId: desk,
        start: wall(2, '10:00'),
        end: wall(2, '13:00'),
      }));
      expectOneWinner(responses);
      expect(await activeAllocations(cluster.sql, desk)).toHaveLength(1);
    });

    it('keeps overlapping series from sharing any session', async () => {
      const room = (
        await createResource(cluster.instances[1], cluster.coordinator.token, cluster.centerId, {
          kind: 'room',
          capacity: 10,
        })
      ).id;
      const responses = await burst(cluster, 24, overlappingSeries(room));
      await expectSeriesAreWhole(cluster, room, responses);
    });

    it('lends the last unit of an equipment pool at its limit exactly once', async () => {
      const pool = (
        await createResource(cluster.instances[0], cluster.coordinator.token, cluster.centerId, {
          kind: 'equipment',
          quantity: 5,
        })
      ).id;
      const slot = { start: wall(3, '14:00'), end: wall(3, '16:00') };
      const first = await cluster.instances[0].request('POST', '/api/v1/bookings', {
        token: cluster.people[0].token,
        body: { resourceId: pool, quantity: 4, ...slot },
      });
      expect(first.status).toBe(201);
      const responses = await burst(cluster, 50, () => ({ resourceId: pool, ...slot }));
      expectOneWinner(responses);
      const held = await activeAllocations(cluster.sql, pool);
      expect(held.reduce((sum, a) => sum + a.q, 0)).toBe(5);
    });

    // Last: it kills the second instance.
    it('leaves every booking whole when an instance is killed in the middle of a burst', async () => {
      const [a, b] = cluster.instances;
      const token = cluster.coordinator.token;
      const desks = await Promise.all(
        Array.from({ length: 8 }, () => createResource(a, token, cluster.centerId)),
      );
      const pool = (
        await createResource(a, token, cluster.centerId, { kind: 'equipment', quantity: 100 })
      ).id;
      let firstFromB!: () => void;
      const bAnswered = new Promise<void>((resolve) => (firstFromB = resolve));
      const requests = Array.from({ length: 40 }, (_, i) => {
        const instance = i % 2 === 0 ? a : b;
        const sent = instance.request('POST', '/api/v1/bookings', {
          token: cluster.people[i % cluster.people.length].token,
          body: {
            resourceId: desks[i % desks.length].id,
            start: wall(2, `${String(7 + Math.floor(i / 8)).padStart(2, '0')}:00`),
            end: wall(2, `${String(7 + Math.floor(i / 8)).padStart(2, '0')}:30`),
            recurrence: { rule: 'FREQ=DAILY;COUNT=60' },
            equipment: [{ resourceId: pool, quantity: 1 }],
          },
        });
        if (instance === b) void sent.then(firstFromB, firstFromB);
        return sent.then(
          (response) => response.status,
          () => 'connection lost',
        );
      });
      await bAnswered;
      await b.kill();
      const outcomes = await Promise.all(requests);
      expect(outcomes.filter((o) => o === 201).length).toBeGreaterThan(0);

      const { rows } = await cluster.sql.query<{
        id: string;
        sessions: number;
        allocations: number;
      }>(
        `SELECT b.id,
                (SELECT count(*) FROM occurrences o WHERE o.booking_id = b.id)::int AS sessions,
                (SELECT count(*) FROM allocations x WHERE x.booking_id = b.id)::int AS allocations
           FROM bookings b WHERE b.resource_id = ANY($1)`,
        [desks.map((d) => d.id)],
      );
      // A request whose answer was lost may or may not have committed before the kill.
      const created = outcomes.filter((o) => o === 201).length;
      const lost = outcomes.filter((o) => o === 'connection lost').length;
      expect(lost).toBeGreaterThan(0);
      expect(rows.length).toBeGreaterThanOrEqual(created);
      expect(rows.length).toBeLessThanOrEqual(created + lost);
      for (const row of rows) {
        expect(row).toEqual({ id: row.id, sessions: 60, allocations: 120 });
      }
      const { rows: orphans } = await cluster.sql.query(
        `SELECT id FROM occurrences o WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = o.booking_id)
         UNION ALL
         SELECT id FROM allocations x WHERE NOT EXISTS (SELECT 1 FROM occurrences o WHERE o.id = x.occurrence_id)`,
      );
      expect(orphans).toEqual([]);
      // The killed instance's locks went with its connections: the survivor books the same desks.
      const after = await a.request('POST', '/api/v1/bookings', {
        token: cluster.people[0].token,
        body: { resourceId: desks[0].id, start: wall(2, '20:00'), end: wall(2, '20:30') },
      });
      expect(after.status).toBe(201);
    });
  });

  describe('two instances with the resource locks disabled (test-only switch)', () => {
    let cluster: Cluster;

    beforeAll(async () => {
      cluster = await startCluster({ MAKON_UNSAFE_DISABLE_RESOURCE_LOCKS: '1' });
    });

    afterAll(() => cluster?.close());

    it('still refuses the double booking of a desk with 409: the exclusion constraint', async () => {
      const desk = (
        await createResource(cluster.instances[0], cluster.coordinator.token, cluster.centerId)
      ).id;
      const responses = await burst(cluster, 50, () => ({
        resourceId: desk,
        start: wall(2, '10:00'),
        end: wall(2, '13:00'),
      }));
      expectOneWinner(responses);
      expect(await activeAllocations(cluster.sql, desk)).toHaveLength(1);
      for (const instance of cluster.instances) expect(instance.errors()).not.toMatch(/error/i);
    });

    it('keeps overlapping series of a room apart', async () => {
      const room = (
        await createResource(cluster.instances[1], cluster.coordinator.token, cluster.centerId, {
          kind: 'room',
          capacity: 10,
        })
      ).id;
      const responses = await burst(cluster, 24, overlappingSeries(room));
      await expectSeriesAreWhole(cluster, room, responses);
    });

    it('answers the constraint’s refusal as a 409 with the clashing session', async () => {
      // An allocation the app's conflict read cannot see (it starts more than a day before the
      // request, longer than any booking may last): only the constraint stands in the way.
      const desk = (
        await createResource(cluster.instances[0], cluster.coordinator.token, cluster.centerId)
      ).id;
      const held = await cluster.instances[0].request('POST', '/api/v1/bookings', {
        token: cluster.people[0].token,
        body: { resourceId: desk, start: wall(4, '10:00'), end: wall(4, '11:00') },
      });
      expect(held.status).toBe(201);
      const requestStart = Date.parse(held.body.occurrences[0].start) + 2 * 24 * 3600_000;
      await cluster.sql.query('UPDATE allocations SET end_ms = $2 WHERE booking_id = $1', [
        held.body.id,
        requestStart + 3600_000,
      ]);
      const refused = await cluster.instances[1].request('POST', '/api/v1/bookings', {
        token: cluster.people[1].token,
        body: { resourceId: desk, start: wall(6, '10:00'), end: wall(6, '11:00') },
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'BOOKING_CONFLICT',
        conflicts: [
          {
            start: `${wall(6, '10:00')}:00+05:00`,
            end: `${wall(6, '11:00')}:00+05:00`,
            resourceId: desk,
            reason: 'booked',
          },
        ],
      });
    });
  });
});
