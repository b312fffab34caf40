import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { findRow, findRows } from '../database';
import { CenterEntity } from '../centers';
import type { BookingEntity } from './booking.entity';
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

/** Every resource a stored booking holds: what its writes pass to `lockResources`. */
export function resourcesOf(booking: Pick<BookingEntity, 'resourceId' | 'equipment'>): string[] {
  return [booking.resourceId, ...booking.equipment.map((e) => e.resourceId)];
}

/** What a booking's sessions are checked against. `held[0]` is the booked resource. */
export interface BookingContext {
  center: CenterEntity;
  resource: ResourceEntity;
  held: HeldResource[];
}

/**
 * The center and held resources as committed now, read inside the write transaction: whatever
 * changed since the request was prepared (a resource deactivated, shrunk, re-buffered, a room's
 * capacity, the center's policy or hours) is checked as it is now.
 */
export async function refreshContext(
  manager: EntityManager,
  context: BookingContext,
): Promise<BookingContext> {
  const center = await findRow(manager, CenterEntity, { id: context.center.id });
  if (!center) throw new DomainError('NOT_FOUND', `No center ${context.center.id}`);
  const ids = context.held.map((h) => h.resource.id);
  const rows = await findRows(manager, ResourceEntity, { id: ids });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const held = context.held.map((h) => ({
    resource: byId.get(h.resource.id)!,
    quantity: h.quantity,
  }));
  return { center, resource: held[0].resource, held };
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
