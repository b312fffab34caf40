import type { Browser, Page } from 'playwright-core';
import { browserContext, describeInBrowser, launchChromium } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { createBooking, createResource, createWorld, Json, World } from './support/world';

const DAY = '2026-12-01'; // a Tuesday; the center is open 09:00–18:00
const at = (time: string) => `${DAY}T${time}+05:00`;

describeInBrowser('browser-coordinator.e2e-spec.ts', 'a coordinator in Chromium', () => {
  let browser: Browser;
  let t: TestApp;
  let w: World;
  let pendingId: string;
  let sessionId: string;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchChromium(), startTestApp({ now: at('08:00:00') })]);
    w = await createWorld(t);
    await t.request('PATCH', `/api/v1/users/${w.coordinator.id}`, {
      token: w.coordinator.token,
      body: { locale: 'en' },
    });
    const desk = await createResource(t, w.admin.token, w.centerId, {
      kind: 'desk',
      name: 'Desk by the window',
    });
    const room = await createResource(t, w.admin.token, w.centerId, {
      kind: 'room',
      name: 'Training hall',
      capacity: 20,
      requiresApproval: true,
    });
    const book = (body: Json) => createBooking(t, w.member.token, body);
    const desked = await book({
      resourceId: desk.id,
      start: `${DAY}T09:00`,
      end: `${DAY}T11:00`,
      title: 'Grant report',
    });
    sessionId = desked.occurrences[0].id;
    const request = await book({
      resourceId: room.id,
      start: `${DAY}T14:00`,
      end: `${DAY}T16:00`,
      title: 'Volunteer training',
      purpose: 'seminar',
      attendees: 15,
    });
    expect(request.status).toBe('pending');
    pendingId = request.id;
    // Check-in opens 15 minutes before 09:00.
    t.clock.set(at('08:50:00'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The session's bar on the grid (a link to its booking, the state in its title). */
  const barOf = (page: Page) => page.locator('li.bar', { hasText: 'Grant report' });

  it('signs in, approves the pending request from Today in one action, and checks a member in', async () => {
    const context = await browserContext(browser, t.baseUrl);
    const page = await context.newPage();
    // As a person would: the sign-in form in the page's main part.
    await page.goto(`${t.baseUrl}/login`);
    await page.fill('#email', w.coordinator.email);
    await page.fill('#password', 'user-password-1');
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.click('main button[type=submit]'),
    ]);
    expect(new URL(page.url()).pathname).toBe('/admin');

    // The request is on Today with its Approve button: one click, and Today says it is done.
    const request = page.locator(`.pending li[data-booking="${pendingId}"]`);
    await expect(request.textContent()).resolves.toContain('Volunteer training');
    await Promise.all([
      page.waitForURL(/done=approved/),
      request.locator('button:has-text("Approve")').click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByText('The request was approved.').waitFor();
    await expect(page.locator('.pending').count()).resolves.toBe(0);
    const stored = await t.request('GET', `/api/v1/bookings/${pendingId}`, {
      token: w.admin.token,
    });
    expect(stored.body.status).toBe('confirmed');

    // The member's desk session is expected now (09:00, seen at 08:50): check them in.
    const expected = page.locator(`[data-door=expected] li[data-occurrence="${sessionId}"]`);
    await expect(expected.textContent()).resolves.toContain('Grant report');
    await expect(barOf(page).getAttribute('data-state')).resolves.toBe('booked');
    await Promise.all([
      page.waitForURL(/done=checked_in/),
      expected.locator('button:has-text("Check in")').click(),
    ]);
    await page.getByText('Checked in.', { exact: true }).waitFor();
    await expect(barOf(page).getAttribute('data-state')).resolves.toBe('checked_in');
    await expect(
      page.locator(`[data-door=in] li[data-occurrence="${sessionId}"] button`).textContent(),
    ).resolves.toContain('Mark as left');
    await context.close();
  }, 60_000);

  it('refreshes the grid by itself, announces it, and can be paused', async () => {
    const context = await browserContext(browser, t.baseUrl, { token: w.coordinator.token });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/admin`);
    const pause = page.locator('#today-pause');
    await pause.waitFor({ state: 'visible' });

    // The member (checked in by the test above) checks out at 09:30; the next refresh shows it.
    t.clock.set(at('09:30:00'));
    const out = await t.request('POST', `/api/v1/occurrences/${sessionId}/check-out`, {
      token: w.member.token,
    });
    expect(out.status).toBe(200);
    await page.evaluate('window.makonTodayRefresh()');
    await page.locator('#today-status', { hasText: 'Updated at 09:30' }).waitFor();
    await expect(barOf(page).getAttribute('data-state')).resolves.toBe('checked_out');

    // Paused: a refresh leaves the page as it is.
    await pause.click();
    await expect(pause.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(pause.textContent()).resolves.toContain('Resume updates');
    t.clock.set(at('09:40:00'));
    await page.evaluate('window.makonTodayRefresh()');
    await expect(page.locator('#today-region').getAttribute('data-stamp')).resolves.toBe('09:30');
    await pause.click();
    await page.evaluate('window.makonTodayRefresh()');
    await page.locator('#today-status', { hasText: 'Updated at 09:40' }).waitFor();
    await context.close();
  }, 60_000);

  it('draws the present moment as a line, the past shaded, and books a free stretch by click or Enter', async () => {
    t.clock.set(at('10:30:00'));
    const context = await browserContext(browser, t.baseUrl, { token: w.coordinator.token });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/admin`);
    // 10:30 lies halfway between the 10:00 and 11:00 marks of the hours row.
    const x = async (selector: string) => (await page.locator(selector).first().boundingBox())!.x;
    const ten = await x('.hours span:has-text("10:00")');
    const eleven = await x('.hours span:has-text("11:00")');
    const line = await x('.now-line');
    expect(Math.abs(line - (ten + eleven) / 2)).toBeLessThan(3);
    await expect(page.locator('.now-line').textContent()).resolves.toContain('10:30');
    const past = (await page.locator('.past').boundingBox())!;
    expect(Math.abs(past.x + past.width - line)).toBeLessThan(3);
    // The last hour is drawn whole: its mark lies inside the grid.
    const grid = (await page.locator('.today-grid').boundingBox())!;
    const last = (await page.locator('.hours span:has-text("17:00")').boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(grid.x + grid.width);

    // The past is never offered as free: the hall's first free stretch starts now, not at 09:00.
    const hall = page.locator('section.res-row', {
      has: page.locator('h3:has-text("Training hall")'),
    });
    const stretches = await hall.locator('li.bar.free a').allTextContents();
    expect(stretches.map((text) => text.trim())).toEqual([
      expect.stringMatching(/^Free 10:3[05]–14:00: book\+ 10:3[05]–14:00$/),
      'Free 16:00–18:00: book+ 16:00–18:00',
    ]);
    // A click a little after 17:00 on 16:00–18:00 books from the quarter hour clicked.
    const free = hall.locator('li.bar.free a', { hasText: '16:00–18:00' });
    const box = (await free.boundingBox())!;
    await Promise.all([
      page.waitForURL(/\/book\?/),
      free.click({ position: { x: box.width * 0.53, y: box.height / 2 } }),
    ]);
    const clicked = new URL(page.url()).searchParams;
    expect(clicked.get('startTime')).toBe('17:00');
    expect(clicked.get('endTime')).toBe('18:00');
    await expect(page.locator('#startTime').inputValue()).resolves.toBe('17:00');
    await expect(page.locator('#endTime').inputValue()).resolves.toBe('18:00');
    await expect(page.locator('#date').inputValue()).resolves.toBe(DAY);
    await expect(page.locator('#resourceId').inputValue()).resolves.toBe(clicked.get('resourceId'));
    await expect(page.locator('#resourceId option:checked').textContent()).resolves.toContain(
      'Training hall',
    );

    // By keyboard: Enter on the stretch opens the form at its start.
    await page.goBack();
    await page
      .locator('section.res-row', { has: page.locator('h3:has-text("Training hall")') })
      .locator('li.bar.free a', { hasText: '16:00–18:00' })
      .focus();
    await Promise.all([page.waitForURL(/\/book\?/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('startTime')).toBe('16:00');
    expect(new URL(page.url()).searchParams.get('endTime')).toBe('17:00');
    await context.close();
  }, 60_000);
});
