import { EntityManager } from 'typeorm';
import type { BookingEntity, SessionEntity } from '../bookings';
import type { CenterEntity, ClosureEntity } from '../centers';
import type { UserEntity } from '../identity';
import type { ResourceEntity } from '../resources';
import type { SkippedSession } from '../outbox';
import { OutboxEntity } from '../outbox';
import type { NotificationSettingsEntity } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { MessageFacts } from './render';

/** Sessions that still hold their place: what a confirmation or reminder lists. */
export const LIVE = ['booked', 'checked_in', 'checked_out', 'completed'];

interface OutboxData {
  skipped?: SkippedSession[];
  occurrenceIds?: string[];
  closureId?: string;
}

/**
 * What a fan-out batch's events need from the database, read once for the whole batch: a few
 * statements by primary key or index, each over every event of the batch, so that a batch costs
 * the same whatever the length of the history (fan-out.ts).
 */
export interface BatchFacts {
  sessions: Map<string, SessionEntity>;
  /** Each booking's sessions in the LIVE states, by start. */
  liveSessions: Map<string, SessionEntity[]>;
  bookings: Map<string, BookingEntity>;
  centers: Map<string, CenterEntity>;
  resources: Map<string, ResourceEntity>;
  closures: Map<string, ClosureEntity>;
  /** Owners and recipients (active or not). */
  users: Map<string, UserEntity>;
  /** The approvers of the centers of the batch's `booking_pending` events. */
  approvers: Map<string, string[]>;
  settings: Map<string, NotificationSettingsEntity>;
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r] as const));
const unique = (ids: Iterable<string | null | undefined>) => [
  ...new Set([...ids].filter((id): id is string => !!id)),
];

function dataOf(row: OutboxEntity): OutboxData {
  return (row.data ? JSON.parse(row.data) : {}) as OutboxData;
}

/** Reads everything the batch's events say and whom they go to (see BatchFacts). */
export async function readBatchFacts(
  repository: NotificationsRepository,
  manager: EntityManager,
  rows: readonly OutboxEntity[],
): Promise<BatchFacts> {
  const data = rows.map(dataOf);
  const listed = data.flatMap((d) => d.occurrenceIds ?? []);
  const sessions = byId(
    await repository.sessionsByIds(
      manager,
      unique([...rows.map((r) => r.occurrenceId), ...listed]),
    ),
  );
  const bookingIds = unique(rows.map((r) => bookingIdOf(r, sessions)));
  const bookings = byId(await repository.bookingsByIds(manager, bookingIds));
  // One after another: on PostgreSQL they share the transaction's connection.
  const bookingRows = [...bookings.values()];
  const centers = await repository.centersByIds(
    manager,
    unique(bookingRows.map((b) => b.centerId)),
  );
  const resources = await repository.resourcesByIds(
    manager,
    unique(bookingRows.map((b) => b.resourceId)),
  );
  const closures = await repository.closuresByIds(manager, unique(data.map((d) => d.closureId)));
  const live = await repository.liveSessionsOf(manager, [...bookings.keys()], LIVE);
  const liveSessions = new Map<string, SessionEntity[]>();
  for (const session of live) {
    const list = liveSessions.get(session.bookingId) ?? [];
    list.push(session);
    liveSessions.set(session.bookingId, list);
  }
  const approvers = new Map<string, string[]>();
  for (const row of rows) {
    if (row.recipientId || row.event !== 'booking_pending') continue;
    const booking = bookingOf(row, { sessions, bookings });
    if (!booking || approvers.has(booking.centerId)) continue;
    approvers.set(booking.centerId, await repository.approversOf(manager, booking.centerId));
  }
  const userIds = unique([
    ...[...bookings.values()].map((b) => b.ownerId),
    ...rows.map((r) => r.recipientId),
    ...[...approvers.values()].flat(),
  ]);
  const users = byId(await repository.usersByIds(manager, userIds));
  const settings = new Map(
    (await repository.settingsOf(manager, [...users.keys()])).map((s) => [s.userId, s] as const),
  );
  return {
    sessions,
    liveSessions,
    bookings,
    centers: byId(centers),
    resources: byId(resources),
    closures: byId(closures),
    users,
    approvers,
    settings,
  };
}

/** The booking an event is about: its own, or its session's (a reminder names only the session). */
function bookingIdOf(row: OutboxEntity, sessions: BatchFacts['sessions']): string | null {
  return (
    row.bookingId ?? (row.occurrenceId ? sessions.get(row.occurrenceId)?.bookingId : null) ?? null
  );
}

function bookingOf(
  row: OutboxEntity,
  facts: Pick<BatchFacts, 'sessions' | 'bookings'>,
): BookingEntity | null {
  const bookingId = bookingIdOf(row, facts.sessions);
  return (bookingId && facts.bookings.get(bookingId)) || null;
}

/**
 * What an outbox event's message says (the booking, its resource, center and sessions) as the
 * batch read it. Null when there is nothing left to say (the booking is gone).
 */
export function gatherFacts(
  row: OutboxEntity,
  batch: BatchFacts,
): { facts: MessageFacts; ownerId: string; centerId: string } | null {
  const data = dataOf(row);
  const booking = bookingOf(row, batch);
  if (!booking) return null;
  const center = batch.centers.get(booking.centerId);
  const resource = batch.resources.get(booking.resourceId);
  if (!center || !resource) throw new Error(`booking ${booking.id}: no center or resource`);
  const owner = batch.users.get(booking.ownerId);
  const listed = row.occurrenceId ? [row.occurrenceId] : (data.occurrenceIds ?? null);
  const occurrences = listed
    ? listed
        .map((id) => batch.sessions.get(id))
        .filter((s): s is SessionEntity => !!s)
        .sort((a, b) => a.startMs - b.startMs)
    : (batch.liveSessions.get(booking.id) ?? []);
  const closure = data.closureId ? (batch.closures.get(data.closureId) ?? null) : null;
  const confirmed = row.event === 'booking_confirmed' || row.event === 'booking_approved';
  return {
    ownerId: booking.ownerId,
    centerId: booking.centerId,
    facts: {
      event: row.event,
      bookingId: booking.id,
      what: booking.title || resource.name,
      resource: resource.name,
      center: center.name,
      zone: center.timezone,
      owner: owner?.name ?? '',
      sessions: occurrences.map((o) => ({ start: Number(o.startMs), end: Number(o.endMs) })),
      skipped: data.skipped ?? [],
      reason: row.event === 'booking_rejected' ? booking.rejectionReason : null,
      closure: closure?.reason ?? null,
      closureNames: closure?.names ?? null,
      calendar: confirmed && occurrences.length > 0,
      createdAt: row.createdAt,
    },
  };
}
