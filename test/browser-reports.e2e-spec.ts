import type { Browser } from 'playwright-core';
import {
  browserContext,
  describeInBrowser,
  launchChromium,
  overflowsHorizontally,
  pageWeight,
  PHONE,
  seriousAxeViolations,
} from './support/browser';
import { PageData, PAGES, startAppWithPageData, tokenOf } from './support/page-list';

const LOCALES = ['uz', 'ru', 'en'] as const;
const REPORT_PAGES = PAGES.filter((entry) => entry.name.startsWith('reports'));

/**
 * The reports pages (the report, the network's, the printable monthly summary) in Chromium: axe
 * clean in the three languages, no sideways scrolling on a phone, under 100 KB, and the summary
 * printed on one A4 page.
 */
describeInBrowser('browser-reports.e2e-spec.ts', 'the reports pages in Chromium', () => {
  let browser: Browser;
  let data: PageData;

  beforeAll(async () => {
    [browser, data] = await Promise.all([launchChromium(), startAppWithPageData()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await data?.t.close();
  });

  it('has no serious axe violation, fits a phone and weighs under 100 KB, in uz, ru and en', async () => {
    expect(REPORT_PAGES.map((p) => p.name)).toEqual([
      'reports',
      'reports-summary',
      'reports-network',
    ]);
    const problems: string[] = [];
    for (const entry of REPORT_PAGES) {
      for (const locale of LOCALES) {
        const context = await browserContext(browser, data.t.baseUrl, {
          token: tokenOf(data, entry.as),
          locale,
          viewport: PHONE,
        });
        const page = await context.newPage();
        const bytes = await pageWeight(page, `${data.t.baseUrl}${entry.path(data)}`);
        if (bytes > 100 * 1024) problems.push(`${entry.name} (${locale}): ${bytes} bytes`);
        if (await overflowsHorizontally(page)) {
          problems.push(`${entry.name} (${locale}): scrolls sideways at 360 px`);
        }
        for (const violation of await seriousAxeViolations(page)) {
          problems.push(`${entry.name} (${locale}): ${violation}`);
        }
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('prints the monthly summary on one A4 page, without the header and the forms', async () => {
    const entry = REPORT_PAGES.find((p) => p.name === 'reports-summary')!;
    for (const locale of LOCALES) {
      const context = await browserContext(browser, data.t.baseUrl, {
        token: tokenOf(data, entry.as),
        locale,
      });
      const page = await context.newPage();
      await page.goto(`${data.t.baseUrl}${entry.path(data)}`);
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('header.top').isVisible()).resolves.toBe(false);
      await expect(page.locator('main form').first().isVisible()).resolves.toBe(false);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      // The page tree's count: how many sheets the PDF has.
      const count =
        /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/.exec(
          pdf.toString('latin1'),
        );
      expect({ locale, pages: Number(count?.[1] ?? count?.[2]) }).toEqual({ locale, pages: 1 });
      await context.close();
    }
  }, 60_000);
});
