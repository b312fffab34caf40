import { Body, Get, Param, Post, Query } from '@nestjs/common';
import {
  BookingChangesService,
  BookingList,
  BookingQuery,
  BookingsService,
  type BookingStatus,
  BookingView,
  ListPosition,
  RejectInput,
} from '../../bookings';
import { CentersService } from '../../centers';
import { Clock } from '../../common/clock';
import { validationError } from '../../common/domain-error';
import { localDateProblem } from '../../common/request-dates';
import { createValidationPipe } from '../../common/validation';
import { UsersService } from '../../identity';
import { Staff } from '../../access';
import { ResourcesService } from '../../resources';
import { addDays, localDateOf } from '../../scheduling';
import { centerParam, centersRunBy, formError } from '../shared/staff-pages';
import {
  BOOKING_STATUSES,
  BookingDetailData,
  BookingFilters,
  renderBookingDetail,
  renderBookingList,
} from './bookings.view';
import { renderNoCenter } from '../today/today.view';
import { field, FormBody } from '../shared/form';
import { Html } from '../shared/html';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, safeNextPath, WebResult } from '../shared/web-result';

const PAGE_SIZE = 20;
const validation = createValidationPipe();

/** A list position in a URL: the first session's local start, `~`, the booking's id. */
const POSITION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?:~([0-9A-Za-z-]{1,36}))?$/;

function positionParam(position: ListPosition): string {
  return position.id ? `${position.startLocal}~${position.id}` : position.startLocal;
}

function listPosition(name: 'after' | 'before', value?: string): ListPosition | undefined {
  if (!value) return undefined;
  const match = POSITION.exec(value);
  if (!match) {
    throw validationError(name, 'must be a list position YYYY-MM-DDTHH:mm~id');
  }
  return { startLocal: match[1], id: match[2] ?? '' };
}

/**
 * The staff's bookings: a filtered list, one booking with its sessions, approve or reject a
 * request, cancel a session or the whole series. The same services as `GET /api/v1/bookings`,
 * `POST …/approve|reject`, `DELETE /api/v1/bookings/:id` and `DELETE …/occurrences/:id`.
 */
@WebController('admin/bookings')
export class AdminBookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly list_: BookingList,
    private readonly changes: BookingChangesService,
    private readonly centers: CentersService,
    private readonly resources: ResourcesService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Staff()
  @Get()
  async list(
    @Page() ctx: WebContext,
    @Query('center') center?: string,
    @Query('status') status?: string,
    @Query('resource') resource?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('owner') owner?: string,
    @Query('after') after?: string,
    @Query('before') before?: string,
  ): Promise<WebResult> {
    const caller = ctx.principal!;
    const centers = await centersRunBy(caller, this.centers);
    const id = centerParam(center) ?? centers[0]?.id;
    if (!id) return renderNoCenter(ctx);
    const centerEntity = await this.centers.getManaged(caller, id);
    const filters: BookingFilters = {
      status: status || undefined,
      resource: resource || undefined,
      from: from || undefined,
      to: to || undefined,
      owner: owner || undefined,
    };
    if (filters.status && !(BOOKING_STATUSES as readonly string[]).includes(filters.status)) {
      throw validationError('status', `must be one of ${BOOKING_STATUSES.join(', ')}`, 'isIn');
    }
    for (const name of ['from', 'to'] as const) {
      const problem = filters[name] === undefined ? null : localDateProblem(filters[name]);
      if (problem !== null) {
        throw validationError(name, problem.message, problem.wording.rule, problem.wording.values);
      }
    }
    // The API's rules for the ids and the dates (uuids; `to` not before `from`).
    await validation.transform(
      {
        centerId: id,
        ...(filters.resource && { resourceId: filters.resource }),
        ...(filters.owner && { ownerId: filters.owner }),
        ...(filters.from && { from: `${filters.from}T00:00` }),
        ...(filters.to && { to: `${addDays(filters.to, 1)}T00:00` }),
      },
      { type: 'query', metatype: BookingQuery },
    );
    const afterPosition = listPosition('after', after);
    const beforePosition = afterPosition ? undefined : listPosition('before', before);
    // With no dates and no position, the list starts today (earlier bookings on request).
    const today = localDateOf(this.clock.now(), centerEntity.timezone);
    const fromToday =
      !filters.from && !filters.to && !afterPosition && !beforePosition
        ? { startLocal: `${today}T00:00`, id: '' }
        : undefined;
    const [result, pendingCount, resources] = await Promise.all([
      this.list_.page({
        centerId: id,
        status: filters.status as BookingStatus | undefined,
        resourceId: filters.resource,
        ownerId: filters.owner,
        from: filters.from && `${filters.from}T00:00`,
        until: filters.to && `${addDays(filters.to, 1)}T00:00`,
        after: afterPosition ?? fromToday,
        before: beforePosition,
        limit: PAGE_SIZE,
      }),
      this.list_.pendingCount(id),
      this.resources.allOf(id),
    ]);
    const names = new Map(resources.map((r) => [r.id, r.name]));
    const owners = await this.ownerNames(result.items.map((b) => b.ownerId));
    // The person filtered on is named only if one of their bookings is shown (or was found).
    const ownerName = filters.owner ? owners.get(filters.owner) : undefined;
    return renderBookingList(ctx, {
      centers: centers.some((c) => c.id === id) ? centers : [centerEntity, ...centers],
      center: centerEntity,
      resources: resources.map((r) => ({ id: r.id, name: r.name })),
      filters,
      ownerName,
      rows: result.items.map((booking) => ({
        booking,
        resourceName: names.get(booking.resourceId) ?? '',
        ownerName: owners.get(booking.ownerId) ?? '',
      })),
      fromToday: fromToday !== undefined,
      earlier: result.earlier && positionParam(result.earlier),
      later: result.later && positionParam(result.later),
      pendingCount,
    });
  }

  @Staff()
  @Get(':bookingId')
  async details(
    @Page() ctx: WebContext,
    @Param('bookingId') bookingId: string,
    @Query('done') done?: string,
  ): Promise<WebResult> {
    return this.detailPage(ctx, await this.bookings.get(ctx.principal!, bookingId), { done });
  }

  @Staff()
  @Post(':bookingId/approve')
  async approve(
    @Page() ctx: WebContext,
    @Param('bookingId') bookingId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const result = await this.act(ctx, bookingId, 'approved', () =>
      this.changes.approve(ctx.principal!, bookingId),
    );
    // Approved from Today: back there (a local path only), which says it was approved.
    const next = field(form, 'next');
    return result instanceof Redirect && next
      ? new Redirect(safeNextPath(next, result.location))
      : result;
  }

  @Staff()
  @Post(':bookingId/reject')
  async reject(
    @Page() ctx: WebContext,
    @Param('bookingId') bookingId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const typed = field(form, 'reason');
    return this.act(
      ctx,
      bookingId,
      'rejected',
      async () => {
        // The API's own rule for a rejection: a reason of 1 to 500 characters.
        const input = (await validation.transform(
          { reason: typed ?? '' },
          { type: 'body', metatype: RejectInput },
        )) as RejectInput;
        return this.changes.reject(ctx.principal!, bookingId, input.reason);
      },
      typed,
    );
  }

  @Staff()
  @Post(':bookingId/cancel')
  cancel(@Page() ctx: WebContext, @Param('bookingId') bookingId: string): Promise<WebResult> {
    return this.act(ctx, bookingId, 'cancelled', () =>
      this.changes.cancel(ctx.principal!, bookingId),
    );
  }

  @Staff()
  @Post(':bookingId/occurrences/:occurrenceId/cancel')
  cancelSession(
    @Page() ctx: WebContext,
    @Param('bookingId') bookingId: string,
    @Param('occurrenceId') occurrenceId: string,
  ): Promise<WebResult> {
    return this.act(ctx, bookingId, 'sessionCancelled', () =>
      this.changes.cancelSession(ctx.principal!, bookingId, occurrenceId, 'this'),
    );
  }

  /** Acts, then shows the booking again; a refusal is shown on the booking's page, input kept. */
  private async act(
    ctx: WebContext,
    bookingId: string,
    done: string,
    action: () => Promise<unknown>,
    reason?: string,
  ): Promise<WebResult> {
    try {
      await action();
    } catch (caught) {
      const error = formError(caught);
      const booking = await this.bookings.get(ctx.principal!, bookingId);
      const reasonMissing =
        done === 'rejected' &&
        error.code === 'VALIDATION_FAILED' &&
        (error.extras.details as Array<{ field: string }> | undefined)?.some(
          (d) => d.field === 'reason',
        ) === true;
      return new PageResponse(
        error.status,
        await this.detailPage(ctx, booking, { error, reason, reasonMissing }),
      );
    }
    return new Redirect(`/admin/bookings/${encodeURIComponent(bookingId)}?done=${done}`);
  }

  private async detailPage(
    ctx: WebContext,
    booking: BookingView,
    extra: Pick<BookingDetailData, 'done' | 'error' | 'reason' | 'reasonMissing'>,
  ): Promise<Html> {
    const [center, resource, names] = await Promise.all([
      this.centers.getEntity(booking.centerId),
      this.resources.getEntity(booking.resourceId),
      this.ownerNames([booking.ownerId, booking.creatorId]),
    ]);
    return renderBookingDetail(ctx, {
      booking,
      center,
      resourceName: resource.name,
      ownerName: names.get(booking.ownerId) ?? '',
      creatorName: names.get(booking.creatorId) ?? '',
      now: this.clock.now(),
      ...extra,
    });
  }

  /**
   * The names of the people bookings are for. Only called with bookings the booking service let
   * the caller see (their own, or their centers' as staff), whose owners staff see by name.
   */
  private async ownerNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const users = await Promise.all(
      unique.map((id) => this.users.getEntity(id).catch(() => undefined)),
    );
    return new Map(
      users.filter((u) => u !== undefined).map((u) => [u.id, u.name] as [string, string]),
    );
  }
}
