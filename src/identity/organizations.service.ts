import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Paged } from '../common/pagination';
import { WriteTransactions } from '../database';
import { Principal } from '../access';
import { IdentityRepository } from './identity.repository';
import { OrganizationEntity } from './user.entity';
import { OrganizationQuery, OrganizationView } from './users.dto';

/** The NGOs people come from: reports count the organizations a center served. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly repository: IdentityRepository,
    private readonly writes: WriteTransactions,
    private readonly clock: Clock,
  ) {}

  async list(query: OrganizationQuery): Promise<Paged<OrganizationView>> {
    const [rows, total] = await this.repository.listOrganizations(query);
    return { items: rows.map(toView), total };
  }

  /** The organizations with these ids. */
  byIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.repository.organizationsByIds(ids);
  }

  async assertExists(id: string): Promise<void> {
    const exists = await this.repository.organizationExists(id);
    if (!exists) throw new DomainError('NOT_FOUND', `No organization ${id}`);
  }

  async create(caller: Principal, name: string): Promise<OrganizationView> {
    const organization: OrganizationEntity = {
      id: randomUUID(),
      name: name.trim(),
      createdAt: this.clock.now(),
    };
    await this.writes.run({}, async (tx) => {
      await this.assertNameFree(tx.manager, organization.name, null);
      await this.repository.insertOrganization(tx.manager, organization);
      tx.audit({
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
    const renamed = await this.writes.run({}, async (tx) => {
      const current = await this.repository.getOrganization(tx.manager, id);
      const next = { ...current, name: name.trim() };
      await this.assertNameFree(tx.manager, next.name, id);
      await this.repository.renameOrganization(tx.manager, id, next.name);
      tx.audit({
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

  /**
   * Names are unique regardless of letter case in any script, so "Nihol" and "NIHOL", "Нихол" and
   * "НИХОЛ" are one NGO. Compared here, not in SQL: LOWER() folds only ASCII letters on SQLite and
   * under PostgreSQL's "C" collation, so a repeated Cyrillic name reached the UNIQUE column (a
   * 500). A network has at most a few thousand organizations, and names change rarely.
   */
  private async assertNameFree(db: EntityManager, name: string, exceptId: string | null) {
    const key = nameKey(name);
    const rows = await this.repository.organizationNames(db);
    if (rows.some((row) => row.id !== exceptId && nameKey(row.name) === key)) {
      throw new DomainError(
        'ALREADY_EXISTS',
        `An organization named ${name} already exists`,
      ).worded('organizationTaken', { name });
    }
  }
}

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function toView(row: OrganizationEntity): OrganizationView {
  return { id: row.id, name: row.name };
}
