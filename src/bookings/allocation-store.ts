import { EntityManager } from 'typeorm';
import type { Interval, PoolUse } from '../scheduling';
import { insertRows } from '../database';
import { AllocationEntity } from './booking.entity';

/**
 * The longest an allocation can last (resource maximum durations and walk-ins are capped at a
 * day). It bounds the index range scan of a conflict check, so the check's cost depends on the
 * rows near the requested time, never on the length of the history.
 */
export const MAX_ALLOCATION_MS = 24 * 60 * 60 * 1000;

export interface AllocationRow extends PoolUse {
  id: string;
  resourceId: string;
  occurrenceId: string;
  bookingId: string;
}

export interface NewAllocation {
  id: string;
  occurrenceId: string;
  bookingId: string;
  resourceId: string;
  start: number;
  end: number;
  quantity: number;
  exclusive: boolean;
}

function placeholders(manager: EntityManager, count: number, offset = 0): string[] {
  const postgres = manager.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (postgres ? `$${offset + i + 1}` : '?'));
}

/**
 * Active allocations of the given resources that could clash with `window` once a buffer of up to
 * `bufferMs` is added after each side.
 */
export async function activeAllocationsNear(
  manager: EntityManager,
  resourceIds: string[],
  window: Interval,
  bufferMs: number,
): Promise<AllocationRow[]> {
  if (resourceIds.length === 0) return [];
  const ids = placeholders(manager, resourceIds.length);
  const [active, startsBefore, startsFrom, endsAfter] = placeholders(
    manager,
    4,
    resourceIds.length,
  );
  const rows: Array<Record<string, string | number>> = await manager.query(
    `SELECT id, resource_id, occurrence_id, booking_id, start_ms, end_ms, quantity
       FROM allocations
      WHERE resource_id IN (${ids.join(', ')})
        AND active = ${active}
        AND start_ms < ${startsBefore}
        AND start_ms >= ${startsFrom}
        AND end_ms > ${endsAfter}`,
    [
      ...resourceIds,
      manager.connection.options.type === 'postgres' ? true : 1,
      window.end + bufferMs,
      window.start - bufferMs - MAX_ALLOCATION_MS,
      window.start - bufferMs,
    ],
  );
  return rows.map((row) => ({
    id: String(row.id),
    resourceId: String(row.resource_id),
    occurrenceId: String(row.occurrence_id),
    bookingId: String(row.booking_id),
    start: Number(row.start_ms),
    end: Number(row.end_ms),
    quantity: Number(row.quantity),
  }));
}

const INSERT_CHUNK = 400;

export async function insertAllocations(
  manager: EntityManager,
  allocations: NewAllocation[],
): Promise<void> {
  for (let i = 0; i < allocations.length; i += INSERT_CHUNK) {
    const chunk = allocations.slice(i, i + INSERT_CHUNK);
    await insertRows(
      manager,
      AllocationEntity,
      chunk.map((a) => ({
        id: a.id,
        occurrenceId: a.occurrenceId,
        bookingId: a.bookingId,
        resourceId: a.resourceId,
        startMs: a.start,
        endMs: a.end,
        quantity: a.quantity,
        exclusive: a.exclusive,
        active: true,
      })),
    );
  }
}
