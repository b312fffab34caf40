import { PAGES } from '../page-list';
import { FuzzWorld } from './fuzz-world';
import {
  HOSTILE_DATES,
  HOSTILE_IDS,
  HOSTILE_NEXT,
  HOSTILE_TIMES,
  Labeled,
  ODD_NUMBERS,
  ODD_STRINGS,
  percentEncode,
  utf8Bytes,
} from './hostile';
import { FormField, formsOf, FormSubmission, linksOf } from './html-forms';
import { Random } from './random';
import { FuzzRequest, FuzzSession, Outcome, Role, ROLES } from './runner';

/**
 * The web-form fuzzer: as each role (anonymous, member, coordinator, admin, each with a real
 * session), crawls the site from every page of test/support/page-list.ts along its links, reads
 * every form on every page it reaches (formsOf), and posts each form many times with one field,
 * the action's ids, the CSRF token or a header made hostile, plus every `next` value of the
 * hostile catalog to every form and page that takes one. Forms are found, not listed: a new form
 * is fuzzed without an edit here.
 */

export interface WebFuzzOptions {
  session: FuzzSession;
  world: FuzzWorld;
  random: Random;
  /** Hostile submissions of each form (on top of one plausible one and the `next` catalog). */
  perForm: number;
  /** Pages each role visits at most (distinct routes: ids and query values set aside). */
  pagesPerRole: number;
}

const SESSION_COOKIE = 'makon_session';
const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HAS_UUID = new RegExp(UUID_SOURCE, 'i');
const everyUuid = () => new RegExp(UUID_SOURCE, 'gi');

/** A page route with its ids and query values set aside: `/admin/bookings/:id?center=`. */
export function routeOf(path: string): string {
  const [pathname, query = ''] = path.split('?');
  const keys = [...new URLSearchParams(query).keys()].sort();
  const route = pathname.replace(everyUuid(), ':id').replace(/^\/c\/[^/]+$/, '/c/:token');
  return keys.length > 0 ? `${route}?${[...new Set(keys)].join('&')}` : route;
}

/** One role's browser: its cookies, its sessions (spares replace one that a sign-out ended). */
class Browser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  private sessionIndex = 0;

  constructor(
    readonly role: Role,
    private readonly sessions: string[],
  ) {
    if (sessions.length > 0) this.cookies.set(SESSION_COOKIE, sessions[0]);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** After a response: keeps new cookies; a cleared session is replaced by the next spare one. */
  absorb(outcome: Outcome, asBrowser: boolean, ownCookies: boolean): boolean {
    let sessionEnded = false;
    for (const line of outcome.setCookies ?? []) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const cleared = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (name === SESSION_COOKIE) {
        if (cleared && ownCookies && this.role !== 'anonymous') sessionEnded = true;
        continue;
      }
      if (asBrowser && !cleared) this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    if (sessionEnded && this.sessionIndex + 1 < this.sessions.length) {
      this.cookies.set(SESSION_COOKIE, this.sessions[++this.sessionIndex]);
      this.csrfToken = undefined;
    }
    if (outcome.text) {
      const token = /name="_csrf" value="([^"]+)"/.exec(outcome.text);
      if (token && asBrowser) this.csrfToken = token[1];
    }
    return sessionEnded;
  }
}

export class WebFuzzer {
  /** The forms found, by role (`POST /bookings/:id/cancel`), for the coverage line. */
  readonly formsFound = new Map<Role, string[]>();

  constructor(private readonly options: WebFuzzOptions) {}

  private get stopped(): boolean {
    return this.options.session.stopped !== undefined;
  }

  async run(): Promise<void> {
    for (const role of ROLES) {
      if (this.stopped) return;
      await this.fuzzAs(role);
    }
  }

  private async fuzzAs(role: Role): Promise<void> {
    const { world, random } = this.options;
    // Its own sessions: the API fuzzer's (the first) must outlive the sign-out forms.
    const browser = new Browser(role, role === 'anonymous' ? [] : world.tokens[role].slice(1));
    const first = await this.crawl(browser);
    // The plausible posts act (check in, book…), which can show new forms (check out): after
    // them the site is read again, and the forms found then are fuzzed too.
    for (const form of first.submissions) {
      if (this.stopped) return;
      await this.submit(browser, form, 'plausible', (f) => f);
    }
    const second = await this.crawl(browser);
    const pages = second.pages;
    // Forms of both readings (one the plausible posts made disappear, say an approval, is kept).
    const submissions = [
      ...new Map(
        [...first.submissions, ...second.submissions].map((form) => [formKey(form), form]),
      ).values(),
    ];
    this.formsFound.set(
      role,
      submissions.map((f) => `${f.method} ${routeOf(f.action)}`),
    );
    // The new forms' plausible posts, then the hostile ones in a seeded order. A form whose post
    // ended the session has its other posts kept for the end.
    interface Step {
      form?: string;
      run: () => Promise<boolean>;
    }
    const known = new Set(first.submissions.map(formKey));
    const plausible: Step[] = submissions
      .filter((form) => !known.has(formKey(form)))
      .map((form) => ({
        form: form.action,
        run: () => this.submit(browser, form, 'plausible', (f) => f),
      }));
    // Every `next` of the catalog on every form and page that takes one comes first, before
    // the hostile sign-ins of the other posts have the address refused by the sign-in limit.
    const nextSteps: Step[] = [];
    for (const form of submissions.filter((f) => f.fields.some((field) => field.name === 'next'))) {
      for (const [label, value] of HOSTILE_NEXT) {
        nextSteps.push({
          form: form.action,
          run: () =>
            this.submit(browser, form, `next=${label}`, (fields) =>
              withValue(fields, 'next', value),
            ),
        });
      }
    }
    for (const [label, value] of HOSTILE_NEXT) {
      nextSteps.push({
        run: () => this.get(browser, `/login?next=${percentEncode(value)}`, `next=${label}`),
      });
    }
    // Then every field of every form once with the most telling value of its kind (year 9999 for
    // a date, 24:00 for a time, 1e308 for a number, a long or odd text), as the API's sweep.
    const sweepSteps: Step[] = [];
    for (const form of submissions) {
      for (const field of form.fields.filter((f) => f.name !== '_csrf' && f.name !== 'next')) {
        const [label, value] = firstHostileFor(field, world, random);
        sweepSteps.push({
          form: form.action,
          run: () =>
            this.submit(browser, form, `${field.name}=${label}`, (fields) =>
              withValue(fields, field.name, value),
            ),
        });
      }
    }
    // A window whose both ends are hostile (one alone is refused as an end before its start).
    for (const form of submissions) {
      const from = form.fields.find((f) => f.name === 'from');
      if (!from || !form.fields.some((f) => f.name === 'to')) continue;
      const [label, value] = firstHostileFor(from, world, random);
      sweepSteps.push({
        form: form.action,
        run: () =>
          this.submit(browser, form, `from and to=${label}`, (fields) =>
            withValue(withValue(fields, 'from', value), 'to', value),
          ),
      });
    }
    const hostile: Step[] = [];
    for (const form of submissions) {
      for (let i = 0; i < this.options.perForm; i++) {
        hostile.push({ form: form.action, run: () => this.submitHostile(browser, form) });
      }
    }
    for (const page of pages) {
      hostile.push({ run: () => this.getHostileQuery(browser, page) });
    }
    const endsSession = new Set<string>();
    const deferred: Step[] = [];
    for (const step of [...plausible, ...nextSteps, ...sweepSteps, ...shuffled(random, hostile)]) {
      if (this.stopped) return;
      if (step.form && endsSession.has(step.form)) {
        deferred.push(step);
      } else if ((await step.run()) && step.form) {
        endsSession.add(step.form);
      }
    }
    for (const step of deferred) {
      if (this.stopped) return;
      await step.run();
    }
  }

  /** `web forms: anonymous 2, member 9, …` with the distinct form routes. */
  coverage(): string {
    const counts = [...this.formsFound]
      .map(([role, forms]) => `${role} ${forms.length}`)
      .join(', ');
    const routes = new Set([...this.formsFound.values()].flat());
    return `web forms found: ${counts}; ${routes.size} form routes: ${[...routes].sort().join(' | ')}`;
  }

  /** Visits the site from the page list along its links; answers the pages and their forms. */
  private async crawl(
    browser: Browser,
  ): Promise<{ pages: string[]; submissions: FormSubmission[] }> {
    const seen = new Set<string>();
    const forms = new Map<string, FormSubmission>();
    // The sign-in form carries `next` only when the address gave one.
    const queue = [
      '/',
      '/login',
      '/login?next=%2Fme',
      ...PAGES.map((p) => p.path(this.options.world)),
    ];
    const pages: string[] = [];
    while (queue.length > 0 && pages.length < this.options.pagesPerRole) {
      const path = queue.shift()!;
      const route = routeOf(path);
      if (seen.has(route) || path.startsWith('/assets/')) continue;
      seen.add(route);
      const outcome = await this.fire(
        browser,
        this.request(browser, 'GET', path, route, 'crawl'),
        true,
      );
      if (outcome.status !== 200 || !outcome.text) continue;
      pages.push(path);
      for (const link of linksOf(outcome.text, path)) queue.push(link);
      for (const form of formsOf(outcome.text, path)) {
        if (!forms.has(formKey(form))) forms.set(formKey(form), form);
      }
    }
    return { pages, submissions: [...forms.values()] };
  }

  private request(
    browser: Browser,
    method: 'GET' | 'POST',
    path: string,
    route: string,
    label: string,
    body?: string,
    headers: Record<string, string> = {},
  ): FuzzRequest {
    const cookie = browser.cookieHeader();
    return {
      method,
      path,
      route,
      as: browser.role,
      label,
      body,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
    };
  }

  /** Sends one request and records it; answers whether it ended the browser's session. */
  private async fire(
    browser: Browser,
    request: FuzzRequest,
    asBrowser = false,
  ): Promise<Outcome & { sessionEnded: boolean }> {
    const ownCookies = request.headers.cookie === browser.cookieHeader();
    const outcome = await this.options.session.fire(request);
    if (!outcome) return { status: 0, ms: 0, sessionEnded: false };
    const sessionEnded = browser.absorb(outcome, asBrowser, ownCookies);
    // A new session may have its own CSRF token: read it from the start page.
    if (sessionEnded) await this.readPage(browser, '/');
    return { ...outcome, sessionEnded };
  }

  /** Loads a page as the browser does (one redirect followed), keeping its cookies and token. */
  private async readPage(browser: Browser, path: string): Promise<void> {
    let target: string | null = path;
    for (let hop = 0; hop < 2 && target; hop++) {
      const request = this.request(browser, 'GET', target, routeOf(target), 'crawl');
      const outcome = await this.options.session.fire(request);
      if (!outcome) return;
      browser.absorb(outcome, true, true);
      target = outcome.status === 303 ? (outcome.location ?? null) : null;
    }
  }

  private async get(browser: Browser, path: string, label: string): Promise<boolean> {
    const outcome = await this.fire(
      browser,
      this.request(browser, 'GET', path, routeOf(path), label),
    );
    return outcome.sessionEnded;
  }

  /** Submits a form with its fields changed by `change`; answers whether the session ended. */
  private async submit(
    browser: Browser,
    form: FormSubmission,
    label: string,
    change: (fields: Array<[string, string]>) => Array<[string, string]>,
    options: {
      action?: string;
      csrf?: string | null;
      headers?: Record<string, string>;
      rawBody?: string;
    } = {},
  ): Promise<boolean> {
    const plain: Array<[string, string]> = form.fields
      .filter((f) => f.sent)
      .map((f) => [f.name, this.plausibleValue(browser, f)]);
    if (options.csrf !== undefined) {
      const index = plain.findIndex(([name]) => name === '_csrf');
      if (index >= 0) plain.splice(index, 1);
      if (options.csrf !== null) plain.push(['_csrf', options.csrf]);
    }
    const fields = change(plain);
    const action = options.action ?? form.action;
    const encoded = fields.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&');
    const request =
      form.method === 'GET'
        ? this.request(
            browser,
            'GET',
            `${action.split('?')[0]}${encoded ? `?${encoded}` : ''}`,
            routeOf(form.action),
            label,
            undefined,
            options.headers,
          )
        : this.request(
            browser,
            'POST',
            action,
            routeOf(form.action),
            label,
            options.rawBody ?? encoded,
            options.headers,
          );
    const outcome = await this.fire(browser, request);
    return outcome.sessionEnded;
  }

  /** What a person would send in a field: its value, or a real user's sign-in for the empty ones. */
  private plausibleValue(browser: Browser, field: FormField): string {
    if (field.name === '_csrf') return browser.csrfToken ?? field.value;
    const { credentials } = this.options.world;
    if (field.value === '' && field.type === 'email') return credentials.email;
    if (field.value === '' && field.type === 'password') return credentials.password;
    return field.value;
  }

  private submitHostile(browser: Browser, form: FormSubmission): Promise<boolean> {
    const { random, world } = this.options;
    const editable = form.fields.filter((f) => f.name !== '_csrf');
    const kind = random.weighted<string>([
      ['field', editable.length > 0 ? 8 : 0],
      ['missing', editable.length > 0 ? 1 : 0],
      ['repeated', editable.length > 0 ? 1 : 0],
      ['extra', 1],
      ['action id', HAS_UUID.test(form.action) ? 1.5 : 0],
      ['csrf', form.method === 'POST' ? 0.7 : 0],
      ['body', form.method === 'POST' ? 1 : 0],
      ['header', 1],
    ]);
    switch (kind) {
      case 'field': {
        const field = random.pick(editable);
        const [label, value] = random.pick(hostileCatalogFor(field, world));
        return this.submit(browser, form, `${field.name}=${label}`, (f) =>
          withValue(f, field.name, value),
        );
      }
      case 'missing': {
        const field = random.pick(editable);
        return this.submit(browser, form, `without ${field.name}`, (f) =>
          f.filter(([n]) => n !== field.name),
        );
      }
      case 'repeated': {
        const field = random.pick(editable);
        const [label, value] = random.pick(ODD_STRINGS.slice(0, 12));
        return this.submit(browser, form, `${field.name} twice (${label})`, (f) => [
          ...f,
          [field.name, value],
        ]);
      }
      case 'extra': {
        const [label, value] = random.pick([...ODD_STRINGS.slice(0, 12), ...HOSTILE_NEXT]);
        const name = random.pick([
          'next',
          'unknown',
          '__proto__',
          'constructor[prototype]',
          'a[b][c]',
          'x'.repeat(3000),
        ]);
        return this.submit(browser, form, `extra ${name.slice(0, 20)}=${label}`, (f) => [
          ...f,
          [name, value],
        ]);
      }
      case 'action id': {
        const [label, value] = random.pick(HOSTILE_IDS);
        const action = form.action.replace(everyUuid(), () => percentEncode(value));
        return this.submit(browser, form, `action id=${label}`, (f) => f, { action });
      }
      case 'csrf': {
        const [label, csrf] = random.pick<Labeled<string | null>>([
          ['no _csrf', null],
          ['_csrf empty', ''],
          ['_csrf junk', 'junk'],
          ['_csrf long', 't'.repeat(5000)],
          ['_csrf unicode', 'токен'],
        ]);
        return this.submit(browser, form, label, (f) => f, { csrf });
      }
      case 'body': {
        const [label, rawBody, contentType] = random.pick<readonly [string, string, string]>([
          ['body %ZZ', 'a=%ZZ&b=%', 'application/x-www-form-urlencoded'],
          [
            'body 20k fields',
            Array(20_000).fill('a=1').join('&'),
            'application/x-www-form-urlencoded',
          ],
          ['body one huge field', `a=${'x'.repeat(900_000)}`, 'application/x-www-form-urlencoded'],
          [
            'body nested brackets',
            'a[b][c][d][e]=1&a[__proto__][x]=1',
            'application/x-www-form-urlencoded',
          ],
          ['body json', '{"_csrf":"x","next":"//evil.example"}', 'application/json'],
          ['body text', 'hello', 'text/plain'],
          ['body empty', '', 'application/x-www-form-urlencoded'],
        ]);
        return this.submit(browser, form, label, (f) => f, {
          rawBody,
          headers: { 'content-type': contentType },
        });
      }
      default: {
        const [label, headers] = random.pick<Labeled<Record<string, string>>>([
          ['cookie junk session', { cookie: `${SESSION_COOKIE}=junk; makon_lang=xx` }],
          ['cookie utf-8 session', { cookie: `${SESSION_COOKIE}=${utf8Bytes('сессия')}` }],
          ['accept-language junk', { 'accept-language': 'zz;q=x, ru-RU;q=2, *' }],
          ['accept-language utf-8', { 'accept-language': utf8Bytes('узбекский') }],
          ['host', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }],
        ]);
        return this.submit(browser, form, `header ${label}`, (f) => f, {
          headers: label.startsWith('cookie')
            ? { ...headers, cookie: `${browser.cookieHeader()}; ${headers.cookie}` }
            : headers,
        });
      }
    }
  }

  /** A page again with one query value hostile (or a hostile one added). */
  private getHostileQuery(browser: Browser, page: string): Promise<boolean> {
    const { random } = this.options;
    const [pathname, query = ''] = page.split('?');
    const params = new URLSearchParams(query);
    const names = [...new Set(params.keys())];
    const name =
      names.length > 0 && random.chance(0.8)
        ? random.pick(names)
        : random.pick(['next', 'done', 'error', 'center', 'date']);
    const current = params.get(name) ?? '';
    const catalog: Labeled<string>[] = /^\d{4}-\d{2}-\d{2}$/.test(current)
      ? HOSTILE_DATES
      : HAS_UUID.test(current)
        ? HOSTILE_IDS
        : name === 'next'
          ? HOSTILE_NEXT
          : [...ODD_STRINGS, ...HOSTILE_DATES.slice(0, 4)];
    const [label, value] = random.pick(catalog);
    params.set(name, value);
    const encoded = [...params]
      .map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`)
      .join('&');
    return this.get(browser, `${pathname}?${encoded}`, `query ${name}=${label}`);
  }
}

/** Forms that differ only in ids or values are one form. */
function formKey(form: FormSubmission): string {
  const names = [...new Set(form.fields.map((f) => f.name))].sort().join(',');
  return `${form.method} ${routeOf(form.action)} ${names}`;
}

function withValue(
  fields: Array<[string, string]>,
  name: string,
  value: string,
): Array<[string, string]> {
  const rest = fields.filter(([n]) => n !== name);
  return [...rest, [name, value]];
}

const TIMES_OF_DAY: Labeled<string>[] = [
  ['24:00', '24:00'],
  ['25:00', '25:00'],
  ['9:00', '9:00'],
  ['09:60', '09:60'],
  ['seconds', '09:00:30'],
  ['negative', '-01:00'],
  ['0900', '0900'],
  ['with zone', '09:00Z'],
  ['fullwidth', '２３:００'],
  ['00:00', '00:00'],
  ['23:59', '23:59'],
];

/** The sweep's value for a field: the most telling of its kind. */
function firstHostileFor(field: FormField, world: FuzzWorld, random: Random): Labeled<string> {
  if (field.type === 'number') return ['1e308', '1e308'];
  const catalog = hostileCatalogFor(field, world);
  const isText = !['date', 'time', 'datetime-local', 'select', 'radio', 'checkbox'].includes(
    field.type,
  );
  const odd = isText && !HAS_UUID.test(field.value) && !/^[\d:-]+$/.test(field.value);
  return odd ? random.pick(ODD_STRINGS) : catalog[0];
}

/** The hostile values that suit a field, judged from its HTML (type, name, current value). */
function hostileCatalogFor(field: FormField, world: FuzzWorld): Labeled<string>[] {
  const strings: Labeled<string>[] = [...ODD_STRINGS, ['empty', '']];
  const numbers = ODD_NUMBERS.map(([label, value]): Labeled<string> => [label, String(value)]);
  const ids = Object.values(world.ids)
    .flat()
    .map((id): Labeled<string> => ['id of another kind', id]);
  if (field.name === 'next') return HOSTILE_NEXT;
  if (field.type === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(field.value))
    return [...HOSTILE_DATES, ...strings.slice(0, 6)];
  if (field.type === 'time' || /^\d{2}:\d{2}$/.test(field.value))
    return [...TIMES_OF_DAY, ...strings.slice(0, 6)];
  if (field.type === 'datetime-local') return HOSTILE_TIMES;
  if (field.type === 'number')
    return [...numbers, ['99999999999999999999', '99999999999999999999'], ...strings.slice(0, 6)];
  if (HAS_UUID.test(field.value)) return [...HOSTILE_IDS, ...ids];
  if (field.type === 'select' || field.type === 'radio' || field.type === 'checkbox') {
    const first = field.options[0] ?? 'x';
    return [
      ['not an option', 'not-an-option'],
      ['option uppercase', first.toUpperCase()],
      ['option padded', ` ${first} `],
      ...ids.slice(0, 3),
      ...strings.slice(0, 10),
    ];
  }
  return [...strings, ...numbers.slice(0, 4)];
}

function shuffled<T>(random: Random, items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
