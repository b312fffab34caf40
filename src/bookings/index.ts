/** The public surface of src/bookings: what other modules may import (docs/development.md). */
export { AvailabilityService } from './availability.service';
export { BookingChangesService } from './booking-changes.service';
export { BookingList } from './booking-list';
export type { ListPosition } from './booking-list';
export { AllocationEntity, BookingEntity, SessionEntity, PURPOSES } from './booking.entity';
export type { BookingStatus, Purpose } from './booking.entity';
export {
  AvailabilityQuery,
  BookingQuery,
  CreateBookingInput,
  RejectInput,
  WindowQuery,
} from './bookings.dto';
export type {
  BookingAnswer,
  BookingView,
  ConflictView,
  SessionView,
  ChangedSessionView,
} from './bookings.dto';
export { BookingsModule } from './bookings.module';
export { BookingsRepository } from './bookings.repository';
export { BookingsService } from './bookings.service';
export { CalendarEffectsService } from './calendar-effects.service';
export { OwnedSessionsCanceller } from './owned-sessions-canceller';
export { IsAfterField, IsRequestTime } from './request-time.validators';
export type {
  AggregateGroup,
  AggregateKey,
  AggregateSpec,
  SessionCounts,
} from './session-aggregates';
export { byDayAndPurpose } from './session-aggregates';
export { SessionRecords } from './session-records';
export type { DaySession } from './session-records';
export { parseWindowTime } from './window-time';
export { CheckInModule } from './check-in/check-in.module';
export { CheckInService } from './check-in/check-in.service';
export { ScanService } from './check-in/scan.service';
export type { ScanResult } from './check-in/scan.service';
export { WALK_IN_TITLE, WalkInsService } from './check-in/walk-ins.service';
export type { WalkInOutlook } from './check-in/walk-ins.service';
