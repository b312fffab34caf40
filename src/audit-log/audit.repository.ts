import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { insertRows } from '../database';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditFilter {
  /** Only this center's entries. */
  centerId?: string;
  /** Entries by this actor or of these centers (a coordinator without a center filter). */
  actorOrCenters?: { actorId: string; centerIds: readonly string[] };
  fromMs?: number;
  toMs?: number;
  actorId?: string;
  targetId?: string;
  action?: string;
  offset: number;
  limit: number;
}

/** Every statement on `audit_entries`: the writer's insert and the log's reads. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the entries (one statement), in the write's transaction. */
  async insert(db: EntityManager, entries: readonly AuditEntryEntity[]): Promise<void> {
    await insertRows(db, AuditEntryEntity, [...entries]);
  }

  /** A page of entries, newest first, and how many match. */
  list(filter: AuditFilter): Promise<[AuditEntryEntity[], number]> {
    const builder = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .orderBy('a.atMs', 'DESC')
      .addOrderBy('a.id', 'ASC');
    if (filter.centerId) {
      builder.andWhere('a.centerId = :centerId', { centerId: filter.centerId });
    } else if (filter.actorOrCenters) {
      const { actorId, centerIds } = filter.actorOrCenters;
      builder.andWhere('(a.actorId = :me OR a.centerId IN (:...centers))', {
        me: actorId,
        centers: centerIds.length > 0 ? centerIds : [''],
      });
    }
    if (filter.fromMs !== undefined) builder.andWhere('a.atMs >= :from', { from: filter.fromMs });
    if (filter.toMs !== undefined) builder.andWhere('a.atMs < :to', { to: filter.toMs });
    if (filter.actorId) builder.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.targetId) builder.andWhere('a.targetId = :targetId', { targetId: filter.targetId });
    if (filter.action) builder.andWhere('a.action = :action', { action: filter.action });
    return builder.skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  /** The entries that recorded the creation of these closures (a deleted closure's dates). */
  closureCreations(closureIds: readonly string[]): Promise<AuditEntryEntity[]> {
    if (closureIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ action: 'closure.created', targetId: In([...closureIds]) });
  }
}
