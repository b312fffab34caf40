import { Get, Query } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditQuery, AuditService, AuditTargets } from '../../audit';
import { AUDIT_ACTIONS } from '../../audit-log';
import { CentersService } from '../../centers';
import { UserManagementService } from '../../identity';
import { Staff } from '../../access';
import { addDays, isLocalDate } from '../../scheduling';
import { centersRunBy } from '../shared/staff-pages';
import { checkedInput } from '../shared/page-input';
import { field, FormBody, pageNumber } from '../shared/form';
import { AuditFilters, auditPage } from './audit.view';
import { targetInWords } from './audit-words';
import { FormProblem, formProblem, ProblemRules } from '../shared/form-fields';
import { MessageKey } from '../i18n';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, WebResult } from '../shared/web-result';

const PAGE_SIZE = 25;
/** The network's default zone (a new center's), for a network without centers. */
const DEFAULT_ZONE = 'Asia/Tashkent';
const ID = /^[0-9a-fA-F-]{36}$/;

const AUDIT_RULES: ProblemRules = {
  fields: {
    centerId: ['center', 'audit.invalid.center'],
    from: ['from', 'audit.invalid.date'],
    to: ['to', 'audit.invalid.date'],
    action: ['action', 'audit.invalid.action'],
    actorId: ['actor', 'audit.invalid.link'],
    targetId: ['target', 'audit.invalid.link'],
  },
};

/** Midnight starting a local date in `zone`, as a whole-minute time with its offset. */
function midnight(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).startOf('day').toFormat("yyyy-MM-dd'T'HH:mmZZ");
}

/** The filters' own mistakes, said beside them before anything is asked of the service. */
function filterProblem(f: AuditFilters): FormProblem | undefined {
  const fields: Record<string, MessageKey> = {};
  if (f.center && !ID.test(f.center)) fields.center = 'audit.invalid.center';
  if (f.from && !isLocalDate(f.from)) fields.from = 'audit.invalid.date';
  if (f.to && !isLocalDate(f.to)) fields.to = 'audit.invalid.date';
  else if (f.from && f.to && isLocalDate(f.from) && f.to < f.from) {
    fields.to = 'audit.invalid.order';
  }
  if (f.action && !(AUDIT_ACTIONS as readonly string[]).includes(f.action)) {
    fields.action = 'audit.invalid.action';
  }
  if ((f.actor && !ID.test(f.actor)) || (f.target && !ID.test(f.target))) {
    fields.actor = 'audit.invalid.link';
  }
  return Object.keys(fields).length > 0
    ? { status: 400, summary: 'people.form.invalid', fields }
    : undefined;
}

/**
 * The audit log for staff, in words: the API's filters (center, period, actor, target, action),
 * newest first, a page at a time; times in the center's zone. The same service as
 * `GET /api/v1/audit`, so a coordinator reads their centers' entries and their own actions.
 */
@WebController('admin/audit')
export class AuditPageController {
  constructor(
    private readonly audit: AuditService,
    private readonly targets: AuditTargets,
    private readonly centers: CentersService,
    private readonly management: UserManagementService,
  ) {}

  @Staff()
  @Get()
  async list(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    const caller = ctx.principal!;
    // A field sent twice is an array: `field` takes its first value.
    const filters: AuditFilters = {
      center: field(query, 'center'),
      from: field(query, 'from'),
      to: field(query, 'to'),
      action: field(query, 'action'),
      actor: field(query, 'actor'),
      target: field(query, 'target'),
    };
    const page = pageNumber(field(query, 'page'));
    const [runs, all] = await Promise.all([
      centersRunBy(caller, this.centers),
      this.centers.allEntities(),
    ]);
    const zoneOfCenter = new Map(all.map((c) => [c.id, c.timezone]));
    const zone =
      (filters.center && zoneOfCenter.get(filters.center)) ||
      runs[0]?.timezone ||
      all[0]?.timezone ||
      DEFAULT_ZONE;
    const base = {
      filters,
      centers: runs.map((c) => ({ value: c.id, label: c.name })),
      isAdmin: caller.role === 'admin',
      zoneOfCenter,
      zone,
      page,
      pageSize: PAGE_SIZE,
      targets: new Map(),
      total: 0,
    };
    let problem = filterProblem(filters);
    let input: AuditQuery | undefined;
    if (!problem) {
      try {
        input = await checkedInput(AuditQuery, {
          ...(filters.center && { centerId: filters.center }),
          ...(filters.from && { from: midnight(filters.from, zone) }),
          ...(filters.to && { to: midnight(addDays(filters.to, 1), zone) }),
          ...(filters.action && { action: filters.action }),
          ...(filters.actor && { actorId: filters.actor }),
          ...(filters.target && { targetId: filters.target }),
          limit: String(PAGE_SIZE),
          offset: String((page - 1) * PAGE_SIZE),
        });
      } catch (error) {
        problem = formProblem(error, AUDIT_RULES);
      }
    }
    if (problem || !input) {
      return new PageResponse(problem?.status ?? 400, auditPage(ctx, { ...base, problem }));
    }
    // A center the caller does not run is 403, an unknown one 404: the API's answers.
    const result = await this.audit.list(caller, input);
    const targets = await this.targets.describe(result.items);
    const actorName = filters.actor
      ? (result.items.find((e) => e.actor.id === filters.actor)?.actor.name ??
        (await this.management.get(caller, filters.actor).then(
          (user) => user.name,
          () => undefined,
        )))
      : undefined;
    const targetEntry = result.items.find((e) => e.targetId === filters.target);
    return auditPage(ctx, {
      ...base,
      entries: result.items,
      total: result.total,
      targets,
      actorName: actorName ?? undefined,
      targetName: targetEntry && targetInWords(ctx, targetEntry, targets.get(targetEntry.targetId)),
    });
  }
}
