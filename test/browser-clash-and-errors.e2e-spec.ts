import type { Browser, Page } from 'playwright-core';
import {
  browserContext,
  describeInBrowser,
  launchChromium,
  overflowsHorizontally,
  PHONE,
  seriousAxeViolations,
} from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, World } from './support/world';

describeInBrowser(
  'browser-clash-and-errors.e2e-spec.ts',
  'one-step desks, the ways out of a clash, and refused forms in Chromium',
  () => {
    let browser: Browser;
    let t: TestApp;
    let w: World;
    let deskA: string;
    let deskB: string;

    beforeAll(async () => {
      [browser, t] = await Promise.all([launchChromium(), startTestApp()]);
      w = await createWorld(t);
      const standing = { kind: 'desk', features: ['height_adjustable'] };
      deskA = (await createResource(t, w.admin.token, w.centerId, { ...standing, name: 'Desk A' }))
        .id;
      deskB = (await createResource(t, w.admin.token, w.centerId, { ...standing, name: 'Desk B' }))
        .id;
      const call = await t.request('POST', '/api/v1/bookings', {
        token: w.coordinator.token,
        body: {
          resourceId: deskA,
          start: '2026-12-02T15:00',
          end: '2026-12-02T16:30',
          title: 'Donor call',
        },
      });
      expect(call.status).toBe(201);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    const focused = (page: Page) =>
      page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');

    async function fillDesk(page: Page, resourceId: string, date: string): Promise<void> {
      await page.selectOption('#resourceId', resourceId);
      await page.fill('#date', date);
      await page.fill('#startTime', '15:00');
      await page.fill('#endTime', '16:30');
      await page.fill('#title', 'Budget review');
    }

    it('books a free desk in one step on a phone: Book, and it is in my bookings', async () => {
      const context = await browserContext(browser, t.baseUrl, {
        token: w.member.token,
        viewport: PHONE,
        locale: 'en',
      });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}/book?center=${w.centerId}`);
      expect(await overflowsHorizontally(page)).toBe(false);
      await fillDesk(page, deskB, '2026-12-03');
      const visited: string[] = [];
      page.on('framenavigated', (frame) => visited.push(new URL(frame.url()).pathname));
      await Promise.all([page.waitForURL('**/me?done=booked'), page.click('#preview-button')]);
      // No preview page in between: the post answered with the redirect to my bookings.
      expect(visited).toEqual(['/me']);
      expect(await page.locator('main').innerText()).toContain('Budget review');
      await context.close();
    }, 60_000);

    it('offers the ways out of a clash, focused at the top; one click fills the form, one more books', async () => {
      const context = await browserContext(browser, t.baseUrl, {
        token: w.member.token,
        viewport: PHONE,
        locale: 'en',
      });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}/book?center=${w.centerId}`);
      await fillDesk(page, deskA, '2026-12-02');
      await Promise.all([page.waitForURL('**/book/preview'), page.click('#preview-button')]);
      const summary = page.locator('#error-summary');
      await summary.waitFor();
      expect(await focused(page)).toBe('error-summary');
      const box = (await summary.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(PHONE.height);
      expect(await summary.innerText()).toContain('booked 15:00–16:30');
      expect(await summary.innerText()).not.toContain('Donor call');
      const offers = await page.locator('.alternatives li').allInnerTexts();
      expect(offers).toEqual([
        'Desk B at the same time',
        expect.stringMatching(/^Earlier: Desk A, .*13:30–15:00$/),
        expect.stringMatching(/^Later: Desk A, .*16:30–18:00$/),
      ]);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await Promise.all([
        page.waitForURL(/\/book\?/),
        page.click('.alternatives a:has-text("Desk B")'),
      ]);
      expect(await page.inputValue('#resourceId')).toBe(deskB);
      expect(await page.inputValue('#startTime')).toBe('15:00');
      expect(await page.inputValue('#title')).toBe('Budget review');
      await Promise.all([page.waitForURL('**/me?done=booked'), page.click('#preview-button')]);
      const onB = await t.request('GET', `/api/v1/bookings?resourceId=${deskB}`, {
        token: w.admin.token,
      });
      expect(
        onB.body.items.filter((b: { title: string; occurrences: Array<{ start: string }> }) =>
          b.occurrences[0].start.startsWith('2026-12-02T15:00'),
        ),
      ).toHaveLength(1);
      await context.close();
    }, 60_000);

    it('a refused center form shows every error beside its field, the summary at the top taking the focus', async () => {
      const context = await browserContext(browser, t.baseUrl, {
        token: w.coordinator.token,
        locale: 'en',
      });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}/admin/center?center=${w.centerId}`);
      await page.fill('#new-name', 'Desk 7');
      await page.fill('#new-other', 'Not A Feature');
      await page.fill('#new-minDurationMinutes', '2000');
      await page.fill('#new-bufferMinutes', '5000');
      // Sent from far down the page, as a coordinator would.
      await page.locator('#new-bufferMinutes').scrollIntoViewIfNeeded();
      await Promise.all([
        page.waitForURL('**/admin/center/resources'),
        page.click('form[action="/admin/center/resources"] button[type=submit]'),
      ]);
      const summary = page.locator('#error-summary');
      await summary.waitFor();
      expect(await focused(page)).toBe('error-summary');
      const box = (await summary.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(900);
      const links = await summary
        .locator('a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(['#new-other', '#new-minDurationMinutes', '#new-bufferMinutes']);
      for (const id of ['new-other', 'new-minDurationMinutes', 'new-bufferMinutes']) {
        expect(await page.isVisible(`#${id}-error`)).toBe(true);
        expect(await page.getAttribute(`#${id}`, 'aria-invalid')).toBe('true');
      }
      expect(await seriousAxeViolations(page)).toEqual([]);
      // A link of the summary takes the reader to its field.
      await page.click('#error-summary a[href="#new-bufferMinutes"]');
      expect(await page.isVisible('#new-bufferMinutes')).toBe(true);
      const field = (await page.locator('#new-bufferMinutes').boundingBox())!;
      expect(field.y).toBeGreaterThanOrEqual(0);
      expect(field.y).toBeLessThan(900);
      await context.close();
    }, 60_000);
  },
);
