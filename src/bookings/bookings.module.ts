import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CentersModule } from '../centers';
import { IdentityModule } from '../identity';
import { ResourcesModule } from '../resources';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';
import { BookingsController } from './bookings.controller';
import { BookingChangesService } from './booking-changes.service';
import {
  AllocationEntity,
  BookingEntity,
  IdempotencyKeyEntity,
  SessionEntity,
} from './booking.entity';
import { BookingsRepository } from './bookings.repository';
import { BookingList } from './booking-list';
import { BookingsService } from './bookings.service';
import { CalendarEffectsController } from './calendar-effects.controller';
import { CalendarEffectsService } from './calendar-effects.service';
import { SessionRecords } from './session-records';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      BookingEntity,
      SessionEntity,
      AllocationEntity,
      IdempotencyKeyEntity,
    ]),
    CentersModule,
    ResourcesModule,
    IdentityModule,
  ],
  controllers: [BookingsController, AvailabilityController, CalendarEffectsController],
  providers: [
    BookingsRepository,
    BookingsService,
    BookingChangesService,
    AvailabilityService,
    CalendarEffectsService,
    SessionRecords,
    BookingList,
  ],
  exports: [
    BookingsRepository,
    BookingsService,
    BookingChangesService,
    AvailabilityService,
    CalendarEffectsService,
    SessionRecords,
    BookingList,
  ],
})
export class BookingsModule {}
