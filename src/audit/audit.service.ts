import { Injectable } from '@nestjs/common';
import { AuditEntryEntity, AuditRepository } from '../audit-log';
import { parseWindowTime } from '../bookings';
import { CentersService } from '../centers';
import { DomainError } from '../common/domain-error';
import { Paged } from '../common/pagination';
import { isStaffOf, Principal } from '../access';
import { UsersService } from '../identity';
import { formatInstant } from '../scheduling';
import { AuditEntryView, AuditQuery } from './audit.dto';

/** Reading the audit log: admins see all of it, coordinators their centers and their own acts. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly centers: CentersService,
    private readonly users: UsersService,
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
    const [entries, total] = await this.repository.list({
      centerId: center?.id,
      actorOrCenters:
        !center && caller.role !== 'admin'
          ? { actorId: caller.id, centerIds: caller.centerIds }
          : undefined,
      fromMs: query.from ? parseWindowTime(query.from, zone, 'from') : undefined,
      toMs: query.to ? parseWindowTime(query.to, zone, 'to') : undefined,
      actorId: query.actorId,
      targetId: query.targetId,
      action: query.action,
      offset: query.offset,
      limit: query.limit,
    });
    return { items: await this.views(entries), total };
  }

  private async views(entries: AuditEntryEntity[]): Promise<AuditEntryView[]> {
    const actorIds = [...new Set(entries.map((e) => e.actorId))];
    const centerIds = [...new Set(entries.flatMap((e) => (e.centerId ? [e.centerId] : [])))];
    const actors = await this.users.entities(actorIds);
    const zones = await this.centers.findEntities(centerIds);
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
