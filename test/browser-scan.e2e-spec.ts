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

/**
 * The page a printed QR code opens, on a phone, in each of its five states: signed out, your
 * session (to check in, then checked in), free now, busy, closed. Each says what the place is
 * and the one thing to do, reads without sideways scrolling at 360 px, and passes axe.
 */
describeInBrowser('browser-scan.e2e-spec.ts', 'the QR page’s five states, on a phone', () => {
  let browser: Browser;
  let t: TestApp;
  let world: World;
  const desks: Record<'mine' | 'free' | 'busy', { id: string; checkInUrl: string }> = {} as never;

  const pathOf = (desk: { checkInUrl: string }) => new URL(desk.checkInUrl).pathname;

  async function open(desk: { checkInUrl: string }, token?: string, locale = 'en'): Promise<Page> {
    const context = await browserContext(browser, t.baseUrl, { token, locale, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}${pathOf(desk)}`);
    return page;
  }

  async function expectReadable(page: Page): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
  }

  beforeAll(async () => {
    // Tuesday 1 December 2026, 08:55 in Tashkent (the center opens 09:00–18:00).
    [browser, t] = await Promise.all([
      launchChromium(),
      startTestApp({ now: '2026-12-01T08:55:00+05:00' }),
    ]);
    world = await createWorld(t);
    for (const [key, name] of [
      ['mine', 'Desk 11'],
      ['free', 'Desk 12'],
      ['busy', 'Desk 13'],
    ] as const) {
      desks[key] = await createResource(t, world.admin.token, world.centerId, {
        kind: 'desk',
        name,
      });
    }
    const book = async (token: string, resourceId: string, start: string, end: string) => {
      const response = await t.request('POST', '/api/v1/bookings', {
        token,
        body: { resourceId, start, end },
      });
      expect(response.status).toBe(201);
    };
    await book(world.member.token, desks.mine.id, '2026-12-01T09:00', '2026-12-01T12:00');
    await book(world.otherMember.token, desks.free.id, '2026-12-01T11:00', '2026-12-01T12:00');
    await book(world.otherMember.token, desks.busy.id, '2026-12-01T09:00', '2026-12-01T10:30');
    t.clock.set('2026-12-01T09:10:00+05:00');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signed out: names the place and asks to sign in, then comes back to it', async () => {
    const page = await open(desks.mine);
    await page.getByText('Sign in to check in at Desk 11.').waitFor();
    await expectReadable(page);
    await Promise.all([
      page.waitForURL('**/login?next=*'),
      page.getByRole('link', { name: 'Sign in', exact: true }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('next')).toBe(pathOf(desks.mine));
    await page.context().close();
  }, 30_000);

  it('your session: check in with one press, then the page offers to free the place', async () => {
    const page = await open(desks.mine, world.member.token);
    await page.getByText('Your session here: 09:00–12:00.').waitFor();
    await expectReadable(page);
    await page.getByRole('button', { name: 'I am here: check in' }).click();
    await page
      .getByRole('status')
      .getByText('Checked in. The place is yours until 12:00.')
      .waitFor();
    await page.goto(`${t.baseUrl}${pathOf(desks.mine)}`);
    await page.getByText('You are checked in. The place is yours until 12:00.').waitFor();
    await page.getByRole('button', { name: 'I am leaving: free the place' }).waitFor();
    await expectReadable(page);
    await page.context().close();
  }, 30_000);

  it('free now: walk in until the next booking', async () => {
    const page = await open(desks.free, world.trainer.token);
    await page.getByText('Free now. Walk in without a booking: it is yours until 11:00.').waitFor();
    await expectReadable(page);
    await page.getByRole('button', { name: 'Take it until 11:00' }).click();
    await page.getByRole('status').getByText('It is yours until 11:00').waitFor();
    await page.context().close();
  }, 30_000);

  it('busy: says when it is free again', async () => {
    const page = await open(desks.busy, world.trainer.token);
    await page.getByRole('status').getByText('Taken now. Free again at 10:30.').waitFor();
    expect(await page.locator('main').getByRole('button').count()).toBe(0);
    await expectReadable(page);
    await page.context().close();
  }, 30_000);

  it('closed: says when the center opens, in the reader’s language', async () => {
    t.clock.set('2026-12-01T19:00:00+05:00');
    try {
      const page = await open(desks.busy, world.trainer.token, 'ru');
      await page.getByText('Центр сейчас закрыт. Откроется').waitFor();
      expect(await page.locator('main').innerText()).toContain('09:00');
      await expectReadable(page);
      await page.context().close();
    } finally {
      t.clock.set('2026-12-01T09:10:00+05:00');
    }
  }, 30_000);

  it('signed out in Uzbek: the same page in Uzbek', async () => {
    const page = await open(desks.free, undefined, 'uz');
    await page.getByText('Desk 12: kelganingizni belgilash uchun tizimga kiring.').waitFor();
    await expectReadable(page);
    await page.context().close();
  }, 30_000);
});
