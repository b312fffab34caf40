import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { CentersService, CenterView, CreateCenterInput, UpdateCenterInput } from '../../centers';
import { PagingQuery } from '../../common/pagination';
import {
  CreateUserInput,
  temporaryPassword,
  UserManagementService,
  UserQuery,
  UserView,
} from '../../identity';
import { Principal, Roles } from '../../access';
import { DEFAULT_OPENING_HOURS, DEFAULT_POLICY } from '../../scheduling';
import { checkedInput } from '../shared/page-input';
import { hoursValues, policyValues } from '../center/center.view';
import { openingHoursFrom, policyFrom } from '../center/center-form';
import { field, FormBody } from '../shared/form';
import { formProblem, typedValues } from '../shared/form-fields';
import { Html } from '../shared/html';
import {
  CENTER_RULES,
  centerFormPage,
  COORDINATOR_RULES,
  NETWORK_DONE,
  NetworkData,
  NetworkDone,
  networkPage,
} from './network.view';
import { FormState } from '../people/people.view';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, WebResult } from '../shared/web-result';

const ALL = Object.assign(new PagingQuery(), { limit: 500, offset: 0 });
const TEXT_FIELDS = ['name', 'slug', 'city', 'region', 'address', 'timezone'] as const;

function isDone(value: string | undefined): value is NetworkDone {
  return value !== undefined && value in NETWORK_DONE;
}

function centerValues(center: CenterView): Record<string, string> {
  return {
    name: center.name,
    slug: center.slug,
    city: center.city,
    region: center.region,
    address: center.address,
    timezone: center.timezone,
    active: center.active ? 'on' : '',
  };
}

/** The text fields of the center form, as typed (an empty address is sent as empty). */
function centerText(form: FormBody): Record<string, string> {
  return Object.fromEntries(TEXT_FIELDS.map((name) => [name, field(form, name) ?? '']));
}

/**
 * The network for admins: every center with who runs it, a new center (its zone, opening hours
 * and booking rules), a center's details, and a new coordinator for a center. The same services
 * as `POST/PATCH /api/v1/centers` and `POST /api/v1/users`.
 */
@WebController('admin/network')
export class NetworkController {
  constructor(
    private readonly centers: CentersService,
    private readonly management: UserManagementService,
  ) {}

  @Roles('admin')
  @Get()
  async overview(@Page() ctx: WebContext, @Query('done') done?: string): Promise<WebResult> {
    return this.overviewPage(ctx, {
      done: isDone(done) ? done : undefined,
      coordinatorForm: { values: {} },
    });
  }

  @Roles('admin')
  @Get('centers/new')
  newCenter(@Page() ctx: WebContext): WebResult {
    const defaults = {
      timezone: 'Asia/Tashkent',
      openingHours: DEFAULT_OPENING_HOURS,
      policy: DEFAULT_POLICY,
    } as CenterView;
    return centerFormPage(ctx, {
      state: {
        values: {
          ...hoursValues(defaults),
          ...policyValues(defaults),
          timezone: defaults.timezone,
        },
      },
    });
  }

  @Roles('admin')
  @Post('centers')
  async createCenter(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    try {
      const input = await checkedInput(CreateCenterInput, {
        ...centerText(form),
        openingHours: openingHoursFrom(form),
        policy: policyFrom(form),
      });
      await this.centers.create(ctx.principal!, input);
    } catch (error) {
      const problem = formProblem(error, CENTER_RULES);
      return new PageResponse(
        problem.status,
        centerFormPage(ctx, { state: { values: typedValues(form), problem } }),
      );
    }
    return new Redirect('/admin/network?done=created');
  }

  @Roles('admin')
  @Get('centers/:centerId')
  async editCenter(
    @Page() ctx: WebContext,
    @Param('centerId') centerId: string,
    @Query('done') done?: string,
  ): Promise<WebResult> {
    const center = await this.centers.get(centerId);
    return this.centerPage(
      ctx,
      center,
      { values: centerValues(center) },
      isDone(done) ? done : undefined,
    );
  }

  @Roles('admin')
  @Post('centers/:centerId')
  async saveCenter(
    @Page() ctx: WebContext,
    @Param('centerId') centerId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const center = await this.centers.get(centerId);
    try {
      const stored = centerValues(center);
      const sent: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(centerText(form))) {
        if (value !== stored[name]) sent[name] = value;
      }
      const active = field(form, 'active') === 'on';
      if (active !== center.active) sent.active = active;
      const input = await checkedInput(UpdateCenterInput, sent);
      await this.centers.update(ctx.principal!, centerId, input);
    } catch (error) {
      const problem = formProblem(error, CENTER_RULES);
      return new PageResponse(
        problem.status,
        await this.centerPage(ctx, center, { values: typedValues(form), problem }),
      );
    }
    return new Redirect(`/admin/network/centers/${centerId}?done=updated`);
  }

  @Roles('admin')
  @Post('coordinators')
  async createCoordinator(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const email = field(form, 'email');
    const password = email ? temporaryPassword() : undefined;
    const centerId = field(form, 'centerId');
    let person: UserView;
    try {
      const input = await checkedInput(CreateUserInput, {
        name: field(form, 'name') ?? '',
        ...(email && { email }),
        ...(field(form, 'phone') && { phone: field(form, 'phone') }),
        ...(field(form, 'locale') && { locale: field(form, 'locale') }),
        role: 'coordinator',
        centerIds: centerId ? [centerId] : [],
        ...(password && { password }),
      });
      person = await this.management.create(ctx.principal!, input);
    } catch (error) {
      const problem = formProblem(error, COORDINATOR_RULES);
      return new PageResponse(
        problem.status,
        await this.overviewPage(ctx, { coordinatorForm: { values: typedValues(form), problem } }),
      );
    }
    // The password is shown in this answer only; nothing stores it where it can be read again.
    return new PageResponse(
      201,
      await this.overviewPage(ctx, {
        coordinatorForm: { values: {} },
        created: { person, password },
      }),
    );
  }

  private async overviewPage(
    ctx: WebContext,
    extra: Pick<NetworkData, 'done' | 'coordinatorForm' | 'created'>,
  ): Promise<Html> {
    const [centers, coordinators] = await Promise.all([
      this.centers.list(ALL),
      this.coordinators(ctx.principal!),
    ]);
    return networkPage(ctx, { centers: centers.items, coordinators, ...extra });
  }

  private async centerPage(
    ctx: WebContext,
    center: CenterView,
    state: FormState,
    done?: NetworkDone,
  ): Promise<Html> {
    const coordinators = (await this.coordinators(ctx.principal!)).get(center.id) ?? [];
    return centerFormPage(ctx, { center, coordinators, state, done });
  }

  /** Every coordinator, by the centers they run. */
  private async coordinators(caller: Principal): Promise<Map<string, UserView[]>> {
    const query = await checkedInput(UserQuery, { role: 'coordinator', limit: '500' });
    const { items } = await this.management.list(caller, query);
    const byCenter = new Map<string, UserView[]>();
    for (const person of items) {
      for (const id of person.centerIds) byCenter.set(id, [...(byCenter.get(id) ?? []), person]);
    }
    return byCenter;
  }
}
