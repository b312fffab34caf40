import { NoShowReleaseJob } from '../src/bookings/check-in/no-show-release.job';
import { RequestActivity } from '../src/common/request-activity';
import { NotificationJob } from '../src/notifications/notification.job';
import { MailCatcher, startAppWithMail } from './support/smtp';
import { WebClient } from './support/web-client';
import { TestApp } from './support/test-app';
import { Actor, createResource, createUser, createWorld, World } from './support/world';

describe('notifications: outbox, email, in-app, reminders', () => {
  let t: TestApp;
  let w: World;
  let smtp: MailCatcher;
  let close: () => Promise<void>;
  let desk: string;

  beforeAll(async () => {
    // A Tuesday, in Tashkent.
    ({ t, smtp, close } = await startAppWithMail('2026-12-01T08:00:00+05:00'));
    w = await createWorld(t);
    desk = (await createResource(t, w.admin.token, w.centerId, { kind: 'desk', name: 'Desk A' }))
      .id;
  });

  afterAll(() => close());

  const deliver = () => t.app.get(NotificationJob).deliver();
  const person = (locale: 'uz' | 'ru' | 'en', role = 'member', extra = {}) =>
    createUser(t, w.admin.token, role, { locale, ...extra });
  const book = async (who: Actor, body: Record<string, unknown>) => {
    const response = await t.request('POST', '/api/v1/bookings', { token: who.token, body });
    expect(response.status).toBe(201);
    return response.body as { id: string; occurrences: Array<{ id: string }> };
  };

  it('confirms a series in one message in the owner’s language, every date and each skipped one with its reason, with an .ics', async () => {
    const owner = await person('ru');
    const closure = await t.request('POST', `/api/v1/centers/${w.centerId}/closures`, {
      token: w.coordinator.token,
      body: { from: '2026-12-09', to: '2026-12-09', reason: 'Staff training' },
    });
    expect(closure.status).toBe(201);
    const series = await book(owner, {
      resourceId: desk,
      title: 'Grant writing',
      start: '2026-12-07T10:00',
      end: '2026-12-07T12:00',
      recurrence: { rule: 'FREQ=DAILY;COUNT=5' },
      skipConflicts: true,
    });
    expect(series.occurrences).toHaveLength(4);
    expect(smtp.to(owner.email)).toHaveLength(0); // nothing is sent inside the request

    await deliver();
    const mails = smtp.to(owner.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0].parsed;
    expect(mail.subject).toBe('Бронирование подтверждено: Grant writing');
    expect(mail.messageId).toMatch(/@makon\.test>$/);
    for (const day of ['07.12.2026', '08.12.2026', '10.12.2026', '11.12.2026']) {
      expect(mail.text).toContain(`${day} 10:00–12:00`);
    }
    expect(mail.text).toContain('Пропущены:\n- ср, 09.12.2026 10:00–12:00: центр закрыт');
    expect(mail.text).toContain('http://makon.test/me');
    expect(mail.html).toContain('<html lang="ru">');
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics).toBeDefined();
    const calendar = ics!.content.toString('utf8');
    expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(calendar).toContain('DTSTART:20261207T050000Z'); // 10:00 in Tashkent (+05:00)

    // In-app: the same event once, unread.
    const list = await t.request('GET', '/api/v1/notifications?unread=true', {
      token: owner.token,
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, unread: 1 });
    expect(list.body.items[0]).toMatchObject({
      event: 'booking_confirmed',
      title: 'Бронирование подтверждено: Grant writing',
      bookingId: series.id,
      readAt: null,
    });
    expect(list.body.items[0].createdAt).toMatch(/\+05:00$/);

    // Delivering again sends nothing more.
    await deliver();
    expect(smtp.to(owner.email)).toHaveLength(1);
  });

  it('tells the center’s coordinators of a request, the owner of its approval or rejection (with the reason)', async () => {
    const owner = await person('uz');
    const english = await person('en', 'coordinator', { centerIds: [w.centerId] });
    const room = (
      await createResource(t, w.admin.token, w.centerId, {
        kind: 'room',
        name: 'Hall',
        capacity: 10,
        requiresApproval: true,
      })
    ).id;
    const first = await book(owner, {
      resourceId: room,
      start: '2026-12-03T14:00',
      end: '2026-12-03T15:00',
    });
    const second = await book(owner, {
      resourceId: room,
      start: '2026-12-04T14:00',
      end: '2026-12-04T15:00',
    });
    await deliver();
    expect(smtp.to(owner.email)).toHaveLength(0);
    // Each of the center's coordinators, in their own language; nobody else.
    expect(smtp.to(w.coordinator.email).map((m) => m.parsed.subject)).toEqual([
      'So‘rov tasdiqlashni kutmoqda: Hall',
      'So‘rov tasdiqlashni kutmoqda: Hall',
    ]);
    const asked = smtp.to(english.email).map((m) => m.parsed);
    expect(asked.map((m) => m.subject)).toEqual([
      'Request waiting for approval: Hall',
      'Request waiting for approval: Hall',
    ]);
    // Sent in parallel: the order of arrival is free.
    const aboutFirst = asked.find((m) => m.text!.includes(first.id))!;
    expect(aboutFirst.text).toContain('Thu, 03.12.2026 14:00–15:00');
    expect(aboutFirst.text).toContain(`http://makon.test/admin/bookings/${first.id}`);
    expect(smtp.to(w.otherCoordinator.email)).toHaveLength(0);

    expect(
      (
        await t.request('POST', `/api/v1/bookings/${first.id}/approve`, {
          token: w.coordinator.token,
        })
      ).status,
    ).toBe(200);
    const rejected = await t.request('POST', `/api/v1/bookings/${second.id}/reject`, {
      token: w.coordinator.token,
      body: { reason: 'Hall is being painted' },
    });
    expect(rejected.status).toBe(200);
    await deliver();
    const told = smtp.to(owner.email).map((m) => m.parsed);
    expect(told.map((m) => m.subject).sort()).toEqual([
      'So‘rov rad etildi: Hall',
      'So‘rov tasdiqlandi: Hall',
    ]);
    const approved = told.find((m) => m.subject!.includes('tasdiqlandi'))!;
    expect(approved.text).toContain('Pa, 03.12.2026 14:00–15:00');
    expect(approved.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
    const refused = told.find((m) => m.subject!.includes('rad etildi'))!;
    expect(refused.text).toContain('Sabab: Hall is being painted');
    expect(refused.attachments).toHaveLength(0);
  });

  it('tells the owner when staff cancel their booking, not when they cancel it themselves', async () => {
    const owner = await person('en');
    const byStaff = await book(owner, {
      resourceId: desk,
      start: '2026-12-04T09:00',
      end: '2026-12-04T10:00',
    });
    const own = await book(owner, {
      resourceId: desk,
      start: '2026-12-04T16:00',
      end: '2026-12-04T17:00',
    });
    await deliver();
    expect(smtp.to(owner.email)).toHaveLength(2); // the two confirmations
    expect(
      (await t.request('DELETE', `/api/v1/bookings/${byStaff.id}`, { token: w.coordinator.token }))
        .status,
    ).toBe(200);
    expect(
      (await t.request('DELETE', `/api/v1/bookings/${own.id}`, { token: owner.token })).status,
    ).toBe(200);
    await deliver();
    const mails = smtp
      .to(owner.email)
      .slice(2)
      .map((m) => m.parsed);
    expect(mails.map((m) => m.subject)).toEqual(['Booking cancelled: Desk A']);
    expect(mails[0].text).toContain('Fri, 04.12.2026 09:00–10:00');
    expect(mails[0].text).not.toContain('16:00');
  });

  it('tells each owner whose session a new closure falls on, with the closure’s name', async () => {
    const owner = await person('en');
    const otherDesk = (await createResource(t, w.admin.token, w.otherCenterId, { name: 'Desk B' }))
      .id;
    await book(owner, {
      resourceId: otherDesk,
      start: '2026-12-10T10:00',
      end: '2026-12-10T11:00',
    });
    await book(owner, {
      resourceId: otherDesk,
      start: '2026-12-11T10:00',
      end: '2026-12-11T11:00',
    });
    const closure = await t.request('POST', `/api/v1/centers/${w.otherCenterId}/closures`, {
      token: w.otherCoordinator.token,
      body: { from: '2026-12-10', to: '2026-12-10', reason: 'Power maintenance' },
    });
    expect(closure.status).toBe(201);
    await deliver();
    const mails = smtp.to(owner.email).map((m) => m.parsed);
    const closed = mails.filter((m) => m.subject === 'Test center is closed during your booking');
    expect(closed).toHaveLength(1);
    expect(closed[0].text).toContain('Closure: Power maintenance');
    expect(closed[0].text).toContain('Thu, 10.12.2026 10:00–11:00');
    expect(closed[0].text).not.toContain('11.12.2026');
  });

  it('tells the owner that a no-show released their place', async () => {
    const owner = await person('en');
    const checked = (
      await createResource(t, w.admin.token, w.centerId, { name: 'Desk C', checkInRequired: true })
    ).id;
    await book(owner, { resourceId: checked, start: '2026-12-02T10:00', end: '2026-12-02T11:00' });
    t.clock.set('2026-12-02T10:20:00+05:00');
    expect(await t.app.get(NoShowReleaseJob).run()).toBe(1);
    await deliver();
    const released = smtp.to(owner.email).filter((m) => m.parsed.subject === 'Released: Desk C');
    expect(released).toHaveLength(1);
    expect(released[0].parsed.text).toContain('Wed, 02.12.2026 10:00–11:00');
  });

  it('keeps a message while the mail server is down or refusing, retries with back-off, and delivers it once', async () => {
    const owner = await person('en');
    await smtp.stop();
    await book(owner, { resourceId: desk, start: '2026-12-14T10:00', end: '2026-12-14T11:00' });
    const round = await deliver();
    expect(round).toMatchObject({ sent: 0, retrying: 1 });
    const health = await t.request('GET', '/api/v1/health');
    expect(health.body.notifications).toMatchObject({ waiting: 1, failed: 0 });

    // Back, but refusing for now (451): a second attempt, a longer wait.
    smtp.refuse = true;
    await smtp.start();
    expect((await deliver()).sent).toBe(0); // not due yet: the first retry waits a minute
    t.clock.advanceMinutes(1);
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
    t.clock.advanceMinutes(1);
    expect((await deliver()).retrying).toBe(0); // the second retry waits two minutes

    smtp.refuse = false;
    t.clock.advanceMinutes(1);
    expect(await deliver()).toMatchObject({ sent: 1, retrying: 0 });
    t.clock.advanceMinutes(60);
    await deliver();
    expect(smtp.to(owner.email)).toHaveLength(1);
    const [row] = await t.query(
      `SELECT d.status, d.attempts, d.last_error FROM notification_deliveries d
         JOIN notification_outbox o ON o.id = d.outbox_id WHERE d.user_id = ?`,
      [owner.id],
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect((await t.request('GET', '/api/v1/health')).body.notifications).toEqual({
      waiting: 0,
      failed: 0,
      oldestWaitingSeconds: null,
    });
  });

  it('gives up after the last attempt and records the error, which health reports', async () => {
    const owner = await person('en');
    smtp.refuse = true;
    try {
      await book(owner, { resourceId: desk, start: '2026-12-14T15:00', end: '2026-12-14T16:00' });
      const outcomes: string[] = [];
      for (let attempt = 1; attempt <= 10; attempt++) {
        const round = await deliver();
        outcomes.push(round.failed === 1 ? 'failed' : round.retrying === 1 ? 'retrying' : '?');
        t.clock.advanceMinutes(60);
      }
      expect(outcomes).toEqual([...Array(9).fill('retrying'), 'failed']);
      const [row] = await t.query(
        'SELECT status, attempts, last_error FROM notification_deliveries WHERE user_id = ?',
        [owner.id],
      );
      expect(row.status).toBe('failed');
      expect(row.attempts).toBe(10);
      expect(row.last_error).toContain('451');
      expect((await t.request('GET', '/api/v1/health')).body.notifications).toMatchObject({
        waiting: 0,
        failed: 1,
      });
      // In-app it arrived all the same.
      const list = await t.request('GET', '/api/v1/notifications', { token: owner.token });
      expect(list.body.total).toBe(1);
    } finally {
      smtp.refuse = false;
    }
    expect(smtp.to(owner.email)).toHaveLength(0);
  });

  describe('reminders, computed from the sessions as they stand', () => {
    let owner: Actor;
    const reminders = () =>
      smtp.to(owner.email).filter((m) => m.parsed.subject!.startsWith('Reminder'));
    const remindAt = async (iso: string) => {
      t.clock.set(iso);
      await t.app.get(NotificationJob).remind();
      await deliver();
    };

    beforeAll(async () => {
      owner = await person('en');
      t.clock.set('2026-12-15T08:00:00+05:00');
    });

    it('reminds at the owner’s reminder time; a moved session’s reminder moves, a cancelled one’s disappears, none when booked within the reminder time', async () => {
      await book(owner, {
        resourceId: desk,
        start: '2026-12-15T11:00',
        end: '2026-12-15T12:00',
      });
      const moved = await book(owner, {
        resourceId: desk,
        start: '2026-12-15T12:00',
        end: '2026-12-15T13:00',
      });
      const cancelled = await book(owner, {
        resourceId: desk,
        start: '2026-12-15T16:00',
        end: '2026-12-15T17:00',
      });
      t.clock.set('2026-12-15T09:00:00+05:00');
      const move = await t.request(
        'PATCH',
        `/api/v1/bookings/${moved.id}/occurrences/${moved.occurrences[0].id}`,
        { token: owner.token, body: { start: '2026-12-15T14:00', end: '2026-12-15T15:00' } },
      );
      expect(move.status).toBe(200);
      const cancel = await t.request(
        'DELETE',
        `/api/v1/bookings/${cancelled.id}/occurrences/${cancelled.occurrences[0].id}`,
        { token: owner.token },
      );
      expect(cancel.status).toBe(200);

      await remindAt('2026-12-15T09:59:00+05:00');
      expect(reminders()).toHaveLength(0); // a minute early
      await remindAt('2026-12-15T10:00:00+05:00');
      expect(reminders().map((m) => m.parsed.subject)).toEqual(['Reminder: Desk A at 11:00']);
      expect(reminders()[0].parsed.text).toContain('Tue, 15.12.2026 11:00–12:00');

      await remindAt('2026-12-15T11:05:00+05:00'); // the moved session's old reminder time
      expect(reminders()).toHaveLength(1);
      await remindAt('2026-12-15T13:00:00+05:00');
      expect(reminders().map((m) => m.parsed.subject)).toEqual([
        'Reminder: Desk A at 11:00',
        'Reminder: Desk A at 14:00',
      ]);
      await remindAt('2026-12-15T13:30:00+05:00'); // again: nothing new
      expect(reminders()).toHaveLength(2);

      // Booked at 15:00 for 15:30: inside the reminder time already, so no reminder.
      t.clock.set('2026-12-15T15:00:00+05:00');
      await book(owner, { resourceId: desk, start: '2026-12-15T15:30', end: '2026-12-15T15:45' });
      await remindAt('2026-12-15T15:10:00+05:00');
      await remindAt('2026-12-15T16:00:00+05:00'); // the cancelled session's time
      expect(reminders()).toHaveLength(2);
    });

    it('follows the person’s reminderMinutes; 0 turns reminders off', async () => {
      const settings = await t.request('PATCH', '/api/v1/users/me/notification-settings', {
        token: owner.token,
        body: { reminderMinutes: 120 },
      });
      expect(settings.status).toBe(200);
      expect(settings.body).toMatchObject({ email: true, telegram: true, reminderMinutes: 120 });
      t.clock.set('2026-12-16T08:00:00+05:00');
      await book(owner, { resourceId: desk, start: '2026-12-16T12:00', end: '2026-12-16T13:00' });
      await remindAt('2026-12-16T10:00:00+05:00');
      expect(reminders().map((m) => m.parsed.subject)).toContain('Reminder: Desk A at 12:00');
      const before = reminders().length;
      await t.request('PATCH', '/api/v1/users/me/notification-settings', {
        token: owner.token,
        body: { reminderMinutes: 0 },
      });
      await book(owner, { resourceId: desk, start: '2026-12-17T12:00', end: '2026-12-17T13:00' });
      await remindAt('2026-12-17T11:00:00+05:00');
      expect(reminders()).toHaveLength(before);
    });
  });

  it('counts the requests it serves, so that the delivery job gives way to them', async () => {
    const activity = t.app.get(RequestActivity);
    const before = activity.counts();
    await t.request('GET', '/api/v1/health');
    await t.request('GET', '/no/such/page');
    expect(activity.counts().started).toBe(before.started + 2);
    // The second's end is recorded when its answer has been written, which the client may see first.
    const deadline = Date.now() + 5_000;
    while (activity.counts().ended < before.ended + 2 && Date.now() < deadline)
      await new Promise((resolve) => setImmediate(resolve));
    expect(activity.counts().ended).toBe(before.ended + 2);
  });

  describe('the in-app API', () => {
    it('lists, counts unread, marks one and all read; another person’s is 404', async () => {
      const owner = await person('en');
      const other = await person('en');
      t.clock.set('2026-12-20T08:00:00+05:00');
      await book(owner, { resourceId: desk, start: '2026-12-21T10:00', end: '2026-12-21T11:00' });
      await book(owner, { resourceId: desk, start: '2026-12-22T10:00', end: '2026-12-22T11:00' });
      await deliver();
      const list = await t.request('GET', '/api/v1/notifications', { token: owner.token });
      expect(list.body).toMatchObject({ total: 2, unread: 2 });
      const [first] = list.body.items;
      expect(Object.keys(first).sort()).toEqual(
        ['body', 'bookingId', 'createdAt', 'event', 'id', 'readAt', 'title'].sort(),
      );
      const notFound = await t.request('POST', `/api/v1/notifications/${first.id}/read`, {
        token: other.token,
      });
      expect(notFound.status).toBe(404);
      expect(notFound.body.code).toBe('NOT_FOUND');
      const read = await t.request('POST', `/api/v1/notifications/${first.id}/read`, {
        token: owner.token,
      });
      expect(read.status).toBe(200);
      expect(read.body.readAt).toMatch(/^2026-12-20T08:00:\d\d\+05:00$/);
      const unread = await t.request('GET', '/api/v1/notifications?unread=true', {
        token: owner.token,
      });
      expect(unread.body).toMatchObject({ total: 1, unread: 1 });
      const all = await t.request('POST', '/api/v1/notifications/read-all', { token: owner.token });
      expect(all.status).toBe(200);
      expect(all.body).toEqual({ read: 1, unread: 0 });
      expect(
        (await t.request('GET', '/api/v1/notifications', { token: owner.token })).body.unread,
      ).toBe(0);
      expect((await t.request('GET', '/api/v1/notifications')).status).toBe(401);
    });

    it('answers and changes the settings; refuses values outside the contract', async () => {
      const someone = await person('ru');
      const fresh = await t.request('GET', '/api/v1/users/me/notification-settings', {
        token: someone.token,
      });
      expect(fresh.status).toBe(200);
      expect(fresh.body.reminderMinutes).toBe(60);
      expect(Object.values(fresh.body.events).every((on) => on === true)).toBe(true);
      expect(Object.keys(fresh.body.events)).toContain('booking_confirmed');
      for (const body of [
        { reminderMinutes: 45 },
        { email: 'yes' },
        { events: { booking_confirmed: 'no' } },
        { events: { unknown_event: false } },
        { unknown: true },
      ]) {
        const refused = await t.request('PATCH', '/api/v1/users/me/notification-settings', {
          token: someone.token,
          body,
        });
        expect([JSON.stringify(body), refused.status, refused.body.code]).toEqual([
          JSON.stringify(body),
          400,
          'VALIDATION_FAILED',
        ]);
      }
      const changed = await t.request('PATCH', '/api/v1/users/me/notification-settings', {
        token: someone.token,
        body: { email: false, events: { booking_confirmed: false } },
      });
      expect(changed.body).toMatchObject({
        email: false,
        reminderMinutes: 60,
        events: { booking_confirmed: false, booking_rejected: true },
      });
      // Turned off: neither email nor in-app for that event.
      await book(someone, { resourceId: desk, start: '2026-12-21T12:00', end: '2026-12-21T13:00' });
      await deliver();
      expect(smtp.to(someone.email)).toHaveLength(0);
      const list = await t.request('GET', '/api/v1/notifications', { token: someone.token });
      expect(list.body.total).toBe(0);
    });
  });

  describe('the pages', () => {
    it('shows the unread count in the header’s bell, lists the notifications, marks them read, saves the settings', async () => {
      const owner = await person('ru');
      t.clock.set('2026-12-23T08:00:00+05:00');
      await book(owner, { resourceId: desk, start: '2026-12-24T10:00', end: '2026-12-24T11:00' });
      await book(owner, { resourceId: desk, start: '2026-12-25T10:00', end: '2026-12-25T11:00' });
      await deliver();
      const web = WebClient.withToken(t.baseUrl, owner.token);
      const home = await web.get('/me');
      expect(home.text).toContain('aria-label="Уведомления: непрочитанных 2"');
      const page = await web.get('/me/notifications');
      expect(page.status).toBe(200);
      expect(page.text.match(/Бронирование подтверждено: Desk A/g)).toHaveLength(2);
      const ids = [
        ...page.text.matchAll(/action="\/me\/notifications\/([0-9a-f-]{36})\/read"/g),
      ].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      const one = await web.post(`/me/notifications/${ids[0]}/read`, {});
      expect([one.status, one.location]).toEqual([303, '/me/notifications?done=read']);
      expect((await web.get('/me')).text).toContain('aria-label="Уведомления: непрочитанных 1"');
      const missing = await web.post(`/me/notifications/${'0'.repeat(36)}/read`, {});
      expect([missing.status, missing.location]).toEqual([
        303,
        '/me/notifications?error=NOT_FOUND',
      ]);
      await web.post('/me/notifications/read-all', {});
      expect((await web.get('/me')).text).toContain('aria-label="Уведомления"');

      const settings = await web.get('/me/notification-settings');
      expect(settings.status).toBe(200);
      expect(settings.text).toContain('Настройки уведомлений');
      const saved = await web.post('/me/notification-settings', {
        reminderMinutes: '30',
        events: ['booking_confirmed', 'session_reminder'],
      });
      expect([saved.status, saved.location]).toEqual([303, '/me/notification-settings?done=saved']);
      const api = await t.request('GET', '/api/v1/users/me/notification-settings', {
        token: owner.token,
      });
      expect(api.body).toMatchObject({
        email: false,
        reminderMinutes: 30,
        events: { booking_confirmed: true, session_reminder: true, booking_rejected: false },
      });
      // A value outside the choices keeps the current one.
      await web.post('/me/notification-settings', { reminderMinutes: '7', email: 'on' });
      const after = await t.request('GET', '/api/v1/users/me/notification-settings', {
        token: owner.token,
      });
      expect(after.body).toMatchObject({ email: true, reminderMinutes: 30 });
    });
  });
});
