import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, SignedIn } from '../access';
import { AvailabilityItem, AvailabilityService, ScheduleItem } from './availability.service';
import { AvailabilityQuery, WindowQuery } from './bookings.dto';

@ApiTags('availability')
@ApiBearerAuth()
@Controller('api/v1')
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @SignedIn()
  @Get('centers/:centerId/availability')
  forCenter(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Query() query: AvailabilityQuery,
  ): Promise<{ items: AvailabilityItem[] }> {
    return this.availability.availability(caller, centerId, query);
  }

  @SignedIn()
  @Get('resources/:resourceId/schedule')
  schedule(
    @CurrentUser() caller: Principal,
    @Param('resourceId') resourceId: string,
    @Query() query: WindowQuery,
  ): Promise<{ items: ScheduleItem[] }> {
    return this.availability.schedule(caller, resourceId, query);
  }
}
