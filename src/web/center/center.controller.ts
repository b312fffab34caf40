import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { BookingChangesService, CalendarEffectsService } from '../../bookings';
import { DomainError } from '../../common/domain-error';
import {
  AffectedSession,
  CentersService,
  CenterView,
  ClosuresService,
  CreateClosureInput,
  UpdateCenterInput,
} from '../../centers';
import { PagingQuery } from '../../common/pagination';
import { Principal, Staff } from '../../access';
import {
  CreateResourceInput,
  ResourcesService,
  ResourceView,
  UpdateResourceInput,
} from '../../resources';
import {
  centersRunBy,
  checkedInput,
  chosenCenter,
  numberOrText,
  Problem,
  problemOf,
  statusOf,
} from '../shared/page-input';
import {
  Done,
  DONE_KEYS,
  editPage,
  FormState,
  resourceValues,
  Section,
  setupPage,
} from './center.view';
import { openingHoursFrom, policyFrom } from './center-form';
import { field, FormBody, fields } from '../shared/form';
import { qrSheetPage } from './qr-sheet';
import { Html } from '../shared/html';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, WebResult } from '../shared/web-result';

/** The most sessions one answer about a new closure's sessions cancels. */
const MAX_AFFECTED = 500;

function isDone(value: string | undefined): value is Done {
  return value !== undefined && value in DONE_KEYS;
}

/** The values of a form as typed, to show it again. */
function typed(form: FormBody): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form ?? {})) {
    if (name !== '_csrf' && value !== undefined) out[name] = value;
  }
  return out;
}

/** The resource form as the API's input: numbers where numbers were typed, features as a list. */
function resourceInput(form: FormBody, creating: boolean): Record<string, unknown> {
  const other = (field(form, 'otherFeatures') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const checkIn = field(form, 'checkInRequired');
  const input: Record<string, unknown> = {
    kind: creating ? (field(form, 'kind') ?? '') : undefined,
    name: field(form, 'name') ?? '',
    capacity: numberOrText(field(form, 'capacity')),
    quantity: numberOrText(field(form, 'quantity')),
    features: [...fields(form, 'features'), ...other],
    requiresApproval: field(form, 'requiresApproval') === 'on',
    checkInRequired: checkIn === 'yes' ? true : checkIn === 'no' ? false : undefined,
    minDurationMinutes: numberOrText(field(form, 'minDurationMinutes')),
    maxDurationMinutes: numberOrText(field(form, 'maxDurationMinutes')),
    bufferMinutes: numberOrText(field(form, 'bufferMinutes')),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/**
 * Center setup for coordinators and admins: resources, opening hours, closures and the booking
 * rules of one center, and the printable sheet of check-in codes. Every change goes through the
 * services behind the API's centers, resources and closures routes.
 */
@WebController('admin/center')
export class AdminCenterController {
  constructor(
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly effects: CalendarEffectsService,
    private readonly changes: BookingChangesService,
  ) {}

  @Staff()
  @Get()
  async setup(
    @Page() ctx: WebContext,
    @Query('center') centerId?: string,
    @Query('done') done?: string,
  ): Promise<WebResult> {
    return this.render(ctx, centerId, { done: isDone(done) ? done : undefined });
  }

  @Staff()
  @Post('resources')
  async createResource(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const caller = ctx.principal!;
    const centerId = field(form, 'center') ?? '';
    try {
      const input = await checkedInput(CreateResourceInput, resourceInput(form, true));
      await this.resources.create(caller, centerId, input);
    } catch (error) {
      return this.refused(ctx, centerId, 'resource', form, problemOf(error));
    }
    return this.back(centerId, 'created', 'resources-h');
  }

  @Staff()
  @Get('resources/:resourceId')
  async editResource(
    @Page() ctx: WebContext,
    @Param('resourceId') resourceId: string,
    @Query('done') done?: string,
  ): Promise<WebResult> {
    const resource = await this.managedResource(ctx.principal!, resourceId);
    const center = await this.centers.get(resource.centerId);
    return editPage(ctx, {
      center,
      resource,
      state: { values: resourceValues(resource) },
      done: isDone(done) ? done : undefined,
    });
  }

  @Staff()
  @Post('resources/:resourceId')
  async updateResource(
    @Page() ctx: WebContext,
    @Param('resourceId') resourceId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const caller = ctx.principal!;
    const resource = await this.managedResource(caller, resourceId);
    const reactivate = field(form, 'reactivate') === 'on';
    try {
      const input = await checkedInput(
        UpdateResourceInput,
        reactivate ? { active: true } : resourceInput(form, false),
      );
      await this.effects.updateResource(caller, resourceId, input);
    } catch (error) {
      const problem = problemOf(error);
      const center = await this.centers.get(resource.centerId);
      const state: FormState = reactivate
        ? { values: resourceValues(resource), problem }
        : { values: typed(form), problem };
      return new PageResponse(statusOf(problem), editPage(ctx, { center, resource, state }));
    }
    return new Redirect(
      `/admin/center/resources/${resourceId}?done=${reactivate ? 'reactivated' : 'updated'}`,
    );
  }

  @Staff()
  @Post('resources/:resourceId/deactivate')
  async deactivateResource(
    @Page() ctx: WebContext,
    @Param('resourceId') resourceId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const caller = ctx.principal!;
    const cancelFuture = field(form, 'cancelFuture') === 'on';
    const resource = await this.managedResource(caller, resourceId);
    try {
      await this.effects.deactivateResource(caller, resourceId, cancelFuture);
    } catch (error) {
      const problem = problemOf(error);
      const center = await this.centers.get(resource.centerId);
      return new PageResponse(
        statusOf(problem),
        editPage(ctx, {
          center,
          resource,
          state: { values: resourceValues(resource) },
          deactivateProblem: problem,
          cancelFuture,
        }),
      );
    }
    return this.back(resource.centerId, 'deactivated', 'resources-h');
  }

  @Staff()
  @Post('hours')
  async saveHours(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const centerId = field(form, 'center') ?? '';
    const openingHours = openingHoursFrom(form);
    try {
      const input = await checkedInput(UpdateCenterInput, { openingHours });
      await this.centers.update(ctx.principal!, centerId, input);
    } catch (error) {
      return this.refused(ctx, centerId, 'hours', form, problemOf(error));
    }
    return this.back(centerId, 'hours', 'hours-h');
  }

  @Staff()
  @Post('closures')
  async addClosure(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const centerId = field(form, 'center') ?? '';
    let affected: AffectedSession[];
    try {
      const input = await checkedInput(CreateClosureInput, {
        from: field(form, 'from') ?? '',
        to: field(form, 'to') ?? '',
        reason: field(form, 'reason') ?? '',
        yearly: field(form, 'yearly') === 'on',
      });
      affected = (await this.effects.addClosure(ctx.principal!, centerId, input)).affected;
    } catch (error) {
      return this.refused(ctx, centerId, 'closure', form, problemOf(error));
    }
    // The sessions on the new closure exist only in this answer: they are shown now, not lost
    // in a redirect (reloading asks the browser to send the form again, which it warns about).
    if (affected.length > 0) {
      return this.render(ctx, centerId, { done: 'closureAdded', affected });
    }
    return this.back(centerId, 'closureAdded', 'closures-h');
  }

  /**
   * What to do with the sessions a new closure falls on: cancel them (each through the same
   * service as cancelling a session on the Bookings page) or keep them.
   */
  @Staff()
  @Post('closures/sessions')
  async closureSessions(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const caller = ctx.principal!;
    const centerId = field(form, 'center') ?? '';
    await this.centers.getManaged(caller, centerId);
    if (field(form, 'decision') !== 'cancel') {
      return this.back(centerId, 'sessionsKept', 'closures-h');
    }
    const sessions = fields(form, 'session')
      .slice(0, MAX_AFFECTED)
      .map((s) => s.split(':'))
      .filter((parts) => parts.length === 2);
    for (const [bookingId, occurrenceId] of sessions) {
      try {
        await this.changes.cancelSession(caller, bookingId, occurrenceId, 'this');
      } catch (error) {
        // One already cancelled, over, or not this center's is left as it is.
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
      }
    }
    return this.back(centerId, 'sessionsCancelled', 'closures-h');
  }

  @Staff()
  @Post('closures/:closureId/delete')
  async deleteClosure(
    @Page() ctx: WebContext,
    @Param('closureId') closureId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const centerId = field(form, 'center') ?? '';
    await this.closures.remove(ctx.principal!, centerId, closureId);
    return this.back(centerId, 'closureDeleted', 'closures-h');
  }

  @Staff()
  @Post('policy')
  async savePolicy(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const centerId = field(form, 'center') ?? '';
    const policy = policyFrom(form);
    try {
      const input = await checkedInput(UpdateCenterInput, { policy });
      await this.centers.update(ctx.principal!, centerId, input);
    } catch (error) {
      return this.refused(ctx, centerId, 'policy', form, problemOf(error));
    }
    return this.back(centerId, 'policy', 'policy-h');
  }

  @Staff()
  @Get('qr-sheet')
  async qrSheet(@Page() ctx: WebContext, @Query('center') centerId?: string): Promise<Html> {
    const caller = ctx.principal!;
    const center = await chosenCenter(
      this.centers,
      caller,
      await centersRunBy(this.centers, caller),
      centerId,
    );
    const printable = (await this.resources.allOf(center.id)).filter(
      (r) => r.active && (r.kind === 'desk' || r.kind === 'computer'),
    );
    const items = await Promise.all(
      printable.map(async (r) => ({
        resource: this.resources.view(caller, r),
        svg: await this.resources.qrSvg(caller, r.id),
      })),
    );
    return qrSheetPage(ctx, center, items);
  }

  private back(centerId: string, done: Done, anchor: string): Redirect {
    return new Redirect(
      `/admin/center?center=${encodeURIComponent(centerId)}&done=${done}#${anchor}`,
    );
  }

  private async managedResource(caller: Principal, resourceId: string): Promise<ResourceView> {
    return this.resources.view(caller, await this.resources.getManaged(caller, resourceId));
  }

  private async refused(
    ctx: WebContext,
    centerId: string,
    section: Section,
    form: FormBody,
    problem: Problem,
  ): Promise<WebResult> {
    const page = await this.render(ctx, centerId, {
      failed: { section, state: { values: typed(form), problem } },
    });
    return new PageResponse(statusOf(problem), page);
  }

  private async render(
    ctx: WebContext,
    requested: string | undefined,
    extra: {
      done?: Done;
      affected?: AffectedSession[];
      failed?: { section: Section; state: FormState };
    },
  ): Promise<Html> {
    const caller = ctx.principal!;
    const runs = await centersRunBy(this.centers, caller);
    const center: CenterView = await chosenCenter(
      this.centers,
      caller,
      runs,
      requested || undefined,
    );
    const [entities, closures] = await Promise.all([
      this.resources.allOf(center.id),
      this.closures.listNamed(
        center.id,
        Object.assign(new PagingQuery(), { limit: 500, offset: 0 }),
      ),
    ]);
    const resources = entities
      .map((r) => this.resources.view(caller, r))
      .sort((a, b) => Number(b.active) - Number(a.active));
    return setupPage(ctx, { center, runs, resources, closures: closures.items, ...extra });
  }
}
