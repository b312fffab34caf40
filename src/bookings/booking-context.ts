import { DomainError } from '../common/domain-error';
import { CenterEntity } from '../centers';
import { Principal } from '../access';
import { ResourceEntity } from '../resources';
import {
  calendarConflicts,
  checkSessionPolicies,
  type ClosureRule,
  type Conflict,
  type Session,
} from '../scheduling';

/** A resource a booking holds in each session: the booked resource itself and its equipment. */
export interface HeldResource {
  resource: ResourceEntity;
  quantity: number;
}

export { resourcesOf } from './bookings.repository';

/** What a booking's sessions are checked against. `held[0]` is the booked resource. */
export interface BookingContext {
  center: CenterEntity;
  resource: ResourceEntity;
  held: HeldResource[];
}

export function heldIds(context: BookingContext): string[] {
  return context.held.map((h) => h.resource.id);
}

/** The session rules of API.md that depend on the center and resource: past, window, length. */
export function assertSessionsFit(context: BookingContext, sessions: Session[], now: number): void {
  checkSessionPolicies({
    sessions,
    nowMs: now,
    policy: context.center.policy,
    minDurationMinutes: context.resource.minDurationMinutes,
    maxDurationMinutes: context.resource.maxDurationMinutes,
  });
}

/** The 422 checks that do not depend on the sessions: active center and resources, units. */
export function assertHoldable(context: BookingContext): void {
  if (!context.center.active) {
    throw new DomainError(
      'RESOURCE_INACTIVE',
      `${context.center.name} is not taking bookings`,
    ).worded('centerInactive', { name: context.center.name });
  }
  for (const { resource, quantity } of context.held) {
    if (!resource.active) {
      throw new DomainError('RESOURCE_INACTIVE', `${resource.name} is deactivated`).worded(
        'resourceInactive',
        { name: resource.name },
      );
    }
    if (quantity > resource.quantity) {
      throw new DomainError(
        'QUANTITY_EXCEEDS_POOL',
        `${resource.name} has ${resource.quantity} units; ${quantity} were asked for`,
      ).worded('poolSize', { name: resource.name, count: resource.quantity, asked: quantity });
    }
  }
}

export function assertCapacity(context: BookingContext, attendees: number | null): void {
  const room = context.resource;
  if (attendees !== null && room.capacity !== null && attendees > room.capacity) {
    throw new DomainError(
      'CAPACITY_EXCEEDED',
      `${room.name} holds ${room.capacity} people; ${attendees} attendees were given`,
    ).worded('capacity', { name: room.name, count: room.capacity, attendees });
  }
}

/** A member's booking waits for approval when anything it holds requires approval. */
export function needsApproval(caller: Principal, held: HeldResource[]): boolean {
  return caller.role === 'member' && held.some((h) => h.resource.requiresApproval);
}

/** `closed` and `outside_hours` conflicts of the sessions in the booking's center. */
export function calendarClashes(
  context: BookingContext,
  sessions: Session[],
  closures: ClosureRule[],
): Conflict[] {
  return calendarConflicts(
    sessions,
    context.resource.id,
    context.center.timezone,
    context.center.openingHours,
    closures,
  );
}
