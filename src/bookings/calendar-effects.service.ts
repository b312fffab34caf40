import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { AffectedSession, ClosureView, CreateClosureInput } from '../centers/centers.dto';
import { CentersService } from '../centers/centers.service';
import { ClosuresService } from '../centers/closures.service';
import { WriteTransactions } from '../database/write-transactions';
import { Principal } from '../identity/access';
import { ResourceEntity } from '../resources/resource.entity';
import { ResourcesService } from '../resources/resources.service';
import { ResourceView } from '../resources/resources.dto';
import { formatInstant, isClosedOn, localDateOf } from '../scheduling';
import { AllocationEntity, BookingEntity, OccurrenceEntity } from './booking.entity';
import { cancelOccurrences } from './occurrence-writes';

/**
 * Changes to a center's calendar or resources that touch existing bookings: a new closure
 * reports the sessions it falls on; deactivating a resource refuses, or cancels its future
 * sessions.
 */
@Injectable()
export class CalendarEffectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
  ) {}

  /** Adds the closure; existing bookings stay, and the sessions on closed days are listed. */
  async addClosure(
    caller: Principal,
    centerId: string,
    input: CreateClosureInput,
  ): Promise<ClosureView & { affected: AffectedSession[] }> {
    const closure = await this.closures.create(caller, centerId, input);
    const center = await this.centers.getEntity(centerId);
    const zone = center.timezone;
    const rows: Array<OccurrenceEntity & { title: string; resourceId: string }> =
      await this.dataSource
        .getRepository(OccurrenceEntity)
        .createQueryBuilder('o')
        .innerJoin(BookingEntity, 'b', 'b.id = o.bookingId')
        .select([
          'o.id AS id',
          'o.bookingId AS "bookingId"',
          'o.startMs AS "startMs"',
          'o.endMs AS "endMs"',
        ])
        .addSelect(['b.title AS title', 'b.resourceId AS "resourceId"'])
        .where('b.centerId = :centerId', { centerId })
        .andWhere('b.status IN (:...statuses)', { statuses: ['pending', 'confirmed'] })
        .andWhere('o.status IN (:...active)', { active: ['booked', 'checked_in'] })
        .andWhere('o.endMs > :now', { now: this.clock.now() })
        .orderBy('o.startMs', 'ASC')
        .getRawMany();
    const affected = rows
      .filter((row) => isClosedOn(localDateOf(Number(row.startMs), zone), [closure]))
      .map((row) => ({
        bookingId: row.bookingId,
        occurrenceId: row.id,
        resourceId: row.resourceId,
        title: row.title,
        start: formatInstant(Number(row.startMs), zone),
        end: formatInstant(Number(row.endMs), zone),
      }));
    return { ...closure, affected };
  }

  /**
   * Deactivates the resource. With future sessions it refuses, unless `cancelFuture`: then the
   * sessions booked on it are cancelled, and where it was lent as equipment only that loan ends.
   */
  async deactivateResource(
    caller: Principal,
    resourceId: string,
    cancelFuture: boolean,
  ): Promise<ResourceView> {
    await this.resources.getManaged(caller, resourceId);
    const now = this.clock.now();
    const updated = await this.writes.run(async (manager) => {
      const future = await manager
        .getRepository(AllocationEntity)
        .createQueryBuilder('a')
        .where('a.resourceId = :resourceId', { resourceId })
        .andWhere('a.active = :active', { active: true })
        .andWhere('a.endMs > :now', { now })
        .getMany();
      if (future.length > 0 && !cancelFuture) {
        throw new DomainError(
          'RESOURCE_HAS_FUTURE_BOOKINGS',
          `${future.length} future session(s) hold this resource; cancel them first or pass cancelFuture=true`,
        );
      }
      const bookingIds = [...new Set(future.map((a) => a.bookingId))];
      const owned = bookingIds.length
        ? await manager
            .getRepository(BookingEntity)
            .createQueryBuilder('b')
            .where('b.id IN (:...ids)', { ids: bookingIds })
            .andWhere('b.resourceId = :resourceId', { resourceId })
            .getMany()
        : [];
      const ownedIds = new Set(owned.map((b) => b.id));
      const onThisResource = future.filter((a) => ownedIds.has(a.bookingId));
      const occurrences = onThisResource.length
        ? await manager
            .getRepository(OccurrenceEntity)
            .createQueryBuilder('o')
            .where('o.id IN (:...ids)', { ids: onThisResource.map((a) => a.occurrenceId) })
            .getMany()
        : [];
      await cancelOccurrences(manager, occurrences, now);
      for (const loan of future.filter((a) => !ownedIds.has(a.bookingId))) {
        await manager.update(AllocationEntity, { id: loan.id }, { active: false });
      }
      await manager.update(ResourceEntity, { id: resourceId }, { active: false });
      return manager.getRepository(ResourceEntity).findOneByOrFail({ id: resourceId });
    });
    return this.resources.view(caller, updated);
  }
}
