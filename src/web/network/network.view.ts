import { CenterView } from '../../centers';
import { UserView } from '../../identity';
import { hoursTable, POLICY_FIELDS } from '../center/center.view';
import {
  FormProblem,
  inputField,
  problemSummary,
  ProblemRules,
  selectField,
} from '../shared/form-fields';
import { html, Html } from '../shared/html';
import { LANGUAGE_NAME, LOCALES, MessageKey } from '../i18n';
import { csrfField, renderPage } from '../shared/layout';
import { activeBadge, FormState, temporaryPasswordBox, valueOf } from '../people/people.view';
import { WebContext } from '../shared/web-context';

/** Zones offered as suggestions; any IANA zone may be typed. */
const ZONES = [
  'Asia/Tashkent',
  'Asia/Samarkand',
  'Asia/Almaty',
  'Asia/Bishkek',
  'Asia/Dushanbe',
  'Asia/Ashgabat',
  'Europe/Moscow',
  'UTC',
];

export const CENTER_RULES: ProblemRules = {
  fields: {
    slug: ['slug', 'network.field.slug'],
    name: ['name', 'network.field.name'],
    city: ['city', 'network.field.city'],
    region: ['region', 'network.field.region'],
    address: ['address', 'network.field.address'],
    timezone: ['timezone', 'network.field.timezone'],
    openingHours: ['hours', 'network.field.hours'],
    ...Object.fromEntries(
      POLICY_FIELDS.map((name) => [`policy.${name}`, [name, 'network.field.policy'] as const]),
    ),
    active: ['active', 'network.field.active'],
  },
  codes: {
    ALREADY_EXISTS: {
      summary: 'network.error.slugTaken',
      field: ['slug', 'network.field.slugTaken'],
    },
  },
};

export const COORDINATOR_RULES: ProblemRules = {
  fields: {
    name: ['name', 'people.field.name.invalid'],
    email: ['email', 'people.field.email.invalid'],
    phone: ['phone', 'people.field.phone.invalid'],
    locale: ['locale', 'people.field.locale.invalid'],
    centerIds: ['centerId', 'network.field.center'],
  },
  codes: {
    ALREADY_EXISTS: {
      summary: 'people.error.emailTaken',
      field: ['email', 'people.field.email.taken'],
    },
  },
};

export const NETWORK_DONE = {
  created: 'network.done.created',
  updated: 'network.done.updated',
} as const satisfies Record<string, MessageKey>;
export type NetworkDone = keyof typeof NETWORK_DONE;

export interface NetworkData {
  centers: CenterView[];
  coordinators: Map<string, UserView[]>;
  done?: NetworkDone;
  coordinatorForm: FormState;
  /** A coordinator just created, with the temporary password to hand over once. */
  created?: { person: UserView; password?: string };
}

function coordinatorList(ctx: WebContext, people: UserView[] | undefined): Html {
  if (!people || people.length === 0) return html`${ctx.t('network.noCoordinator')}`;
  return html`<ul class="plain">
    ${people.map((p) => html`<li><a href="/admin/people/${p.id}">${p.name}</a>${!p.active && html` (${ctx.t('people.inactive')})`}</li>`)}
  </ul>`;
}

function coordinatorForm(ctx: WebContext, data: NetworkData): Html {
  const state = data.coordinatorForm;
  const problem = state.problem;
  return html`<section aria-labelledby="add-coordinator-h">
    <h2 id="add-coordinator-h">${ctx.t('network.addCoordinator')}</h2>
    <p class="hint">${ctx.t('network.addCoordinatorHint')}</p>
    ${problemSummary(ctx, problem, (name) => `coord-${name}`)}
    <form method="post" action="/admin/network/coordinators" class="stack">
      ${csrfField(ctx)}
      ${selectField(ctx, problem, {
        id: 'coord-centerId',
        name: 'centerId',
        label: ctx.t('people.center'),
        value: valueOf(state, 'centerId'),
        required: true,
        choices: data.centers.map((c) => ({ value: c.id, label: c.name })),
      })}
      ${inputField(ctx, problem, {
        id: 'coord-name',
        name: 'name',
        label: ctx.t('people.name'),
        value: valueOf(state, 'name'),
        required: true,
        maxlength: 200,
        autocomplete: 'off',
      })}
      ${inputField(ctx, problem, {
        id: 'coord-email',
        name: 'email',
        type: 'email',
        label: ctx.t('people.email'),
        value: valueOf(state, 'email'),
        required: true,
        maxlength: 254,
        autocomplete: 'off',
      })}
      ${inputField(ctx, problem, {
        id: 'coord-phone',
        name: 'phone',
        type: 'tel',
        label: ctx.t('people.phone'),
        value: valueOf(state, 'phone'),
        maxlength: 32,
        autocomplete: 'off',
      })}
      ${selectField(ctx, problem, {
        id: 'coord-locale',
        name: 'locale',
        label: ctx.t('people.language'),
        value: valueOf(state, 'locale') || ctx.locale,
        choices: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAME[locale] })),
      })}
      <div><button type="submit">${ctx.t('network.createCoordinator')}</button></div>
    </form>
  </section>`;
}

export function networkPage(ctx: WebContext, data: NetworkData): Html {
  return renderPage(ctx, {
    title: ctx.t('network.title'),
    active: 'network',
    main: html`${data.done && html`<p class="success" role="status">${ctx.t(NETWORK_DONE[data.done])}</p>`}
      ${
        data.created &&
        html`<p class="success" role="status">${ctx.t('network.done.coordinator', { name: data.created.person.name })}</p>
          ${data.created.password && temporaryPasswordBox(ctx, data.created.person, data.created.password)}`
      }
      <p class="hint">${ctx.t('network.intro')}</p>
      <p><a class="button" href="/admin/network/centers/new">${ctx.t('network.addCenter')}</a></p>
      <h2 id="centers-h">${ctx.t('network.centers')}</h2>
      ${
        data.centers.length === 0
          ? html`<p>${ctx.t('network.noCenters')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="group" aria-labelledby="centers-h">
            <table>
              <thead>
                <tr>
                  <th scope="col">${ctx.t('network.center')}</th>
                  <th scope="col">${ctx.t('network.city')}</th>
                  <th scope="col">${ctx.t('network.timezone')}</th>
                  <th scope="col">${ctx.t('people.status')}</th>
                  <th scope="col">${ctx.t('network.coordinators')}</th>
                </tr>
              </thead>
              <tbody>
                ${data.centers.map(
                  (c) => html`<tr>
                    <th scope="row"><a href="/admin/network/centers/${c.id}">${c.name}</a></th>
                    <td>${c.city}</td>
                    <td>${c.timezone}</td>
                    <td>${activeBadge(ctx, c.active)}</td>
                    <td>${coordinatorList(ctx, data.coordinators.get(c.id))}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
      ${data.centers.length > 0 && coordinatorForm(ctx, data)}`,
  });
}

// ------------------------------------------------------------------------------ a center

export interface CenterFormData {
  /** Undefined: a new center. */
  center?: CenterView;
  coordinators?: UserView[];
  state: FormState;
  done?: NetworkDone;
}

function centerFields(ctx: WebContext, state: FormState, creating: boolean): Html {
  const problem: FormProblem | undefined = state.problem;
  const text = (
    name: string,
    label: MessageKey,
    options: { required?: boolean; maxlength: number; hint?: MessageKey; list?: string },
  ) =>
    inputField(ctx, problem, {
      id: `center-${name}`,
      name,
      label: ctx.t(label),
      value: valueOf(state, name),
      required: options.required,
      maxlength: options.maxlength,
      hint: options.hint && ctx.t(options.hint),
      extra: options.list ? html` list="${options.list}"` : undefined,
    });
  return html`${text('name', 'network.name', { required: true, maxlength: 200 })}
    ${text('slug', 'network.slug', { required: true, maxlength: 64, hint: 'network.slugHint' })}
    ${text('city', 'network.city', { required: true, maxlength: 100 })}
    ${text('region', 'network.region', { required: true, maxlength: 100 })}
    ${text('address', 'network.address', { maxlength: 300 })}
    ${text('timezone', 'network.timezone', {
      required: true,
      maxlength: 64,
      hint: 'network.timezoneHint',
      list: 'zones',
    })}
    <datalist id="zones">${ZONES.map((zone) => html`<option value="${zone}"></option>`)}</datalist>
    ${
      !creating &&
      html`<div class="check">
        <input type="checkbox" id="center-active" name="active" value="on"
          ${valueOf(state, 'active') === 'on' && html`checked`} />
        <label for="center-active">${ctx.t('network.activeLabel')}</label>
      </div>`
    }`;
}

function hoursAndPolicy(ctx: WebContext, state: FormState): Html {
  const problem = state.problem;
  return html`<fieldset id="center-hours">
      <legend>${ctx.t('center.hours')}</legend>
      <p class="hint" id="new-hours-hint">${ctx.t('center.hoursHint')}</p>
      ${
        problem?.fields.hours &&
        html`<p class="field-error"><span aria-hidden="true">⚠ </span>${ctx.t(problem.fields.hours)}</p>`
      }
      ${hoursTable(ctx, state.values, 'new-hours-hint')}
    </fieldset>
    <fieldset>
      <legend>${ctx.t('center.policy')}</legend>
      ${POLICY_FIELDS.map((name) =>
        inputField(ctx, problem, {
          id: `center-${name}`,
          name,
          type: 'number',
          label: ctx.t(`center.policy.${name}`),
          value: valueOf(state, name),
          required: true,
          extra: html` inputmode="numeric" min="1"`,
        }),
      )}
    </fieldset>`;
}

export function centerFormPage(ctx: WebContext, data: CenterFormData): Html {
  const c = data.center;
  const idOf = (name: string) => `center-${name}`;
  return renderPage(ctx, {
    title: c ? ctx.t('network.editTitle', { name: c.name }) : ctx.t('network.addCenter'),
    active: 'network',
    main: html`<p><a href="/admin/network">${ctx.t('network.back')}</a></p>
      ${data.done && html`<p class="success" role="status">${ctx.t(NETWORK_DONE[data.done])}</p>`}
      ${problemSummary(ctx, data.state.problem, idOf)}
      <form method="post" action="${c ? `/admin/network/centers/${c.id}` : '/admin/network/centers'}"
        class="stack wide">
        ${csrfField(ctx)} ${centerFields(ctx, data.state, !c)}
        ${
          c
            ? html`<p><a href="/admin/center?center=${c.id}">${ctx.t('network.setupLink')}</a></p>`
            : hoursAndPolicy(ctx, data.state)
        }
        <div><button type="submit">${ctx.t(c ? 'form.save' : 'network.create')}</button></div>
      </form>
      ${
        c &&
        html`<section aria-labelledby="coordinators-h">
          <h2 id="coordinators-h">${ctx.t('network.coordinators')}</h2>
          ${coordinatorList(ctx, data.coordinators)}
          <p><a href="/admin/network#add-coordinator-h">${ctx.t('network.addCoordinator')}</a></p>
        </section>`
      }`,
  });
}
