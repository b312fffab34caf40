import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { validationError } from '../common/domain-error';
import { Paged } from '../common/pagination';
import { CurrentUser, Principal, SignedIn, Staff } from '../access';
import {
  BookingAnswer,
  BookingQuery,
  BookingView,
  CancelOccurrenceQuery,
  CreateBookingInput,
  MoveOccurrenceInput,
  RejectInput,
  ChangedSessionView,
  UpdateBookingInput,
} from './bookings.dto';
import { BookingChangesService } from './booking-changes.service';
import { bookingAnswer } from './booking-views';
import { BookingsService } from './bookings.service';

@ApiTags('bookings')
@ApiBearerAuth()
@Controller('api/v1/bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly changes: BookingChangesService,
  ) {}

  @SignedIn()
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiResponse({ status: 201, description: 'The booking, with its sessions' })
  @ApiResponse({ status: 200, description: 'dryRun: the booking that would be made (id null)' })
  @ApiResponse({ status: 409, description: 'BOOKING_CONFLICT with every clash in conflicts' })
  async create(
    @CurrentUser() caller: Principal,
    @Body() input: CreateBookingInput,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingAnswer> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw validationError(
        'Idempotency-Key',
        'must be 1-200 visible ASCII characters',
        'idempotencyKey',
      );
    }
    const result = await this.bookings.create(caller, input, idempotencyKey);
    void reply.status(result.statusCode);
    return bookingAnswer(caller, result.body);
  }

  @SignedIn()
  @Get()
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: BookingQuery,
  ): Promise<Paged<BookingAnswer>> {
    const page = await this.bookings.list(caller, query);
    return { ...page, items: page.items.map((view) => bookingAnswer(caller, view)) };
  }

  @SignedIn()
  @Get(':bookingId')
  async get(
    @CurrentUser() caller: Principal,
    @Param('bookingId') id: string,
  ): Promise<BookingAnswer> {
    return bookingAnswer(caller, await this.bookings.get(caller, id));
  }

  @SignedIn()
  @Patch(':bookingId')
  async update(
    @CurrentUser() caller: Principal,
    @Param('bookingId') id: string,
    @Body() input: UpdateBookingInput,
  ): Promise<BookingAnswer> {
    return bookingAnswer(caller, await this.changes.update(caller, id, input));
  }

  @SignedIn()
  @Delete(':bookingId')
  async cancel(
    @CurrentUser() caller: Principal,
    @Param('bookingId') id: string,
  ): Promise<BookingAnswer> {
    return bookingAnswer(caller, await this.changes.cancel(caller, id));
  }

  @SignedIn()
  @Patch(':bookingId/occurrences/:occurrenceId')
  moveOccurrence(
    @CurrentUser() caller: Principal,
    @Param('bookingId') id: string,
    @Param('occurrenceId') occurrenceId: string,
    @Body() input: MoveOccurrenceInput,
  ): Promise<ChangedSessionView> {
    return this.changes.moveSession(caller, id, occurrenceId, input);
  }

  @SignedIn()
  @Delete(':bookingId/occurrences/:occurrenceId')
  cancelOccurrence(
    @CurrentUser() caller: Principal,
    @Param('bookingId') id: string,
    @Param('occurrenceId') occurrenceId: string,
    @Query() query: CancelOccurrenceQuery,
  ): Promise<ChangedSessionView> {
    return this.changes.cancelSession(caller, id, occurrenceId, query.scope ?? 'this');
  }

  @Staff()
  @Post(':bookingId/approve')
  @HttpCode(200)
  approve(@CurrentUser() caller: Principal, @Param('bookingId') id: string): Promise<BookingView> {
    return this.changes.approve(caller, id);
  }

  @Staff()
  @Post(':bookingId/reject')
  @HttpCode(200)
  reject(
    @CurrentUser() caller: Principal,
    @Param('bookingId') id: string,
    @Body() input: RejectInput,
  ): Promise<BookingView> {
    return this.changes.reject(caller, id, input.reason);
  }
}
