import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../common/config';
import { DomainError, validationError } from '../common/domain-error';
import { Paged } from '../common/pagination';
import { CentersService } from '../centers';
import { RowsQuery, WriteTransactions } from '../database';
import { isStaffOf, Principal } from '../access';
import { qrCodeSvg } from './qr-code';
import { ResourceEntity } from './resource.entity';
import { ResourcesRepository } from './resources.repository';
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
    private readonly repository: ResourcesRepository,
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(
    caller: Principal,
    centerId: string,
    query: ResourceQuery,
  ): Promise<Paged<ResourceView>> {
    await this.centers.getEntity(centerId);
    const all = await this.repository.ofCenter(centerId, query);
    const matching = query.feature ? all.filter((r) => r.features.includes(query.feature!)) : all;
    const items = matching.slice(query.offset, query.offset + query.limit);
    return { items: items.map((r) => this.view(caller, r)), total: matching.length };
  }

  /** Every resource of a center (active or not), for availability and the day's timeline. */
  async allOf(centerId: string): Promise<ResourceEntity[]> {
    return this.repository.ofCenters([centerId]);
  }

  /** Every resource of the given centers (every center when null), in one query. */
  async allOfCenters(centerIds: string[] | null): Promise<ResourceEntity[]> {
    return this.repository.ofCenters(centerIds);
  }

  /** The resource (as committed now when given a write's manager), or NOT_FOUND. */
  async getEntity(id: string, db?: EntityManager): Promise<ResourceEntity> {
    const resource = await this.repository.find(id, db);
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
    await this.writes.run({}, async (tx) => {
      await this.repository.insert(tx.manager, resource);
      tx.audit({
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
    const resource = token.length <= 64 ? await this.repository.findByQrToken(token) : null;
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
    const updated = await this.writes.run({}, async (tx) => {
      await this.repository.setQrToken(tx.manager, id, qrToken);
      const resource = await this.getEntity(id, tx.manager);
      tx.audit({
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

  /** The resources with these ids, as committed now in the write (`db`). */
  /** The read of the resources with these ids, to send with others (`findTogether`). */
  manyQuery(ids: readonly string[], db?: EntityManager): RowsQuery<ResourceEntity[]> {
    return this.repository.manyQuery(ids, db);
  }

  findMany(ids: readonly string[], db?: EntityManager): Promise<ResourceEntity[]> {
    return this.repository.findMany(ids, db);
  }

  /** Stores the resource's columns as given, in a write (calendar effects check them first). */
  store(db: EntityManager, resource: ResourceEntity): Promise<void> {
    return this.repository.update(db, resource);
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
