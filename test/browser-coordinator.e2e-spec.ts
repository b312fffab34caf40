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

  const blockOf = (page: Page, occurrenceId: string) =>
    page.locator('li.block', {
      has: page.locator(`form[action^="/admin/occurrences/${occurrenceId}/"], a`),
      hasText: 'Grant report',
    });

  it('signs in, approves the pending request, and checks a member in from Today', async () => {
    const context = await browserContext(browser, t.baseUrl);
    const page = await context.newPage();
    // As a person would: the sign-in form in the page's main part (signInThroughForm in
    // support/browser.ts clicks the first submit button, which is the header's language switch).
    await page.goto(`${t.baseUrl}/login`);
    await page.fill('#email', w.coordinator.email);
    await page.fill('#password', 'user-password-1');
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.click('main button[type=submit]'),
    ]);
    expect(new URL(page.url()).pathname).toBe('/admin');

    // The pending request is prominent on Today and leads to the filtered list.
    await page.click('a:has-text("waiting for approval")');
    await page.waitForURL(/status=pending/);
    await page.click('a:has-text("Volunteer training")');
    await page.waitForURL(new RegExp(`/admin/bookings/${pendingId}$`));
    await expect(page.locator('.summary .badge').first().textContent()).resolves.toContain(
      'Waiting for approval',
    );
    await Promise.all([page.waitForURL(/done=approved/), page.click('button:has-text("Approve")')]);
    await page.getByText('The request was approved.').waitFor();
    await expect(page.locator('.summary .badge').first().textContent()).resolves.toContain(
      'Confirmed',
    );

    // Today: the member's desk session is booked; check them in.
    await page.click('nav a:has-text("Today")');
    await page.waitForURL(/\/admin/);
    const block = blockOf(page, sessionId);
    await expect(block.locator('.badge').textContent()).resolves.toContain('Booked');
    await Promise.all([
      page.waitForURL(/done=checked_in/),
      block.locator('button:has-text("Check in")').click(),
    ]);
    await page.getByText('Checked in.', { exact: true }).waitFor();
    await expect(blockOf(page, sessionId).locator('.badge').textContent()).resolves.toContain(
      'Checked in',
    );
    const stored = await t.request('GET', `/api/v1/bookings/${pendingId}`, {
      token: w.admin.token,
    });
    expect(stored.body.status).toBe('confirmed');
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
    await expect(blockOf(page, sessionId).locator('.badge').textContent()).resolves.toContain(
      'Checked out',
    );

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
});
