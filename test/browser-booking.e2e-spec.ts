import type { Browser, Page } from 'playwright-core';
import {
  browserContext,
  describeInBrowser,
  launchChromium,
  PHONE,
  signInThroughForm,
} from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createUser, createWorld, World } from './support/world';

describeInBrowser('browser-booking.e2e-spec.ts', 'booking in Chromium', () => {
  let browser: Browser;
  let t: TestApp;
  let world: World;
  let roomId: string;
  let coordinatorEmail: string;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchChromium(), startTestApp()]);
    world = await createWorld(t);
    roomId = (
      await createResource(t, world.admin.token, world.centerId, {
        kind: 'room',
        name: 'Training hall',
        capacity: 30,
      })
    ).id;
    await createResource(t, world.admin.token, world.centerId, {
      kind: 'desk',
      name: 'Desk by the window',
    });
    coordinatorEmail = (
      await createUser(t, world.admin.token, 'coordinator', {
        centerIds: [world.centerId],
        locale: 'en',
      })
    ).email;
    // Week 3 of the seminar already holds a meeting in the hall.
    const meeting = await t.request('POST', '/api/v1/bookings', {
      token: world.admin.token,
      body: {
        resourceId: roomId,
        start: '2026-12-22T13:00',
        end: '2026-12-22T15:00',
        title: 'Meeting',
      },
    });
    expect(meeting.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function activeId(page: Page): Promise<string> {
    return page.evaluate<string>(
      'document.activeElement ? (document.activeElement.id || document.activeElement.name || document.activeElement.textContent.trim()) : ""',
    );
  }

  it('a coordinator books a weekly seminar: the preview names the clash, then books the free dates', async () => {
    const context = await browserContext(browser, t.baseUrl);
    const page = await context.newPage();
    await signInThroughForm(page, t.baseUrl, coordinatorEmail, 'user-password-1');
    await page.goto(`${t.baseUrl}/book`);
    await page.selectOption('#resourceId', roomId);
    await page.fill('#date', '2026-12-08');
    await page.fill('#startTime', '14:00');
    await page.fill('#endTime', '17:00');
    await page.fill('#title', 'Strategic planning');
    await page.selectOption('#purpose', 'seminar');
    await page.fill('#attendees', '20');
    // Repetition opens on demand.
    expect(await page.isVisible('input[name=repeat][value=weekly]')).toBe(false);
    await page.click('details.more summary');
    await page.check('input[name=repeat][value=weekly]');
    await page.check('input[name=ends][value=count]');
    await page.fill('#count', '4');
    await Promise.all([
      page.waitForURL('**/book/preview'),
      page.click('#booking-form button[type=submit]'),
    ]);
    const preview = page.locator('section.preview');
    await preview.waitFor();
    await expectText(preview.locator('table'), /22 Dec/);
    // Why, in words: the times of the meeting in the way (13:00–15:00), under the "Why" column.
    await expectText(preview.locator('table'), /booked 13:00–15:00/);
    await expectText(preview.locator('thead'), /Why/);
    await expectText(preview, /3 sessions can be booked/);
    await expectText(preview.locator('caption'), /^1 date clashes$/);
    await expectText(page.locator('#book-button'), /^Book the 3 free dates$/);
    await Promise.all([
      page.waitForURL(/\/admin\/bookings\/[^/?]+\?done=booked$/),
      page.click('button[name=skipConflicts]'),
    ]);
    const id = /\/admin\/bookings\/([^/?]+)/.exec(page.url())![1];
    const booking = await t.request('GET', `/api/v1/bookings/${id}`, { token: world.admin.token });
    expect(booking.body.occurrences.map((o: { start: string }) => o.start.slice(0, 10))).toEqual([
      '2026-12-08',
      '2026-12-15',
      '2026-12-29',
    ]);
    await context.close();
  }, 60_000);

  it('the booking form works by keyboard alone: Tab reaches every control in order, Enter books a desk in one step', async () => {
    const context = await browserContext(browser, t.baseUrl, {
      token: world.member.token,
      viewport: PHONE,
    });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/book?center=${world.centerId}`);
    // Every control a Tab can reach: what a closed <details> holds only once it is opened.
    const controls = await page.evaluate<string[]>(
      `Array.from(document.querySelectorAll('#booking-form input:not([type=hidden]), #booking-form select, #booking-form button, #booking-form summary')).filter((e) => e.tagName === 'SUMMARY' || !e.closest('details:not([open])')).map((e) => e.tagName === 'SUMMARY' ? 'summary' : e.id || e.name + ':' + (e.value || e.textContent.trim()))`,
    );
    // From the top of the page, Tab until the form's first control, then through all of it.
    const reached: string[] = [];
    for (let i = 0; i < 80 && !reached.includes('preview-button'); i++) {
      await page.keyboard.press('Tab');
      const inForm = await page.evaluate<boolean>(
        `!!document.activeElement.closest('#booking-form')`,
      );
      if (!inForm) continue;
      const el = await page.evaluate<string>(
        `(function(e){return e.tagName === 'SUMMARY' ? 'summary' : e.id || e.name + ':' + (e.value || e.textContent.trim())})(document.activeElement)`,
      );
      // Radio groups take one Tab stop; arrow keys move inside them.
      if (!reached.includes(el)) reached.push(el);
      if (el === 'title') await page.keyboard.type('Writing a grant proposal');
    }
    expect(controls.length).toBeGreaterThan(7);
    expect(controls).toContain('summary');
    const radios = controls.filter((c) => c.startsWith('repeat:') || c.startsWith('ends:'));
    expect(reached).toEqual(
      controls.filter((c) => !radios.includes(c) || c === 'repeat:none' || c === 'ends:count'),
    );
    expect(await activeId(page)).toBe('preview-button');
    // A one-off desk: Enter books it at once, no preview in between.
    await Promise.all([page.waitForURL('**/me?done=booked'), page.keyboard.press('Enter')]);
    await expectText(page.locator('main'), /Writing a grant proposal/);
    await context.close();
  }, 60_000);
});

async function expectText(
  locator: import('playwright-core').Locator,
  pattern: RegExp,
): Promise<void> {
  const text = await locator.innerText();
  expect(text).toMatch(pattern);
}
