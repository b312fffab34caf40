import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BookingView, SessionView } from '../bookings/bookings.dto';
import { Clock } from '../common/clock';
import { CurrentUser, Principal, SignedIn } from '../identity/access';
import { ResourcesService } from '../resources/resources.service';
import { CheckInService } from './check-in.service';
import { WalkInsService } from './walk-ins.service';

export type ScanResult =
  { action: 'checked_in'; occurrence: SessionView } | { action: 'walk_in'; booking: BookingView };

@ApiTags('check-in')
@ApiBearerAuth()
@Controller('api/v1')
export class CheckInController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly walkIns: WalkInsService,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Post('occurrences/:occurrenceId/check-in')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The session, checked in' })
  checkIn(
    @CurrentUser() caller: Principal,
    @Param('occurrenceId') occurrenceId: string,
  ): Promise<SessionView> {
    return this.checkIns.checkIn(caller, occurrenceId);
  }

  @SignedIn()
  @Post('occurrences/:occurrenceId/check-out')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The session, checked out; the rest of it is free' })
  checkOut(
    @CurrentUser() caller: Principal,
    @Param('occurrenceId') occurrenceId: string,
  ): Promise<SessionView> {
    return this.checkIns.checkOut(caller, occurrenceId);
  }

  @SignedIn()
  @Post('check-in/:token')
  @ApiResponse({ status: 200, description: '{action: "checked_in", occurrence}: your session' })
  @ApiResponse({ status: 201, description: '{action: "walk_in", booking}: a new walk-in' })
  @ApiResponse({ status: 409, description: 'RESOURCE_BUSY with freeAt' })
  async scan(
    @CurrentUser() caller: Principal,
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScanResult> {
    const resource = await this.resources.getByQrToken(token);
    const own = await this.checkIns.openSessionOf(caller, resource);
    if (own) {
      void reply.status(200);
      return { action: 'checked_in', occurrence: await this.checkIns.checkIn(caller, own) };
    }
    const booking = await this.walkIns.walkIn(caller, resource, this.clock.now());
    void reply.status(201);
    return { action: 'walk_in', booking };
  }
}
