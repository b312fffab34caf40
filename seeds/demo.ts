import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CenterEntity } from '../src/centers/center.entity';
import { ClosureEntity } from '../src/centers/closure.entity';
import { WriteTransactions } from '../src/database/write-transactions';
import { hashPassword } from '../src/identity/passwords';
import { OrganizationEntity, UserCenterEntity, UserEntity } from '../src/identity/user.entity';
import { ResourceEntity } from '../src/resources/resource.entity';
import { newResource } from '../src/resources/resources.service';
import { DEFAULT_OPENING_HOURS } from '../src/scheduling';
import { DEFAULT_POLICY, OpeningHours } from '../src/scheduling/types';
import {
  DEMO_CENTERS,
  DEMO_HOLIDAYS,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_USERS,
  DemoCenter,
  DemoResource,
} from './demo-data';

/**
 * Loads the demo network. Idempotent: each thing is looked up by its natural key (slug, name,
 * email) and only inserted when missing, so running it twice changes nothing.
 */
export async function seedDemo(writes: WriteTransactions, now: number): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await writes.run(async (manager) => {
    // Several instances starting on one empty PostgreSQL database: one seeds, the others then
    // find everything in place.
    await writes.lockNamed(manager, 'demo-seed');
    const organizations = new Map<string, string>();
    for (const name of DEMO_ORGANIZATIONS) {
      organizations.set(name, await ensureOrganization(manager, name, now));
    }
    const centers = new Map<string, string>();
    for (const center of DEMO_CENTERS) {
      const id = await ensureCenter(manager, center, now);
      centers.set(center.slug, id);
      for (const resource of center.resources) await ensureResource(manager, id, resource, now);
      for (const holiday of DEMO_HOLIDAYS) await ensureHoliday(manager, id, holiday, now);
    }
    for (const user of DEMO_USERS) {
      const existing = await manager.getRepository(UserEntity).findOneBy({ email: user.email });
      if (existing) continue;
      const id = randomUUID();
      await manager.getRepository(UserEntity).insert({
        id,
        email: user.email,
        phone: null,
        name: user.name,
        passwordHash,
        role: user.role,
        locale: 'en',
        organizationId: user.organization ? (organizations.get(user.organization) ?? null) : null,
        active: true,
        createdAt: now,
      });
      for (const slug of user.centers ?? []) {
        await manager
          .getRepository(UserCenterEntity)
          .insert({ userId: id, centerId: centers.get(slug)! });
      }
    }
  });
}

async function ensureOrganization(
  manager: EntityManager,
  name: string,
  now: number,
): Promise<string> {
  const repository = manager.getRepository(OrganizationEntity);
  const existing = await repository.findOneBy({ name });
  if (existing) return existing.id;
  const id = randomUUID();
  await repository.insert({ id, name, createdAt: now });
  return id;
}

async function ensureCenter(
  manager: EntityManager,
  center: DemoCenter,
  now: number,
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
    timezone: 'Asia/Tashkent',
    address: center.address,
    openingHours: structuredClone(DEFAULT_OPENING_HOURS) as OpeningHours,
    policy: DEFAULT_POLICY,
    active: true,
    createdAt: now,
  });
  return id;
}

async function ensureResource(
  manager: EntityManager,
  centerId: string,
  resource: DemoResource,
  now: number,
): Promise<void> {
  const repository = manager.getRepository(ResourceEntity);
  if (await repository.existsBy({ centerId, name: resource.name })) return;
  await repository.insert(newResource(centerId, resource, now));
}

async function ensureHoliday(
  manager: EntityManager,
  centerId: string,
  holiday: { monthDay: string; reason: string },
  now: number,
): Promise<void> {
  const repository = manager.getRepository(ClosureEntity);
  const date = `2026-${holiday.monthDay}`;
  if (await repository.existsBy({ centerId, from: date, yearly: true })) return;
  await repository.insert({
    id: randomUUID(),
    centerId,
    from: date,
    to: date,
    reason: holiday.reason,
    yearly: true,
    createdAt: now,
  });
}
