import type { Purpose } from '../src/bookings/booking.entity';
import { Random } from '../src/common/seeded-random';
import { WALK_IN_TITLE } from '../src/bookings/check-in/walk-ins.service';
import type { ResourceEntity } from '../src/resources/resource.entity';
import { instantToFloating } from '../src/scheduling/local-time';
import {
  addDays,
  DAY_MS,
  exclusiveClashes,
  HOUR_MS,
  localDateOf,
  MINUTE_MS,
  openPeriodsOn,
  peakUse,
  wallToInstant,
  WEEKDAYS,
  weekdayOf,
} from '../src/scheduling';
import type {
  CenterPolicy,
  ClosureRule,
  Interval,
  OpeningHours,
  PoolUse,
} from '../src/scheduling/types';
import { DEMO_BUSYNESS, DEMO_SERIES, DemoSeries } from './demo-data';
import { DemoActivity, DemoBooking, DemoLedger, NewDemoBooking } from './demo-ledger';

/**
 * The demo's activity: eight weeks of history and two weeks ahead in every demo center, planned
 * by a generator seeded with the center and the local date the seed runs on, so one date always
 * gives the same bookings. Only the state of today's sessions follows the time of day (checked in
 * if they have started, a no-show once their grace has passed), and so does the one desk session
 * that is about to become a no-show.
 *
 * Everything respects what the booking service would: sessions lie inside one opening period and
 * on no closure day; exclusive resources never overlap (buffers included); pools never exceed
 * their units; nobody is in two places at once; members' requests on resources that need
 * approval wait for a coordinator; series skip their closed dates as exceptions. The rows are
 * written by `DemoLedger`, which does what the services do.
 */

export const HISTORY_DAYS = 8 * 7;
export const AHEAD_DAYS = 14;

export interface ActivityCenter {
  id: string;
  slug: string;
  timezone: string;
  openingHours: OpeningHours;
  policy: CenterPolicy;
  closures: ClosureRule[];
  resources: ResourceEntity[];
  coordinatorId: string;
}

export interface ActivityPerson {
  id: string;
  /** `users.number`. */
  number: number;
  email: string;
  role: 'member' | 'trainer' | 'coordinator' | 'admin';
  /** Home centers (slugs). */
  centers: string[];
}

/** The resource that is kept free today for the session about to become a no-show. */
export const NO_SHOW_DESK = 'Desk 1';

const DESK_HOURS = [1, 1.5, 2, 2, 3, 3, 4, 4, 5, 6];
const COMPUTER_HOURS = [1, 1, 1.5, 2, 2, 3, 4];
const FIRST_GAPS = [0, 0, 30, 60, 90, 120];
const GAPS = [0, 30, 30, 60, 90, 120, 180];
const DESK_TITLES = [
  'Grant proposal',
  'Report writing',
  'Project planning',
  'Volunteer coordination',
  'Newsletter',
  'Online training',
  'Budget review',
  '',
];
const COMPUTER_TITLES = ['Online course', 'Design work', 'Video editing', 'Research', 'Printing'];
const ROOM_TITLES: Record<Purpose, string[]> = {
  work: ['Team work session'],
  seminar: ['Fundraising workshop', 'First aid training'],
  meeting: ['Partners’ meeting', 'Project team meeting', 'Board meeting'],
  consultation: ['Legal consultation', 'Psychological support session'],
  other: ['Film screening', 'Community evening'],
};
const ROOM_PURPOSES: Purpose[] = ['meeting', 'meeting', 'consultation', 'other', 'seminar'];
const LOAN_TITLES: Record<string, string> = {
  Projector: 'Projector for a partner event',
  Laptops: 'Laptops for a field training',
  Printer: 'Printing leaflets',
};
const REJECTION = 'The room is reserved for the center’s own event that day';

/** A number from text (FNV-1a), to seed the generator with a center and a date. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The demo's activity around `now`, as rows. `newId` makes the rows' ids. */
export function planDemoActivity(
  centers: ActivityCenter[],
  people: ActivityPerson[],
  now: number,
  newId?: () => string,
): DemoActivity {
  const ledger = new DemoLedger(newId);
  const busy = new PersonCalendar();
  for (const center of centers) new CenterPlan(center, people, now, ledger, busy).plan();
  return ledger.rows;
}

/** Who is where: nobody books two things at once. */
class PersonCalendar {
  /** Taken intervals by person and UTC day of their start (no session lasts a day). */
  private readonly taken = new Map<string, Interval[]>();

  isFree(personId: string, session: Interval): boolean {
    const day = Math.floor(session.start / DAY_MS);
    return [day - 1, day, day + 1].every((d) =>
      (this.taken.get(`${personId} ${d}`) ?? []).every(
        (t) => t.end <= session.start || session.end <= t.start,
      ),
    );
  }

  take(personId: string, sessions: Interval[]): void {
    for (const session of sessions) {
      const key = `${personId} ${Math.floor(session.start / DAY_MS)}`;
      const list = this.taken.get(key);
      if (list) list.push(session);
      else this.taken.set(key, [session]);
    }
  }
}

interface Fate {
  roll: number;
  /** Minutes from the start to the check-in (negative: early), and its seconds. */
  arrival: number;
  arrivalSeconds: number;
  /** Fraction of the session stayed before checking out, and the check-out's seconds. */
  stay: number;
  leaveSeconds: number;
  /** Whether staff did the check-in and check-out on the owner's behalf. */
  byStaff: boolean;
}

class CenterPlan {
  private readonly random: Random;
  private readonly zone: string;
  private readonly today: string;
  private readonly todayStart: number;
  private readonly firstDay: string;
  private readonly lastDay: string;
  /** Held uses by resource id and local day. */
  private readonly uses = new Map<string, Map<number, PoolUse[]>>();
  private readonly members: ActivityPerson[];
  private readonly trainers: ActivityPerson[];
  private readonly byEmail: Map<string, ActivityPerson>;
  private readonly busyness: number;
  private readonly seriesBookings: DemoBooking[] = [];

  constructor(
    private readonly center: ActivityCenter,
    people: ActivityPerson[],
    private readonly now: number,
    private readonly ledger: DemoLedger,
    private readonly busy: PersonCalendar,
  ) {
    this.zone = center.timezone;
    this.today = localDateOf(now, this.zone);
    this.todayStart = wallToInstant(`${this.today}T00:00`, this.zone);
    this.firstDay = addDays(this.today, -HISTORY_DAYS);
    this.lastDay = addDays(this.today, AHEAD_DAYS);
    this.random = new Random(seedOf(`${this.today} ${center.slug}`));
    const home = people.filter((p) => p.centers.includes(center.slug));
    this.members = home.filter((p) => p.role === 'member');
    this.trainers = home.filter((p) => p.role === 'trainer');
    this.byEmail = new Map(people.map((p) => [p.email, p]));
    this.busyness = DEMO_BUSYNESS[center.slug] ?? 0.4;
  }

  plan(): void {
    for (const series of DEMO_SERIES.filter((s) => s.center === this.center.slug)) {
      this.placeSeries(series);
    }
    this.cancelOneSeminarSession();
    const days: Array<{ date: string; periods: Interval[] }> = [];
    for (let date = this.firstDay; date <= this.lastDay; date = addDays(date, 1)) {
      const periods = this.periodsOn(date);
      if (periods.length > 0) days.push({ date, periods });
    }
    for (const { date, periods } of days) {
      for (const room of this.ofKind('room')) this.placeRoomBooking(room, date, periods);
      for (const pool of this.ofKind('equipment')) this.placeLoan(pool, date, periods);
      for (const resource of this.center.resources) {
        if (resource.kind !== 'desk' && resource.kind !== 'computer') continue;
        if (date === this.today && resource.name === NO_SHOW_DESK) continue;
        this.placeWorkDay(resource, date, periods);
      }
    }
    this.placeRequests();
    this.placeAboutToBeNoShow();
  }

  // ---------------------------------------------------------------- series

  private placeSeries(series: DemoSeries): void {
    const room = this.named(series.room);
    const owner = this.ownerOf(series.owner);
    const equipment = series.equipment.map((e) => ({
      resource: this.named(e.pool),
      quantity: e.quantity,
    }));
    const monday = addDays(this.today, -WEEKDAYS.indexOf(weekdayOf(this.today)));
    const dates = Array.from({ length: series.count }, (_, k) =>
      addDays(monday, 7 * (series.firstWeek + k) + WEEKDAYS.indexOf(series.weekday)),
    );
    const sessions: Array<Interval & { date: string }> = [];
    const exceptions: string[] = [];
    for (const date of dates) {
      const session = { date, ...this.at(date, series.from, series.to) };
      const fits =
        this.insideHours(date, session) &&
        this.isFree(room, session) &&
        equipment.every((e) => this.hasUnits(e.resource, session, e.quantity)) &&
        this.busy.isFree(owner.id, session);
      if (fits) sessions.push(session);
      else if (sessions.length > 0) exceptions.push(date);
    }
    if (sessions.length === 0) return;
    const first = sessions[0];
    const count = dates.length - dates.indexOf(first.date);
    const createdAt = this.createdBefore(first.start, 7 * 24 * 60);
    const made = this.create({
      resource: room,
      ownerId: owner.id,
      ownerNumber: owner.number,
      creatorId: owner.id,
      title: series.title,
      purpose: series.purpose,
      attendees: series.attendees,
      quantity: 1,
      status: 'confirmed',
      sessions,
      rule: `FREQ=WEEKLY;COUNT=${count}`,
      exceptions,
      equipment,
      createdAt,
    });
    this.seriesBookings.push(made);
  }

  /** One past session of a weekly seminar was called off the day before. */
  private cancelOneSeminarSession(): void {
    const past = this.seriesBookings.flatMap((made) =>
      made.sessions
        .filter((s) => s.startMs < this.todayStart && s.startMs - DAY_MS > made.booking.createdAt)
        .map((session) => ({ made, session })),
    );
    if (past.length === 0) return;
    const { made, session } = this.random.pick(past);
    const at = session.startMs - DAY_MS + this.random.int(0, 8 * 60) * MINUTE_MS;
    this.ledger.cancelSession(made, session, at, made.booking.ownerId);
  }

  // ---------------------------------------------------------------- rooms and pools

  private placeRoomBooking(room: ResourceEntity, date: string, periods: Interval[]): void {
    const attempt = this.random.next();
    const hours = this.random.int(1, 3);
    const slot = this.random.next();
    const purpose = this.random.pick(ROOM_PURPOSES);
    const title = this.random.pick(ROOM_TITLES[purpose]);
    const byTrainer = this.random.chance(0.3) && this.trainers.length > 0;
    const owner = byTrainer ? this.random.pick(this.trainers) : this.random.pick(this.members);
    const attendees = this.random.int(2, Math.min(room.capacity ?? 2, 15));
    const withProjector = this.random.chance(0.3);
    const decision = this.random.next();
    const fate = this.fate();
    if (attempt > 0.3 * this.busyness + 0.1) return;
    const session = this.slotIn(room, date, periods, hours * 60, slot);
    if (!session || !this.busy.isFree(owner.id, session)) return;
    const projector = this.center.resources.find((r) => r.name === 'Projector');
    const equipment =
      withProjector && projector && this.hasUnits(projector, session, 1)
        ? [{ resource: projector, quantity: 1 }]
        : [];
    const request = owner.role === 'member' && room.requiresApproval;
    const createdAt = this.createdBefore(session.start, this.random.int(1, 6) * 24 * 60);
    const made = this.create({
      resource: room,
      ownerId: owner.id,
      ownerNumber: owner.number,
      creatorId: owner.id,
      title,
      purpose,
      attendees,
      quantity: 1,
      status: request ? 'pending' : 'confirmed',
      sessions: [session],
      rule: null,
      exceptions: [],
      equipment,
      createdAt,
    });
    if (request) {
      // Decided within a day, before the session and before today.
      const decidedAt = createdAt + this.random.int(2, 20) * HOUR_MS;
      if (decidedAt >= Math.min(session.start, this.todayStart)) return;
      if (decision < 0.2) {
        this.ledger.reject(made, decidedAt, this.center.coordinatorId, REJECTION);
        return;
      }
      this.ledger.approve(made, decidedAt, this.center.coordinatorId);
    }
    this.settle(made, fate);
  }

  /** An equipment pool lent on its own: a few laptops, the projector or the printer. */
  private placeLoan(pool: ResourceEntity, date: string, periods: Interval[]): void {
    const attempt = this.random.next();
    const hours = this.random.int(2, 4);
    const slot = this.random.next();
    const quantity = this.random.int(1, Math.min(3, pool.quantity));
    const owner = this.random.pick(this.members);
    const fate = this.fate();
    if (attempt > 0.25 * this.busyness) return;
    const session = this.slotIn(pool, date, periods, hours * 60, slot, quantity);
    if (!session || !this.busy.isFree(owner.id, session)) return;
    const made = this.create({
      resource: pool,
      ownerId: owner.id,
      ownerNumber: owner.number,
      creatorId: owner.id,
      title: LOAN_TITLES[pool.name] ?? '',
      purpose: 'work',
      attendees: null,
      quantity,
      status: 'confirmed',
      sessions: [session],
      rule: null,
      exceptions: [],
      equipment: [],
      createdAt: this.createdBefore(session.start, this.random.int(1, 4) * 24 * 60),
    });
    this.settle(made, fate);
  }

  // ---------------------------------------------------------------- desks and computers

  /** A desk's or computer's day: bookings from opening to closing, and a walk-in or two. */
  private placeWorkDay(resource: ResourceEntity, date: string, periods: Interval[]): void {
    const lengths = resource.kind === 'desk' ? DESK_HOURS : COMPUTER_HOURS;
    const titles = resource.kind === 'desk' ? DESK_TITLES : COMPUTER_TITLES;
    for (const period of periods) {
      let cursor = period.start + this.random.pick(FIRST_GAPS) * MINUTE_MS;
      for (;;) {
        const length = this.random.pick(lengths) * HOUR_MS;
        const taken = this.random.chance(this.busyness);
        const owner = this.random.pick(this.members);
        const title = this.random.pick(titles);
        const onBehalf = this.random.chance(0.08);
        const lead = this.random.int(1, 5 * 24 * 60);
        const fate = this.fate();
        const session = { start: cursor, end: cursor + length };
        if (session.end > period.end) break;
        cursor = session.end + this.random.pick(GAPS) * MINUTE_MS;
        if (!taken || !this.busy.isFree(owner.id, session)) continue;
        const made = this.create({
          resource,
          ownerId: owner.id,
          ownerNumber: owner.number,
          creatorId: onBehalf ? this.center.coordinatorId : owner.id,
          title,
          purpose: 'work',
          attendees: null,
          quantity: 1,
          status: 'confirmed',
          sessions: [session],
          rule: null,
          exceptions: [],
          equipment: [],
          createdAt: this.createdBefore(session.start, lead),
        });
        this.settle(made, fate);
      }
    }
    if (date < this.today) this.placeWalkIn(resource, date, periods);
  }

  /**
   * Someone scanned the desk's code in a free stretch and got it from that minute for
   * `walkInMaxMinutes` or until closing (walk-ins.service); only where nothing booked would have
   * cut it shorter, whenever that booking was made.
   */
  private placeWalkIn(resource: ResourceEntity, date: string, periods: Interval[]): void {
    const attempt = this.random.next();
    const delay = this.random.int(1, 20) * MINUTE_MS;
    const seconds = this.random.int(0, 59);
    const owner = this.random.pick(this.members);
    const fate = this.fate();
    if (attempt > 0.2 * this.busyness) return;
    const buffer = resource.bufferMinutes * MINUTE_MS;
    const taken = [...this.usesAt(resource.id, periods[0].start)].sort((a, b) => a.start - b.start);
    for (const period of periods) {
      const gaps: Interval[] = [];
      let free = period.start;
      for (const use of taken.filter((u) => u.end > period.start && u.start < period.end)) {
        gaps.push({ start: free, end: use.start - buffer });
        free = Math.max(free, use.end + buffer);
      }
      gaps.push({ start: free, end: period.end });
      for (const gap of gaps) {
        const start = gap.start + delay;
        const end = Math.min(start + this.center.policy.walkInMaxMinutes * MINUTE_MS, period.end);
        const session = { start, end };
        if (end > gap.end || end - start < HOUR_MS || !this.busy.isFree(owner.id, session)) {
          continue;
        }
        const at = start + seconds * 1000;
        this.take(resource, [session], 1);
        this.busy.take(owner.id, [session]);
        const made = this.ledger.walkIn(
          {
            center: this.center,
            resource,
            ownerId: owner.id,
            ownerNumber: owner.number,
            creatorId: owner.id,
            title: WALK_IN_TITLE,
            purpose: 'work',
            attendees: null,
            quantity: 1,
            status: 'confirmed',
            sessions: [session],
            rule: null,
            exceptions: [],
            equipment: [],
            createdAt: at,
          },
          at,
        );
        if (fate.roll < 0.4) this.checkOut(made, made.sessions[0], fate);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- the days ahead and today

  /** Requests waiting for approval in the days ahead, on the rooms that need it. */
  private placeRequests(): void {
    for (const room of this.ofKind('room').filter((r) => r.requiresApproval)) {
      const owner =
        this.center.slug === 'tashkent'
          ? this.ownerOf('member@makon.example')
          : this.random.pick(this.members);
      for (let ahead = 3; ahead <= AHEAD_DAYS; ahead++) {
        const date = addDays(this.today, ahead);
        const session = this.at(date, '15:00', '16:30');
        if (!this.insideHours(date, session) || !this.isFree(room, session)) continue;
        if (!this.busy.isFree(owner.id, session)) continue;
        this.create({
          resource: room,
          ownerId: owner.id,
          ownerNumber: owner.number,
          creatorId: owner.id,
          title: 'Legal consultation for our volunteers',
          purpose: 'consultation',
          attendees: 3,
          quantity: 1,
          status: 'pending',
          sessions: [session],
          rule: null,
          exceptions: [],
          equipment: [],
          createdAt: this.todayStart - 5 * HOUR_MS - 17 * MINUTE_MS,
        });
        break;
      }
    }
  }

  /**
   * A desk session that started moments ago and nobody has checked in to: at start + grace it
   * becomes a no-show. Before opening it is the first session of the day; after the last period
   * has too little left, there is none.
   */
  private placeAboutToBeNoShow(): void {
    const desk = this.center.resources.find((r) => r.name === NO_SHOW_DESK);
    if (!desk) return;
    const periods = this.periodsOn(this.today);
    const fiveMinutes = 5 * MINUTE_MS;
    const period = periods.find((p) => this.now < p.end);
    if (!period) return;
    const start = Math.max(period.start, Math.floor(this.now / fiveMinutes) * fiveMinutes);
    const end = Math.min(period.end, start + 2 * HOUR_MS);
    if (end - start < 30 * MINUTE_MS) return;
    const session = { start, end };
    const owner = this.members.find((m) => this.busy.isFree(m.id, session));
    if (!owner) return;
    this.create({
      resource: desk,
      ownerId: owner.id,
      ownerNumber: owner.number,
      creatorId: owner.id,
      title: 'Report writing',
      purpose: 'work',
      attendees: null,
      quantity: 1,
      status: 'confirmed',
      sessions: [session],
      rule: null,
      exceptions: [],
      equipment: [],
      // Booked this morning (or late last night, when the seed runs just after midnight).
      createdAt: Math.floor((Math.min(start, this.now) - 20 * MINUTE_MS) / 1000) * 1000,
    });
  }

  // ---------------------------------------------------------------- what became of a booking

  private fate(): Fate {
    return {
      roll: this.random.next(),
      arrival: this.random.int(-this.center.policy.checkInOpensMinutes, 12),
      arrivalSeconds: this.random.int(0, 59),
      stay: this.random.next(),
      leaveSeconds: this.random.int(1, 59),
      byStaff: this.random.chance(0.1),
    };
  }

  /**
   * What happened to a confirmed booking by now: a few were cancelled ahead; desks and computers
   * were mostly checked in (some checked out early), and some nobody came to.
   */
  private settle(made: DemoBooking, fate: Fate): void {
    const session = made.sessions[0];
    if (fate.roll < 0.05) {
      // Cancelled between its last change (its creation or approval) and its start, before today.
      const until = Math.min(session.startMs, this.todayStart);
      const since = made.booking.updatedAt;
      const at = since + Math.floor((until - since) * fate.stay);
      if (at < until) {
        // Its slots stay out of the plan: bookings made before the cancellation could not
        // have taken them.
        this.ledger.cancel(made, at, made.booking.ownerId);
        return;
      }
    }
    const resource = this.center.resources.find((r) => r.id === made.booking.resourceId)!;
    if (!resource.checkInRequired) return;
    const policy = this.center.policy;
    const arrivedAt = session.startMs + fate.arrival * MINUTE_MS + fate.arrivalSeconds * 1000;
    if (fate.roll < 0.86) {
      if (arrivedAt > this.now) return;
      const staff = fate.byStaff ? this.center.coordinatorId : null;
      this.ledger.checkIn(made.booking, session, arrivedAt, staff);
      if (fate.roll >= 0.7) this.checkOut(made, session, fate);
      return;
    }
    if (this.now >= session.startMs + policy.checkInGraceMinutes * MINUTE_MS) {
      this.ledger.noShow(session, policy);
    }
  }

  private checkOut(made: DemoBooking, session: DemoBooking['sessions'][0], fate: Fate): void {
    const from = Math.max(session.checkedInAt!, session.startMs) + 30 * MINUTE_MS;
    const leftAt =
      from +
      Math.floor((session.endMs - from - 15 * MINUTE_MS) * fate.stay) +
      fate.leaveSeconds * 1000;
    if (leftAt >= session.endMs || leftAt > this.now) return;
    const staff = fate.byStaff ? this.center.coordinatorId : null;
    this.ledger.checkOut(made.booking, session, leftAt, staff);
  }

  // ---------------------------------------------------------------- the calendar

  private create(input: Omit<NewDemoBooking, 'center'>): DemoBooking {
    const made = this.ledger.create({ ...input, center: this.center });
    this.take(input.resource, input.sessions, input.quantity);
    for (const e of input.equipment) this.take(e.resource, input.sessions, e.quantity);
    this.busy.take(input.ownerId, input.sessions);
    return made;
  }

  private take(resource: ResourceEntity, sessions: Interval[], quantity: number): void {
    for (const s of sessions) {
      this.usesAt(resource.id, s.start).push({ start: s.start, end: s.end, quantity });
    }
  }

  /** The uses of a resource on the local day of `instant` (sessions never cross midnight). */
  private usesAt(resourceId: string, instant: number): PoolUse[] {
    const day = Math.floor(instantToFloating(instant, this.zone) / DAY_MS);
    let byDay = this.uses.get(resourceId);
    if (!byDay) this.uses.set(resourceId, (byDay = new Map<number, PoolUse[]>()));
    let list = byDay.get(day);
    if (!list) byDay.set(day, (list = []));
    return list;
  }

  private isFree(resource: ResourceEntity, session: Interval): boolean {
    const taken = this.usesAt(resource.id, session.start);
    return exclusiveClashes(session, taken, resource.bufferMinutes).length === 0;
  }

  private hasUnits(pool: ResourceEntity, session: Interval, quantity: number): boolean {
    const taken = this.usesAt(pool.id, session.start);
    return peakUse(taken, session) + quantity <= pool.quantity;
  }

  /**
   * A free slot of `minutes` on the half-hour grid of the day, the `slot` fraction of the way
   * through the candidates; null when none fits.
   */
  private slotIn(
    resource: ResourceEntity,
    date: string,
    periods: Interval[],
    minutes: number,
    slot: number,
    quantity = 1,
  ): Interval | null {
    const candidates: Interval[] = [];
    for (const period of periods) {
      for (
        let start = period.start;
        start + minutes * MINUTE_MS <= period.end;
        start += 30 * MINUTE_MS
      ) {
        const session = { start, end: start + minutes * MINUTE_MS };
        const free =
          resource.kind === 'equipment'
            ? this.hasUnits(resource, session, quantity)
            : this.isFree(resource, session);
        if (free) candidates.push(session);
      }
    }
    return candidates.length === 0 ? null : candidates[Math.floor(slot * candidates.length)];
  }

  private periodsOn(date: string): Interval[] {
    return openPeriodsOn(date, this.zone, this.center.openingHours, this.center.closures);
  }

  private insideHours(date: string, session: Interval): boolean {
    return this.periodsOn(date).some((p) => p.start <= session.start && session.end <= p.end);
  }

  private at(date: string, from: string, to: string): Interval {
    return {
      start: wallToInstant(`${date}T${from}`, this.zone),
      end: wallToInstant(`${date}T${to}`, this.zone),
    };
  }

  /**
   * When a booking for `start` was made: `leadMinutes` before it, and in any case the day before
   * the seed's date, so that what is planned for a date never depends on the time of day.
   */
  private createdBefore(start: number, leadMinutes: number): number {
    const latest = this.todayStart - (2 * 60 + (leadMinutes % 600)) * MINUTE_MS;
    return Math.min(start - leadMinutes * MINUTE_MS, latest) + (leadMinutes % 60) * 1000;
  }

  private named(name: string): ResourceEntity {
    const resource = this.center.resources.find((r) => r.name === name);
    if (!resource) throw new Error(`The demo center ${this.center.slug} has no ${name}`);
    return resource;
  }

  private ofKind(kind: ResourceEntity['kind']): ResourceEntity[] {
    return this.center.resources.filter((r) => r.kind === kind);
  }

  private ownerOf(email: string): ActivityPerson {
    const person = this.byEmail.get(email);
    if (!person) throw new Error(`No demo person ${email}`);
    return person;
  }
}
