import { EntityManager } from 'typeorm';
import { isExclusive, ResourceEntity } from '../resources';
import {
  type Conflict,
  exclusiveClashes,
  type Interval,
  MINUTE_MS,
  peakUse,
  type PoolUse,
} from '../scheduling';
import { AllocationRow, BookingsRepository, MAX_ALLOCATION_MS } from './bookings.repository';
import { HeldResource } from './booking-context';

/**
 * Whether `quantity` units of `resource` (1 of an exclusive one) can be held through `session`
 * beside `uses`, with the resource's buffer after every booking. The one rule behind booking,
 * moving and availability.
 */
export function verdictFor(
  session: Interval,
  resource: ResourceEntity,
  quantity: number,
  uses: PoolUse[],
): Conflict | null {
  const base = { start: session.start, end: session.end, resourceId: resource.id };
  if (isExclusive(resource.kind)) {
    return exclusiveClashes(session, uses, resource.bufferMinutes).length > 0
      ? { ...base, reason: 'booked' }
      : null;
  }
  const free = unitsFree(session, resource, uses);
  return free < quantity ? { ...base, reason: 'insufficient_quantity', available: free } : null;
}

/** Units of a pool free through the whole session (0 at the least). */
export function unitsFree(session: Interval, resource: ResourceEntity, uses: PoolUse[]): number {
  const bufferMs = resource.bufferMinutes * MINUTE_MS;
  const buffered = uses.map((use) => ({ ...use, end: use.end + bufferMs }));
  const peak = peakUse(buffered, { start: session.start, end: session.end + bufferMs });
  return Math.max(0, resource.quantity - peak);
}

/**
 * `booked` and `insufficient_quantity` conflicts of the sessions, one entry per session and
 * clashing resource: against what is already held (except `ignoreSessions`, the sessions being
 * moved), and against the series' own earlier sessions, so a series respects its own buffers.
 * Sessions listed in `alreadyRefused` (closed days…) are not booked, so later ones ignore them.
 */
export async function bookedConflicts(
  repository: BookingsRepository,
  manager: EntityManager,
  sessions: Interval[],
  held: HeldResource[],
  options: {
    ignoreSessions?: ReadonlySet<string>;
    alreadyRefused?: ReadonlySet<number>;
    /** One session's allocations, already read (with the widest buffer of `held`). */
    read?: AllocationRow[];
  } = {},
): Promise<Conflict[]> {
  const ids = held.map((h) => h.resource.id);
  const widestBuffer = Math.max(0, ...held.map((h) => h.resource.bufferMinutes)) * MINUTE_MS;
  const conflicts: Conflict[] = [];
  const kept: Interval[] = [];
  for (const session of sessions) {
    const read =
      options.read && sessions.length === 1
        ? options.read
        : await repository.activeAllocationsNear(manager, ids, session, widestBuffer);
    const near = read.filter((row) => !options.ignoreSessions?.has(row.occurrenceId));
    const ownNear = kept.filter((k) => k.end + widestBuffer + MAX_ALLOCATION_MS > session.start);
    const clashes = held
      .map(({ resource, quantity }) => {
        const uses = [
          ...near.filter((row) => row.resourceId === resource.id),
          ...ownNear.map((k) => ({ ...k, quantity })),
        ];
        return verdictFor(session, resource, quantity, uses);
      })
      .filter((c): c is Conflict => c !== null);
    conflicts.push(...clashes);
    if (clashes.length === 0 && !options.alreadyRefused?.has(session.start)) kept.push(session);
  }
  return conflicts;
}
