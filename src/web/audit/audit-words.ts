import { DateTime } from 'luxon';
import { AuditEntryView, AuditTarget } from '../../audit';
import { formatDateTime, formatRange } from '../shared/format';
import { intlTag, MessageKey } from '../i18n';
import { WebContext } from '../shared/web-context';

/** Field names an entry's details may list, each with its words (unknown ones are left out). */
export const AUDIT_FIELDS = [
  'slug',
  'name',
  'city',
  'region',
  'timezone',
  'address',
  'openingHours',
  'policy',
  'active',
  'capacity',
  'quantity',
  'features',
  'requiresApproval',
  'checkInRequired',
  'minDurationMinutes',
  'maxDurationMinutes',
  'bufferMinutes',
  'email',
  'phone',
  'locale',
  'organizationId',
  'password',
  'role',
  'centerIds',
  'title',
  'purpose',
  'attendees',
  'start',
  'end',
] as const;

function localDate(ctx: WebContext, date: string): string {
  const day = DateTime.fromISO(date);
  return day.isValid ? day.setLocale(intlTag(ctx.locale)).toFormat('d MMM yyyy') : date;
}

/** An instant the details carry as ISO text (a moved session's old and new start). */
function detailTime(ctx: WebContext, value: unknown, zone: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : formatDateTime(ms, zone, ctx.locale);
}

/** The target in words: "Desk 3, Thu 4 Dec 10:00–13:00", a name, a closure's dates. */
export function targetInWords(
  ctx: WebContext,
  entry: AuditEntryView,
  target?: AuditTarget,
): string {
  if (!target) return ctx.t('audit.gone');
  if (target.startMs !== undefined && target.endMs !== undefined && target.zone) {
    const params = {
      resource: target.name ?? ctx.t('audit.gone'),
      when: formatRange(target.startMs, target.endMs, target.zone, ctx.locale),
    };
    const place = ctx.t(target.repeats ? 'audit.target.series' : 'audit.target.session', params);
    return target.title ? ctx.t('audit.target.titled', { title: target.title, place }) : place;
  }
  if (target.from !== undefined && target.to !== undefined) {
    const dates =
      target.from === target.to
        ? localDate(ctx, target.from)
        : `${localDate(ctx, target.from)} – ${localDate(ctx, target.to)}`;
    return target.name ? ctx.t('audit.target.closure', { reason: target.name, dates }) : dates;
  }
  return target.name ?? ctx.t('audit.gone');
}

function changedFields(ctx: WebContext, fields: unknown): string | undefined {
  if (!Array.isArray(fields)) return undefined;
  const words = fields
    .filter((f): f is (typeof AUDIT_FIELDS)[number] =>
      (AUDIT_FIELDS as readonly unknown[]).includes(f),
    )
    .map((f) => ctx.t(`audit.field.${f}`));
  return words.length > 0 ? ctx.t('audit.changed', { fields: words.join(', ') }) : undefined;
}

/**
 * One entry as a sentence in the reader's language, such as "Dilnoza Karimova cancelled Desk 3,
 * Thu 4 Dec 10:00–13:00", with what the details add (a reason, the fields changed, how many
 * sessions a deactivation cancelled). `zone` is the center's (times in the details are shown in it).
 */
export function entryInWords(
  ctx: WebContext,
  entry: AuditEntryView,
  target: AuditTarget | undefined,
  zone: string,
): string {
  const actor = entry.actor.name ?? ctx.t('audit.someone');
  const details = entry.details ?? {};
  const what = targetInWords(ctx, entry, target);
  let key: MessageKey = `audit.action.${entry.action}`;
  const params: Record<string, string | number> = { actor, target: what };
  if (entry.action === 'user.created' && details.selfSignup === true) {
    key = 'audit.action.user.created.self';
  } else if (entry.action === 'user.password_changed' && entry.actor.id === entry.targetId) {
    key = 'audit.action.user.password_changed.self';
  } else if (entry.action === 'user.updated' && entry.actor.id === entry.targetId) {
    key = 'audit.action.user.updated.self';
  } else if (entry.action === 'occurrence.cancelled' && details.scope === 'following') {
    key = 'audit.action.occurrence.cancelled.following';
  } else if (entry.action === 'organization.renamed') {
    params.from = typeof details.from === 'string' ? details.from : '';
    params.to = typeof details.to === 'string' ? details.to : what;
  } else if (entry.action === 'occurrence.moved') {
    const from = detailTime(ctx, details.from, target?.zone ?? zone);
    const to = detailTime(ctx, details.to, target?.zone ?? zone);
    if (from && to) {
      key = 'audit.action.occurrence.moved.times';
      params.target = target?.title || target?.name || ctx.t('audit.gone');
      params.from = from;
      params.to = to;
    }
  }
  const sentence = ctx.t(key, params);
  const more = [
    typeof details.reason === 'string' && ctx.t('audit.reason', { reason: details.reason }),
    typeof details.cancelledSessions === 'number' &&
      ctx.t('audit.cancelledSessions', { count: details.cancelledSessions }),
    entry.action.endsWith('.updated') && changedFields(ctx, details.fields),
  ].filter((part): part is string => typeof part === 'string');
  return [sentence, ...more].join(' ');
}
