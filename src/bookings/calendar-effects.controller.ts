import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AffectedSession, ClosuresService, ClosureView, CreateClosureInput } from '../centers';
import { Paged, PagingQuery } from '../common/pagination';
import { CurrentUser, Principal, SignedIn, Staff } from '../access';
import { DeactivateResourceQuery, ResourceView, UpdateResourceInput } from '../resources';
import { CalendarEffectsService } from './calendar-effects.service';

/**
 * Closures and resource changes: routes of the centers and resources API whose effects reach
 * into bookings, so they live beside the bookings they touch.
 */
@ApiTags('centers')
@ApiBearerAuth()
@Controller('api/v1')
export class CalendarEffectsController {
  constructor(
    private readonly closures: ClosuresService,
    private readonly effects: CalendarEffectsService,
  ) {}

  @SignedIn()
  @Get('centers/:centerId/closures')
  listClosures(
    @Param('centerId') centerId: string,
    @Query() page: PagingQuery,
  ): Promise<Paged<ClosureView>> {
    return this.closures.list(centerId, page);
  }

  @Staff()
  @Post('centers/:centerId/closures')
  addClosure(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Body() input: CreateClosureInput,
  ): Promise<ClosureView & { affected: AffectedSession[] }> {
    return this.effects.addClosure(caller, centerId, input);
  }

  @Staff()
  @Delete('centers/:centerId/closures/:closureId')
  @HttpCode(204)
  removeClosure(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Param('closureId') closureId: string,
  ): Promise<void> {
    return this.closures.remove(caller, centerId, closureId);
  }

  @Staff()
  @Patch('resources/:resourceId')
  updateResource(
    @CurrentUser() caller: Principal,
    @Param('resourceId') resourceId: string,
    @Body() input: UpdateResourceInput,
  ): Promise<ResourceView> {
    return this.effects.updateResource(caller, resourceId, input);
  }

  @Staff()
  @Delete('resources/:resourceId')
  deactivateResource(
    @CurrentUser() caller: Principal,
    @Param('resourceId') resourceId: string,
    @Query() query: DeactivateResourceQuery,
  ): Promise<ResourceView> {
    return this.effects.deactivateResource(caller, resourceId, query.cancelFuture ?? false);
  }
}
