import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { bookingAnswer } from '../booking-views';
import { BookingAnswer, ChangedSessionView } from '../bookings.dto';
import { CurrentUser, Principal, SignedIn } from '../../access';
import { CheckInService } from './check-in.service';
import { ScanService } from './scan.service';

@ApiTags('check-in')
@ApiBearerAuth()
@Controller('api/v1')
export class CheckInController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly scans: ScanService,
  ) {}

  @SignedIn()
  @Post('occurrences/:occurrenceId/check-in')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The session, checked in' })
  checkIn(
    @CurrentUser() caller: Principal,
    @Param('occurrenceId') occurrenceId: string,
  ): Promise<ChangedSessionView> {
    return this.checkIns.checkIn(caller, occurrenceId);
  }

  @SignedIn()
  @Post('occurrences/:occurrenceId/check-out')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The session, checked out; the rest of it is free' })
  checkOut(
    @CurrentUser() caller: Principal,
    @Param('occurrenceId') occurrenceId: string,
  ): Promise<ChangedSessionView> {
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
  ): Promise<
    | { action: 'checked_in'; occurrence: ChangedSessionView }
    | { action: 'walk_in'; booking: BookingAnswer }
  > {
    const result = await this.scans.scan(caller, token);
    void reply.status(result.action === 'walk_in' ? 201 : 200);
    if (result.action === 'checked_in') return result;
    return { action: 'walk_in', booking: bookingAnswer(caller, result.booking) };
  }
}
