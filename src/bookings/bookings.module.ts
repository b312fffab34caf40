import { Module } from '@nestjs/common';
import { CentersModule } from '../centers';
import { IdentityModule } from '../identity';
import { ResourcesModule } from '../resources';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';
import { BookingsController } from './bookings.controller';
import { BookingChangesService } from './booking-changes.service';
import { BookingsService } from './bookings.service';
import { CalendarEffectsController } from './calendar-effects.controller';
import { CalendarEffectsService } from './calendar-effects.service';
import { SessionRecords } from './session-records';

@Module({
  imports: [CentersModule, ResourcesModule, IdentityModule],
  controllers: [BookingsController, AvailabilityController, CalendarEffectsController],
  providers: [
    BookingsService,
    BookingChangesService,
    AvailabilityService,
    CalendarEffectsService,
    SessionRecords,
  ],
  exports: [
    BookingsService,
    BookingChangesService,
    AvailabilityService,
    CalendarEffectsService,
    SessionRecords,
  ],
})
export class BookingsModule {}
