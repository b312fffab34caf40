import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit-log';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { escapeLike, LIKE_ESCAPE } from '../common/like';
import { Paged } from '../common/pagination';
import { WriteTransactions } from '../database';
import { Principal } from '../access';
import { OrganizationEntity } from './user.entity';
import { OrganizationQuery, OrganizationView } from './users.dto';

/** The NGOs people come from: reports count the organizations a center served. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(query: OrganizationQuery): Promise<Paged<OrganizationView>> {
    const builder = this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC');
    if (query.q) {
      builder.where(`LOWER(o.name) LIKE :q ${LIKE_ESCAPE}`, {
        q: `%${escapeLike(query.q.toLowerCase())}%`,
      });
    }
    const [rows, total] = await builder.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: rows.map(toView), total };
  }

  async assertExists(id: string): Promise<void> {
    const exists = await this.dataSource.getRepository(OrganizationEntity).existsBy({ id });
    if (!exists) throw new DomainError('NOT_FOUND', `No organization ${id}`);
  }

  async create(caller: Principal, name: string): Promise<OrganizationView> {
    const organization: OrganizationEntity = {
      id: randomUUID(),
      name: name.trim(),
      createdAt: this.clock.now(),
    };
    await this.writes.run(async (manager) => {
      await assertNameFree(manager, organization.name, null);
      await manager.getRepository(OrganizationEntity).insert(organization);
      await this.audit.record(manager, {
        actorId: caller.id,
        action: 'organization.created',
        targetType: 'organization',
        targetId: organization.id,
        centerId: null,
      });
    });
    return toView(organization);
  }

  async rename(caller: Principal, id: string, name: string): Promise<OrganizationView> {
    await this.assertExists(id);
    const renamed = await this.writes.run(async (manager) => {
      const current = await manager.getRepository(OrganizationEntity).findOneByOrFail({ id });
      const next = { ...current, name: name.trim() };
      await assertNameFree(manager, next.name, id);
      await manager.getRepository(OrganizationEntity).save(next);
      await this.audit.record(manager, {
        actorId: caller.id,
        action: 'organization.renamed',
        targetType: 'organization',
        targetId: id,
        centerId: null,
        details: { from: current.name, to: next.name },
      });
      return next;
    });
    return toView(renamed);
  }
}

/**
 * Names are unique regardless of letter case in any script, so "Nihol" and "NIHOL", "Нихол" and
 * "НИХОЛ" are one NGO. Compared here, not in SQL: LOWER() folds only ASCII letters on SQLite and
 * under PostgreSQL's "C" collation, so a repeated Cyrillic name reached the UNIQUE column (a 500).
 * A network has at most a few thousand organizations, and names change rarely.
 */
async function assertNameFree(manager: EntityManager, name: string, exceptId: string | null) {
  const key = nameKey(name);
  const rows = await manager
    .getRepository(OrganizationEntity)
    .find({ select: { id: true, name: true } });
  if (rows.some((row) => row.id !== exceptId && nameKey(row.name) === key)) {
    throw new DomainError('ALREADY_EXISTS', `An organization named ${name} already exists`).worded(
      'organizationTaken',
      { name },
    );
  }
}

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function toView(row: OrganizationEntity): OrganizationView {
  return { id: row.id, name: row.name };
}
