import { NoShowReleaseJob } from '../src/check-in/no-show-release.job';
import { NotificationJob } from '../src/notifications/notification.job';
import { MailCatcher } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';
import { Actor, createResource, createUser, createWorld, World } from './support/world';

/** A port of this helper's range (2525-2535) for the test SMTP server. */
const SMTP_PORT = 2525 + ((Number(process.env.JEST_WORKER_ID ?? '1') - 1) % 11);

describe('notifications: outbox, email, in-app, reminders', () => {
  let t: TestApp;
  let w: World;
  let smtp: MailCatcher;
  let desk: string;

  beforeAll(async () => {
    smtp = new MailCatcher(SMTP_PORT);
    await smtp.start();
    t = await startTestApp({
      now: '2026-12-01T08:00:00+05:00', // a Tuesday, in Tashkent
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Makon <makon@makon.test>' },
    });
    w = await createWorld(t);
    desk = (await createResource(t, w.admin.token, w.centerId, { kind: 'desk', name: 'Desk A' }))
      .id;
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

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
    expect(asked[0].text).toContain('Thu, 03.12.2026 14:00–15:00');
    expect(asked[0].text).toContain(`http://makon.test/admin/bookings/${first.id}`);
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
});
