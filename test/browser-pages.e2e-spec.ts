import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  BROWSER_ZONE,
  browserContext,
  describeInBrowser,
  DESKTOP,
  inParallel,
  installAxe,
  launchChromium,
  linkedPageWeight,
  pageFacts,
  PHONE,
  seriousAxeViolations,
} from './support/browser';
import { PageData, PAGES, startAppWithPageData, tokenOf } from './support/page-list';

const LOCALES = ['uz', 'ru', 'en'] as const;
/**
 * The walks over every page (87 visits with axe and at phone width, 29 weighed): on a 2-core
 * machine shared with other work (a load average of 30–40) one took up to 470 s.
 */
const PAGES_TIMEOUT_MS = 600_000;
/** Who the pages are seen as (anonymous, member, coordinator, admin). */
const VIEWERS = [...new Set(PAGES.map((entry) => entry.as))];
const MAX_PAGE_BYTES = 100 * 1024;
/** The header on a phone: one bar, never more (it was 250 of 740 px). */
const MAX_PHONE_HEADER_PX = 64;
/** `npm run screenshots` sets this to refresh docs/screenshots/. */
const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', 'docs', 'screenshots')
  : null;

describeInBrowser('browser-pages.e2e-spec.ts', 'every page in Chromium', () => {
  let browser: Browser;
  let data: PageData;

  beforeAll(async () => {
    [browser, data] = await Promise.all([launchChromium(), startAppWithPageData()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await data?.t.close();
  });

  it(
    'has no serious or critical axe-core violation on any page, in any of the three languages, and fits each on a 360 px phone: no sideways scrolling, a header of one bar',
    async () => {
      const problems: string[] = [];
      for (const locale of LOCALES) {
        // The viewers at once (each a user of their own, whose saved language this sets), each in
        // one tab that opens their pages one after another, with axe-core installed once. Each
        // page is checked by axe at desktop width, then narrowed to 360 px (the pages' layout
        // depends on the width through CSS alone: the same as opening it at 360 px).
        const found = await inParallel(VIEWERS, VIEWERS.length, async (as) => {
          const lines: string[] = [];
          const context = await browserContext(browser, data.t.baseUrl, {
            token: tokenOf(data, as),
            locale,
          });
          await installAxe(context);
          const page = await context.newPage();
          for (const entry of PAGES.filter((e) => e.as === as)) {
            await page.setViewportSize(DESKTOP);
            const response = await page.goto(`${data.t.baseUrl}${entry.path(data)}`);
            if (response?.status() !== 200)
              lines.push(`${entry.name} (${locale}): HTTP ${response?.status()}`);
            const { lang } = await pageFacts(page);
            if (lang !== locale) lines.push(`${entry.name} (${locale}): <html lang="${lang}">`);
            for (const violation of await seriousAxeViolations(page)) {
              lines.push(`${entry.name} (${locale}): ${violation}`);
            }
            await page.setViewportSize(PHONE);
            const { overflows, headerHeight } = await pageFacts(page);
            if (overflows) lines.push(`${entry.name} (${locale}): scrolls sideways at 360 px`);
            if (headerHeight === null || headerHeight > MAX_PHONE_HEADER_PX)
              lines.push(`${entry.name} (${locale}): header ${headerHeight} px tall`);
          }
          await context.close();
          return lines;
        });
        problems.push(...found.flat());
      }
      expect(problems).toEqual([]);
    },
    PAGES_TIMEOUT_MS,
  );

  it('runs the browser in a zone of its own, with DST (the reason CI runs these specs once)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const [zone, januaryOffset, julyOffset] = await page.evaluate<[string, number, number]>(`[
      Intl.DateTimeFormat().resolvedOptions().timeZone,
      new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset(),
      new Date(Date.UTC(2026, 6, 15)).getTimezoneOffset(),
    ]`);
    await context.close();
    expect(zone).toBe(BROWSER_ZONE);
    expect(januaryOffset).not.toBe(julyOffset);
  });

  it('opens the phone menu by its button, and switches the language in one tap', async () => {
    const context = await browserContext(browser, data.t.baseUrl, {
      token: data.world.coordinator.token,
      locale: 'en',
      viewport: PHONE,
    });
    const page = await context.newPage();
    await page.goto(`${data.t.baseUrl}/admin/bookings`);
    const menu = page.locator('#site-menu');
    const button = page.locator('.menu-button');
    await expect(menu.isVisible()).resolves.toBe(false);
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await button.click();
    await expect(menu.isVisible()).resolves.toBe(true);
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(menu.locator('a:has-text("Today")').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(menu.isVisible()).resolves.toBe(false);
    // One tap on RU: the same page, in Russian, kept for the account.
    await page.click('form.lang button[value=ru]');
    await page.locator('html[lang=ru]').waitFor({ state: 'attached' });
    expect(new URL(page.url()).pathname).toBe('/admin/bookings');
    await expect(
      page.locator('form.lang button[aria-current]').getAttribute('value'),
    ).resolves.toBe('ru');
    // The first Tab shows the skip link (its Russian label is the longest), which must cover
    // nothing: the language buttons stay where a tap reaches them.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('Tab');
    await expect(page.evaluate<string>('document.activeElement.className')).resolves.toBe('skip');
    await expect(page.locator('.skip').isVisible()).resolves.toBe(true);
    // The buttons whose middle shows something else (what would take a tap there).
    const covered = await page.evaluate<
      string[]
    >(`[...document.querySelectorAll('form.lang button')]
      .filter((button) => {
        const box = button.getBoundingClientRect();
        return !button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
      })
      .map((button) => button.value)`);
    expect(covered).toEqual([]);
    await context.close();
    // Without JavaScript the menu button is a link to the menu, which then shows.
    const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    await plain.addCookies([
      {
        name: 'makon_session',
        value: data.world.coordinator.token,
        domain: new URL(data.t.baseUrl).hostname,
        path: '/',
      },
    ]);
    const noScript = await plain.newPage();
    await noScript.goto(`${data.t.baseUrl}/admin/bookings`);
    await expect(noScript.locator('#site-menu').isVisible()).resolves.toBe(false);
    await noScript.click('.menu-button');
    await expect(noScript.locator('#site-menu').isVisible()).resolves.toBe(true);
    await plain.close();
  }, 60_000);

  it('keeps the admin’s header one bar at every desktop width, on each page of its menu, in uz, ru and en', async () => {
    // The widest menu (the admin's), its current page in bold; the Russian one was 1,284 px wide
    // and wrapped the language links to a second row at 1,280.
    const problems: string[] = [];
    for (const locale of LOCALES) {
      const context = await browserContext(browser, data.t.baseUrl, {
        token: tokenOf(data, 'admin'),
        locale,
        viewport: DESKTOP,
      });
      const page = await context.newPage();
      await page.goto(`${data.t.baseUrl}/admin`);
      const paths = (
        await page
          .locator('.nav a')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href')))
      ).map((href) => new URL(href ?? '/', data.t.baseUrl).pathname);
      for (const path of paths) {
        await page.goto(`${data.t.baseUrl}${path}`);
        for (let width = 1256; width <= 1448; width += 32) {
          await page.setViewportSize({ width, height: DESKTOP.height });
          const { headerHeight } = await pageFacts(page);
          if (headerHeight === null || headerHeight > MAX_PHONE_HEADER_PX)
            problems.push(`${path} (${locale}) at ${width} px: header ${headerHeight} px tall`);
        }
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it(
    'keeps every page, HTML + CSS + JS, under 100 KB',
    async () => {
      // One tab per viewer, in Russian (the longest words of the three). The HTML does not depend
      // on the width (the server never learns it), and every page links the same stylesheet and
      // script: each page's weight is its document plus what it links, each file counted whole
      // (linkedPageWeight) as if nothing came from the browser's cache.
      const found = await inParallel(VIEWERS, VIEWERS.length, async (as) => {
        const lines: string[] = [];
        const context = await browserContext(browser, data.t.baseUrl, {
          token: tokenOf(data, as),
          locale: 'ru',
          viewport: PHONE,
        });
        const page = await context.newPage();
        const assetSizes = new Map<string, number>();
        for (const entry of PAGES.filter((e) => e.as === as)) {
          const response = await page.goto(`${data.t.baseUrl}${entry.path(data)}`);
          const bytes = await linkedPageWeight(page, response, assetSizes);
          if (bytes > MAX_PAGE_BYTES) lines.push(`${entry.name}: ${bytes} bytes`);
        }
        await context.close();
        return lines;
      });
      expect(found.flat()).toEqual([]);
      if (SCREENSHOT_DIR) await takeScreenshots(SCREENSHOT_DIR);
    },
    PAGES_TIMEOUT_MS,
  );

  /** `npm run screenshots`: each page marked for it, at both widths, in English and Uzbek. */
  async function takeScreenshots(dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    for (const entry of PAGES.filter((e) => e.screenshot)) {
      for (const viewport of [PHONE, DESKTOP]) {
        const suffix = viewport === PHONE ? 'phone' : 'desktop';
        // In English (name-desktop.png) and in Uzbek (name-desktop-uz.png).
        for (const locale of ['en', 'uz'] as const) {
          const shown = await browserContext(browser, data.t.baseUrl, {
            token: tokenOf(data, entry.as),
            locale,
            viewport,
          });
          const shot = await shown.newPage();
          await shot.goto(`${data.t.baseUrl}${entry.path(data)}`);
          await shot.screenshot({
            path: join(dir, `${entry.name}-${suffix}${locale === 'en' ? '' : `-${locale}`}.png`),
            fullPage: true,
          });
          await shown.close();
        }
      }
    }
  }
});
