import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CenterEntity, CentersService } from '../centers';
import { DomainError } from '../common/domain-error';
import { Paged } from '../common/pagination';
import { parseWindowTime } from '../bookings';
import { UserEntity } from '../identity';
import { isStaffOf, Principal } from '../access';
import { formatInstant } from '../scheduling';
import { AuditEntryEntity } from '../audit-log';
import { AuditEntryView, AuditQuery } from './audit.dto';

/** Reading the audit log: admins see all of it, coordinators their centers and their own acts. */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly centers: CentersService,
  ) {}

  async list(caller: Principal, query: AuditQuery): Promise<Paged<AuditEntryView>> {
    const center = query.centerId ? await this.centers.getEntity(query.centerId) : null;
    if (center && !isStaffOf(caller, center.id)) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the center’s coordinators and admins may read its log',
      );
    }
    const zone = center?.timezone ?? null;
    const builder = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .orderBy('a.atMs', 'DESC')
      .addOrderBy('a.id', 'ASC');
    if (center) {
      builder.andWhere('a.centerId = :centerId', { centerId: center.id });
    } else if (caller.role !== 'admin') {
      builder.andWhere('(a.actorId = :me OR a.centerId IN (:...centers))', {
        me: caller.id,
        centers: caller.centerIds.length > 0 ? caller.centerIds : [''],
      });
    }
    if (query.from)
      builder.andWhere('a.atMs >= :from', { from: parseWindowTime(query.from, zone, 'from') });
    if (query.to) builder.andWhere('a.atMs < :to', { to: parseWindowTime(query.to, zone, 'to') });
    if (query.actorId) builder.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.targetId) builder.andWhere('a.targetId = :targetId', { targetId: query.targetId });
    if (query.action) builder.andWhere('a.action = :action', { action: query.action });
    const [entries, total] = await builder.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: await this.views(entries), total };
  }

  private async views(entries: AuditEntryEntity[]): Promise<AuditEntryView[]> {
    const actorIds = [...new Set(entries.map((e) => e.actorId))];
    const centerIds = [...new Set(entries.flatMap((e) => (e.centerId ? [e.centerId] : [])))];
    const actors = actorIds.length
      ? await this.dataSource.getRepository(UserEntity).findBy({ id: In(actorIds) })
      : [];
    const zones = centerIds.length
      ? await this.dataSource.getRepository(CenterEntity).findBy({ id: In(centerIds) })
      : [];
    const nameOf = new Map(actors.map((a) => [a.id, a.name]));
    const zoneOf = new Map(zones.map((c) => [c.id, c.timezone]));
    return entries.map((entry) => ({
      id: entry.id,
      at: formatInstant(entry.atMs, (entry.centerId && zoneOf.get(entry.centerId)) || 'UTC'),
      actor: { id: entry.actorId, name: nameOf.get(entry.actorId) ?? null },
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      centerId: entry.centerId,
      details: entry.details,
    }));
  }
}
