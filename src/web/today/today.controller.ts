import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { BookingList, CheckInService } from '../../bookings';
import { closureName } from '../shared/closure-name';
import { CentersService, ClosuresService } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { createValidationPipe } from '../../common/validation';
import { Principal, Staff } from '../../access';
import { ReportsService, TimelineQuery } from '../../reports';
import { centerParam, centersRunBy, formError } from '../shared/staff-pages';
import { renderNoCenter, renderToday, todayUrl } from './today.view';
import { field, FormBody } from '../shared/form';
import { Html } from '../shared/html';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, WebResult } from '../shared/web-result';

const validation = createValidationPipe();

/**
 * The coordinator's day (`/admin`): every active resource on an hour grid with its sessions, the
 * state of each now, and check-in or check-out on someone's behalf. The grid is the timeline
 * report, the summary the occupancy report, the buttons the check-in service: the same services
 * as `GET /api/v1/centers/:id/timeline`, `/occupancy` and `POST /api/v1/occurrences/:id/check-in`.
 */
@WebController('admin')
export class AdminTodayController {
  constructor(
    private readonly reports: ReportsService,
    private readonly centers: CentersService,
    private readonly checkIns: CheckInService,
    private readonly bookingList: BookingList,
    private readonly closures: ClosuresService,
  ) {}

  @Staff()
  @Get()
  async today(
    @Page() ctx: WebContext,
    @Query('center') center?: string,
    @Query('date') date?: string,
    @Query('done') done?: string,
  ): Promise<WebResult> {
    return this.page(ctx, centerParam(center), date || undefined, done);
  }

  @Staff()
  @Post('occurrences/:occurrenceId/check-in')
  checkIn(
    @Page() ctx: WebContext,
    @Param('occurrenceId') occurrenceId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    return this.act(ctx, form, 'checked_in', () =>
      this.checkIns.checkIn(ctx.principal!, occurrenceId),
    );
  }

  @Staff()
  @Post('occurrences/:occurrenceId/check-out')
  checkOut(
    @Page() ctx: WebContext,
    @Param('occurrenceId') occurrenceId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    return this.act(ctx, form, 'checked_out', () =>
      this.checkIns.checkOut(ctx.principal!, occurrenceId),
    );
  }

  /** Acts, then back to the same center and day; a refusal is shown on the page itself. */
  private async act(
    ctx: WebContext,
    form: FormBody,
    done: 'checked_in' | 'checked_out',
    action: () => Promise<unknown>,
  ): Promise<WebResult> {
    const center = centerParam(field(form, 'center'));
    const date = field(form, 'date');
    try {
      await action();
    } catch (caught) {
      const error = formError(caught);
      return new PageResponse(error.status, await this.page(ctx, center, date, undefined, error));
    }
    const target = await this.centerOrFirst(ctx.principal!, center);
    if (!target) return new Redirect('/admin');
    return new Redirect(todayUrl(target, date, { done }));
  }

  private async centerOrFirst(caller: Principal, center?: string): Promise<string | undefined> {
    if (center) return center;
    return (await centersRunBy(caller, this.centers))[0]?.id;
  }

  private async page(
    ctx: WebContext,
    centerId: string | undefined,
    date: string | undefined,
    done?: string,
    error?: DomainError,
  ): Promise<Html> {
    const caller = ctx.principal!;
    const centers = await centersRunBy(caller, this.centers);
    const id = centerId ?? centers[0]?.id;
    if (!id) return renderNoCenter(ctx);
    const center = await this.centers.getManaged(caller, id);
    const query = (await validation.transform(date === undefined ? {} : { date }, {
      type: 'query',
      metatype: TimelineQuery,
    })) as TimelineQuery;
    const { timeline, occupancy, today, now } = await this.reports.dayPage(
      caller,
      center.id,
      query,
    );
    const pendingCount = await this.bookingList.pendingCount(center.id);
    // The first requests waiting, to approve from Today (the count says how many there are).
    const pending = await this.bookingList.page({
      centerId: center.id,
      status: 'pending',
      limit: 5,
    });
    const closure =
      timeline.closure === null
        ? undefined
        : await this.closures.closureOn(center.id, timeline.date);
    return renderToday(ctx, {
      centers: centers.some((c) => c.id === center.id) ? centers : [center, ...centers],
      center,
      timeline,
      closureName: closure ? closureName(ctx, closure) : timeline.closure,
      occupancy,
      pendingCount,
      pending: pending.items,
      now,
      today,
      done,
      error,
    });
  }
}
