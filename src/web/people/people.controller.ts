import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { CentersService } from '../../centers';
import { DomainError, validationError } from '../../common/domain-error';
import { PagingQuery } from '../../common/pagination';
import {
  CreateUserInput,
  mayManageRole,
  OrganizationsService,
  OrganizationView,
  Role,
  ROLES,
  temporaryPassword,
  UpdateUserInput,
  UserManagementService,
  UserQuery,
  UserView,
} from '../../identity';
import { Principal, Staff } from '../../access';
import { checkedInput } from '../shared/page-input';
import { centersRunBy } from '../shared/staff-pages';
import { field, FormBody, fields, integerField, pageNumber } from '../shared/form';
import { FormProblem, formProblem, ProblemRules, typedValues } from '../shared/form-fields';
import { Html } from '../shared/html';
import {
  Choice,
  createdPage,
  deactivatePage,
  FormState,
  isPeopleDone,
  newPersonPage,
  PeopleFilters,
  peopleListPage,
  PERSON_RULES,
  personPage,
  PersonPageData,
} from './people.view';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, Redirect, WebResult } from '../shared/web-result';

const PAGE_SIZE = 25;

const FILTER_RULES: ProblemRules = {
  fields: {
    q: ['q', 'people.filter.q'],
    organizationId: ['organization', 'people.filter.choose'],
    role: ['role', 'people.filter.choose'],
    active: ['status', 'people.filter.choose'],
    centerId: ['center', 'people.filter.choose'],
  },
};
const ALL = Object.assign(new PagingQuery(), { limit: 500, offset: 0 });

/** A stored person as the values of the edit form. */
function personValues(
  person: UserView,
  centerChoices: Choice[],
): Record<string, string | string[]> {
  return {
    name: person.name,
    email: person.email ?? '',
    phone: person.phone ?? '',
    role: person.role,
    organizationId: person.organizationId ?? '',
    locale: person.locale,
    centerIds: person.centerIds.filter((id) => centerChoices.some((c) => c.value === id)),
  };
}

/** Whether a form value equals the stored one (lists compared as sets; null as empty). */
function sameValue(value: unknown, stored: string | string[] | undefined): boolean {
  if (Array.isArray(value) || Array.isArray(stored)) {
    const a = [...((value as string[] | undefined) ?? [])].sort();
    const b = [...((stored as string[] | undefined) ?? [])].sort();
    return a.join('\n') === b.join('\n');
  }
  return (value ?? '') === (stored ?? '');
}

/** The roles the caller may give: admins any, coordinators members and trainers. */
function assignableRoles(caller: Principal): Role[] {
  return ROLES.filter((role) => mayManageRole(caller, role));
}

/**
 * People for staff: the members and trainers of the caller's centers (admins: everyone), search,
 * add (phone only allowed), change, reset a password, deactivate after saying what it cancels,
 * reactivate. Every change goes through the service behind `POST/PATCH /api/v1/users`.
 */
@WebController('admin/people')
export class PeopleController {
  constructor(
    private readonly management: UserManagementService,
    private readonly organizations: OrganizationsService,
    private readonly centers: CentersService,
  ) {}

  @Staff()
  @Get()
  async list(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    const caller = ctx.principal!;
    // A field sent twice (`?q=a&q=b`) is an array: `field` takes its first value.
    const filters: PeopleFilters = {
      q: field(query, 'q'),
      organization: field(query, 'organization'),
      role: field(query, 'role'),
      status: field(query, 'status'),
      center: field(query, 'center'),
    };
    const page = pageNumber(field(query, 'page'));
    const done = field(query, 'done');
    const listed = checkedInput(UserQuery, {
      ...(filters.q && { q: filters.q }),
      ...(filters.organization && { organizationId: filters.organization }),
      ...(filters.role && { role: filters.role }),
      ...(filters.status && {
        active:
          filters.status === 'active'
            ? 'true'
            : filters.status === 'inactive'
              ? 'false'
              : filters.status,
      }),
      ...(filters.center && { centerId: filters.center }),
      limit: String(PAGE_SIZE),
      offset: String((page - 1) * PAGE_SIZE),
    }).then((input) => this.management.list(caller, input));
    // A filter the list refuses (only a hand-made address has one) is said beside it.
    let problem: FormProblem | undefined;
    const result = await listed.catch((error: unknown) => {
      problem = formProblem(error, FILTER_RULES);
      return { items: [], total: 0 };
    });
    const [organizations, runs, names] = await Promise.all([
      this.allOrganizations(),
      centersRunBy(caller, this.centers),
      this.centerNames(),
    ]);
    const listPage = peopleListPage(ctx, {
      problem,
      people: result.items,
      total: result.total,
      page,
      pageSize: PAGE_SIZE,
      filters,
      organizations,
      centers: runs.map((c) => ({ value: c.id, label: c.name })),
      centerNames: names,
      isAdmin: caller.role === 'admin',
      done: isPeopleDone(done) ? done : undefined,
    });
    return problem ? new PageResponse(problem.status, listPage) : listPage;
  }

  @Staff()
  @Get('new')
  async newForm(@Page() ctx: WebContext): Promise<WebResult> {
    const centers = await this.centerChoices(ctx.principal!);
    // A coordinator registers people at their centers: all of them, unless they untick some.
    const state: FormState = {
      values: {
        locale: ctx.locale,
        centerIds: ctx.principal!.role === 'admin' ? [] : centers.map((c) => c.value),
      },
    };
    return this.newPage(ctx, state, centers);
  }

  @Staff()
  @Post()
  async create(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const caller = ctx.principal!;
    const email = field(form, 'email');
    const password = email ? temporaryPassword() : undefined;
    let person: UserView;
    try {
      const input = await checkedInput(CreateUserInput, {
        ...this.personInput(form),
        ...(password && { password }),
      });
      person = await this.management.create(caller, input);
    } catch (error) {
      const centers = await this.centerChoices(caller);
      const state = { values: typedValues(form), problem: formProblem(error, PERSON_RULES) };
      return new PageResponse(state.problem.status, await this.newPage(ctx, state, centers));
    }
    // Someone without an email cannot sign in: no password to hand over.
    if (!password) return new Redirect(`/admin/people/${person.id}?done=created`);
    return new PageResponse(201, createdPage(ctx, person, password));
  }

  @Staff()
  @Get(':userId')
  async show(
    @Page() ctx: WebContext,
    @Param('userId') userId: string,
    @Query('done') done?: string,
    @Query('cancelled') cancelled?: string,
  ): Promise<WebResult> {
    const person = await this.management.get(ctx.principal!, userId);
    return this.personPage(ctx, person, undefined, {
      done: isPeopleDone(done) ? done : undefined,
      cancelled: /^\d+$/.test(cancelled ?? '') ? Number(cancelled) : undefined,
    });
  }

  @Staff()
  @Post(':userId')
  async save(
    @Page() ctx: WebContext,
    @Param('userId') userId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const caller = ctx.principal!;
    const person = await this.management.get(caller, userId);
    try {
      // The API keeps an email or phone that is not sent: an emptied field would be ignored
      // silently, so the form says it cannot be removed instead.
      for (const name of ['email', 'phone'] as const) {
        if (person[name] !== null && field(form, name) === undefined) {
          throw validationError(name, 'cannot be removed');
        }
      }
      const typedInput = {
        ...this.personInput(form),
        organizationId: field(form, 'organizationId') ?? null,
      };
      // Only what changed is sent, so the audit log names the fields that really changed.
      const stored = personValues(person, await this.centerChoices(caller));
      const changed = Object.fromEntries(
        Object.entries(typedInput).filter(([name, value]) => !sameValue(value, stored[name])),
      );
      const input = await checkedInput(UpdateUserInput, changed);
      await this.management.update(caller, userId, input);
    } catch (error) {
      const problem = formProblem(error, {
        ...PERSON_RULES,
        fields: {
          ...PERSON_RULES.fields,
          ...(error instanceof DomainError && /cannot be removed/.test(error.message)
            ? {
                email: ['email', 'people.field.email.cannotRemove'],
                phone: ['phone', 'people.field.phone.cannotRemove'],
              }
            : {}),
        },
      });
      return new PageResponse(
        problem.status,
        await this.personPage(ctx, person, { values: typedValues(form), problem }),
      );
    }
    // Unticking all of a coordinator's centers leaves the person out of their reach.
    const stillVisible = await this.management.get(caller, userId).then(
      () => true,
      () => false,
    );
    return new Redirect(
      stillVisible ? `/admin/people/${userId}?done=updated` : '/admin/people?done=updated',
    );
  }

  @Staff()
  @Post(':userId/password')
  async resetPassword(
    @Page() ctx: WebContext,
    @Param('userId') userId: string,
  ): Promise<WebResult> {
    const caller = ctx.principal!;
    const person = await this.management.get(caller, userId);
    return this.onPerson(ctx, person, async () => {
      if (person.id === caller.id) {
        throw new DomainError('INVALID_STATE', 'Change your own password with your current one');
      }
      if (person.email === null) {
        // Without an email nobody signs in: a password would be of no use.
        return new PageResponse(
          409,
          await this.personPage(ctx, person, undefined, { alert: 'people.resetNoEmail' }),
        );
      }
      const password = temporaryPassword();
      const updated = await this.management.update(caller, userId, { password });
      // Shown in this answer only: a reload would make (and show) another one.
      return this.personPage(ctx, updated, undefined, { temporaryPassword: password });
    });
  }

  @Staff()
  @Get(':userId/deactivate')
  async confirmDeactivation(
    @Page() ctx: WebContext,
    @Param('userId') userId: string,
  ): Promise<WebResult> {
    const caller = ctx.principal!;
    const person = await this.management.get(caller, userId);
    if (!person.active) return new Redirect(`/admin/people/${userId}`);
    return this.onPerson(ctx, person, async () => {
      const count = await this.management.upcomingSessionCount(caller, userId);
      return deactivatePage(ctx, { person, count });
    });
  }

  @Staff()
  @Post(':userId/deactivate')
  async deactivate(
    @Page() ctx: WebContext,
    @Param('userId') userId: string,
    @Body() form: FormBody,
  ): Promise<WebResult> {
    const caller = ctx.principal!;
    const person = await this.management.get(caller, userId);
    if (!person.active) return new Redirect(`/admin/people/${userId}`);
    return this.onPerson(ctx, person, async () => {
      const count = await this.management.upcomingSessionCount(caller, userId);
      // What was confirmed is what happens: if the number changed meanwhile, ask again.
      if (integerField(form, 'expected') !== count) {
        return new PageResponse(409, deactivatePage(ctx, { person, count, changed: true }));
      }
      await this.management.update(caller, userId, { active: false });
      return new Redirect(`/admin/people/${userId}?done=deactivated&cancelled=${count}`);
    });
  }

  @Staff()
  @Post(':userId/reactivate')
  async reactivate(@Page() ctx: WebContext, @Param('userId') userId: string): Promise<WebResult> {
    const caller = ctx.principal!;
    const person = await this.management.get(caller, userId);
    if (person.active) return new Redirect(`/admin/people/${userId}`);
    return this.onPerson(ctx, person, async () => {
      await this.management.update(caller, userId, { active: true });
      return new Redirect(`/admin/people/${userId}?done=reactivated`);
    });
  }

  /**
   * An action on one person; a refusal (such as acting on oneself) is said on their page, in the
   * reader's language. Someone the caller may not see or manage is 404 or 403, as in the API.
   */
  private async onPerson(
    ctx: WebContext,
    person: UserView,
    action: () => Promise<WebResult>,
  ): Promise<WebResult> {
    try {
      return await action();
    } catch (error) {
      const problem = formProblem(error, {
        fields: {},
        codes: { INVALID_STATE: { summary: 'people.error.self' } },
      });
      return new PageResponse(
        problem.status,
        await this.personPage(ctx, person, undefined, { alert: problem.summary }),
      );
    }
  }

  /** The person form as the API's input (unknown values are left to the input class to refuse). */
  private personInput(form: FormBody): Record<string, unknown> {
    const input: Record<string, unknown> = {
      name: field(form, 'name') ?? '',
      email: field(form, 'email'),
      phone: field(form, 'phone'),
      role: field(form, 'role') ?? 'member',
      organizationId: field(form, 'organizationId'),
      locale: field(form, 'locale'),
      centerIds: field(form, 'centersShown') ? fields(form, 'centerIds') : undefined,
    };
    return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  }

  private async newPage(ctx: WebContext, state: FormState, centers: Choice[]): Promise<Html> {
    return newPersonPage(ctx, {
      state,
      prefix: 'new',
      roles: assignableRoles(ctx.principal!).filter((r) => r === 'member' || r === 'trainer'),
      organizations: await this.allOrganizations(),
      centers,
    });
  }

  private async personPage(
    ctx: WebContext,
    person: UserView,
    state: FormState | undefined,
    extra: Pick<PersonPageData, 'done' | 'cancelled' | 'temporaryPassword' | 'alert'> = {},
  ): Promise<Html> {
    const caller = ctx.principal!;
    const [organizations, centers, centerNames] = await Promise.all([
      this.allOrganizations(),
      this.centerChoices(caller),
      this.centerNames(),
    ]);
    const self = person.id === caller.id;
    return personPage(ctx, {
      person,
      self,
      editable: !self && mayManageRole(caller, person.role),
      organizations,
      centers,
      centerNames,
      roles: assignableRoles(caller),
      prefix: 'edit',
      state: state ?? { values: personValues(person, centers) },
      ...extra,
    });
  }

  private async allOrganizations(): Promise<OrganizationView[]> {
    return (await this.organizations.list(ALL)).items;
  }

  /** The centers the caller registers people at: the ones they run (every center for admins). */
  private async centerChoices(caller: Principal): Promise<Choice[]> {
    return (await centersRunBy(caller, this.centers)).map((c) => ({ value: c.id, label: c.name }));
  }

  private async centerNames(): Promise<Map<string, string>> {
    return new Map((await this.centers.allEntities()).map((c) => [c.id, c.name]));
  }
}
