import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { validationError } from '../common/domain-error';
import { CentersService, ClosuresService } from '../centers';
import { isStaffOf, Principal } from '../access';
import { UsersService } from '../identity';
import { isExclusive, ResourcesService, ResourceView } from '../resources';
import {
  calendarConflicts,
  type ConflictReason,
  formatInstant,
  type Interval,
  localDateOf,
  MINUTE_MS,
  parseRequestTime,
} from '../scheduling';
import { BookingsRepository } from './bookings.repository';
import { BookingEntity, SessionEntity } from './booking.entity';
import { AvailabilityQuery, WindowQuery } from './bookings.dto';
import { unitsFree, verdictFor } from './conflict-check';
import { EffectiveAllocation, withDueNoShows } from './no-shows';

const DAY = 24 * 60 * MINUTE_MS;
/** Longest window a schedule or availability query may ask for. */
const MAX_WINDOW_DAYS = 92;

export interface AvailabilityItem {
  resource: ResourceView;
  available: boolean;
  availableQuantity?: number;
  reason?: ConflictReason;
}

export interface ScheduleItem {
  start: string;
  end: string;
  status: string;
  quantity?: number;
  bookingId?: string;
  title?: string;
  owner?: { id: string; name: string };
}

@Injectable()
export class AvailabilityService {
  constructor(
    private readonly repository: BookingsRepository,
    private readonly users: UsersService,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
  ) {}

  /** Every active resource matching the filters, free or not, over the whole window. */
  async availability(
    caller: Principal,
    centerId: string,
    query: AvailabilityQuery,
  ): Promise<{ items: AvailabilityItem[] }> {
    const center = await this.centers.getEntity(centerId);
    const zone = center.timezone;
    const window = parseWindow(query.start, query.end, zone, 'start', 'end');
    const wanted = query.quantity ?? 1;
    const candidates = (await this.resources.allOf(centerId)).filter(
      (r) =>
        r.active &&
        (!query.kind || r.kind === query.kind) &&
        (!query.feature || r.features.includes(query.feature)) &&
        (!query.minCapacity || (r.capacity ?? 0) >= query.minCapacity),
    );
    const closures = await this.closures.rulesOf(centerId);
    const session = { ...window, localDate: localDateOf(window.start, zone) };
    // Opening hours and closures are the center's: one verdict for every resource.
    const closedOrOutside = calendarConflicts([session], '', zone, center.openingHours, closures)[0]
      ?.reason;
    // With that verdict, only pools still need their allocations (for `availableQuantity`): a
    // week of a big center is thousands of rows that would be read for nothing.
    const counted = closedOrOutside ? candidates.filter((r) => !isExclusive(r.kind)) : candidates;
    const widestBuffer = Math.max(0, ...counted.map((r) => r.bufferMinutes)) * MINUTE_MS;
    const rows = await withDueNoShows(
      this.repository,
      this.repository.reads,
      await this.repository.activeAllocationsNear(
        this.repository.reads,
        counted.map((r) => r.id),
        window,
        widestBuffer,
      ),
      this.clock.now(),
    );
    const rowsByResource = new Map<string, EffectiveAllocation[]>();
    for (const row of rows) {
      const own = rowsByResource.get(row.resourceId);
      if (own) own.push(row);
      else rowsByResource.set(row.resourceId, [row]);
    }
    const items = candidates.map((resource): AvailabilityItem => {
      const own = rowsByResource.get(resource.id) ?? [];
      const units = isExclusive(resource.kind) ? undefined : unitsFree(window, resource, own);
      const reason = closedOrOutside ?? verdictFor(window, resource, wanted, own)?.reason;
      return {
        resource: this.resources.view(caller, resource),
        available: reason === undefined,
        ...(units !== undefined && { availableQuantity: units }),
        ...(reason && { reason }),
      };
    });
    return { items };
  }

  /** The resource's sessions in the window; who holds them only for staff and the holder. */
  async schedule(
    caller: Principal,
    resourceId: string,
    query: WindowQuery,
  ): Promise<{ items: ScheduleItem[] }> {
    const resource = await this.resources.getEntity(resourceId);
    const center = await this.centers.getEntity(resource.centerId);
    const zone = center.timezone;
    const from = query.from
      ? parseRequestTime(query.from, zone, 'from')
      : startOfToday(this.clock.now(), zone);
    const to = query.to ? parseRequestTime(query.to, zone, 'to') : from + 7 * DAY;
    const window = checkedWindow(from, to, 'to');
    const db = this.repository.reads;
    const near = await this.repository.activeAllocationsNear(db, [resourceId], window, 0);
    const rows = (await withDueNoShows(this.repository, db, near, this.clock.now()))
      .filter((row) => row.end > window.start)
      .sort((a, b) => a.start - b.start);
    const sessions = await this.repository.sessionsByIds(rows.map((r) => r.occurrenceId));
    const bookings = await this.repository.bookingsByIds(rows.map((r) => r.bookingId));
    const owners = await this.users.entities(bookings.map((b) => b.ownerId));
    const staff = isStaffOf(caller, center.id);
    const items = rows.map((row): ScheduleItem => {
      const booking = bookings.find((b) => b.id === row.bookingId)!;
      const session = sessions.find((o) => o.id === row.occurrenceId)!;
      const item: ScheduleItem = {
        start: formatInstant(row.start, zone),
        end: formatInstant(row.end, zone),
        status: scheduleStatus(booking, session, row.dueNoShow),
      };
      if (!isExclusive(resource.kind)) item.quantity = row.quantity;
      if (staff || booking.ownerId === caller.id) {
        const owner = owners.find((u) => u.id === booking.ownerId);
        item.bookingId = booking.id;
        item.title = booking.title;
        item.owner = { id: booking.ownerId, name: owner?.name ?? '' };
      }
      return item;
    });
    return { items };
  }
}

/** A session as the schedule shows it: a pending booking's are `pending` until something happens. */
function scheduleStatus(
  booking: BookingEntity,
  session: SessionEntity,
  dueNoShow: boolean,
): string {
  if (dueNoShow) return 'no_show';
  return booking.status === 'pending' && session.status === 'booked' ? 'pending' : session.status;
}

function parseWindow(
  start: string,
  end: string,
  zone: string,
  startField: string,
  endField: string,
): Interval {
  return checkedWindow(
    parseRequestTime(start, zone, startField),
    parseRequestTime(end, zone, endField),
    endField,
  );
}

function checkedWindow(start: number, end: number, endField: string): Interval {
  if (end <= start) {
    throw validationError(endField, 'must be after the window start', 'afterField', {
      other: endField === 'to' ? 'from' : 'start',
    });
  }
  if (end - start > MAX_WINDOW_DAYS * DAY) {
    throw validationError(
      endField,
      `the window may span at most ${MAX_WINDOW_DAYS} days`,
      'maxDays',
      {
        max: MAX_WINDOW_DAYS,
      },
    );
  }
  return { start, end };
}

function startOfToday(now: number, zone: string): number {
  return parseRequestTime(`${localDateOf(now, zone)}T00:00`, zone, 'from');
}
