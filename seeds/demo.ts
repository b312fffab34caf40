import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditEntryEntity } from '../src/audit-log/audit-entry.entity';
import { AllocationEntity, BookingEntity, SessionEntity } from '../src/bookings/booking.entity';
import { CenterEntity } from '../src/centers/center.entity';
import { ClosureEntity } from '../src/centers/closure.entity';
import { insertRows } from '../src/database/insert-rows';
import { WriteTransactions } from '../src/database/write-transactions';
import { hashPassword } from '../src/identity/passwords';
import { OrganizationEntity, UserCenterEntity, UserEntity } from '../src/identity/user.entity';
import { ResourceEntity } from '../src/resources/resource.entity';
import { newResource } from '../src/resources/resources.service';
import { addDays, DEFAULT_OPENING_HOURS, localDateOf, wallToInstant } from '../src/scheduling';
import { DEFAULT_POLICY, OpeningHours } from '../src/scheduling/types';
import { ActivityCenter, ActivityPerson, HISTORY_DAYS, planDemoActivity } from './demo-activity';
import type { DemoActivity } from './demo-ledger';
import {
  DEMO_CENTERS,
  DEMO_HOLIDAYS,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_USERS,
  DemoCenter,
  DemoResource,
} from './demo-data';

const ZONE = 'Asia/Tashkent';
const INSERT_CHUNK = 200;

/** How many rows of each table `seedDemo` wrote (the activity's; zero when it was there). */
export type SeedCounts = Record<
  'bookings' | 'occurrences' | 'allocations' | 'audit_entries',
  number
>;

/**
 * Loads the demo network and its activity (seeds/demo-activity.ts) around `now`. Idempotent:
 * each thing of the network is looked up by its natural key (slug, name, email) and only inserted
 * when missing, and the activity is written only into a database without any booking, so running
 * it twice changes nothing.
 */
export async function seedDemo(writes: WriteTransactions, now: number): Promise<SeedCounts> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The network exists from three weeks before its history begins.
  const since = wallToInstant(`${addDays(localDateOf(now, ZONE), -HISTORY_DAYS - 21)}T09:00`, ZONE);
  // Several instances starting on one empty PostgreSQL database: one seeds, the others then
  // find everything in place.
  return writes.run({ named: 'demo-seed' }, async ({ manager }) => {
    const organizations = new Map<string, string>();
    for (const name of DEMO_ORGANIZATIONS) {
      organizations.set(name, await ensureOrganization(manager, name, since));
    }
    const centers = new Map<string, string>();
    for (const center of DEMO_CENTERS) {
      const id = await ensureCenter(manager, center, since);
      centers.set(center.slug, id);
      await ensureResources(manager, id, center.resources, since);
      await ensureHolidays(manager, id, since);
    }
    await ensureUsers(manager, organizations, centers, passwordHash, since);
    if (await manager.getRepository(BookingEntity).exists()) {
      return { bookings: 0, occurrences: 0, allocations: 0, audit_entries: 0 };
    }
    const activity = planDemoActivity(
      await activityCenters(manager, [...centers.values()]),
      await activityPeople(manager),
      now,
    );
    await insertActivity(manager, activity);
    return {
      bookings: activity.bookings.length,
      occurrences: activity.occurrences.length,
      allocations: activity.allocations.length,
      audit_entries: activity.audit.length,
    };
  });
}

/** The demo centers as stored, with their resources, closures and coordinator. */
async function activityCenters(
  manager: EntityManager,
  centerIds: string[],
): Promise<ActivityCenter[]> {
  const rows = await manager.getRepository(CenterEntity).findBy({ id: In(centerIds) });
  const coordinators = await manager
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .innerJoin(UserCenterEntity, 'uc', 'uc.userId = u.id')
    .select(['u.id AS "userId"', 'uc.centerId AS "centerId"'])
    .where('u.role = :role', { role: 'coordinator' })
    .orderBy('u.email')
    .getRawMany<{ userId: string; centerId: string }>();
  const result: ActivityCenter[] = [];
  // In the demo's own order, which the plan (and so its determinism) depends on.
  for (const demo of DEMO_CENTERS) {
    const center = rows.find((c) => c.slug === demo.slug);
    const coordinator = coordinators.find((c) => c.centerId === center?.id);
    if (!center || !coordinator) continue;
    const resources = await manager
      .getRepository(ResourceEntity)
      .find({ where: { centerId: center.id }, order: { kind: 'ASC', name: 'ASC' } });
    const closures = await manager.getRepository(ClosureEntity).findBy({ centerId: center.id });
    result.push({
      id: center.id,
      slug: center.slug,
      timezone: center.timezone,
      openingHours: center.openingHours,
      policy: center.policy,
      closures: closures.map((c) => ({ from: c.from, to: c.to, yearly: c.yearly })),
      resources: resources.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      coordinatorId: coordinator.userId,
    });
  }
  return result;
}

/** Kind, then the name with its number padded: Desk 2 before Desk 10, whatever the collation. */
function sortKey(resource: ResourceEntity): string {
  return `${resource.kind} ${resource.name.replace(/\d+/g, (n) => n.padStart(4, '0'))}`;
}

/** The demo's people as stored, in the order of DEMO_USERS. */
async function activityPeople(manager: EntityManager): Promise<ActivityPerson[]> {
  const users = await manager
    .getRepository(UserEntity)
    .findBy({ email: In(DEMO_USERS.map((u) => u.email)) });
  const byEmail = new Map(users.map((u) => [u.email, u]));
  return DEMO_USERS.flatMap((demo) => {
    const user = byEmail.get(demo.email);
    return user?.active
      ? [
          {
            id: user.id,
            number: user.number,
            email: demo.email,
            role: user.role,
            centers: demo.centers ?? [],
          },
        ]
      : [];
  });
}

async function insertActivity(manager: EntityManager, activity: DemoActivity): Promise<void> {
  const tables = [
    [BookingEntity, activity.bookings],
    [SessionEntity, activity.occurrences],
    [AllocationEntity, activity.allocations],
    [AuditEntryEntity, activity.audit],
  ] as const;
  for (const [entity, rows] of tables) {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await insertRows(manager, entity, rows.slice(i, i + INSERT_CHUNK) as object[]);
    }
  }
}

async function ensureOrganization(
  manager: EntityManager,
  name: string,
  since: number,
): Promise<string> {
  const repository = manager.getRepository(OrganizationEntity);
  const existing = await repository.findOneBy({ name });
  if (existing) return existing.id;
  const id = randomUUID();
  await repository.insert({ id, name, createdAt: since });
  return id;
}

async function ensureCenter(
  manager: EntityManager,
  center: DemoCenter,
  since: number,
): Promise<string> {
  const repository = manager.getRepository(CenterEntity);
  const existing = await repository.findOneBy({ slug: center.slug });
  if (existing) return existing.id;
  const id = randomUUID();
  await repository.insert({
    id,
    slug: center.slug,
    name: center.name,
    city: center.city,
    region: center.region,
    timezone: ZONE,
    address: center.address,
    openingHours: structuredClone(DEFAULT_OPENING_HOURS) as OpeningHours,
    policy: DEFAULT_POLICY,
    active: true,
    createdAt: since,
  });
  return id;
}

/** The center's resources that are missing (by name), in one statement. */
async function ensureResources(
  manager: EntityManager,
  centerId: string,
  resources: DemoResource[],
  since: number,
): Promise<void> {
  const repository = manager.getRepository(ResourceEntity);
  const existing = new Set((await repository.findBy({ centerId })).map((r) => r.name));
  const missing = resources.filter((r) => !existing.has(r.name));
  if (missing.length > 0)
    await repository.insert(missing.map((r) => newResource(centerId, r, since)));
}

/** The yearly holidays the center lacks (by date), with their names in each language. */
async function ensureHolidays(manager: EntityManager, centerId: string, since: number) {
  const repository = manager.getRepository(ClosureEntity);
  const existing = new Set(
    (await repository.findBy({ centerId, yearly: true })).map((c) => c.from),
  );
  const missing = DEMO_HOLIDAYS.map((h) => ({ ...h, date: `2026-${h.monthDay}` })).filter(
    (h) => !existing.has(h.date),
  );
  if (missing.length === 0) return;
  await repository.insert(
    missing.map((holiday) => ({
      id: randomUUID(),
      centerId,
      from: holiday.date,
      to: holiday.date,
      reason: holiday.reason,
      names: holiday.names,
      yearly: true,
      createdAt: since,
    })),
  );
}

/** The demo people who are missing (by email), with their home centers. */
async function ensureUsers(
  manager: EntityManager,
  organizations: Map<string, string>,
  centers: Map<string, string>,
  passwordHash: string,
  since: number,
): Promise<void> {
  const repository = manager.getRepository(UserEntity);
  const existing = new Set(
    (await repository.findBy({ email: In(DEMO_USERS.map((u) => u.email)) })).map((u) => u.email),
  );
  const missing = DEMO_USERS.filter((u) => !existing.has(u.email)).map((user) => ({
    user,
    id: randomUUID(),
  }));
  if (missing.length === 0) return;
  await repository.insert(
    missing.map(({ user, id }) => ({
      id,
      email: user.email,
      phone: null,
      name: user.name,
      passwordHash,
      role: user.role,
      locale: user.locale ?? 'en',
      organizationId: user.organization ? (organizations.get(user.organization) ?? null) : null,
      active: true,
      createdAt: since,
    })),
  );
  const homes = missing.flatMap(({ user, id }) =>
    (user.centers ?? []).map((slug) => ({ userId: id, centerId: centers.get(slug)! })),
  );
  if (homes.length > 0) await manager.getRepository(UserCenterEntity).insert(homes);
}
