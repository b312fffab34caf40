import type { Browser } from 'playwright-core';
import {
  browserContext,
  describeInBrowser,
  launchChromium,
  PHONE,
  signInThroughForm,
} from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { Actor, createResource, createUser, createWorld, World } from './support/world';

describeInBrowser('browser-member.e2e-spec.ts', 'a member in Chromium, on a phone', () => {
  let browser: Browser;
  let t: TestApp;
  let world: World;
  let member: Actor;
  let desk: { id: string; checkInUrl: string };

  beforeAll(async () => {
    // Tuesday 1 December 2026, 08:55 in Tashkent: check-in for a 09:00 session is open.
    [browser, t] = await Promise.all([
      launchChromium(),
      startTestApp({ now: '2026-12-01T08:55:00+05:00' }),
    ]);
    world = await createWorld(t);
    member = await createUser(t, world.admin.token, 'member', {
      locale: 'en',
      centerIds: [world.centerId],
    });
    desk = await createResource(t, world.admin.token, world.centerId, {
      kind: 'desk',
      name: 'Desk 4',
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('scans the desk’s QR code, signs in, and checks in to their session', async () => {
    const booked = await t.request('POST', '/api/v1/bookings', {
      token: member.token,
      body: { resourceId: desk.id, start: '2026-12-01T09:00', end: '2026-12-01T12:00' },
    });
    expect(booked.status).toBe(201);
    const context = await browserContext(browser, t.baseUrl, { viewport: PHONE });
    const page = await context.newPage();
    // The QR code encodes PUBLIC_URL/c/<token>; the scan opens that path on this server.
    const scanPath = new URL(desk.checkInUrl).pathname;
    await page.goto(`${t.baseUrl}${scanPath}`);
    await page.getByText('Sign in to check in at Desk 4').waitFor();
    await Promise.all([
      page.waitForURL('**/login?next=*'),
      page.getByRole('link', { name: 'Sign in', exact: true }).click(),
    ]);
    await page.fill('#email', member.email);
    await page.fill('#password', 'user-password-1');
    await Promise.all([
      page.waitForURL(`**${scanPath}`),
      page.click('form[action="/login"] button[type=submit]'),
    ]);
    await page.getByText('Your session here: 09:00–12:00.').waitFor();
    await page.getByRole('button', { name: 'I am here: check in' }).click();
    await page
      .getByRole('status')
      .getByText('Checked in. The place is yours until 12:00.')
      .waitFor();
    const after = await t.request('GET', `/api/v1/bookings/${booked.body.id}`, {
      token: member.token,
    });
    expect(after.body.occurrences[0].status).toBe('checked_in');
    await context.close();
  }, 60_000);

  it('cancels one session of a weekly series on My bookings; the others stay', async () => {
    const series = await t.request('POST', '/api/v1/bookings', {
      token: member.token,
      body: {
        resourceId: desk.id,
        start: '2026-12-03T14:00',
        end: '2026-12-03T16:00',
        title: 'Volunteer shifts',
        recurrence: { rule: 'FREQ=WEEKLY;COUNT=3' },
      },
    });
    expect(series.status).toBe(201);
    const context = await browserContext(browser, t.baseUrl, { viewport: PHONE });
    const page = await context.newPage();
    await signInThroughForm(page, t.baseUrl, member.email, 'user-password-1');
    expect(new URL(page.url()).pathname).toBe('/me');
    const card = page.locator('section.card', { hasText: 'Volunteer shifts' });
    const second = card.locator('li', { hasText: '10 Dec' });
    await Promise.all([
      page.waitForURL('**/me?done=cancelled'),
      second.getByRole('button', { name: 'Cancel this session' }).click(),
    ]);
    await page.getByRole('status').getByText('Cancelled.').waitFor();
    const after = await t.request('GET', `/api/v1/bookings/${series.body.id}`, {
      token: member.token,
    });
    expect(after.body.occurrences.map((o: { status: string }) => o.status)).toEqual([
      'booked',
      'cancelled',
      'booked',
    ]);
    // The page now lists the two remaining sessions only.
    expect(
      await page.locator('section.card', { hasText: 'Volunteer shifts' }).locator('li').count(),
    ).toBe(2);
    await context.close();
  }, 60_000);
});
