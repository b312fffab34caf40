import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { WriteTx } from '../database';
import { BookingsRepository } from './bookings.repository';
import { BookingView } from './bookings.dto';

/** How long the first answer to a request with an `Idempotency-Key` is replayed. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** JSON with object keys sorted, so the same request hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(input: unknown): string {
  return createHash('sha256').update(canonical(input)).digest('hex');
}

/**
 * The stored first answer for this user's key, if it is younger than the window; the same key
 * with a different request is refused.
 */
export async function findReplay(
  repository: BookingsRepository,
  manager: EntityManager,
  userId: string,
  key: string,
  hash: string,
  now: number,
): Promise<BookingView | null> {
  const stored = await repository.findIdempotencyKey(manager, userId, key);
  if (!stored || stored.createdAt <= now - IDEMPOTENCY_WINDOW_MS) return null;
  if (stored.requestHash !== hash) {
    throw new DomainError(
      'INVALID_STATE',
      'This Idempotency-Key was already used for a different request',
    ).worded('idempotencyReused');
  }
  return JSON.parse(stored.responseBody) as BookingView;
}

/** Remembers the answer (in the booking's own transaction) and forgets expired keys. */
export async function storeReplay(
  repository: BookingsRepository,
  tx: WriteTx,
  userId: string,
  key: string,
  hash: string,
  body: BookingView,
  now: number,
): Promise<void> {
  await repository.storeIdempotencyKey(
    tx,
    {
      userId,
      key,
      requestHash: hash,
      statusCode: 201,
      responseBody: JSON.stringify(body),
      createdAt: now,
    },
    now - IDEMPOTENCY_WINDOW_MS,
  );
}
