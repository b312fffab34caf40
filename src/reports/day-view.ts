/**
 * Occupancy at an instant and the day's timeline, as pure functions over the sessions of one local
 * day of a center (see docs/api.md, "Occupancy and timeline").
 */
import type { DaySession } from '../bookings';
import { isExclusive, type ResourceEntity } from '../resources';
import { formatInstant, type Interval, isNoShow, noShowReleaseAt } from '../scheduling';

export type OccupancyState = 'free' | 'booked' | 'occupied' | 'no_show' | 'closed';

/** A session on a center's timeline or occupancy (the reports), one dated instance of a booking. */
export interface TimelineSession {
  occurrenceId: string;
  bookingId: string;
  start: string;
  end: string;
  /** The session's status now: `pending` while its booking awaits approval, `no_show` once due. */
  status: string;
  title: string;
  purpose: string;
  attendees: number | null;
  owner: { id: string; name: string };
  checkedInAt: string | null;
  checkedOutAt: string | null;
  /** Pools only: the units this session holds. */
  quantity?: number;
}

export interface DayContext {
  zone: string;
  checkInGraceMinutes: number;
  now: number;
}

/** A session together with the units it holds of one resource. */
export interface Holding {
  session: DaySession;
  units: number;
}

/** The sessions holding each resource (as its own booking or a pool lent to another booking). */
export function holdingsByResource(sessions: readonly DaySession[]): Map<string, Holding[]> {
  const byResource = new Map<string, Holding[]>();
  const add = (resourceId: string, holding: Holding): void => {
    const list = byResource.get(resourceId) ?? [];
    list.push(holding);
    byResource.set(resourceId, list);
  };
  for (const session of sessions) {
    add(session.resourceId, { session, units: session.quantity });
    for (const loan of session.equipment) add(loan.resourceId, { session, units: loan.quantity });
  }
  return byResource;
}

/** The check-in rule of a session is that of the resource it books (a loan follows its session). */
export type CheckInRequired = (session: DaySession) => boolean;

function currentStatus(session: DaySession, checkIn: boolean, context: DayContext): string {
  if (session.bookingStatus === 'pending') return 'pending';
  return isNoShow(session, checkIn, context.checkInGraceMinutes, context.now)
    ? 'no_show'
    : session.status;
}

export function timelineSession(
  holding: Holding,
  resource: ResourceEntity,
  checkInRequired: CheckInRequired,
  context: DayContext,
): TimelineSession {
  const { session } = holding;
  const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, context.zone));
  return {
    occurrenceId: session.occurrenceId,
    bookingId: session.bookingId,
    start: formatInstant(session.startMs, context.zone),
    end: formatInstant(session.endMs, context.zone),
    status: currentStatus(session, checkInRequired(session), context),
    title: session.title,
    purpose: session.purpose,
    attendees: session.attendees,
    owner: { id: session.ownerId, name: session.ownerName },
    checkedInAt: at(session.checkedInAt),
    checkedOutAt: at(session.checkedOutAt),
    ...(!isExclusive(resource.kind) && { quantity: holding.units }),
  };
}

/**
 * What a session means for its resource at `at`, or null when it does not hold it then:
 * `occupied` from check-in (possibly before the start) to check-out or the end; `no_show` from the
 * release moment to the end when nobody checked in; `booked` otherwise while it runs.
 */
export function sessionStateAt(
  session: DaySession,
  checkIn: boolean,
  at: number,
  context: DayContext,
): 'occupied' | 'booked' | 'no_show' | null {
  if (at >= session.endMs) return null;
  const { checkedInAt, checkedOutAt } = session;
  if (checkedOutAt !== null && at >= checkedOutAt) return null;
  if (checkedInAt !== null && checkedInAt <= at) return 'occupied';
  if (at < session.startMs) return null;
  const released =
    session.bookingStatus === 'confirmed' &&
    at >= noShowReleaseAt(session.startMs, { checkInGraceMinutes: context.checkInGraceMinutes }) &&
    isNoShow(session, checkIn, context.checkInGraceMinutes, context.now);
  return released ? 'no_show' : 'booked';
}

const PRIORITY = { occupied: 3, booked: 2, no_show: 1 } as const;

export interface OccupancyItem {
  resource: unknown;
  state: OccupancyState;
  occurrence?: TimelineSession;
  /** Pools: the sessions holding units at the instant. */
  occurrences?: TimelineSession[];
  /** Pools: units free at the instant. */
  availableQuantity?: number;
  nextStart?: string;
}

export function occupancyOf(
  resource: ResourceEntity,
  holdings: readonly Holding[],
  openPeriods: readonly Interval[],
  at: number,
  checkInRequired: CheckInRequired,
  context: DayContext,
): Omit<OccupancyItem, 'resource'> {
  const states = holdings
    .map((holding) => ({
      holding,
      state: sessionStateAt(holding.session, checkInRequired(holding.session), at, context),
    }))
    .filter((entry) => entry.state !== null);
  const next = holdings
    .map((h) => h.session.startMs)
    .filter((start) => start > at)
    .sort((a, b) => a - b)[0];
  const open = openPeriods.some((period) => period.start <= at && at < period.end);
  const item: Omit<OccupancyItem, 'resource'> = { state: open ? 'free' : 'closed' };
  const view = (holding: Holding) => timelineSession(holding, resource, checkInRequired, context);

  if (isExclusive(resource.kind)) {
    const top = states.sort((a, b) => PRIORITY[b.state!] - PRIORITY[a.state!])[0];
    if (top) {
      item.state = top.state!;
      item.occurrence = view(top.holding);
    }
  } else {
    const holding = states.filter((entry) => entry.state !== 'no_show');
    const inUse = holding.reduce((sum, entry) => sum + entry.holding.units, 0);
    if (holding.length > 0) {
      item.state = holding.some((entry) => entry.state === 'occupied') ? 'occupied' : 'booked';
    }
    item.occurrences = holding.map((entry) => view(entry.holding));
    item.availableQuantity = Math.max(0, resource.quantity - inUse);
  }
  if (next !== undefined) item.nextStart = formatInstant(next, context.zone);
  return item;
}
