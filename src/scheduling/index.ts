export * from './types';
export {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  addDays,
  canonicalZone,
  daysBetween,
  formatInstant,
  isLocalDate,
  isValidZone,
  localDateOf,
  localTimeOf,
  localWallOf,
  offsetMinutesAt,
  parseRequestMoment,
  parseRequestTime,
  wallToInstant,
  weekdayOf,
} from './local-time';
export type { RequestMoment } from './local-time';
export { parseRule } from './rrule-parse';
export type { ParsedRule, RuleFrequency, RuleUntil } from './rrule-parse';
export { expandSessions } from './recurrence';
export type { ExpansionInput, SessionExpansion } from './recurrence';
export { exclusiveClashes, overlaps, peakUse, unitsFreeThrough } from './intervals';
export {
  DEFAULT_OPENING_HOURS,
  calendarConflicts,
  fitsOpeningHours,
  isClosedOn,
  openPeriodsOn,
  parseHHmm,
  validateClosureRule,
  validateOpeningHours,
} from './calendar';
export type { WeekHours } from './calendar';
export { PAST_TOLERANCE_MINUTES, bookingHorizonEnd, checkSessionPolicies } from './policy';
export type { SessionPolicyInput } from './policy';
export { checkInOpensAt, heldUntil, isDueNoShow, noShowReleaseAt } from './check-in';
export type { CheckInSubject } from './check-in';
export { isNoShow } from './no-show';
export type { NoShowCandidate } from './no-show';
export { nearestFreeTimes, resourcesFreeFor, shiftedByDays, weekLaterFits } from './alternatives';
export type { AlternativeBounds, BusyResource, CenterCalendar } from './alternatives';
export { formatFloatingDate, instantToFloating, parseLocalDate } from './local-time';
export { shiftWall, wallMinutesBetween } from './wall-shift';
export { DomainError, ERROR_STATUS, validationError } from './domain-error';
export type { ErrorCode, ErrorExtras, FieldProblem, RuleProblem, Wording } from './domain-error';
