import { Locale, MESSAGES } from '../src/web/i18n';
import { englishApiFragments, englishOnlyCatalogText, visibleText } from './support/english-text';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient, WebResponse } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

/**
 * Every way a page can refuse, seen by Uzbek and Russian readers: each page must say it in their
 * language — no catalog miss (`data-untranslated`), no English sentence of the API, no English
 * catalog text — and say something (an alert, or the clash table's reasons).
 */
describe('web: every refusal in the reader’s language', () => {
  let t: TestApp;
  let w: World;
  let desk: string;
  let shortDesk: string;
  let room: string;
  let pool: string;
  let retired: string;
  let deskScan: string;
  let pendingId: string;
  let laterSession: string;
  const apiEnglish = englishApiFragments();
  const day = (date: string, time: string) => `${date}T${time}`;

  beforeAll(async () => {
    // A Tuesday morning in Tashkent; the center is open 09:00–18:00, Monday to Saturday.
    t = await startTestApp({ now: '2026-12-01T10:00:00+05:00' });
    w = await createWorld(t);
    const coordinator = w.coordinator.token;
    const make = (body: Record<string, unknown>) =>
      createResource(t, coordinator, w.centerId, body);
    const deskResource = await make({ kind: 'desk', name: 'Stol 1' });
    desk = deskResource.id;
    deskScan = new URL(deskResource.checkInUrl).pathname;
    shortDesk = (await make({ kind: 'desk', name: 'Stol 2', maxDurationMinutes: 240 })).id;
    room = (await make({ kind: 'room', name: 'Zal', capacity: 10, requiresApproval: true })).id;
    pool = (await make({ kind: 'equipment', name: 'Proyektorlar', quantity: 2 })).id;
    retired = (await make({ kind: 'desk', name: 'Stol 3' })).id;
    const api = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await t.request(method, path, { token, body });
      if (response.status >= 300) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
      return response.body;
    };
    await api('DELETE', `/api/v1/resources/${retired}`, coordinator);
    await api('PATCH', `/api/v1/centers/${w.centerId}`, coordinator, {
      policy: { maxOccurrences: 10 },
    });
    await api('POST', `/api/v1/centers/${w.centerId}/closures`, coordinator, {
      from: '2026-12-08',
      to: '2026-12-08',
      reason: 'Konstitutsiya kuni',
    });
    const book = (token: string, body: Record<string, unknown>) =>
      api('POST', '/api/v1/bookings', token, body);
    await book(coordinator, {
      resourceId: room,
      start: day('2026-12-15', '14:00'),
      end: day('2026-12-15', '16:00'),
      title: 'Treninglar',
      attendees: 8,
      equipment: [{ resourceId: pool, quantity: 2 }],
    });
    // The desk is taken now (10:00–12:00), so its QR code finds it busy.
    await book(w.otherMember.token, {
      resourceId: desk,
      start: day('2026-12-01', '10:00'),
      end: day('2026-12-01', '12:00'),
    });
    laterSession = (
      await book(w.member.token, {
        resourceId: shortDesk,
        start: day('2026-12-01', '16:00'),
        end: day('2026-12-01', '17:00'),
      })
    ).occurrences[0].id;
    pendingId = (
      await book(w.member.token, {
        resourceId: room,
        start: day('2026-12-03', '10:00'),
        end: day('2026-12-03', '11:00'),
        attendees: 4,
      })
    ).id;
  });

  afterAll(() => t.close());

  /** The member's and the coordinator's browsers, reading `locale` (saved in their accounts). */
  async function readers(locale: Locale) {
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    const coordinator = WebClient.withToken(t.baseUrl, w.coordinator.token);
    for (const web of [member, coordinator]) await web.post('/lang', { locale, next: '/' });
    return { member, coordinator };
  }

  type Path = (r: Awaited<ReturnType<typeof readers>>) => Promise<WebResponse>;
  const form = (date: string, from: string, to: string, extra: Record<string, string> = {}) => ({
    center: w.centerId,
    resourceId: desk,
    date,
    startTime: from,
    endTime: to,
    ...extra,
  });
  const follow = async (web: WebClient, response: WebResponse) =>
    response.status === 303 ? web.get(response.location!) : response;

  const PATHS: Record<string, Path> = {
    'booking: end before start': ({ member }) =>
      member.post('/book/preview', form('2026-12-02', '12:00', '10:00')),
    'booking: too few participants and a long title': ({ member }) =>
      member.post(
        '/book/preview',
        form('2026-12-02', '10:00', '12:00', { attendees: '0', title: 'x'.repeat(201) }),
      ),
    'booking: not a time': ({ member }) =>
      member.post('/book/preview', form('2026-12-02', '25:00', '26:00')),
    'booking: in the past': ({ member }) =>
      member.post('/book', form('2026-11-30', '10:00', '12:00')),
    'booking: too far ahead': ({ member }) =>
      member.post('/book', form('2027-11-30', '10:00', '12:00')),
    'booking: too long for the place': ({ member }) =>
      member.post('/book', form('2026-12-02', '09:00', '17:00', { resourceId: shortDesk })),
    'booking: more people than the room holds': ({ member }) =>
      member.post(
        '/book',
        form('2026-12-02', '10:00', '12:00', { resourceId: room, attendees: '50' }),
      ),
    'booking: more units than the pool has': ({ member }) =>
      member.post(
        '/book',
        form('2026-12-02', '10:00', '12:00', { resourceId: room, [`equipment_${pool}`]: '5' }),
      ),
    'booking: too many sessions': ({ member }) =>
      member.post(
        '/book',
        form('2026-12-02', '10:00', '12:00', { repeat: 'daily', ends: 'count', count: '40' }),
      ),
    'booking: a repetition with no session': ({ member }) =>
      member.post(
        '/book',
        form('2026-12-02', '10:00', '12:00', {
          repeat: 'weekly',
          ends: 'until',
          until: '2026-11-01',
        }),
      ),
    'booking: a deactivated desk': ({ member }) =>
      member.post('/book', form('2026-12-02', '10:00', '12:00', { resourceId: retired })),
    'booking: every date clashes (closed, booked)': ({ member }) =>
      member.post(
        '/book',
        form('2026-12-08', '14:00', '16:00', {
          resourceId: room,
          repeat: 'weekly',
          ends: 'count',
          count: '2',
        }),
      ),
    'booking: outside opening hours': ({ member }) =>
      member.post('/book', form('2026-12-02', '19:00', '21:00')),
    'booking: no units of the pool left': ({ member }) =>
      member.post(
        '/book',
        form('2026-12-15', '14:00', '16:00', { resourceId: shortDesk, [`equipment_${pool}`]: '1' }),
      ),
    'booking preview: some dates clash': ({ member }) =>
      member.post(
        '/book/preview',
        form('2026-12-08', '14:00', '16:00', {
          resourceId: room,
          repeat: 'weekly',
          ends: 'count',
          count: '3',
        }),
      ),
    'booking: the desk is booked (one step, with ways out)': ({ member }) =>
      member.post('/book/preview', form('2026-12-01', '10:00', '12:00')),
    'booking: closed on Sundays': ({ member }) =>
      member.post('/book/preview', form('2026-12-06', '10:00', '12:00')),
    'find: end before start': ({ member }) =>
      member.get(
        `/find?center=${w.centerId}&when=later&date=2026-12-02&startTime=12:00&endTime=10:00`,
      ),
    'find: not a date': ({ member }) =>
      member.get(`/find?center=${w.centerId}&when=later&date=soon&startTime=10:00&endTime=12:00`),
    'my bookings: check-in not open yet': async ({ member }) =>
      follow(member, await member.post(`/sessions/${laterSession}/check-in`, { next: '/me' })),
    'QR code: the desk is busy': ({ member }) => member.post(deskScan, {}),
    'Today: not a date': ({ coordinator }) =>
      coordinator.get(`/admin?center=${w.centerId}&date=2026-13-45`),
    'Today: check-in not open yet': ({ coordinator }) =>
      coordinator.post(`/admin/occurrences/${laterSession}/check-in`, {
        center: w.centerId,
        date: '2026-12-01',
      }),
    'Today: check-out of a session nobody checked in to': ({ coordinator }) =>
      coordinator.post(`/admin/occurrences/${laterSession}/check-out`, {
        center: w.centerId,
        date: '2026-12-01',
      }),
    'bookings: an unknown status': ({ coordinator }) =>
      coordinator.get(`/admin/bookings?center=${w.centerId}&status=lost`),
    'bookings: not a real date': ({ coordinator }) =>
      coordinator.get(`/admin/bookings?center=${w.centerId}&from=2026-02-30`),
    'bookings: a rejection without a reason': ({ coordinator }) =>
      coordinator.post(`/admin/bookings/${pendingId}/reject`, { reason: '' }),
    'bookings: approving a request twice': async ({ coordinator }) => {
      await coordinator.post(`/admin/bookings/${pendingId}/approve`, {});
      return coordinator.post(`/admin/bookings/${pendingId}/approve`, {});
    },
    'center: a resource with wrong values': ({ coordinator }) =>
      coordinator.post('/admin/center/resources', {
        center: w.centerId,
        kind: 'desk',
        name: 'Stol',
        capacity: '4',
        otherFeatures: 'Not A Feature',
        minDurationMinutes: 'ten',
      }),
    'center: a room without capacity': ({ coordinator }) =>
      coordinator.post('/admin/center/resources', {
        center: w.centerId,
        kind: 'room',
        name: 'Kichik zal',
      }),
    'center: opening hours that end before they start': ({ coordinator }) =>
      coordinator.post('/admin/center/hours', {
        center: w.centerId,
        mon_from1: '18:00',
        mon_to1: '09:00',
      }),
    'center: opening hours that are no time': ({ coordinator }) =>
      coordinator.post('/admin/center/hours', {
        center: w.centerId,
        mon_from1: '9',
        mon_to1: '18:00',
      }),
    'center: a closure ending before it starts': ({ coordinator }) =>
      coordinator.post('/admin/center/closures', {
        center: w.centerId,
        from: '2026-12-20',
        to: '2026-12-10',
        reason: 'Taʼmir',
      }),
    'center: a yearly closure over a year long': ({ coordinator }) =>
      coordinator.post('/admin/center/closures', {
        center: w.centerId,
        from: '2027-01-01',
        to: '2028-02-01',
        reason: 'Taʼmir',
        yearly: 'on',
      }),
    'center: booking rules out of range': ({ coordinator }) =>
      coordinator.post('/admin/center/policy', {
        center: w.centerId,
        maxAdvanceDays: '0',
        maxOccurrences: 'many',
        checkInOpensMinutes: '10',
        checkInGraceMinutes: '20',
        walkInMaxMinutes: '180',
      }),
    'center: deactivating a room with future sessions': ({ coordinator }) =>
      coordinator.post(`/admin/center/resources/${room}/deactivate`, { center: w.centerId }),
    'center: shrinking a room under a booking': ({ coordinator }) =>
      coordinator.post(`/admin/center/resources/${room}`, {
        center: w.centerId,
        name: 'Zal',
        capacity: '2',
        checkInRequired: 'no',
      }),
    'reports: a period ending before it starts': ({ coordinator }) =>
      coordinator.get(`/admin/reports?center=${w.centerId}&from=2026-12-10&to=2026-12-01`),
    'reports: a period too long': ({ coordinator }) =>
      coordinator.get(`/admin/reports?center=${w.centerId}&from=2024-01-01&to=2026-12-31`),
    'reports: not a date': ({ coordinator }) =>
      coordinator.get(`/admin/reports?center=${w.centerId}&from=someday&to=2026-12-31`),
    'language: one the site does not speak': ({ member }) =>
      member.post('/lang', { locale: 'xx', next: '/me' }),
    'a page that does not exist': ({ member }) => member.get('/no/such/page'),
  };

  for (const locale of ['uz', 'ru'] as const) {
    describe(`in ${locale}`, () => {
      let r: Awaited<ReturnType<typeof readers>>;
      const catalogEnglish = englishOnlyCatalogText(locale);

      beforeAll(async () => {
        r = await readers(locale);
      });

      for (const [name, path] of Object.entries(PATHS)) {
        it(name, async () => {
          const response = await path(r);
          // A preview shows its clashes on a page of its own; an action goes back to its page
          // with a notice; every other refusal answers with its status.
          const shownOnAPage = name.startsWith('booking preview') || name.startsWith('my bookings');
          expect(response.status).toBeGreaterThanOrEqual(shownOnAPage ? 200 : 400);
          const page = response.text;
          expect(page).toContain(`<html lang="${locale}"`);
          expect(page).toMatch(/role="alert"|<caption[ >]/);
          const misses = [...page.matchAll(/data-untranslated="([^"]*)"[^>]*>([^<]*)/g)].map(
            (m) => `${m[1]}: ${m[2]}`,
          );
          expect(misses).toEqual([]);
          const text = visibleText(page);
          expect(apiEnglish.filter((fragment) => text.includes(fragment))).toEqual([]);
          expect(catalogEnglish.filter((sentence) => text.includes(sentence))).toEqual([]);
        });
      }

      it('names the clashes as words and counts them in the language’s plural', async () => {
        const page = visibleText((await PATHS['booking preview: some dates clash'](r)).text);
        const expected = {
          uz: ['2 ta sana toʻqnashadi', 'Sababi', 'yopiq: Konstitutsiya kuni', 'band 14:00–16:00'],
          ru: [
            '2 даты пересекаются',
            'Причина',
            'закрыто: Konstitutsiya kuni',
            'занято 14:00–16:00',
          ],
        }[locale];
        for (const words of expected) expect(page).toContain(words);
        const outside = visibleText((await PATHS['booking: outside opening hours'](r)).text);
        expect(outside).toContain(
          { uz: 'ish vaqtidan tashqari (09:00–18:00)', ru: 'вне часов работы (09:00–18:00)' }[
            locale
          ],
        );
        const units = visibleText((await PATHS['booking: no units of the pool left'](r)).text);
        expect(units).toContain(
          { uz: 'faqat 0 dona boʻsh', ru: 'свободно только 0 единиц' }[locale],
        );
        expect(page).not.toContain(MESSAGES.en['error.title']);
        const booked = visibleText(
          (await PATHS['booking: the desk is booked (one step, with ways out)'](r)).text,
        );
        for (const words of {
          uz: ['band 10:00–12:00', 'Buning oʻrniga boʻsh', 'Kechroq:'],
          ru: ['занято 10:00–12:00', 'Свободно вместо этого', 'Позже:'],
        }[locale]) {
          expect(booked).toContain(words);
        }
        const sunday = visibleText((await PATHS['booking: closed on Sundays'](r)).text);
        expect(sunday).toContain(
          { uz: 'yakshanba kunlari yopiq', ru: 'по воскресеньям закрыто' }[locale],
        );
      });
    });
  }
});
