import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { findRow, findRows, rowsOf, RowsQuery } from '../database';
import { ResourceEntity } from './resource.entity';

/**
 * Every statement on `resources`. Reads take an optional manager (a write's `tx.manager` reads
 * what is committed now, inside the write); writes take the write's manager.
 */
@Injectable()
export class ResourcesRepository {
  constructor(
    @InjectRepository(ResourceEntity) private readonly resources: Repository<ResourceEntity>,
  ) {}

  private get reads(): EntityManager {
    return this.resources.manager;
  }

  /** One resource by id (a plain statement: read on every booking). */
  find(id: string, db: EntityManager = this.reads): Promise<ResourceEntity | null> {
    return findRow(db, ResourceEntity, { id });
  }

  /** The resources with these ids (any order; missing ones are left out). */
  /** The read of the resources with these ids (not sent yet: see `findTogether`). */
  manyQuery(ids: readonly string[], db: EntityManager = this.reads): RowsQuery<ResourceEntity[]> {
    return rowsOf(db, ResourceEntity, { id: [...ids] });
  }

  findMany(ids: readonly string[], db: EntityManager = this.reads): Promise<ResourceEntity[]> {
    return findRows(db, ResourceEntity, { id: [...ids] });
  }

  findByQrToken(qrToken: string): Promise<ResourceEntity | null> {
    return this.resources.findOneBy({ qrToken });
  }

  /** A center's resources, by kind, name and id; filtered by kind and active when given. */
  ofCenter(centerId: string, filter: { kind?: string; active?: boolean } = {}) {
    const builder = this.resources
      .createQueryBuilder('r')
      .where('r.centerId = :centerId', { centerId })
      .orderBy('r.kind')
      .addOrderBy('r.name')
      .addOrderBy('r.id');
    if (filter.kind) builder.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.active !== undefined) {
      builder.andWhere('r.active = :active', { active: filter.active });
    }
    return builder.getMany();
  }

  /** The resources of these centers (all centers: null), by kind, name and id. */
  ofCenters(centerIds: readonly string[] | null): Promise<ResourceEntity[]> {
    return this.resources.find({
      where: centerIds ? { centerId: In([...centerIds]) } : {},
      order: { kind: 'ASC', name: 'ASC', id: 'ASC' },
    });
  }

  async insert(db: EntityManager, resource: ResourceEntity): Promise<void> {
    await db.getRepository(ResourceEntity).insert(resource);
  }

  /** Stores every column of the resource as given. */
  async update(db: EntityManager, resource: ResourceEntity): Promise<void> {
    const { id, ...columns } = resource;
    await db.update(ResourceEntity, { id }, columns);
  }

  async setQrToken(db: EntityManager, id: string, qrToken: string): Promise<void> {
    await db.update(ResourceEntity, { id }, { qrToken });
  }
}
