import { NotificationJob } from '../src/notifications/notification.job';
import { MailCatcher, startAppWithMail } from './support/smtp';
import { TestApp } from './support/test-app';
import {
  Actor,
  createCenter,
  createResource,
  createUser,
  createWorld,
  World,
} from './support/world';

const WAITING = {
  en: 'Request waiting for approval: Hall',
  ru: 'Заявка ждёт решения: Hall',
  uz: 'So‘rov tasdiqlashni kutmoqda: Hall',
} as const;

/**
 * The events issue 19 left open: a request at a center without coordinators, sessions that staff
 * cancel by deactivating a resource, a confirmed request moved back to waiting, and a session that
 * staff move (no message; its reminder follows the session).
 */
describe('notifications: requests nobody would hear of, and staff changes', () => {
  let t: TestApp;
  let w: World;
  let smtp: MailCatcher;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // A Tuesday, in Tashkent.
    ({ t, smtp, close } = await startAppWithMail('2026-12-01T08:00:07.013+05:00'));
    w = await createWorld(t);
  });

  afterAll(() => close());

  const deliver = () => t.app.get(NotificationJob).deliver();
  const person = (locale: 'uz' | 'ru' | 'en', role = 'member', extra = {}) =>
    createUser(t, w.admin.token, role, { locale, ...extra });
  const book = async (who: Actor, body: Record<string, unknown>) => {
    const response = await t.request('POST', '/api/v1/bookings', { token: who.token, body });
    expect(response.status).toBe(201);
    return response.body as { id: string; status: string; occurrences: Array<{ id: string }> };
  };
  /** Every message to a person (owners are fresh people in each test). */
  const mails = (email: string) => smtp.to(email).map((m) => m.parsed);
  /** The messages about one request (its id is in the approvers' link). */
  const about = (email: string, bookingId: string) =>
    smtp
      .to(email)
      .map((m) => m.parsed)
      .filter((m) => m.text!.includes(bookingId));
  const hall = async (centerId: string) =>
    (
      await createResource(t, w.admin.token, centerId, {
        kind: 'room',
        name: 'Hall',
        capacity: 10,
        requiresApproval: true,
      })
    ).id;

  it('sends a request at a center without coordinators to every admin, once, in their language', async () => {
    const lonely = await createCenter(t, w.admin.token, { name: 'Lonely center' });
    const room = await hall(lonely.id);
    const russianAdmin = await person('ru', 'admin');
    const owner = await person('uz');
    const me = await t.request('GET', '/api/v1/users/me', { token: w.admin.token });
    const adminLocale = me.body.locale as keyof typeof WAITING;

    const request = await book(owner, {
      resourceId: room,
      start: '2026-12-03T14:00',
      end: '2026-12-03T15:00',
    });
    expect(request.status).toBe('pending');
    await deliver();

    expect(about(russianAdmin.email, request.id).map((m) => m.subject)).toEqual([WAITING.ru]);
    expect(about(w.admin.email, request.id).map((m) => m.subject)).toEqual([WAITING[adminLocale]]);
    const [mail] = about(russianAdmin.email, request.id);
    expect(mail.text).toContain('03.12.2026 14:00–15:00');
    expect(mail.text).toContain(`http://makon.test/admin/bookings/${request.id}`);
    // Nobody else: not the owner, not the coordinators of other centers.
    expect(smtp.to(owner.email)).toHaveLength(0);
    expect(about(w.coordinator.email, request.id)).toHaveLength(0);
    expect(about(w.otherCoordinator.email, request.id)).toHaveLength(0);

    // Once the center has a coordinator, they hear of its requests, and the admins do not.
    const coordinator = await person('en', 'coordinator', { centerIds: [lonely.id] });
    const next = await book(owner, {
      resourceId: room,
      start: '2026-12-04T14:00',
      end: '2026-12-04T15:00',
    });
    await deliver();
    expect(about(coordinator.email, next.id).map((m) => m.subject)).toEqual([WAITING.en]);
    expect(about(russianAdmin.email, next.id)).toHaveLength(0);
    expect(about(w.admin.email, next.id)).toHaveLength(0);

    // A deactivated coordinator decides nothing: the admins hear again.
    const off = await t.request('PATCH', `/api/v1/users/${coordinator.id}`, {
      token: w.admin.token,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    const third = await book(owner, {
      resourceId: room,
      start: '2026-12-07T14:00',
      end: '2026-12-07T15:00',
    });
    await deliver();
    expect(about(coordinator.email, third.id)).toHaveLength(0);
    expect(about(russianAdmin.email, third.id).map((m) => m.subject)).toEqual([WAITING.ru]);
  });

  it('tells each owner once when staff deactivate a resource and cancel their sessions on it', async () => {
    const desk = (
      await createResource(t, w.admin.token, w.centerId, { kind: 'desk', name: 'Desk Z' })
    ).id;
    const russian = await person('ru');
    const english = await person('en');
    const series = await book(russian, {
      resourceId: desk,
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
      recurrence: { rule: 'FREQ=DAILY;COUNT=2' },
    });
    const single = await book(english, {
      resourceId: desk,
      start: '2026-12-08T12:00',
      end: '2026-12-08T13:00',
    });
    await book(w.coordinator, {
      resourceId: desk,
      start: '2026-12-08T15:00',
      end: '2026-12-08T16:00',
    });
    await deliver();
    const before = smtp.messages.length;

    const deactivated = await t.request('DELETE', `/api/v1/resources/${desk}?cancelFuture=true`, {
      token: w.coordinator.token,
    });
    expect(deactivated.status).toBe(200);
    for (const [booking, owner] of [
      [series, russian],
      [single, english],
    ] as const) {
      const read = await t.request('GET', `/api/v1/bookings/${booking.id}`, { token: owner.token });
      expect(read.body.status).toBe('cancelled');
    }
    await deliver();

    const cancelledRu = mails(russian.email).slice(1);
    expect(cancelledRu.map((m) => m.subject)).toEqual(['Бронирование отменено: Desk Z']);
    expect(cancelledRu[0].text).toContain('08.12.2026 10:00–11:00');
    expect(cancelledRu[0].text).toContain('09.12.2026 10:00–11:00');
    const cancelledEn = mails(english.email).slice(1);
    expect(cancelledEn.map((m) => m.subject)).toEqual(['Booking cancelled: Desk Z']);
    expect(cancelledEn[0].text).toContain('Tue, 08.12.2026 12:00–13:00');
    // Two messages in all: the coordinator who cancelled their own session is not told of it.
    expect(smtp.messages.length - before).toBe(2);
    await deliver();
    expect(smtp.messages.length - before).toBe(2);
  });

  it('asks again when a member moves a session of a confirmed request; a staff move sends nothing and moves the reminder', async () => {
    const room = await hall(w.centerId);
    const owner = await person('en');
    const request = await book(owner, {
      resourceId: room,
      start: '2026-12-10T14:00',
      end: '2026-12-10T15:00',
    });
    expect(
      (
        await t.request('POST', `/api/v1/bookings/${request.id}/approve`, {
          token: w.coordinator.token,
        })
      ).status,
    ).toBe(200);
    await deliver();
    expect(about(w.coordinator.email, request.id)).toHaveLength(1); // the first request
    expect(mails(owner.email).map((m) => m.subject)).toEqual(['Request approved: Hall']);

    const moved = await t.request(
      'PATCH',
      `/api/v1/bookings/${request.id}/occurrences/${request.occurrences[0].id}`,
      { token: owner.token, body: { start: '2026-12-10T16:00', end: '2026-12-10T17:00' } },
    );
    expect(moved.status).toBe(200);
    await deliver();
    const asked = about(w.coordinator.email, request.id);
    expect(asked).toHaveLength(2);
    expect(asked.map((m) => m.subject)).toEqual([WAITING.uz, WAITING.uz]);
    expect(asked[1].text).toContain('16:00–17:00');
    expect(mails(owner.email)).toHaveLength(1);

    // Approved again, then staff move it: the owner gets no message for the move…
    expect(
      (
        await t.request('POST', `/api/v1/bookings/${request.id}/approve`, {
          token: w.coordinator.token,
        })
      ).status,
    ).toBe(200);
    await deliver();
    const toldBefore = mails(owner.email).length;
    const byStaff = await t.request(
      'PATCH',
      `/api/v1/bookings/${request.id}/occurrences/${request.occurrences[0].id}`,
      { token: w.coordinator.token, body: { start: '2026-12-10T10:00', end: '2026-12-10T11:00' } },
    );
    expect(byStaff.status).toBe(200);
    await deliver();
    expect(mails(owner.email)).toHaveLength(toldBefore);
    expect(about(w.coordinator.email, request.id)).toHaveLength(2); // staff keep it confirmed

    // …and the reminder comes an hour before the new start, saying the new time.
    t.clock.set('2026-12-10T09:00:31.017+05:00');
    expect(await t.app.get(NotificationJob).remind()).toBe(1);
    await deliver();
    const reminders = mails(owner.email).slice(toldBefore);
    expect(reminders.map((m) => m.subject)).toEqual(['Reminder: Hall at 10:00']);
  });
});
