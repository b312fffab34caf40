import { Get, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  AvailabilityQuery,
  AvailabilityService,
  BookingQuery,
  BookingsService,
  BookingView,
} from '../../bookings';
import { CenterEntity, CentersService, ClosuresService } from '../../centers';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { SignedIn } from '../../access';
import { ResourceEntity, ResourcesService } from '../../resources';
import { openPeriodsOn } from '../../scheduling';
import { CenterChoice } from './center-choice';
import { ConflictReasons } from './conflict-reasons';
import { field, FormBody, integerField, validatedInput } from '../shared/form';
import { renderFindPage, renderMyBookings } from './member.view';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, WebResult } from '../shared/web-result';
import { pageTime } from '../shared/page-time';

/** The first quarter hour (:00, :15, :30, :45 of the center's clock) at or after `ms`. */
function nextQuarterHour(ms: number, zone: string): DateTime {
  const at = DateTime.fromMillis(ms, { zone }).startOf('minute');
  const past = at.minute % 15;
  return past === 0 ? at : at.plus({ minutes: 15 - past });
}

/** A member's own pages: my bookings, find a free place, and the QR code's check-in page. */
@WebController()
export class MemberPagesController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly availability: AvailabilityService,
    private readonly resources: ResourcesService,
    private readonly centers: CentersService,
    private readonly choice: CenterChoice,
    private readonly reasons: ConflictReasons,
    private readonly closures: ClosuresService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Get('me')
  async myBookings(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    const now = this.clock.now();
    const page = await this.bookings.list(
      ctx.principal!,
      Object.assign(new BookingQuery(), {
        ownerId: ctx.principal!.id,
        // Sessions that end after the start of this minute; the page drops the ones already over.
        from: pageTime.requestTime(pageTime.minuteOf(now)),
        limit: 200,
      }),
    );
    const bookings = page.items.filter((b) => b.status !== 'cancelled');
    const places = await this.placesOf(bookings);
    return renderMyBookings(ctx, { bookings, places, now, query });
  }

  @SignedIn()
  @Get('find')
  async find(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    const { center, offered } = await this.choice.pick(ctx.principal!, field(query, 'center'));
    const now = this.clock.now();
    const zone = center.timezone;
    const kind =
      field(query, 'kind') === 'computer'
        ? 'computer'
        : field(query, 'kind') === 'desk'
          ? 'desk'
          : undefined;
    const when = field(query, 'when') === 'later' ? 'later' : 'now';
    const untilClosing = field(query, 'hours') === 'closing';
    const hours = Math.min(Math.max(integerField(query, 'hours') ?? 2, 1), 12);
    // "Now" is the next quarter hour: bookings start on the quarter, as people plan them.
    const nowLocal = nextQuarterHour(pageTime.nextMinuteAfter(now), zone);
    // The opening period "now" falls in, for "until closing" when fewer hours are left than asked.
    const period = openPeriodsOn(
      nowLocal.toISODate()!,
      zone,
      center.openingHours,
      await this.closures.namedRulesOf(center.id),
    ).find((p) => p.start <= nowLocal.toMillis() && nowLocal.toMillis() < p.end);
    const closing = period && DateTime.fromMillis(period.end, { zone });
    const nowEnd =
      untilClosing && closing ? closing : nowLocal.plus({ hours: untilClosing ? 2 : hours });
    const start =
      when === 'later'
        ? `${field(query, 'date') ?? nowLocal.toISODate()}T${field(query, 'startTime') ?? '10:00'}`
        : nowLocal.toFormat("yyyy-MM-dd'T'HH:mm");
    const end =
      when === 'later'
        ? `${field(query, 'date') ?? nowLocal.toISODate()}T${field(query, 'endTime') ?? '12:00'}`
        : nowEnd.toFormat("yyyy-MM-dd'T'HH:mm");
    const closesSooner =
      when === 'now' && !untilClosing && closing && nowEnd > closing
        ? closing.toMillis()
        : undefined;
    const feature = field(query, 'feature');
    const all = (await this.resources.allOf(center.id)).filter(
      (r) => r.active && (r.kind === 'desk' || r.kind === 'computer'),
    );
    const features = [...new Set(all.flatMap((r) => r.features))].sort();
    let problem: DomainError | undefined;
    let free: ResourceEntity[] = [];
    const searched = Object.keys(query).length > 0;
    if (searched) {
      try {
        const input = await validatedInput(AvailabilityQuery, {
          start,
          end,
          ...(kind ? { kind } : {}),
          ...(feature ? { feature } : {}),
        });
        const result = await this.availability.availability(ctx.principal!, center.id, input);
        const freeIds = new Set(result.items.filter((i) => i.available).map((i) => i.resource.id));
        free = all.filter((r) => freeIds.has(r.id));
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
        problem = error;
      }
    }
    const page = renderFindPage(ctx, {
      center,
      offered,
      features,
      form: { kind, when, hours, start, end, feature, untilClosing, closesSooner },
      searched,
      free,
      problem,
      idempotencyKey: randomUUID(),
    });
    // A refused search is shown with the form, with the refusal's status.
    return problem ? new PageResponse(problem.status, page) : page;
  }

  /** The resource and center of each booking, for the page to name them. */
  private async placesOf(
    bookings: BookingView[],
  ): Promise<Map<string, { resource: ResourceEntity; center: CenterEntity }>> {
    const places = new Map<string, { resource: ResourceEntity; center: CenterEntity }>();
    for (const booking of bookings) {
      if (places.has(booking.resourceId)) continue;
      const resource = await this.resources.getEntity(booking.resourceId);
      places.set(booking.resourceId, {
        resource,
        center: await this.centers.getEntity(resource.centerId),
      });
    }
    return places;
  }
}
