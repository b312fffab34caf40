import { Injectable } from '@nestjs/common';
import { BookingsService, CheckInService } from './bookings';
import { CentersService, ClosuresService } from './centers';
import { OrganizationsService, RouteTargets } from './identity';
import { Principal } from './access';
import { ResourcesService } from './resources';

/** Resolves the path parameters routes use, through the services that own them. */
@Injectable()
export class RouteTargetLookup extends RouteTargets {
  constructor(
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly bookings: BookingsService,
    private readonly organizations: OrganizationsService,
    private readonly checkIns: CheckInService,
  ) {
    super();
  }

  async assertVisible(caller: Principal, params: Record<string, string>): Promise<void> {
    if (params.centerId) await this.centers.getEntity(params.centerId);
    if (params.centerId && params.closureId) {
      await this.closures.assertExists(params.centerId, params.closureId);
    }
    if (params.resourceId) await this.resources.getEntity(params.resourceId);
    if (params.bookingId) await this.bookings.get(caller, params.bookingId);
    if (params.organizationId) await this.organizations.assertExists(params.organizationId);
    if (params.occurrenceId && !params.bookingId) {
      await this.checkIns.assertSessionVisible(caller, params.occurrenceId);
    }
    if (params.token) await this.resources.getByQrToken(params.token);
  }
}
