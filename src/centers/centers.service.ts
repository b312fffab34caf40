import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Paged, PagingQuery } from '../common/pagination';
import { DomainError, validationError } from '../common/domain-error';
import { sentFields } from '../audit-log';
import { RowsQuery, WriteTransactions } from '../database';
import { isStaffOf, Principal } from '../access';
import {
  canonicalZone,
  DEFAULT_OPENING_HOURS,
  DEFAULT_POLICY,
  OpeningHours,
  validateOpeningHours,
  WEEKDAYS,
} from '../scheduling';
import { CenterEntity } from './center.entity';
import { CentersRepository } from './centers.repository';
import { CenterView, CreateCenterInput, PolicyInput, UpdateCenterInput } from './centers.dto';

@Injectable()
export class CentersService {
  constructor(
    private readonly repository: CentersRepository,
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
  ) {}

  async list(page: PagingQuery): Promise<Paged<CenterView>> {
    const [centers, total] = await this.repository.pageOfCenters(page);
    return { items: centers.map(toCenterView), total };
  }

  async get(id: string): Promise<CenterView> {
    return toCenterView(await this.getEntity(id));
  }

  /** Every center, by name: the network-wide reports. */
  async allEntities(): Promise<CenterEntity[]> {
    return this.repository.allCenters();
  }

  /** The center (as committed now when given a write's manager), or NOT_FOUND. */
  /** The read of one center, to send with others (`findTogether`). */
  entityQuery(id: string, db?: EntityManager): RowsQuery<CenterEntity | null> {
    return this.repository.centerQuery(id, db);
  }

  /** The read of the center of a resource, to send with others (`findTogether`). */
  entityOfResourceQuery(resourceId: string, db?: EntityManager): RowsQuery<CenterEntity | null> {
    return this.repository.centerOfResourceQuery(resourceId, db);
  }

  async getEntity(id: string, db?: EntityManager): Promise<CenterEntity> {
    const center = await this.repository.findCenter(id, db);
    if (!center) throw new DomainError('NOT_FOUND', `No center ${id}`);
    return center;
  }

  /** The center, or null. */
  findEntity(id: string): Promise<CenterEntity | null> {
    return this.repository.findCenter(id);
  }

  /** The centers with these ids (missing ones left out). */
  findEntities(ids: readonly string[]): Promise<CenterEntity[]> {
    return this.repository.findCenters(ids);
  }

  /** Whether any center exists (the demo seed runs on a database without one). */
  async any(): Promise<boolean> {
    return (await this.repository.countCenters()) > 0;
  }

  /** 404 when the center does not exist, 403 when the caller does not run it. */
  async getManaged(caller: Principal, id: string): Promise<CenterEntity> {
    const center = await this.getEntity(id);
    if (!isStaffOf(caller, center.id)) {
      throw new DomainError('FORBIDDEN', 'Only the center’s coordinators and admins may do this');
    }
    return center;
  }

  async create(caller: Principal, input: CreateCenterInput): Promise<CenterView> {
    if (caller.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins create centers');
    const timezone = checkedZone(input.timezone ?? 'Asia/Tashkent');
    const openingHours = checkedOpeningHours(input.openingHours ?? DEFAULT_OPENING_HOURS);
    const center: CenterEntity = {
      id: randomUUID(),
      slug: input.slug,
      name: input.name,
      city: input.city,
      region: input.region,
      timezone,
      address: input.address ?? '',
      openingHours,
      policy: mergePolicy(DEFAULT_POLICY, input.policy),
      active: input.active ?? true,
      createdAt: this.clock.now(),
    };
    await this.writes.run({}, async (tx) => {
      await this.assertSlugFree(tx.manager, center.slug);
      await this.repository.insertCenter(tx.manager, center);
      tx.audit({
        actorId: caller.id,
        action: 'center.created',
        targetType: 'center',
        targetId: center.id,
        centerId: center.id,
      });
    });
    return toCenterView(center);
  }

  async update(caller: Principal, id: string, input: UpdateCenterInput): Promise<CenterView> {
    const timezone = input.timezone === undefined ? undefined : checkedZone(input.timezone);
    const openingHours =
      input.openingHours === undefined ? undefined : checkedOpeningHours(input.openingHours);
    await this.getManaged(caller, id);
    const updated = await this.writes.run({}, async (tx) => {
      const center = await this.getEntity(id, tx.manager);
      if (input.slug != null && input.slug !== center.slug) {
        await this.assertSlugFree(tx.manager, input.slug);
      }
      const next: CenterEntity = {
        ...center,
        slug: input.slug ?? center.slug,
        name: input.name ?? center.name,
        city: input.city ?? center.city,
        region: input.region ?? center.region,
        address: input.address ?? center.address,
        timezone: timezone ?? center.timezone,
        openingHours: openingHours ?? center.openingHours,
        policy: mergePolicy(center.policy, input.policy),
        active: input.active ?? center.active,
      };
      await this.repository.updateCenter(tx.manager, next);
      if (sentFields(input).length === 0) return next;
      tx.audit({
        actorId: caller.id,
        action: 'center.updated',
        targetType: 'center',
        targetId: id,
        centerId: id,
        details: { fields: sentFields(input) },
      });
      return next;
    });
    return toCenterView(updated);
  }

  private async assertSlugFree(db: EntityManager, slug: string): Promise<void> {
    if (await this.repository.slugTaken(db, slug)) {
      throw new DomainError('ALREADY_EXISTS', `A center with slug ${slug} already exists`).worded(
        'slugTaken',
        { slug },
      );
    }
  }
}

export function toCenterView(center: CenterEntity): CenterView {
  return {
    id: center.id,
    slug: center.slug,
    name: center.name,
    city: center.city,
    region: center.region,
    timezone: center.timezone,
    address: center.address,
    openingHours: center.openingHours,
    policy: center.policy,
    active: center.active,
  };
}

function mergePolicy<T extends object>(base: T, patch: PolicyInput | undefined): T {
  const merged = { ...base };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** A valid zone under its canonical name (`asia/tashkent` is stored as `Asia/Tashkent`). */
function checkedZone(zone: string): string {
  const canonical = canonicalZone(zone);
  if (canonical !== null) return canonical;
  throw validationError('timezone', 'must be an IANA time zone such as Asia/Tashkent', 'timezone');
}

/** The week as sent, with the days it leaves out closed. */
function checkedOpeningHours(hours: unknown): OpeningHours {
  const week =
    typeof hours === 'object' && hours !== null && !Array.isArray(hours)
      ? { ...Object.fromEntries(WEEKDAYS.map((day) => [day, []])), ...hours }
      : hours;
  const problem = validateOpeningHours(week);
  if (problem) {
    throw validationError('openingHours', problem.message, problem.rule, problem.values);
  }
  return week as OpeningHours;
}
