import { Body, Param, Post } from '@nestjs/common';
import { BookingChangesService, CheckInService } from '../../bookings';
import { SignedIn } from '../../access';
import { field, FormBody } from '../shared/form';
import { actThenReturn } from './notices';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { WebResult } from '../shared/web-result';

/**
 * The buttons on a booking or a session, wherever a page shows them (my bookings, Today, a
 * booking's page): each calls the service the API calls, which decides who may, and returns to
 * the page in `next` with what happened.
 */
@WebController()
export class SessionActionsController {
  constructor(
    private readonly changes: BookingChangesService,
    private readonly checkIns: CheckInService,
  ) {}

  @SignedIn()
  @Post('bookings/:bookingId/cancel')
  cancelBooking(
    @Page() ctx: WebContext,
    @Param('bookingId') bookingId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    return actThenReturn(form.next, '/', 'cancelled', () =>
      this.changes.cancel(ctx.principal!, bookingId),
    );
  }

  /** `scope=following` cancels this session and every later one of the series. */
  @SignedIn()
  @Post('bookings/:bookingId/sessions/:occurrenceId/cancel')
  cancelSession(
    @Page() ctx: WebContext,
    @Param('bookingId') bookingId: string,
    @Param('occurrenceId') occurrenceId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const scope = field(form, 'scope') === 'following' ? 'following' : 'this';
    return actThenReturn(form.next, '/', 'cancelled', () =>
      this.changes.cancelSession(ctx.principal!, bookingId, occurrenceId, scope),
    );
  }

  @SignedIn()
  @Post('sessions/:occurrenceId/check-in')
  checkIn(
    @Page() ctx: WebContext,
    @Param('occurrenceId') occurrenceId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    return actThenReturn(form.next, '/', 'checked_in', () =>
      this.checkIns.checkIn(ctx.principal!, occurrenceId),
    );
  }

  @SignedIn()
  @Post('sessions/:occurrenceId/check-out')
  checkOut(
    @Page() ctx: WebContext,
    @Param('occurrenceId') occurrenceId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    return actThenReturn(form.next, '/', 'checked_out', () =>
      this.checkIns.checkOut(ctx.principal!, occurrenceId),
    );
  }
}
