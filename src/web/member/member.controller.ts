import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  AvailabilityQuery,
  AvailabilityService,
  BookingQuery,
  BookingsService,
  BookingView,
  ConflictView,
  CheckInService,
  ScanService,
} from '../../bookings';
import { CenterEntity, CentersService } from '../../centers';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { SignedIn } from '../../access';
import { ResourceEntity, ResourcesService } from '../../resources';
import { MINUTE_MS } from '../../scheduling';
import { CenterChoice } from './center-choice';
import { ConflictReasons } from './conflict-reasons';
import { field, FormBody, integerField, validatedInput } from '../shared/form';
import {
  renderCheckInPage,
  renderCheckInResult,
  renderFindPage,
  renderMyBookings,
} from './member.view';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, WebResult } from '../shared/web-result';
import { pageTime } from '../shared/page-time';

/** A member's own pages: my bookings, find a free place, and the QR code's check-in page. */
@WebController()
export class MemberPagesController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly availability: AvailabilityService,
    private readonly resources: ResourcesService,
    private readonly centers: CentersService,
    private readonly choice: CenterChoice,
    private readonly checkIns: CheckInService,
    private readonly scans: ScanService,
    private readonly reasons: ConflictReasons,
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
    const hours = Math.min(Math.max(integerField(query, 'hours') ?? 2, 1), 12);
    const nowLocal = DateTime.fromMillis(pageTime.nextMinuteAfter(now), { zone });
    const start =
      when === 'later'
        ? `${field(query, 'date') ?? nowLocal.toISODate()}T${field(query, 'startTime') ?? '10:00'}`
        : nowLocal.toFormat("yyyy-MM-dd'T'HH:mm");
    const end =
      when === 'later'
        ? `${field(query, 'date') ?? nowLocal.toISODate()}T${field(query, 'endTime') ?? '12:00'}`
        : nowLocal.plus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");
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
      form: { kind, when, hours, start, end, feature },
      searched,
      free,
      problem,
      idempotencyKey: randomUUID(),
    });
    // A refused search is shown with the form, with the refusal's status.
    return problem ? new PageResponse(problem.status, page) : page;
  }

  @SignedIn()
  @Get('c/:token')
  async checkInPage(@Page() ctx: WebContext, @Param('token') token: string): Promise<WebResult> {
    const resource = await this.scans.resourceOf(token);
    const center = await this.centers.getEntity(resource.centerId);
    const own = await this.checkIns.openSessionOf(ctx.principal!, resource);
    // The minute a walk-in would start at (the scan takes the resource from this minute on).
    const minute = pageTime.minuteOf(this.clock.now());
    const here = own
      ? undefined
      : (
          await this.availability.availability(
            ctx.principal!,
            center.id,
            Object.assign(new AvailabilityQuery(), {
              start: pageTime.requestTime(minute),
              end: pageTime.requestTime(minute + MINUTE_MS),
              kind: resource.kind,
            }),
          )
        ).items.find((i) => i.resource.id === resource.id);
    const state = own ? 'yours' : here?.available ? 'free' : 'busy';
    return renderCheckInPage(ctx, { token, resource, center, state });
  }

  @SignedIn()
  @Post('c/:token')
  async checkInByCode(
    @Page() ctx: WebContext,
    @Param('token') token: string,
    @Body() _form: FormBody,
  ): Promise<WebResult> {
    const resource = await this.scans.resourceOf(token);
    const center = await this.centers.getEntity(resource.centerId);
    try {
      const result = await this.scans.scan(ctx.principal!, token);
      return renderCheckInResult(ctx, { resource, center, result });
    } catch (error) {
      if (!(error instanceof DomainError) || [401, 404].includes(error.status)) throw error;
      if (error.status >= 500) throw error;
      if (error.code !== 'RESOURCE_BUSY') {
        // Refused for another reason (a room that needs approval, closed now…): said here.
        const clashes = await this.reasons.explain(
          ctx,
          center,
          (error.extras.conflicts as ConflictView[] | undefined) ?? [],
        );
        return new PageResponse(
          error.status,
          renderCheckInPage(ctx, {
            token,
            resource,
            center,
            state: 'busy',
            problem: { error, why: clashes.map((c) => c.why) },
          }),
        );
      }
      const freeAt =
        typeof error.extras.freeAt === 'string' ? Date.parse(error.extras.freeAt) : undefined;
      return new PageResponse(
        409,
        renderCheckInPage(ctx, { token, resource, center, state: 'busy', freeAt }),
      );
    }
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
