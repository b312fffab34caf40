import { Injectable } from '@nestjs/common';
import { AvailabilityService, ConflictView, WindowQuery } from '../../bookings';
import { CenterEntity, ClosuresService } from '../../centers';
import { Principal } from '../../access';
import { ResourcesService } from '../../resources';
import {
  exclusiveClashes,
  type Interval,
  isClosedOn,
  localDateOf,
  MINUTE_MS,
  openPeriodsOn,
  weekdayOf,
} from '../../scheduling';
import { closureName } from '../shared/closure-name';
import { formatDateTime, formatTime } from '../shared/format';
import { pageTime } from '../shared/page-time';
import { WebContext } from '../shared/web-context';

/** A clash with why, in words: "closed: Constitution Day", "booked 14:00–16:00". */
export interface ExplainedConflict extends ConflictView {
  why: string;
}

/** A session holding the resource; its title when the schedule gives it to the reader. */
interface HeldTime extends Interval {
  title?: string | null;
}

const DAY_MS = 24 * 60 * MINUTE_MS;
/** The API's longest schedule window is 92 days; a series' clashes are read in windows of 90. */
const WINDOW_MS = 90 * DAY_MS;

function millis(conflict: ConflictView): Interval {
  return { start: Date.parse(conflict.start), end: Date.parse(conflict.end) };
}

/**
 * Says why each date of a booking clashes, from what the reader may see anyway: the center's
 * closures and opening hours, the free units of a pool, and the times (never the names) of the
 * sessions that hold a resource, read through the schedule as the API's schedule route reads them.
 */
@Injectable()
export class ConflictReasons {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
  ) {}

  async explain(
    ctx: WebContext,
    center: CenterEntity,
    conflicts: ConflictView[],
  ): Promise<ExplainedConflict[]> {
    if (conflicts.length === 0) return [];
    const zone = center.timezone;
    const closures = await this.closures.namedRulesOf(center.id);
    const held = await this.heldTimes(
      ctx.principal!,
      conflicts.filter((c) => c.reason === 'booked'),
    );
    return conflicts.map((conflict) => {
      const session = millis(conflict);
      const localDate = localDateOf(session.start, zone);
      let why: string;
      switch (conflict.reason) {
        case 'closed': {
          const lastDate = localDateOf(Math.max(session.start, session.end - 1), zone);
          const closure = isClosedOn(localDate, closures) ?? isClosedOn(lastDate, closures);
          const name = closure ? closureName(ctx, closure) : '';
          why = name ? ctx.t('book.reason.closed', { name }) : ctx.t('book.reason.closedUnnamed');
          break;
        }
        case 'outside_hours': {
          const periods = openPeriodsOn(localDate, zone, center.openingHours, []);
          why =
            periods.length === 0
              ? ctx.t(`book.reason.closedOn.${weekdayOf(localDate)}`)
              : ctx.t('book.reason.outsideHours', {
                  hours: periods
                    .map((p) => `${formatTime(p.start, zone)}–${formatTime(p.end, zone)}`)
                    .join(', '),
                });
          break;
        }
        case 'insufficient_quantity':
          why = ctx.t('book.reason.unitsFree', { count: conflict.available ?? 0 });
          break;
        case 'booked': {
          const holders = held.get(conflict) ?? [];
          why =
            holders.length === 0
              ? ctx.t('book.reason.bookedUnknown')
              : holders
                  .map((h) => {
                    const sameDay =
                      localDateOf(h.start, zone) === localDate &&
                      localDateOf(h.end - 1, zone) === localDate;
                    const [from, to] = sameDay
                      ? [formatTime(h.start, zone), formatTime(h.end, zone)]
                      : [
                          formatDateTime(h.start, zone, ctx.locale),
                          formatDateTime(h.end, zone, ctx.locale),
                        ];
                    // The title is the booker's business: only staff and the booker read it.
                    return h.title
                      ? ctx.t('book.reason.bookedTitled', { from, to, title: h.title })
                      : ctx.t('book.reason.booked', { from, to });
                  })
                  .join('; ');
          break;
        }
        default:
          why = ctx.t('book.reason.other');
      }
      return { ...conflict, why };
    });
  }

  /**
   * The sessions that hold the resource of each `booked` clash (with its buffer): one schedule
   * read per resource and 90 days, not one per clash.
   */
  private async heldTimes(
    caller: Principal,
    booked: ConflictView[],
  ): Promise<Map<ConflictView, HeldTime[]>> {
    const out = new Map<ConflictView, HeldTime[]>();
    const byResource = new Map<string, ConflictView[]>();
    for (const conflict of booked) {
      byResource.set(conflict.resourceId, [
        ...(byResource.get(conflict.resourceId) ?? []),
        conflict,
      ]);
    }
    for (const [resourceId, clashes] of byResource) {
      const resource = await this.resources.getEntity(resourceId);
      const bufferMs = resource.bufferMinutes * MINUTE_MS;
      const sorted = [...clashes].sort((a, b) => millis(a).start - millis(b).start);
      while (sorted.length > 0) {
        const first = millis(sorted[0]).start;
        const chunk = sorted.filter((c) => millis(c).start < first + WINDOW_MS);
        sorted.splice(0, chunk.length);
        const from = pageTime.minuteOf(first - bufferMs);
        const to = pageTime.minuteOf(Math.max(...chunk.map((c) => millis(c).end)) + bufferMs);
        const query = Object.assign(new WindowQuery(), {
          from: pageTime.requestTime(from),
          to: pageTime.requestTime(to + MINUTE_MS),
        });
        const items = (await this.availability.schedule(caller, resourceId, query)).items
          .filter((item) => item.status !== 'no_show')
          .map((item) => ({
            start: Date.parse(item.start),
            end: Date.parse(item.end),
            title: item.title,
          }));
        for (const conflict of chunk) {
          out.set(conflict, exclusiveClashes(millis(conflict), items, resource.bufferMinutes));
        }
      }
    }
    return out;
  }
}
