import { Injectable } from '@nestjs/common';
import { BookingView, ChangedSessionView } from '../bookings.dto';
import { Clock } from '../../common/clock';
import { Principal } from '../../access';
import { ResourceEntity, ResourcesService } from '../../resources';
import { CheckInService } from './check-in.service';
import { WalkInsService } from './walk-ins.service';

export type ScanResult =
  | { action: 'checked_in'; occurrence: ChangedSessionView }
  | { action: 'walk_in'; booking: BookingView };

/**
 * What scanning a resource's QR code does, for the API and the check-in page alike: the caller's
 * open session there is checked in; otherwise the resource is taken as a walk-in if it is free
 * (RESOURCE_BUSY with `freeAt` if not).
 */
@Injectable()
export class ScanService {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly walkIns: WalkInsService,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
  ) {}

  /** The resource a QR token names (NOT_FOUND for an unknown or rotated token). */
  resourceOf(token: string): Promise<ResourceEntity> {
    return this.resources.getByQrToken(token);
  }

  async scan(caller: Principal, token: string): Promise<ScanResult> {
    return this.scanResource(caller, await this.resources.getByQrToken(token));
  }

  /** `scan` for a resource its caller already read by its token (once per request). */
  async scanResource(caller: Principal, resource: ResourceEntity): Promise<ScanResult> {
    const own = await this.checkIns.openSessionOf(caller, resource);
    if (own) return { action: 'checked_in', occurrence: await this.checkIns.checkIn(caller, own) };
    return {
      action: 'walk_in',
      booking: await this.walkIns.walkIn(caller, resource, this.clock.now()),
    };
  }
}
