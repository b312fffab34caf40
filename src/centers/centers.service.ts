import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { Paged, PagingQuery } from '../common/pagination';
import { DomainError, validationError } from '../common/domain-error';
import { findRow, WriteTransactions } from '../database';
import { AuditLog, sentFields } from '../audit-log';
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
import { CenterView, CreateCenterInput, PolicyInput, UpdateCenterInput } from './centers.dto';

@Injectable()
export class CentersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(page: PagingQuery): Promise<Paged<CenterView>> {
    const [centers, total] = await this.dataSource.getRepository(CenterEntity).findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
    return { items: centers.map(toCenterView), total };
  }

  async get(id: string): Promise<CenterView> {
    return toCenterView(await this.getEntity(id));
  }

  /** True when no center exists yet (the demo seed fills such a database). */
  async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(CenterEntity).count()) === 0;
  }

  /** Every center, by name: the network-wide reports. */
  async allEntities(): Promise<CenterEntity[]> {
    return this.dataSource.getRepository(CenterEntity).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async getEntity(id: string): Promise<CenterEntity> {
    const center = await findRow(this.dataSource.manager, CenterEntity, { id });
    if (!center) throw new DomainError('NOT_FOUND', `No center ${id}`);
    return center;
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
    await this.writes.run(async (manager) => {
      await assertSlugFree(manager.getRepository(CenterEntity), center.slug);
      await manager.getRepository(CenterEntity).insert(center);
      await this.audit.record(manager, {
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
    const updated = await this.writes.run(async (manager) => {
      const repository = manager.getRepository(CenterEntity);
      const center = await repository.findOneByOrFail({ id });
      if (input.slug !== undefined && input.slug !== center.slug) {
        await assertSlugFree(repository, input.slug);
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
      await repository.save(next);
      if (sentFields(input).length === 0) return next;
      await this.audit.record(manager, {
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
}

async function assertSlugFree(repository: Repository<CenterEntity>, slug: string): Promise<void> {
  if (await repository.existsBy({ slug })) {
    throw new DomainError('ALREADY_EXISTS', `A center with slug ${slug} already exists`).worded(
      'slugTaken',
      { slug },
    );
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
