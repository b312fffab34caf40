import { Injectable } from '@nestjs/common';
import { AvailabilityService, ConflictView, WindowQuery } from '../../bookings';
import { CenterEntity, ClosuresService } from '../../centers';
import { Principal } from '../../access';
import { ResourceEntity } from '../../resources';
import {
  bookingHorizonEnd,
  BusyResource,
  CenterCalendar,
  DAY_MS,
  localDateOf,
  localWallOf,
  MINUTE_MS,
  nearestFreeTimes,
  resourcesFreeFor,
  type Interval,
  weekLaterFits,
} from '../../scheduling';
import { pageTime } from '../shared/page-time';
import { BookingFormValues } from './booking-form';

/** Ways out of a clash, found by the scheduling core, each as the prefilled form's values. */
export interface OfferedAlternatives {
  /** Other resources of the same kind and features free at every requested time. */
  elsewhere: Array<{ resource: ResourceEntity; values: BookingFormValues }>;
  /** The nearest free times of a one-off booking on the same resource. */
  earlier?: { session: Interval; values: BookingFormValues };
  later?: { session: Interval; values: BookingFormValues };
  /** A series' clashing dates a week later, where they would fit. */
  weekLater: Array<{ session: Interval; values: BookingFormValues }>;
}

/** The API's longest schedule window is 92 days; schedules are read in windows of 90. */
const WINDOW_MS = 90 * DAY_MS;
/** How far either way the nearest free time of a one-off booking is looked for. */
const SEARCH_DAYS = 3;
/** Other resources asked about (their schedules are read), and shown. */
const MAX_CANDIDATES = 12;
const MAX_SHOWN = 3;
/** How many weeks later a series' clashing date may move, past the weeks the series holds. */
const WEEKS_LATER = 12;

/**
 * Reads what the scheduling core needs (busy times through the schedule, as the API's schedule
 * route gives them to the caller; the closures; the bounds) and asks it for alternatives.
 */
@Injectable()
export class BookingAlternatives {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly closures: ClosuresService,
  ) {}

  async find(input: {
    caller: Principal;
    center: CenterEntity;
    resources: ResourceEntity[];
    values: BookingFormValues;
    /** Every requested session (the free ones and the clashing ones). */
    sessions: Interval[];
    conflicts: ConflictView[];
    now: number;
  }): Promise<OfferedAlternatives | undefined> {
    const { center, values, caller } = input;
    const asked = input.resources.find((r) => r.id === values.resourceId);
    if (!asked || asked.kind === 'equipment') return undefined;
    const clashes = input.conflicts.filter((c) => c.resourceId === asked.id);
    if (clashes.length === 0) return undefined;
    const zone = center.timezone;
    const calendar: CenterCalendar = {
      zone,
      hours: center.openingHours,
      closures: await this.closures.namedRulesOf(center.id),
    };
    const bounds = {
      notBefore: pageTime.nextMinuteAfter(input.now),
      notAfter: bookingHorizonEnd(input.now, center.policy),
    };
    const sessions = distinct(input.sessions);
    const clashing = distinct(clashes.map(millis));
    const offer: OfferedAlternatives = { elsewhere: [], weekLater: [] };

    // Another resource helps only with what is booked, not with a closure or the hours.
    if (clashes.some((c) => c.reason === 'booked')) {
      const calendarBlocked = new Set(
        clashes.filter((c) => c.reason !== 'booked').map((c) => Date.parse(c.start)),
      );
      const needed = sessions.filter((s) => !calendarBlocked.has(s.start));
      const candidates = input.resources
        .filter(
          (r) =>
            r.active &&
            r.id !== asked.id &&
            r.kind === asked.kind &&
            asked.features.every((f) => r.features.includes(f)) &&
            (values.attendees === undefined ||
              r.capacity === null ||
              r.capacity >= values.attendees),
        )
        .slice(0, MAX_CANDIDATES);
      const busy: BusyResource[] = [];
      for (const r of candidates) busy.push(await this.busyOf(caller, r, needed));
      const free = new Set(resourcesFreeFor(needed, busy));
      offer.elsewhere = candidates
        .filter((r) => free.has(r.id))
        .slice(0, MAX_SHOWN)
        .map((resource) => ({ resource, values: { ...values, resourceId: resource.id } }));
    }

    if (sessions.length === 1) {
      const requested = sessions[0];
      const around = [
        {
          start: requested.start - SEARCH_DAYS * DAY_MS,
          end: requested.end + SEARCH_DAYS * DAY_MS,
        },
      ];
      const found = nearestFreeTimes({
        requested,
        resource: await this.busyOf(caller, asked, around),
        calendar,
        bounds,
        stepMinutes: 15,
        searchDays: SEARCH_DAYS,
      });
      for (const side of ['earlier', 'later'] as const) {
        const session = found[side];
        const moved = session && oneOff(values, session, zone);
        if (session && moved) offer[side] = { session, values: moved };
      }
    } else {
      const reach = clashing.map((s) => ({
        start: s.start,
        end: Math.min(s.end + (WEEKS_LATER * 7 + 1) * DAY_MS, bounds.notAfter),
      }));
      const fits = weekLaterFits({
        clashing,
        own: sessions,
        resource: await this.busyOf(caller, asked, reach),
        calendar,
        bounds,
        maxWeeks: WEEKS_LATER,
      });
      offer.weekLater = fits.flatMap((session) => {
        const moved = oneOff(values, session, zone);
        return moved ? [{ session, values: moved }] : [];
      });
    }
    return offer;
  }

  /** A resource's busy times around some intervals, in schedule windows of at most 90 days. */
  private async busyOf(
    caller: Principal,
    resource: ResourceEntity,
    around: Interval[],
  ): Promise<BusyResource> {
    const bufferMs = resource.bufferMinutes * MINUTE_MS;
    const busy: Interval[] = [];
    if (around.length > 0) {
      const first = pageTime.minuteOf(Math.min(...around.map((s) => s.start)) - bufferMs);
      const last = pageTime.nextMinuteAfter(Math.max(...around.map((s) => s.end)) + bufferMs);
      for (let from = first; from < last; from += WINDOW_MS) {
        const to = Math.min(from + WINDOW_MS, last);
        const query = Object.assign(new WindowQuery(), {
          from: pageTime.requestTime(from),
          to: pageTime.requestTime(to),
        });
        const { items } = await this.availability.schedule(caller, resource.id, query);
        for (const item of items) {
          if (item.status === 'no_show') continue;
          busy.push({ start: Date.parse(item.start), end: Date.parse(item.end) });
        }
      }
    }
    return { id: resource.id, busy, bufferMinutes: resource.bufferMinutes };
  }
}

function millis(conflict: ConflictView): Interval {
  return { start: Date.parse(conflict.start), end: Date.parse(conflict.end) };
}

function distinct(sessions: Interval[]): Interval[] {
  const seen = new Map<number, Interval>();
  for (const s of sessions) if (!seen.has(s.start)) seen.set(s.start, s);
  return [...seen.values()].sort((a, b) => a.start - b.start);
}

/** The form's values for a one-off booking of this session (none when it ends on another day). */
function oneOff(
  values: BookingFormValues,
  session: Interval,
  zone: string,
): BookingFormValues | undefined {
  const [date, startTime] = localWallOf(session.start, zone).split('T');
  const [endDate, endTime] = localWallOf(session.end, zone).split('T');
  if (endDate !== date || localDateOf(session.start, zone) !== date) return undefined;
  return { ...values, date, startTime, endTime, repeat: 'none', weekdays: [] };
}
