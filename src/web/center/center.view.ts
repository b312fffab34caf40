import { AffectedSession, CenterView, NamedClosureView } from '../../centers';
import { closureName } from '../shared/closure-name';
import { RESOURCE_KINDS, ResourceKind, ResourceView } from '../../resources';
import { Weekday, WEEKDAYS } from '../../scheduling';
import { CENTER_FORM_FIELDS, Problem, problemBox } from '../shared/page-input';
import { codeSentence, fieldProblems } from '../shared/error-text';
import { errorSummary, fieldMessage, spreadProblem, SpreadProblem } from '../shared/form-fields';
import { bookingName } from '../shared/booking-name';
import { centerPicker } from '../shared/center-picker';
import { featureLabel, featureList } from '../shared/features';
import { formatCalendarDate, formatRange } from '../shared/format';
import { html, Html } from '../shared/html';
import { MessageKey } from '../i18n';
import { csrfField, renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

/** Features offered as checkboxes (ARCHITECTURE.md); others are typed, comma-separated. */
export const KNOWN_FEATURES = [
  'projector',
  'projector_screen',
  'wheelchair_accessible',
  'height_adjustable',
  'screen_reader',
] as const;

export const DONE_KEYS = {
  created: 'center.done.created',
  updated: 'center.done.updated',
  deactivated: 'center.done.deactivated',
  reactivated: 'center.done.reactivated',
  hours: 'center.done.hours',
  closureAdded: 'center.done.closureAdded',
  closureDeleted: 'center.done.closureDeleted',
  sessionsCancelled: 'center.done.sessionsCancelled',
  sessionsKept: 'center.done.sessionsKept',
  policy: 'center.done.policy',
} as const satisfies Record<string, MessageKey>;
export type Done = keyof typeof DONE_KEYS;

export const POLICY_FIELDS = [
  'maxAdvanceDays',
  'maxOccurrences',
  'checkInOpensMinutes',
  'checkInGraceMinutes',
  'walkInMaxMinutes',
] as const;

const SUMMARIES: Partial<Record<string, MessageKey>> = {
  VALIDATION_FAILED: 'center.error.VALIDATION_FAILED',
  RESOURCE_HAS_FUTURE_BOOKINGS: 'center.error.RESOURCE_HAS_FUTURE_BOOKINGS',
  ALREADY_EXISTS: 'center.error.ALREADY_EXISTS',
};

/** What a form shows: the values typed (or stored) and, after a refusal, why. */
export interface FormState {
  values: Record<string, string | string[]>;
  problem?: Problem;
}

export type Section = 'resource' | 'hours' | 'closure' | 'policy';

export interface SetupPage {
  center: CenterView;
  runs: CenterView[];
  resources: ResourceView[];
  closures: NamedClosureView[];
  done?: Done;
  affected?: AffectedSession[];
  /** The form that was posted and refused, with what was typed. */
  failed?: { section: Section; state: FormState };
}

/** The control of an API field on a section's form (`prefix` tells the two resource forms apart). */
function controlOf(
  section: Section,
  prefix: string,
): (field: string, values?: Record<string, string | number>) => string | undefined {
  return (field, values) => {
    switch (section) {
      case 'resource':
        return (
          {
            kind: `${prefix}-kind`,
            name: `${prefix}-name`,
            capacity: `${prefix}-capacity`,
            quantity: `${prefix}-quantity`,
            features: `${prefix}-other`,
            requiresApproval: `${prefix}-approval`,
            checkInRequired: `${prefix}-checkin`,
            minDurationMinutes: `${prefix}-minDurationMinutes`,
            maxDurationMinutes: `${prefix}-maxDurationMinutes`,
            bufferMinutes: `${prefix}-bufferMinutes`,
          } as Record<string, string>
        )[field];
      case 'closure':
        return (
          {
            from: 'closure-from',
            to: 'closure-to',
            reason: 'closure-reason',
            yearly: 'closure-yearly',
          } as Record<string, string>
        )[field];
      case 'policy': {
        const name = field.replace(/^policy\./, '');
        return (POLICY_FIELDS as readonly string[]).includes(name) ? `policy-${name}` : undefined;
      }
      case 'hours': {
        if (field !== 'openingHours') return undefined;
        const day = String(values?.day ?? 'mon');
        return `hours-${(WEEKDAYS as readonly string[]).includes(day) ? day : 'mon'}-from1`;
      }
    }
  };
}

/** A refused form's problems, spread over its fields. */
function spreadOf(
  ctx: WebContext,
  state: FormState | undefined,
  section: Section,
  prefix = 'new',
): SpreadProblem | undefined {
  if (!state?.problem) return undefined;
  return spreadProblem(
    fieldProblems(ctx, state.problem.error, CENTER_FORM_FIELDS),
    controlOf(section, prefix),
  );
}

/** The summary of a refused form at the top of the page, focused when the page opens. */
function summaryOf(
  ctx: WebContext,
  state: FormState | undefined,
  section: Section,
  prefix = 'new',
): Html {
  const spread = spreadOf(ctx, state, section, prefix);
  if (!state?.problem || !spread) return html``;
  const title = ctx.t(SUMMARIES[state.problem.code] ?? 'center.error.other');
  const lead =
    spread.lines.length === 0 ? html`<p>${codeSentence(ctx, state.problem.code)}</p>` : undefined;
  return errorSummary(ctx, title, spread, { lead });
}

function value(state: FormState | undefined, name: string): string {
  const v = state?.values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function values(state: FormState | undefined, name: string): string[] {
  const v = state?.values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** A calendar date of the center (no time, so no zone) in the reader's language. */
/** "8 December 2026" ("8-dekabr, 2026-yil"); a yearly closure by day and month only. */
function localDate(ctx: WebContext, date: string, yearly = false): string {
  return formatCalendarDate(date, ctx.locale, yearly);
}

function doneNotice(ctx: WebContext, done: Done | undefined): Html {
  return done ? html`<p class="success" role="status">${ctx.t(DONE_KEYS[done])}</p>` : html``;
}

function centerField(center: CenterView): Html {
  return html`<input type="hidden" name="center" value="${center.id}" />`;
}

/** The fields of a resource, for adding (kind chosen) or editing (kind fixed). */
export function resourceFields(
  ctx: WebContext,
  state: FormState,
  options: { creating: boolean; prefix: string; kind?: ResourceKind },
): Html {
  const id = (name: string) => `${options.prefix}-${name}`;
  const spread = spreadOf(ctx, state, 'resource', options.prefix);
  const at = (name: string, hintId?: string) => fieldMessage(spread, id(name), hintId);
  const chosen = values(state, 'features');
  const other = value(state, 'otherFeatures');
  const checkIn = value(state, 'checkInRequired') || (options.creating ? 'default' : 'yes');
  const number = (name: string, label: MessageKey, min: number) =>
    html`<div class="field">
      <label for="${id(name)}">${ctx.t(label)}</label>
      <input id="${id(name)}" name="${name}" type="number" inputmode="numeric" min="${min}"
        value="${value(state, name)}"${at(name).attrs} />
      ${at(name).message}
    </div>`;
  return html`${
    options.creating &&
    html`<div class="field">
      <label for="${id('kind')}">${ctx.t('center.kind')}</label>
      <select id="${id('kind')}" name="kind"${at('kind').attrs}>
        ${RESOURCE_KINDS.map(
          (kind) =>
            html`<option value="${kind}" ${value(state, 'kind') === kind && html`selected`}>
              ${ctx.t(`kind.${kind}`)}
            </option>`,
        )}
      </select>
      ${at('kind').message}
    </div>`
  }
    <div class="field">
      <label for="${id('name')}">${ctx.t('center.name')}
        <span class="hint">(${ctx.t('form.required')})</span></label>
      <input id="${id('name')}" name="name" required maxlength="200" value="${value(state, 'name')}"${at('name').attrs} />
      ${at('name').message}
    </div>
    ${(options.creating || options.kind === 'room') && number('capacity', 'center.capacity', 1)}
    ${(options.creating || options.kind === 'equipment') && number('quantity', 'center.quantity', 1)}
    <fieldset>
      <legend>${ctx.t('center.knownFeatures')}</legend>
      ${KNOWN_FEATURES.map(
        (feature) =>
          html`<div class="check">
            <input type="checkbox" id="${id(`f-${feature}`)}" name="features" value="${feature}"
              ${chosen.includes(feature) && html`checked`} />
            <label for="${id(`f-${feature}`)}">${featureLabel(ctx, feature)}</label>
          </div>`,
      )}
      <div class="field">
        <label for="${id('other')}">${ctx.t('center.otherFeatures')}</label>
        <input id="${id('other')}" name="otherFeatures" value="${other}"${at('other', id('other-hint')).attrs} />
        <span class="hint" id="${id('other-hint')}">${ctx.t('center.otherFeaturesHint')}</span>
        ${at('other').message}
      </div>
    </fieldset>
    <div class="check">
      <input type="checkbox" id="${id('approval')}" name="requiresApproval" value="on"
        ${value(state, 'requiresApproval') === 'on' && html`checked`} />
      <label for="${id('approval')}">${ctx.t('center.requiresApproval')}</label>
    </div>
    <div class="field">
      <label for="${id('checkin')}">${ctx.t('center.checkInRequired')}</label>
      <select id="${id('checkin')}" name="checkInRequired"${at('checkin').attrs}>
        ${
          options.creating &&
          html`<option value="default" ${checkIn === 'default' && html`selected`}>
          ${ctx.t('center.checkInDefault')}
        </option>`
        }
        <option value="yes" ${checkIn === 'yes' && html`selected`}>${ctx.t('center.yes')}</option>
        <option value="no" ${checkIn === 'no' && html`selected`}>${ctx.t('center.no')}</option>
      </select>
      ${at('checkin').message}
    </div>
    ${number('minDurationMinutes', 'center.minDuration', 1)}
    ${number('maxDurationMinutes', 'center.maxDuration', 1)}
    ${number('bufferMinutes', 'center.buffer', 0)}`;
}

/** A stored resource as the values of its form. */
export function resourceValues(resource: ResourceView): Record<string, string | string[]> {
  const known = resource.features.filter((f) => (KNOWN_FEATURES as readonly string[]).includes(f));
  const other = resource.features.filter((f) => !known.includes(f));
  return {
    name: resource.name,
    capacity: resource.capacity === null ? '' : String(resource.capacity),
    quantity: String(resource.quantity),
    features: known,
    otherFeatures: other.join(', '),
    requiresApproval: resource.requiresApproval ? 'on' : '',
    checkInRequired: resource.checkInRequired ? 'yes' : 'no',
    minDurationMinutes: String(resource.minDurationMinutes),
    maxDurationMinutes: String(resource.maxDurationMinutes),
    bufferMinutes: String(resource.bufferMinutes),
  };
}

function resourcesSection(ctx: WebContext, page: SetupPage): Html {
  const failed = page.failed?.section === 'resource' ? page.failed.state : undefined;
  const q = `?center=${encodeURIComponent(page.center.id)}`;
  return html`<section aria-labelledby="resources-h">
    <h2 id="resources-h">${ctx.t('center.resources')}</h2>
    ${
      page.resources.length === 0
        ? html`<p>${ctx.t('center.noResources')}</p>`
        : html`<div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${ctx.t('center.name')}</th>
                <th scope="col">${ctx.t('center.kind')}</th>
                <th scope="col">${ctx.t('center.features')}</th>
                <th scope="col">${ctx.t('center.status')}</th>
                <th scope="col">${ctx.t('center.actions')}</th>
              </tr>
            </thead>
            <tbody>
              ${page.resources.map(
                (r) => html`<tr>
                  <th scope="row">${r.name}</th>
                  <td>${ctx.t(`kind.${r.kind}`)}</td>
                  <td>${featureList(ctx, r.features)}</td>
                  <td>
                    ${
                      r.active
                        ? html`<span class="badge state-free"><span class="icon" aria-hidden="true">✓</span>${ctx.t('center.active')}</span>`
                        : html`<span class="badge state-closed"><span class="icon" aria-hidden="true">✕</span>${ctx.t('center.inactive')}</span>`
                    }
                  </td>
                  <td>
                    <a href="/admin/center/resources/${r.id}${q}"
                      >${ctx.t('center.edit')}<span class="visually-hidden">: ${r.name}</span></a
                    >
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`
    }
    <p><a href="/admin/center/qr-sheet${q}">${ctx.t('center.qrLink')}</a></p>
    <h3 id="add-resource">${ctx.t('center.addResource')}</h3>
    <form method="post" action="/admin/center/resources" class="stack">
      ${csrfField(ctx)} ${centerField(page.center)}
      ${resourceFields(ctx, failed ?? { values: {} }, { creating: true, prefix: 'new' })}
      <div><button type="submit">${ctx.t('center.create')}</button></div>
    </form>
  </section>`;
}

/** Opening hours as form values: two periods a day. */
export function hoursValues(center: CenterView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const periods = center.openingHours[day] ?? [];
    periods.slice(0, 2).forEach((p, i) => {
      out[`${day}_from${i + 1}`] = p.from;
      out[`${day}_to${i + 1}`] = p.to;
    });
  }
  return out;
}

/** The week's opening hours as a table of time inputs (two periods a day), for a form. */
export function hoursTable(
  ctx: WebContext,
  values: Record<string, string | string[]>,
  hintId: string,
  spread?: SpreadProblem,
): Html {
  const state = { values };
  const cell = (day: Weekday, name: string, label: MessageKey) => {
    const at = fieldMessage(spread, `hours-${day}-${name}`);
    return html`<td>
      <input type="time" id="hours-${day}-${name}" name="${day}_${name}" value="${value(state, `${day}_${name}`)}"
        aria-label="${ctx.t(label, { day: ctx.t(`center.day.${day}`) })}"${at.attrs} />
      ${at.message}
    </td>`;
  };
  return html`<div class="table-wrap">
    <table class="hours" aria-describedby="${hintId}">
      <thead>
        <tr>
          <th scope="col">${ctx.t('center.weekday')}</th>
          <th scope="col">${ctx.t('center.opens')}</th>
          <th scope="col">${ctx.t('center.closes')}</th>
          <th scope="col">${ctx.t('center.opens2')}</th>
          <th scope="col">${ctx.t('center.closes2')}</th>
        </tr>
      </thead>
      <tbody>
        ${WEEKDAYS.map(
          (day) => html`<tr>
            <th scope="row">
              ${ctx.t(`center.day.${day}`)}
              ${
                !value(state, `${day}_from1`) &&
                !value(state, `${day}_from2`) &&
                html`<br /><span class="badge state-closed"
                  ><span class="icon" aria-hidden="true">✕</span>${ctx.t('state.closed')}</span
                >`
              }
            </th>
            ${cell(day, 'from1', 'center.opensOn')} ${cell(day, 'to1', 'center.closesOn')}
            ${cell(day, 'from2', 'center.opens2On')} ${cell(day, 'to2', 'center.closes2On')}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function hoursSection(ctx: WebContext, page: SetupPage): Html {
  const failed = page.failed?.section === 'hours' ? page.failed.state : undefined;
  const state = failed ?? { values: hoursValues(page.center) };
  return html`<section aria-labelledby="hours-h">
    <h2 id="hours-h">${ctx.t('center.hours')}</h2>
    <p class="hint" id="hours-hint">${ctx.t('center.hoursHint')}</p>
    <form method="post" action="/admin/center/hours" class="stack wide">
      ${csrfField(ctx)} ${centerField(page.center)}
      ${hoursTable(ctx, state.values, 'hours-hint', spreadOf(ctx, failed, 'hours'))}
      <div><button type="submit">${ctx.t('center.saveHours')}</button></div>
    </form>
  </section>`;
}

function closuresSection(ctx: WebContext, page: SetupPage): Html {
  const failed = page.failed?.section === 'closure' ? page.failed.state : undefined;
  const state = failed ?? { values: {} };
  const spread = spreadOf(ctx, failed, 'closure');
  const at = (id: string) => fieldMessage(spread, id);
  const names = new Map(page.resources.map((r) => [r.id, r.name]));
  const zone = page.center.timezone;
  return html`<section aria-labelledby="closures-h">
    <h2 id="closures-h">${ctx.t('center.closures')}</h2>
    ${
      page.affected &&
      page.affected.length > 0 &&
      html`<div class="notice" role="status">
      <p id="affected-note">${ctx.t('center.affected')}</p>
      <div class="table-wrap" tabindex="0" role="group" aria-labelledby="affected-note">
        <table>
          <thead>
            <tr>
              <th scope="col">${ctx.t('center.session')}</th>
              <th scope="col">${ctx.t('center.resource')}</th>
              <th scope="col">${ctx.t('center.when')}</th>
            </tr>
          </thead>
          <tbody>
            ${page.affected.map(
              (s) => html`<tr>
                <th scope="row">
                  ${bookingName(ctx, s, {
                    resourceName: names.get(s.resourceId) ?? '',
                    start: Date.parse(s.start),
                    end: Date.parse(s.end),
                    zone,
                  })}
                </th>
                <td>${names.get(s.resourceId) ?? ''}</td>
                <td>${formatRange(Date.parse(s.start), Date.parse(s.end), zone, ctx.locale)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <form method="post" action="/admin/center/closures/sessions" class="actions">
        ${csrfField(ctx)} ${centerField(page.center)}
        ${page.affected.map(
          (a) =>
            html`<input type="hidden" name="session" value="${a.bookingId}:${a.occurrenceId}" />`,
        )}
        <button type="submit" name="decision" value="cancel" class="danger"
          data-confirm="${ctx.t('center.affectedCancelConfirm')}">${ctx.t('center.affectedCancel')}</button>
        <button type="submit" name="decision" value="keep" class="secondary">${ctx.t('center.affectedKeep')}</button>
      </form>
    </div>`
    }
    ${
      page.closures.length === 0
        ? html`<p>${ctx.t('center.noClosures')}</p>`
        : html`<div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${ctx.t('center.reason')}</th>
                <th scope="col">${ctx.t('center.dates')}</th>
                <th scope="col">${ctx.t('center.repeats')}</th>
                <th scope="col">${ctx.t('center.actions')}</th>
              </tr>
            </thead>
            <tbody>
              ${page.closures.map(
                (c) => html`<tr>
                  <th scope="row">${closureName(ctx, c)}</th>
                  <td>
                    ${
                      c.from === c.to
                        ? localDate(ctx, c.from, c.yearly)
                        : `${localDate(ctx, c.from, c.yearly)} – ${localDate(ctx, c.to, c.yearly)}`
                    }
                  </td>
                  <td>${ctx.t(c.yearly ? 'center.everyYear' : 'center.once')}</td>
                  <td>
                    <form method="post" action="/admin/center/closures/${c.id}/delete">
                      ${csrfField(ctx)} ${centerField(page.center)}
                      <button type="submit" class="secondary"
                        aria-label="${ctx.t('center.deleteNamed', { reason: closureName(ctx, c) })}">
                        ${ctx.t('center.delete')}
                      </button>
                    </form>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`
    }
    <h3 id="add-closure">${ctx.t('center.addClosureTitle')}</h3>
    <form method="post" action="/admin/center/closures" class="stack">
      ${csrfField(ctx)} ${centerField(page.center)}
      <div class="row">
        <div class="field">
          <label for="closure-from">${ctx.t('center.closureFrom')}</label>
          <input id="closure-from" name="from" type="date" required value="${value(state, 'from')}"${at('closure-from').attrs} />
          ${at('closure-from').message}
        </div>
        <div class="field">
          <label for="closure-to">${ctx.t('center.closureTo')}</label>
          <input id="closure-to" name="to" type="date" required value="${value(state, 'to')}"${at('closure-to').attrs} />
          ${at('closure-to').message}
        </div>
      </div>
      <div class="field">
        <label for="closure-reason">${ctx.t('center.reason')}</label>
        <input id="closure-reason" name="reason" required maxlength="300"
          value="${value(state, 'reason')}"${at('closure-reason').attrs} />
        ${at('closure-reason').message}
      </div>
      <div class="check">
        <input type="checkbox" id="closure-yearly" name="yearly" value="on"
          ${value(state, 'yearly') === 'on' && html`checked`} />
        <label for="closure-yearly">${ctx.t('center.yearly')}</label>
      </div>
      <div><button type="submit">${ctx.t('center.addClosure')}</button></div>
    </form>
  </section>`;
}

export function policyValues(center: CenterView): Record<string, string> {
  return Object.fromEntries(POLICY_FIELDS.map((name) => [name, String(center.policy[name])]));
}

function policySection(ctx: WebContext, page: SetupPage): Html {
  const failed = page.failed?.section === 'policy' ? page.failed.state : undefined;
  const state = failed ?? { values: policyValues(page.center) };
  const spread = spreadOf(ctx, failed, 'policy');
  return html`<section aria-labelledby="policy-h">
    <h2 id="policy-h">${ctx.t('center.policy')}</h2>
    <form method="post" action="/admin/center/policy" class="stack">
      ${csrfField(ctx)} ${centerField(page.center)}
      ${POLICY_FIELDS.map(
        (name) => html`<div class="field">
          <label for="policy-${name}">${ctx.t(`center.policy.${name}`)}</label>
          <input id="policy-${name}" name="${name}" type="number" inputmode="numeric" min="1"
            required value="${value(state, name)}"${fieldMessage(spread, `policy-${name}`).attrs} />
          ${fieldMessage(spread, `policy-${name}`).message}
        </div>`,
      )}
      <div><button type="submit">${ctx.t('center.savePolicy')}</button></div>
    </form>
  </section>`;
}

export function setupPage(ctx: WebContext, page: SetupPage): Html {
  const sections: Array<[string, MessageKey]> = [
    ['resources-h', 'center.resources'],
    ['hours-h', 'center.hours'],
    ['closures-h', 'center.closures'],
    ['policy-h', 'center.policy'],
  ];
  return renderPage(ctx, {
    title: `${ctx.t('center.title')}: ${page.center.name}`,
    active: 'center',
    main: html`${page.failed && summaryOf(ctx, page.failed.state, page.failed.section)}
      ${centerPicker(ctx, '/admin/center', page.runs, page.center.id)}
      ${doneNotice(ctx, page.done)}
      <p class="hint">${ctx.t('center.timezone', { zone: page.center.timezone })}</p>
      <nav aria-label="${ctx.t('center.sections')}" class="sections">
        <ul>
          ${sections.map(([id, key]) => html`<li><a href="#${id}">${ctx.t(key)}</a></li>`)}
        </ul>
      </nav>
      ${resourcesSection(ctx, page)} ${hoursSection(ctx, page)} ${closuresSection(ctx, page)}
      ${policySection(ctx, page)}`,
  });
}

export interface EditPage {
  center: CenterView;
  resource: ResourceView;
  state: FormState;
  /** A refused deactivation, shown beside its own form. */
  deactivateProblem?: Problem;
  cancelFuture?: boolean;
  done?: Done;
}

export function editPage(ctx: WebContext, page: EditPage): Html {
  const r = page.resource;
  const q = `?center=${encodeURIComponent(page.center.id)}`;
  return renderPage(ctx, {
    title: ctx.t('center.editTitle', { name: r.name }),
    active: 'center',
    main: html`${summaryOf(ctx, page.state, 'resource', 'edit')}
      <p><a href="/admin/center${q}">${ctx.t('center.backToSetup')}</a></p>
      ${doneNotice(ctx, page.done)}
      <p>
        ${ctx.t(`kind.${r.kind}`)} ·
        ${
          r.active
            ? html`<span class="badge state-free"><span class="icon" aria-hidden="true">✓</span>${ctx.t('center.active')}</span>`
            : html`<span class="badge state-closed"><span class="icon" aria-hidden="true">✕</span>${ctx.t('center.inactive')}</span>`
        }
      </p>
      <form method="post" action="/admin/center/resources/${r.id}" class="stack">
        ${csrfField(ctx)} ${centerField(page.center)}
        ${resourceFields(ctx, page.state, { creating: false, prefix: 'edit', kind: r.kind })}
        <div><button type="submit">${ctx.t('form.save')}</button></div>
      </form>
      ${
        r.active
          ? html`<section aria-labelledby="deactivate-h">
            <h2 id="deactivate-h">${ctx.t('center.deactivateTitle')}</h2>
            <p class="hint">${ctx.t('center.deactivateHint')}</p>
            ${problemBox(ctx, page.deactivateProblem, SUMMARIES, 'center.error.other')}
            <form method="post" action="/admin/center/resources/${r.id}/deactivate" class="stack">
              ${csrfField(ctx)} ${centerField(page.center)}
              <div class="check">
                <input type="checkbox" id="cancel-future" name="cancelFuture" value="on"
                  ${page.cancelFuture && html`checked`} />
                <label for="cancel-future">${ctx.t('center.cancelFuture')}</label>
              </div>
              <div><button type="submit" class="danger">${ctx.t('center.deactivate')}</button></div>
            </form>
          </section>`
          : html`<section aria-labelledby="reactivate-h">
            <h2 id="reactivate-h">${ctx.t('center.reactivateTitle')}</h2>
            <form method="post" action="/admin/center/resources/${r.id}">
              ${csrfField(ctx)} ${centerField(page.center)}
              <input type="hidden" name="reactivate" value="on" />
              <button type="submit">${ctx.t('center.reactivate')}</button>
            </form>
          </section>`
      }`,
  });
}

export interface QrItem {
  resource: ResourceView;
  svg: string;
}
