import { Body, Get, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BookingsService, BookingView, ConflictView } from '../../bookings';
import { CenterEntity } from '../../centers';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { UserManagementService, UserQuery } from '../../identity';
import { isStaff, Principal, SignedIn } from '../../access';
import { ResourcesService } from '../../resources';
import { BookingAlternatives, OfferedAlternatives } from './booking-alternatives';
import {
  BookingFormValues,
  bookingInput,
  defaultValues,
  isSimpleOneOff,
  valuesFrom,
} from './booking-form';
import { renderBookingForm } from './book.view';
import { CenterChoice } from './center-choice';
import { ConflictReasons } from './conflict-reasons';
import { field, FormBody } from '../shared/form';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, WebResult } from '../shared/web-result';

/**
 * The booking form for everyone: pick a place and a time, maybe a repetition and equipment, see
 * every date checked (the API's dry run), then book, or book only the free dates.
 */
@WebController('book')
export class BookController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly resources: ResourcesService,
    private readonly users: UserManagementService,
    private readonly centers: CenterChoice,
    private readonly reasons: ConflictReasons,
    private readonly alternatives: BookingAlternatives,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Get()
  async form(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    return this.render(ctx, query, {});
  }

  /**
   * The form's button. A one-off desk or computer without equipment is booked at once (the
   * preview only when it clashes); anything else is shown date by date before it is booked.
   */
  @SignedIn()
  @Post('preview')
  async preview(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const values = await this.values(ctx.principal!, form);
    const { center } = await this.centers.pick(ctx.principal!, field(form, 'center'));
    const resources = await this.resources.allOf(center.id);
    const asked = resources.find((r) => r.id === values.resourceId);
    if (isSimpleOneOff(values) && (asked?.kind === 'desk' || asked?.kind === 'computer')) {
      return this.create(ctx, form);
    }
    try {
      const input = await bookingInput(values, { dryRun: true, skipConflicts: true });
      const result = await this.bookings.create(ctx.principal!, input);
      const skipped = await this.reasons.explain(ctx, center, result.body.skipped);
      const alternatives = await this.offer(ctx, center, values, skipped, result.body);
      return this.render(ctx, form, { values, preview: result.body, skipped, alternatives });
    } catch (error) {
      return this.refused(ctx, form, values, error);
    }
  }

  @SignedIn()
  @Post()
  async create(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const values = await this.values(ctx.principal!, form);
    try {
      const input = await bookingInput(values, {
        dryRun: false,
        skipConflicts: field(form, 'skipConflicts') === '1',
      });
      const { body } = await this.bookings.create(ctx.principal!, input, values.idempotencyKey);
      const done = body.status === 'pending' ? 'requested' : 'booked';
      return new Redirect(
        isStaff(ctx.principal!) ? `/admin/bookings/${body.id}?done=${done}` : `/me?done=${done}`,
      );
    } catch (error) {
      return this.refused(ctx, form, values, error);
    }
  }

  private async values(principal: Principal, form: FormBody): Promise<BookingFormValues> {
    const { center } = await this.centers.pick(principal, field(form, 'center'));
    return valuesFrom(form, {
      ...defaultValues(this.clock.now(), center.timezone, randomUUID()),
      centerId: center.id,
    });
  }

  /** A domain refusal shows the form again with why (and the clashing dates); others propagate. */
  private async refused(
    ctx: WebContext,
    form: FormBody,
    values: BookingFormValues,
    error: unknown,
  ): Promise<WebResult> {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    const { center } = await this.centers.pick(ctx.principal!, field(form, 'center'));
    const conflicts = await this.reasons.explain(
      ctx,
      center,
      (error.extras.conflicts as ConflictView[] | undefined) ?? [],
    );
    const alternatives = await this.offer(ctx, center, values, conflicts);
    const page = await this.render(ctx, form, {
      values,
      problem: { error, conflicts },
      alternatives,
    });
    return new PageResponse(error.status, page.body);
  }

  /** The scheduling core's ways out of the clashes, when there are any. */
  private async offer(
    ctx: WebContext,
    center: CenterEntity,
    values: BookingFormValues,
    conflicts: ConflictView[],
    preview?: BookingView,
  ): Promise<OfferedAlternatives | undefined> {
    if (conflicts.length === 0) return undefined;
    const span = (s: { start: string; end: string }) => ({
      start: Date.parse(s.start),
      end: Date.parse(s.end),
    });
    return this.alternatives.find({
      caller: ctx.principal!,
      center,
      resources: await this.resources.allOf(center.id),
      values: { ...values, centerId: center.id },
      sessions: [...(preview?.occurrences ?? []), ...conflicts].map(span),
      conflicts,
      now: this.clock.now(),
    });
  }

  private async render(
    ctx: WebContext,
    form: FormBody,
    extra: Partial<
      Pick<
        Parameters<typeof renderBookingForm>[1],
        'values' | 'preview' | 'skipped' | 'problem' | 'alternatives'
      >
    >,
  ): Promise<PageResponse> {
    const principal = ctx.principal!;
    const { center, offered } = await this.centers.pick(principal, field(form, 'center'));
    const values =
      extra.values ??
      valuesFrom(form, { ...defaultValues(this.clock.now(), center.timezone, randomUUID()) });
    const resources = await this.resources.allOf(center.id);
    const owners = isStaff(principal)
      ? (
          await this.users.list(
            principal,
            Object.assign(new UserQuery(), { centerId: center.id, limit: 500 }),
          )
        ).items.map((u) => ({ id: u.id, name: u.name }))
      : undefined;
    return new PageResponse(
      200,
      renderBookingForm(ctx, { center, offered, resources, owners, ...extra, values }),
    );
  }
}
