import type { Browser } from 'playwright-core';
import { NotificationJob } from '../src/notifications/notification.job';
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
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, World } from './support/world';

const LOCALES = ['uz', 'ru', 'en'] as const;
const MAX_PAGE_BYTES = 100 * 1024;

/**
 * The bell, the notifications page and the settings page on their own (browser-pages checks every
 * page too): axe in three languages, under 100 KB, no sideways scrolling at 360 px.
 */
describeInBrowser('browser-notifications.e2e-spec.ts', 'notification pages in Chromium', () => {
  let browser: Browser;
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchChromium(), startTestApp()]);
    w = await createWorld(t);
    const desk = (await createResource(t, w.admin.token, w.centerId, { name: 'Desk 1' })).id;
    for (const day of ['02', '03']) {
      const booked = await t.request('POST', '/api/v1/bookings', {
        token: w.member.token,
        body: { resourceId: desk, start: `2026-12-${day}T10:00`, end: `2026-12-${day}T12:00` },
      });
      expect(booked.status).toBe(201);
    }
    await t.app.get(NotificationJob).deliver();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const pages = () => [
    { path: '/me/notifications', token: w.member.token },
    { path: '/me/notification-settings', token: w.member.token },
    { path: '/me/notification-settings', token: w.coordinator.token },
  ];

  it('passes axe in uz, ru and en, with the bell showing the unread count', async () => {
    const problems: string[] = [];
    for (const entry of pages()) {
      for (const locale of LOCALES) {
        const context = await browserContext(browser, t.baseUrl, { token: entry.token, locale });
        const page = await context.newPage();
        const response = await page.goto(`${t.baseUrl}${entry.path}`);
        if (response?.status() !== 200)
          problems.push(`${entry.path} (${locale}): ${response?.status()}`);
        for (const violation of await seriousAxeViolations(page)) {
          problems.push(`${entry.path} (${locale}): ${violation}`);
        }
        if (entry.token === w.member.token) {
          expect(await page.locator('a.bell .bell-count').textContent()).toBe('2');
        }
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('stays under 100 KB and fits 360 px', async () => {
    const problems: string[] = [];
    for (const entry of pages()) {
      for (const viewport of [PHONE, DESKTOP]) {
        const context = await browserContext(browser, t.baseUrl, {
          token: entry.token,
          locale: 'ru',
          viewport,
        });
        const page = await context.newPage();
        const bytes = await pageWeight(page, `${t.baseUrl}${entry.path}`);
        if (bytes > MAX_PAGE_BYTES) problems.push(`${entry.path}: ${bytes} bytes`);
        if (viewport === PHONE && (await overflowsHorizontally(page))) {
          problems.push(`${entry.path}: scrolls sideways at 360 px`);
        }
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
