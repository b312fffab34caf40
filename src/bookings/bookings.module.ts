import { Module } from '@nestjs/common';
import { CentersModule } from '../centers/centers.module';
import { IdentityModule } from '../identity/identity.module';
import { ResourcesModule } from '../resources/resources.module';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';
import { BookingsController } from './bookings.controller';
import { BookingChangesService } from './booking-changes.service';
import { BookingList } from './booking-list';
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
    BookingList,
  ],
  exports: [
    BookingsService,
    BookingChangesService,
    AvailabilityService,
    CalendarEffectsService,
    SessionRecords,
    BookingList,
  ],
})
export class BookingsModule {}
