import { EntityManager } from 'typeorm';
import { isExclusive, ResourceEntity } from '../resources/resource.entity';
import { exclusiveClashes, peakUse } from '../scheduling';
import type { Conflict, Interval } from '../scheduling/types';
import { activeAllocationsNear } from './allocation-store';

/** A resource a booking holds in each session: the booked resource itself and its equipment. */
export interface HeldResource {
  resource: ResourceEntity;
  quantity: number;
}

const MINUTE = 60_000;

/**
 * `booked` and `insufficient_quantity` conflicts of the sessions against what is already held,
 * one entry per session and clashing resource. `ignoreOccurrences` are the sessions being moved.
 */
export async function bookedConflicts(
  manager: EntityManager,
  sessions: Interval[],
  held: HeldResource[],
  ignoreOccurrences: ReadonlySet<string> = new Set(),
): Promise<Conflict[]> {
  const ids = held.map((h) => h.resource.id);
  const widestBuffer = Math.max(0, ...held.map((h) => h.resource.bufferMinutes)) * MINUTE;
  const conflicts: Conflict[] = [];
  for (const session of sessions) {
    const near = await activeAllocationsNear(manager, ids, session, widestBuffer);
    const relevant = near.filter((row) => !ignoreOccurrences.has(row.occurrenceId));
    for (const { resource, quantity } of held) {
      const rows = relevant.filter((row) => row.resourceId === resource.id);
      const conflict = clashOf(session, resource, quantity, rows);
      if (conflict) conflicts.push(conflict);
    }
  }
  return conflicts;
}

function clashOf(
  session: Interval,
  resource: ResourceEntity,
  quantity: number,
  rows: Array<Interval & { quantity: number }>,
): Conflict | null {
  const bufferMs = resource.bufferMinutes * MINUTE;
  const base = { start: session.start, end: session.end, resourceId: resource.id };
  if (isExclusive(resource.kind)) {
    return exclusiveClashes(session, rows, resource.bufferMinutes).length > 0
      ? { ...base, reason: 'booked' }
      : null;
  }
  const uses = rows.map((row) => ({ ...row, end: row.end + bufferMs }));
  const free =
    resource.quantity - peakUse(uses, { start: session.start, end: session.end + bufferMs });
  return free < quantity
    ? { ...base, reason: 'insufficient_quantity', available: Math.max(0, free) }
    : null;
}
