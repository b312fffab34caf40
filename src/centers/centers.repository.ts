import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { PagingQuery } from '../common/pagination';
import { findRow, findRows, rowsOf, RowsQuery } from '../database';
import { CenterEntity } from './center.entity';
import { ClosureEntity } from './closure.entity';

/**
 * Every statement on the centers module's tables, `centers` and `closures`. Reads take an
 * optional manager (a write's `tx.manager` reads what is committed now, inside the write); writes
 * take the write's manager.
 */
@Injectable()
export class CentersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get reads(): EntityManager {
    return this.dataSource.manager;
  }

  // -------------------------------------------------------------- centers

  /** One center by id (a plain statement: read on every booking). */
  /** The read of one center (not sent yet: see `findTogether`). */
  centerQuery(id: string, db: EntityManager = this.reads): RowsQuery<CenterEntity | null> {
    return rowsOf(db, CenterEntity, { id }).map(([center]) => center ?? null);
  }

  /** The read of the center of a resource (by the resource's id; not sent yet). */
  centerOfResourceQuery(
    resourceId: string,
    db: EntityManager = this.reads,
  ): RowsQuery<CenterEntity | null> {
    return rowsOf(db, CenterEntity, {
      condition: 'id = (SELECT center_id FROM resources WHERE id = ?)',
      values: [resourceId],
    }).map(([center]) => center ?? null);
  }

  /** The read of a center's closures (not sent yet). */
  closuresQuery(centerId: string, db: EntityManager = this.reads): RowsQuery<ClosureEntity[]> {
    return rowsOf(db, ClosureEntity, { centerId });
  }

  findCenter(id: string, db: EntityManager = this.reads): Promise<CenterEntity | null> {
    return findRow(db, CenterEntity, { id });
  }

  findCenters(ids: readonly string[]): Promise<CenterEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.reads.getRepository(CenterEntity).findBy({ id: In([...ids]) });
  }

  /** A page of centers by name and id, and how many there are. */
  pageOfCenters(page: PagingQuery): Promise<[CenterEntity[], number]> {
    return this.reads.getRepository(CenterEntity).findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
  }

  allCenters(): Promise<CenterEntity[]> {
    return this.reads.getRepository(CenterEntity).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  countCenters(): Promise<number> {
    return this.reads.getRepository(CenterEntity).count();
  }

  slugTaken(db: EntityManager, slug: string): Promise<boolean> {
    return db.getRepository(CenterEntity).existsBy({ slug });
  }

  async insertCenter(db: EntityManager, center: CenterEntity): Promise<void> {
    await db.getRepository(CenterEntity).insert(center);
  }

  /** Stores every column of the center as given. */
  async updateCenter(db: EntityManager, center: CenterEntity): Promise<void> {
    const { id, ...columns } = center;
    await db.update(CenterEntity, { id }, columns);
  }

  // -------------------------------------------------------------- closures

  /** A center's closures (a plain statement: read on every booking). */
  closuresOf(centerId: string, db: EntityManager = this.reads): Promise<ClosureEntity[]> {
    return findRows(db, ClosureEntity, { centerId });
  }

  allClosures(): Promise<ClosureEntity[]> {
    return this.reads.getRepository(ClosureEntity).find();
  }

  /** A page of a center's closures by start and id, and how many it has. */
  pageOfClosures(centerId: string, page: PagingQuery): Promise<[ClosureEntity[], number]> {
    return this.reads.getRepository(ClosureEntity).findAndCount({
      where: { centerId },
      order: { from: 'ASC', id: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
  }

  closuresByIds(ids: readonly string[]): Promise<ClosureEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.reads.getRepository(ClosureEntity).findBy({ id: In([...ids]) });
  }

  closureExists(centerId: string, closureId: string): Promise<boolean> {
    return this.reads.getRepository(ClosureEntity).existsBy({ id: closureId, centerId });
  }

  async insertClosure(db: EntityManager, closure: ClosureEntity): Promise<void> {
    await db.getRepository(ClosureEntity).insert(closure);
  }

  /** Deletes the closure; whether there was one. */
  async deleteClosure(db: EntityManager, centerId: string, closureId: string): Promise<boolean> {
    const result = await db.getRepository(ClosureEntity).delete({ id: closureId, centerId });
    return Boolean(result.affected);
  }
}
