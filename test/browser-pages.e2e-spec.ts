import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  browserContext,
  describeInBrowser,
  DESKTOP,
  launchChromium,
  overflowsHorizontally,
  pageWeight,
  PHONE,
  seriousAxeViolations,
} from './support/browser';
import { PageData, PAGES, startAppWithPageData, tokenOf } from './support/page-list';

const LOCALES = ['uz', 'ru', 'en'] as const;
const MAX_PAGE_BYTES = 100 * 1024;
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

  it('has no serious or critical axe-core violation on any page, in any of the three languages', async () => {
    const problems: string[] = [];
    for (const entry of PAGES) {
      for (const locale of LOCALES) {
        const context = await browserContext(browser, data.t.baseUrl, {
          token: tokenOf(data, entry.as),
          locale,
        });
        const page = await context.newPage();
        const response = await page.goto(`${data.t.baseUrl}${entry.path(data)}`);
        if (response?.status() !== 200)
          problems.push(`${entry.name} (${locale}): HTTP ${response?.status()}`);
        const lang = await page.getAttribute('html', 'lang');
        if (lang !== locale) problems.push(`${entry.name} (${locale}): <html lang="${lang}">`);
        for (const violation of await seriousAxeViolations(page)) {
          problems.push(`${entry.name} (${locale}): ${violation}`);
        }
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('keeps every page, HTML + CSS + JS, under 100 KB, and usable at 360 px without sideways scrolling', async () => {
    const problems: string[] = [];
    for (const entry of PAGES) {
      for (const viewport of [PHONE, DESKTOP]) {
        // Russian: the longest words of the three, the hardest to fit at 360 px.
        const context = await browserContext(browser, data.t.baseUrl, {
          token: tokenOf(data, entry.as),
          locale: 'ru',
          viewport,
        });
        const page = await context.newPage();
        const bytes = await pageWeight(page, `${data.t.baseUrl}${entry.path(data)}`);
        if (bytes > MAX_PAGE_BYTES) problems.push(`${entry.name}: ${bytes} bytes`);
        if (viewport === PHONE && (await overflowsHorizontally(page))) {
          problems.push(`${entry.name}: scrolls sideways at 360 px`);
        }
        if (SCREENSHOT_DIR && entry.screenshot) {
          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          const suffix = viewport === PHONE ? 'phone' : 'desktop';
          await context.close();
          const english = await browserContext(browser, data.t.baseUrl, {
            token: tokenOf(data, entry.as),
            locale: 'en',
            viewport,
          });
          const shot = await english.newPage();
          await shot.goto(`${data.t.baseUrl}${entry.path(data)}`);
          await shot.screenshot({
            path: join(SCREENSHOT_DIR, `${entry.name}-${suffix}.png`),
            fullPage: true,
          });
          await english.close();
          continue;
        }
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
