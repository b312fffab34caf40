import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../common/config';
import { DomainError, validationError } from '../common/domain-error';
import { findRow, WriteTransactions } from '../database';
import { Paged } from '../common/pagination';
import { CentersService } from '../centers';
import { AuditLog } from '../audit-log';
import { isStaffOf, Principal } from '../access';
import { qrCodeSvg } from './qr-code';
import { ResourceEntity } from './resource.entity';
import {
  CreateResourceInput,
  ResourceQuery,
  ResourceView,
  UpdateResourceInput,
} from './resources.dto';

const DEFAULT_MIN_DURATION = 15;
const DEFAULT_MAX_DURATION = 720;

@Injectable()
export class ResourcesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  async list(
    caller: Principal,
    centerId: string,
    query: ResourceQuery,
  ): Promise<Paged<ResourceView>> {
    await this.centers.getEntity(centerId);
    const builder = this.dataSource
      .getRepository(ResourceEntity)
      .createQueryBuilder('r')
      .where('r.centerId = :centerId', { centerId })
      .orderBy('r.kind')
      .addOrderBy('r.name')
      .addOrderBy('r.id');
    if (query.kind) builder.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.active !== undefined)
      builder.andWhere('r.active = :active', { active: query.active });
    const all = await builder.getMany();
    const matching = query.feature ? all.filter((r) => r.features.includes(query.feature!)) : all;
    const items = matching.slice(query.offset, query.offset + query.limit);
    return { items: items.map((r) => this.view(caller, r)), total: matching.length };
  }

  /** Every resource of a center (active or not), for availability and the day's timeline. */
  async allOf(centerId: string): Promise<ResourceEntity[]> {
    return this.dataSource
      .getRepository(ResourceEntity)
      .find({ where: { centerId }, order: { kind: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  /** Every resource of the given centers (every center when null), in one query. */
  async allOfCenters(centerIds: string[] | null): Promise<ResourceEntity[]> {
    return this.dataSource.getRepository(ResourceEntity).find({
      where: centerIds ? { centerId: In(centerIds) } : {},
      order: { kind: 'ASC', name: 'ASC', id: 'ASC' },
    });
  }

  async getEntity(id: string): Promise<ResourceEntity> {
    const resource = await findRow(this.dataSource.manager, ResourceEntity, { id });
    if (!resource) throw new DomainError('NOT_FOUND', `No resource ${id}`);
    return resource;
  }

  async get(caller: Principal, id: string): Promise<ResourceView> {
    return this.view(caller, await this.getEntity(id));
  }

  /** 404 when it does not exist, 403 when the caller does not run its center. */
  async getManaged(caller: Principal, id: string): Promise<ResourceEntity> {
    const resource = await this.getEntity(id);
    if (!isStaffOf(caller, resource.centerId)) {
      throw new DomainError('FORBIDDEN', 'Only the center’s coordinators and admins may do this');
    }
    return resource;
  }

  async create(
    caller: Principal,
    centerId: string,
    input: CreateResourceInput,
  ): Promise<ResourceView> {
    await this.centers.getManaged(caller, centerId);
    const resource = checkedResource(
      newResource(centerId, input, this.clock.now()),
      input.quantity !== undefined,
    );
    await this.writes.run(async (manager) => {
      await manager.getRepository(ResourceEntity).insert(resource);
      await this.audit.record(manager, {
        actorId: caller.id,
        action: 'resource.created',
        targetType: 'resource',
        targetId: resource.id,
        centerId,
        details: { kind: resource.kind },
      });
    });
    return this.view(caller, resource);
  }

  /** The resource whose QR code carries `token`; 404 for an unknown (or rotated) token. */
  async getByQrToken(token: string): Promise<ResourceEntity> {
    const resource =
      token.length <= 64
        ? await this.dataSource.getRepository(ResourceEntity).findOneBy({ qrToken: token })
        : null;
    if (!resource) throw new DomainError('NOT_FOUND', 'No resource has this check-in code');
    return resource;
  }

  /** The address the resource's QR code encodes. */
  checkInUrl(resource: ResourceEntity): string {
    return `${this.config.publicUrl}/c/${resource.qrToken}`;
  }

  /** The resource's QR code as an SVG image (staff of its center). */
  async qrSvg(caller: Principal, id: string): Promise<string> {
    return qrCodeSvg(this.checkInUrl(await this.getManaged(caller, id)));
  }

  /** Gives the resource a new check-in token; printed codes with the old one stop working. */
  async rotateQrToken(caller: Principal, id: string): Promise<ResourceView> {
    await this.getManaged(caller, id);
    const qrToken = newQrToken();
    const updated = await this.writes.run(async (manager) => {
      await manager.update(ResourceEntity, { id }, { qrToken });
      const resource = await manager.getRepository(ResourceEntity).findOneByOrFail({ id });
      await this.audit.record(manager, {
        actorId: caller.id,
        action: 'resource.qr_rotated',
        targetType: 'resource',
        targetId: id,
        centerId: resource.centerId,
      });
      return resource;
    });
    return this.view(caller, updated);
  }

  view(caller: Principal, resource: ResourceEntity): ResourceView {
    const view: ResourceView = {
      id: resource.id,
      centerId: resource.centerId,
      kind: resource.kind,
      name: resource.name,
      capacity: resource.capacity,
      quantity: resource.quantity,
      features: resource.features,
      requiresApproval: resource.requiresApproval,
      checkInRequired: resource.checkInRequired,
      minDurationMinutes: resource.minDurationMinutes,
      maxDurationMinutes: resource.maxDurationMinutes,
      bufferMinutes: resource.bufferMinutes,
      active: resource.active,
    };
    if (isStaffOf(caller, resource.centerId)) {
      view.checkInUrl = this.checkInUrl(resource);
    }
    return view;
  }
}

/** The resource with the changes of a PATCH, checked; who may change it is the caller's concern. */
export function updatedResource(
  current: ResourceEntity,
  input: UpdateResourceInput,
): ResourceEntity {
  return checkedResource({
    ...current,
    name: input.name ?? current.name,
    capacity: input.capacity ?? current.capacity,
    quantity: input.quantity ?? current.quantity,
    features: input.features ? uniqueSorted(input.features) : current.features,
    requiresApproval: input.requiresApproval ?? current.requiresApproval,
    checkInRequired: input.checkInRequired ?? current.checkInRequired,
    minDurationMinutes: input.minDurationMinutes ?? current.minDurationMinutes,
    maxDurationMinutes: input.maxDurationMinutes ?? current.maxDurationMinutes,
    bufferMinutes: input.bufferMinutes ?? current.bufferMinutes,
    active: input.active ?? current.active,
  });
}

function checkedResource(resource: ResourceEntity, quantityGiven = true): ResourceEntity {
  if (resource.kind === 'equipment' && !quantityGiven) {
    throw validationError('quantity', 'an equipment pool needs a quantity', 'poolNeedsQuantity');
  }
  if (resource.kind === 'room' && resource.capacity === null) {
    throw validationError('capacity', 'a room needs a capacity', 'roomNeedsCapacity');
  }
  if (resource.kind !== 'room' && resource.capacity !== null) {
    throw validationError('capacity', 'only rooms have a capacity', 'onlyRoomsHaveCapacity');
  }
  if (resource.kind !== 'equipment' && resource.quantity !== 1) {
    throw validationError(
      'quantity',
      'only equipment pools have a quantity other than 1',
      'onlyPoolsHaveQuantity',
    );
  }
  if (resource.minDurationMinutes > resource.maxDurationMinutes) {
    throw validationError(
      'minDurationMinutes',
      'must not exceed maxDurationMinutes',
      'notAboveField',
      {
        other: 'maxDurationMinutes',
      },
    );
  }
  return resource;
}

/** A new, active resource with the defaults of API.md for what `fields` leaves out. */
export function newResource(
  centerId: string,
  fields: CreateResourceInput,
  now: number,
): ResourceEntity {
  return {
    id: randomUUID(),
    centerId,
    kind: fields.kind,
    name: fields.name,
    capacity: fields.capacity ?? null,
    quantity: fields.quantity ?? 1,
    features: uniqueSorted(fields.features ?? []),
    requiresApproval: fields.requiresApproval ?? false,
    checkInRequired:
      fields.checkInRequired ?? (fields.kind === 'desk' || fields.kind === 'computer'),
    minDurationMinutes: fields.minDurationMinutes ?? DEFAULT_MIN_DURATION,
    maxDurationMinutes: fields.maxDurationMinutes ?? DEFAULT_MAX_DURATION,
    bufferMinutes: fields.bufferMinutes ?? 0,
    active: true,
    qrToken: newQrToken(),
    createdAt: now,
  };
}

/** A secret, URL-safe check-in token (144 random bits). */
function newQrToken(): string {
  return randomBytes(18).toString('base64url');
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
