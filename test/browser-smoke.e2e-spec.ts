import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../seeds/demo-data';
import { Role } from '../src/identity/user.entity';
import { Locale, LOCALES, MESSAGES } from '../src/web/i18n';
import {
  browserContext,
  describeInBrowser,
  launchChromium,
  linkedPageWeight,
  pageFacts,
  PHONE,
  signInThroughForm,
} from './support/browser';
import { buildServer, Instance, startInstance } from './support/instances';

/** At most this many pages per role (the crawl is breadth-first from the start page). */
const MAX_PAGES = 60;
/** At most this many addresses of one shape (`/admin/bookings/:id?center`): one of each is enough. */
const PER_SHAPE = 2;

/** Every page, HTML + CSS + JS uncompressed, with the living demo's data. */
const MAX_PAGE_BYTES = 100 * 1024;
/**
 * A role's test waits for its walk, and the four walk at once: on a 2-core machine shared with
 * other work (a load average of 30–40) the first of them took 558 s.
 */
const WALK_TIMEOUT_MS = 900_000;
/** The header on a phone: one bar. */
const MAX_PHONE_HEADER_PX = 64;

/** Addresses a crawl must not open: they change state or are not pages. */
const NOT_PAGES = [/^\/logout\b/, /^\/lang\b/, /^\/assets\//, /^\/api\//];

/** A link to a file (a report's CSV), fetched rather than opened. */
function isDownload(address: string): boolean {
  return new URL(address, 'http://x').pathname.endsWith('.csv');
}

/** `/admin/bookings/<uuid>?center=<uuid>&page=2` → `/admin/bookings/:id?center&page`. */
function shapeOf(url: URL): string {
  const path = url.pathname
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ':id')
    .replace(/\/c\/[^/]+$/, '/c/:token');
  return `${path}?${[...url.searchParams.keys()].sort().join('&')}`;
}

/** What is wrong with the page now open, if anything. */
async function problemsOf(
  page: Page,
  locale: Locale,
  status: number | undefined,
  bytes: number,
): Promise<string[]> {
  const problems: string[] = [];
  if (status !== 200) problems.push(`answered ${status}`);
  if (bytes > MAX_PAGE_BYTES) problems.push(`${bytes} bytes`);
  const facts = await pageFacts(page);
  if (facts.overflows) problems.push('scrolls sideways at 360 px');
  if (facts.headerHeight === null || facts.headerHeight > MAX_PHONE_HEADER_PX)
    problems.push(`header ${facts.headerHeight} px`);
  if (facts.lang !== locale) problems.push(`in ${facts.lang}, not ${locale}`);
  if (facts.title === MESSAGES[locale]['error.title']) problems.push('an error page');
  if (facts.errors > 0) problems.push('shows an error');
  if (facts.untranslated > 0) problems.push('a catalog miss');
  return problems;
}

/**
 * The app as `npm start` runs it (its environment and node flags, the demo seed, a fresh SQLite
 * file, the system clock: no test clock), and each demo role in Chromium opening every page it
 * may open, in Uzbek, Russian and English. The pages are found by following the links (and the
 * search forms, as they come) from the role's start page, so a page added later is covered
 * without changing this test.
 */
describeInBrowser(
  'browser-smoke.e2e-spec.ts',
  'the demo on a real clock, every role, every page',
  () => {
    let browser: Browser;
    let server: Instance;
    let dir: string;
    let qrPath: string;

    beforeAll(async () => {
      buildServer();
      dir = mkdtempSync(join(tmpdir(), 'makon-smoke-'));
      [browser, server] = await Promise.all([
        launchChromium(),
        startInstance(`sqlite:${join(dir, 'demo.sqlite')}`, { SEED: 'demo' }, { asNpmStart: true }),
      ]);
      // A desk of the demo, for its QR code's page.
      const admin = DEMO_USERS.find((u) => u.role === 'admin')!;
      const token = await server.login(admin.email, DEMO_PASSWORD);
      const centers = (await server.request('GET', '/api/v1/centers', { token })).body.items;
      const resources = (
        await server.request('GET', `/api/v1/centers/${centers[0].id}/resources`, { token })
      ).body.items as Array<{ kind: string; checkInUrl: string }>;
      qrPath = new URL(resources.find((r) => r.kind === 'desk')!.checkInUrl).pathname;
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.kill();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Opens (or, for a file, fetches) one address and checks it; its response, for a page. */
    type Visit = (address: string) => Promise<Response | null>;

    /**
     * Every page reachable from where sign-in lands, by same-origin links, breadth first, each
     * opened once through `visit` (which checks it) as it is found.
     */
    async function crawl(page: Page, visit: Visit): Promise<string[]> {
      const origin = new URL(server.baseUrl).origin;
      const start = new URL(page.url());
      const seen = new Set<string>([start.pathname + start.search, qrPath]);
      const shapes = new Map<string, number>();
      const queue = [start.pathname + start.search];
      const pages: string[] = [qrPath];
      await visit(qrPath);
      while (queue.length > 0 && pages.length < MAX_PAGES) {
        const address = queue.shift()!;
        pages.push(address);
        const response = await visit(address);
        if (!response?.ok() || !(response.headers()['content-type'] ?? '').includes('html'))
          continue;
        // Links, and the pages a search form opens as it comes (find now, a day, a center).
        const links = await page.evaluate<string[]>(`[
        ...[...document.querySelectorAll('a[href]')].map((a) => a.href),
        ...[...document.querySelectorAll('form')]
          .filter((f) => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
          .map((f) => {
            // The attribute, as the browser submits: f.action is a control when one is named "action".
            const url = new URL(f.getAttribute('action') || location.href, location.href);
            url.search = new URLSearchParams(new FormData(f)).toString();
            return url.href;
          }),
      ]`);
        for (const link of links) {
          const url = new URL(link, `${origin}${address}`);
          const local = url.pathname + url.search;
          if (url.origin !== origin || seen.has(local)) continue;
          if (NOT_PAGES.some((pattern) => pattern.test(url.pathname))) continue;
          const shape = shapeOf(url);
          if ((shapes.get(shape) ?? 0) >= PER_SHAPE) continue;
          shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
          seen.add(local);
          queue.push(local);
        }
      }
      return pages;
    }

    /**
     * One role's walk: every page it finds, in each language, and what was wrong on them. The
     * pages are found in the first language, checked as they are found; the others open the same
     * list.
     */
    async function walk(role: Role): Promise<{ pages: string[]; failures: string[] }> {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      // At phone width: no page may scroll sideways with the demo's longest names.
      const context = await browserContext(browser, server.baseUrl, { viewport: PHONE });
      const page = await context.newPage();
      const failures: string[] = [];
      let pages: string[] = [];
      try {
        await signInThroughForm(page, server.baseUrl, user.email, DEMO_PASSWORD);
        // The linked stylesheet and script, fetched once per walk (linkedPageWeight).
        const assetSizes = new Map<string, number>();
        for (const locale of LOCALES) {
          // The language switch on the page, as a person would (it is saved in the account).
          await page.click(`form.lang button[value=${locale}]`);
          await page.waitForFunction(`document.documentElement.lang === '${locale}'`);
          const visit: Visit = async (address) => {
            const url = `${server.baseUrl}${address}`;
            if (isDownload(address)) {
              // Downloads go through the context's own keep-alive client, whose idle socket the
              // server may close (after its keep-alive timeout) just as a walk reuses it: a reset
              // connection is retried once, as a browser retries an idempotent GET.
              const download = await context.request.get(url, { maxRetries: 1 });
              if (download.status() !== 200)
                failures.push(`${locale} ${address}: ${download.status()}`);
              return null;
            }
            const response = await page.goto(url);
            const bytes = await linkedPageWeight(page, response, assetSizes);
            for (const problem of await problemsOf(page, locale, response?.status(), bytes)) {
              failures.push(`${locale} ${address}: ${problem}`);
            }
            return response;
          };
          if (pages.length === 0) pages = await crawl(page, visit);
          else for (const address of pages) await visit(address);
        }
      } finally {
        await context.close();
      }
      return { pages, failures };
    }

    const roles: Role[] = ['admin', 'coordinator', 'trainer', 'member'];
    /**
     * The four roles walk at once, each in a context of its own (four users: one's language
     * switch does not touch another's), while the server answers one and Chromium lays out
     * another; each role's test waits for its walk. Settled, so that a walk failing before its
     * test awaits it is that test's failure.
     */
    let walks: Map<Role, Promise<PromiseSettledResult<Awaited<ReturnType<typeof walk>>>>>;
    beforeAll(() => {
      walks = new Map(
        roles.map((role) => [
          role,
          walk(role).then(
            (value) => ({ status: 'fulfilled' as const, value }),
            (reason: unknown) => ({ status: 'rejected' as const, reason }),
          ),
        ]),
      );
    });

    for (const role of roles) {
      it(
        `opens every page a demo ${role} may open, in ${LOCALES.join(', ')}`,
        async () => {
          const walked = await walks.get(role)!;
          if (walked.status === 'rejected') throw walked.reason;
          const { pages, failures } = walked.value;
          expect(pages.length).toBeGreaterThan(role === 'member' || role === 'trainer' ? 3 : 8);
          expect({ role, failures, serverErrors: server.errors() }).toEqual({
            role,
            failures: [],
            serverErrors: '',
          });
        },
        WALK_TIMEOUT_MS,
      );
    }
  },
);
