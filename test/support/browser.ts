import { existsSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { describeWhen } from './skip';

/** Debian's Chromium (`apt-get install -y chromium`); .ci/run installs it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const WITHOUT_CHROMIUM = `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;

/**
 * Browser specs call this instead of `describe`: without Chromium jest reports their tests as
 * skipped and one printed line says why (test/support/skip.ts); `npm run test:browser` passes on
 * a machine without it.
 */
export function describeInBrowser(file: string, name: string, body: () => void): void {
  describeWhen(existsSync(CHROMIUM_PATH) ? null : WITHOUT_CHROMIUM, file, name, body);
}

/**
 * The browser's own zone in every browser spec: one with DST, neither the centers' (Tashkent) nor,
 * on CI, the server's (the machine's, UTC), so a page script that reads the browser's zone instead
 * of the center's shows up in every run. This is why CI runs the browser specs once
 * (`npm run test:browser`), and not again in its run under TZ=America/New_York
 * (config/browser-specs.js).
 */
export const BROWSER_ZONE = 'America/New_York';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    env: { ...process.env, TZ: BROWSER_ZONE },
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

/**
 * A browser context signed in with an API token as the session cookie (the same signed token the
 * login form sets), or anonymous. The site's CSP stays on, so a page that needs an inline script
 * fails here as it would for users (axe-core is evaluated through the DevTools protocol).
 */
export async function browserContext(
  browser: Browser,
  baseUrl: string,
  options: { token?: string; viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    locale: 'en-GB',
  });
  const url = new URL(baseUrl);
  // A signed-in user's saved language wins over the cookie: save it as theirs too.
  if (options.token && options.locale) await saveLocale(baseUrl, options.token, options.locale);
  const cookies = [];
  if (options.token) cookies.push({ name: 'makon_session', value: options.token });
  if (options.locale) cookies.push({ name: 'makon_lang', value: options.locale });
  if (cookies.length > 0) {
    await context.addCookies(cookies.map((c) => ({ ...c, domain: url.hostname, path: '/' })));
  }
  return context;
}

async function saveLocale(baseUrl: string, token: string, locale: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const me = (await (await fetch(`${baseUrl}/api/v1/users/me`, { headers })).json()) as {
    id: string;
  };
  const saved = await fetch(`${baseUrl}/api/v1/users/${me.id}`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ locale }),
  });
  if (!saved.ok) throw new Error(`saving the locale ${locale}: ${saved.status}`);
}

/** Signs in through the real form, as a person would. */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.click('form[action="/login"] button[type=submit]'),
  ]);
}

let axeSource: string | undefined;

function axeCore(): string {
  return (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
}

/**
 * Has every page of the context carry axe-core from its start (a DevTools init script: the CSP
 * does not apply). Sent to the browser once per context, where seriousAxeViolations would send
 * its 550 KB to every page it checks: for a context that visits many pages.
 */
export async function installAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript(axeCore());
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line each. Puts axe
 * on the page first unless the page has it (installAxe).
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>(`typeof axe === 'object'`))) await page.evaluate(axeCore());
  // Strings, not functions: this project compiles without the DOM's types. A rule that declares
  // its impact gives every violation of it that impact (axe-core's _finalizeRuleResult), so the
  // rules declared minor or moderate (a third of them, `region` among them, which walks the whole
  // page) cannot find what this reports: they are left out; every other rule runs as by default.
  const results = await page.evaluate<{ violations: unknown[] }>(
    `axe.run(document, {
      resultTypes: ['violations'],
      rules: Object.fromEntries(
        axe._audit.rules
          .filter((rule) => rule.impact === 'minor' || rule.impact === 'moderate')
          .map((rule) => [rule.id, { enabled: false }]),
      ),
    })`,
  );
  return (
    results.violations as Array<{
      id: string;
      impact: string;
      help: string;
      nodes: Array<{ target: string[] }>;
    }>
  )
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

/** Bytes of the document and every script and stylesheet it loaded, uncompressed. */
export async function pageWeight(page: Page, url: string): Promise<number> {
  let total = 0;
  const counted = new Set<string>();
  const onResponse = async (response: import('playwright-core').Response) => {
    const type = response.request().resourceType();
    if (!['document', 'script', 'stylesheet'].includes(type) || counted.has(response.url())) return;
    counted.add(response.url());
    total += (await response.body().catch(() => Buffer.alloc(0))).length;
  };
  const pending: Array<Promise<void>> = [];
  const listener = (response: import('playwright-core').Response) =>
    pending.push(onResponse(response));
  page.on('response', listener);
  await page.goto(url, { waitUntil: 'load' });
  await Promise.all(pending);
  page.off('response', listener);
  return total;
}

/**
 * Bytes of the document `response` answered plus every stylesheet and script it links to,
 * uncompressed, each file counted whole as if nothing came from the cache: what pageWeight counts
 * on a fresh context, for a tab that opens many pages. A linked file is fetched once and its size
 * kept in `sizes` (one map per walk).
 */
export async function linkedPageWeight(
  page: Page,
  response: import('playwright-core').Response | null,
  sizes: Map<string, number>,
): Promise<number> {
  let total = (await response?.body())?.length ?? 0;
  const linked = await page.evaluate<string[]>(
    `[...document.querySelectorAll('link[rel=stylesheet][href], script[src]')].map((e) => e.href || e.src)`,
  );
  for (const url of linked) {
    if (!sizes.has(url)) sizes.set(url, (await (await page.request.get(url)).body()).length);
    total += sizes.get(url)!;
  }
  return total;
}

/** In the page: whether it scrolls sideways at its current width (one pixel of rounding allowed). */
const OVERFLOWS_HORIZONTALLY = 'document.documentElement.scrollWidth > window.innerWidth + 1';

/** Whether the page scrolls sideways at its current width (it must not, at 360 px). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(OVERFLOWS_HORIZONTALLY);
}

/** What the page walks check on every page, read at once (pageFacts). */
export interface PageFacts {
  /** `<html lang>`. */
  lang: string | null;
  /** The height of `header.top` in CSS pixels, or null when it is missing or not shown. */
  headerHeight: number | null;
  /** Whether the page scrolls sideways at its current width. */
  overflows: boolean;
  /** The first `<h1>`'s text, trimmed. */
  title: string | null;
  /** Error messages shown (`.error[role=alert]`). */
  errors: number;
  /** Texts the page's catalog did not have (`[data-untranslated]`). */
  untranslated: number;
}

/**
 * The facts of the page as it is now, in one plain evaluation in the page. Playwright's locators
 * would each cost a round trip, and the first of them on every document about 100 ms of a core
 * to set up Playwright's own script in it: most of a page walk's time, for a page that took 100 ms
 * to load.
 */
export function pageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate<PageFacts>(`(() => {
    const header = document.querySelector('header.top');
    const h1 = document.querySelector('h1');
    return {
      lang: document.documentElement.getAttribute('lang'),
      headerHeight:
        header && header.getClientRects().length > 0 ? header.getBoundingClientRect().height : null,
      overflows: ${OVERFLOWS_HORIZONTALLY},
      title: h1 ? h1.textContent.trim() : null,
      errors: document.querySelectorAll('.error[role="alert"]').length,
      untranslated: document.querySelectorAll('[data-untranslated]').length,
    };
  })()`);
}

/**
 * Runs `work` on every item, at most `limit` at a time (a few tabs at once: the app answers one
 * page while Chromium lays out another). The results keep the items' order.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
