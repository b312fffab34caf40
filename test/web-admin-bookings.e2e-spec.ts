import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createResource, createWorld, World } from './support/world';

const DAY = '2026-12-03'; // a Thursday; the center is open 09:00–18:00

describe('web: the staff’s bookings (/admin/bookings)', () => {
  let t: TestApp;
  let w: World;
  let roomId: string;
  let deskId: string;
  let coordinator: WebClient;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    roomId = (
      await createResource(t, w.coordinator.token, w.centerId, {
        kind: 'room',
        name: 'Training hall',
        capacity: 20,
        requiresApproval: true,
      })
    ).id;
    deskId = (
      await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk', name: 'Desk 7' })
    ).id;
    coordinator = WebClient.withToken(t.baseUrl, w.coordinator.token);
    for (const actor of [w.coordinator, w.admin]) {
      await t.request('PATCH', `/api/v1/users/${actor.id}`, {
        token: actor.token,
        body: { locale: 'en' },
      });
    }
  });

  afterAll(() => t.close());

  let hour = 9;
  /** A member's room request (pending), each at a new hour so that they never clash. */
  async function request(extra: Record<string, unknown> = {}, date = DAY) {
    const from = String(hour++).padStart(2, '0');
    const response = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: {
        resourceId: roomId,
        start: `${date}T${from}:00`,
        end: `${date}T${from}:45`,
        title: `Seminar ${from}`,
        purpose: 'seminar',
        attendees: 12,
        ...extra,
      },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body as { id: string; status: string; occurrences: Array<{ id: string }> };
  }

  const stored = async (id: string) =>
    (await t.request('GET', `/api/v1/bookings/${id}`, { token: w.admin.token })).body;

  it('lists the center’s bookings with their owners and states, filtered and paginated', async () => {
    const pending = await request();
    const desk = await t.request('POST', '/api/v1/bookings', {
      token: w.otherMember.token,
      body: { resourceId: deskId, start: `${DAY}T10:00`, end: `${DAY}T12:00`, title: 'Desk work' },
    });
    expect(desk.status).toBe(201);
    const all = await coordinator.get('/admin/bookings');
    expect(all.status).toBe(200);
    expect(all.text).toContain('<h1>Bookings: Test center</h1>');
    expect(all.text).toContain(`href="/admin/bookings/${pending.id}"`);
    expect(all.text).toContain('Test member');
    expect(all.text).toContain('Desk work');
    expect(all.text).toContain('Waiting for approval');
    expect(all.text).toContain('Requests waiting for approval: 1');
    expect(all.text).toContain('href="/book"');

    const onlyPending = await coordinator.get(
      `/admin/bookings?center=${w.centerId}&status=pending`,
    );
    expect(onlyPending.text).toContain(pending.id);
    expect(onlyPending.text).not.toContain('Desk work');
    expect(onlyPending.text).toContain('<option value="pending"  selected>');

    const byResource = await coordinator.get(
      `/admin/bookings?center=${w.centerId}&resource=${deskId}`,
    );
    expect(byResource.text).toContain('Desk work');
    expect(byResource.text).not.toContain(pending.id);

    const later = await coordinator.get(
      `/admin/bookings?center=${w.centerId}&from=2026-12-04&to=2026-12-31`,
    );
    expect(later.text).toContain('No bookings match these filters.');
    const onTheDay = await coordinator.get(
      `/admin/bookings?center=${w.centerId}&from=${DAY}&to=${DAY}`,
    );
    expect(onTheDay.text).toContain('Desk work');

    const byPerson = await coordinator.get(
      `/admin/bookings?center=${w.centerId}&owner=${w.otherMember.id}`,
    );
    expect(byPerson.text).toContain('Desk work');
    expect(byPerson.text).not.toContain(pending.id);
    expect(byPerson.text).toContain('Only the bookings for Test member.');
    expect(all.text).toContain(`owner=${w.member.id}`);
    expect((await coordinator.get('/admin/bookings?owner=nobody')).status).toBe(400);

    expect((await coordinator.get('/admin/bookings?status=lost')).status).toBe(400);
    expect((await coordinator.get('/admin/bookings?from=2026-13-01')).status).toBe(400);
    expect((await coordinator.get('/admin/bookings?resource=nope')).status).toBe(400);
  });

  it('starts at today by first session and pages later and earlier from a position, without a count', async () => {
    const shelfId = (
      await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk', name: 'Shelf desk' })
    ).id;
    // Five a day on ten weekdays: 7–11 and 14–18 December, in the order of their start.
    const days = ['07', '08', '09', '10', '11', '14', '15', '16', '17', '18'];
    const titles: string[] = [];
    for (const day of days) {
      for (const hour of ['09', '10', '11', '12', '13']) {
        const title = `Shelf ${day}-${hour}`;
        const response = await t.request('POST', '/api/v1/bookings', {
          token: w.coordinator.token,
          body: {
            resourceId: shelfId,
            start: `2026-12-${day}T${hour}:00`,
            end: `2026-12-${day}T${hour}:30`,
            title,
          },
        });
        expect(response.status).toBe(201);
        titles.push(title);
      }
    }
    const shown = (text: string) => [...text.matchAll(/>(Shelf \d\d-\d\d)</g)].map((m) => m[1]);
    const link = (text: string, rel: 'prev' | 'next') => {
      const match = new RegExp(`<a href="([^"]*)" rel="${rel}"`).exec(text);
      return match ? match[1].replace(/&amp;/g, '&') : null;
    };
    t.clock.set('2026-12-09T07:00:00+05:00');
    try {
      const first = await coordinator.get(
        `/admin/bookings?center=${w.centerId}&resource=${shelfId}`,
      );
      expect(first.status).toBe(200);
      expect(first.text).toContain('From today, by first session.');
      expect(first.text).not.toContain('Page 1');
      // Today (9 December) onwards: 20 of the 40 left, then a link to the next ones.
      expect(shown(first.text)).toEqual(titles.slice(10, 30));
      const later = link(first.text, 'next')!;
      expect(later).toContain(`after=2026-12-14T13%3A00%7E`);
      const second = await coordinator.get(later);
      expect(shown(second.text)).toEqual(titles.slice(30, 50));
      expect(link(second.text, 'next')).toBeNull();
      // Back from the second page: the first again.
      const back = await coordinator.get(link(second.text, 'prev')!);
      expect(shown(back.text)).toEqual(titles.slice(10, 30));

      // Before today, on request: 7 and 8 December, and nothing before them.
      const earlier = await coordinator.get(link(first.text, 'prev')!);
      expect(shown(earlier.text)).toEqual(titles.slice(0, 10));
      expect(earlier.text).not.toContain('From today');
      expect(link(earlier.text, 'prev')).toBeNull();
      expect(shown((await coordinator.get(link(earlier.text, 'next')!)).text)).toEqual(
        titles.slice(10, 30),
      );

      // The dates filter on the first session's start, also before today.
      const dated = await coordinator.get(
        `/admin/bookings?center=${w.centerId}&resource=${shelfId}&from=2026-12-08&to=2026-12-10`,
      );
      expect(shown(dated.text)).toEqual(titles.slice(5, 20));
      expect(link(dated.text, 'prev')).toBeNull();
      expect(link(dated.text, 'next')).toBeNull();

      const bad = await coordinator.get(
        `/admin/bookings?center=${w.centerId}&after=${encodeURIComponent('2026-12-09 09:00')}`,
      );
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Position in the list');
    } finally {
      t.clock.set('2026-12-01T08:00:00+05:00');
    }
  });

  it('shows a request with its sessions and approves it', async () => {
    const booking = await request();
    const page = await coordinator.get(`/admin/bookings/${booking.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Booking: Seminar');
    expect(page.text).toContain('Training hall');
    expect(page.text).toContain('Test member');
    expect(page.text).toContain(`href="/book?ownerId=${w.member.id}"`);
    expect(page.text).toContain(`action="/admin/bookings/${booking.id}/approve"`);
    const approved = await coordinator.post(`/admin/bookings/${booking.id}/approve`, {});
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`/admin/bookings/${booking.id}?done=approved`);
    expect((await stored(booking.id)).status).toBe('confirmed');
    const after = await coordinator.get(approved.location!);
    expect(after.text).toContain('The request was approved.');
    expect(after.text).not.toContain('/approve"');
    // Approving twice: the service's refusal, on the page.
    const again = await coordinator.post(`/admin/bookings/${booking.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('This cannot be done in the current state.');
    expect(again.text).toContain('The booking no longer waits for a decision (status: Confirmed).');
    expect(again.text).not.toContain('The booking is confirmed, not pending');
  });

  it('rejects a request only with a reason, keeping what was typed', async () => {
    const booking = await request();
    const without = await coordinator.post(`/admin/bookings/${booking.id}/reject`, {
      reason: '  ',
    });
    expect(without.status).toBe(400);
    expect(without.text).toContain('Give a reason for rejecting the request.');
    expect(without.text).toContain('aria-invalid="true"');
    expect((await stored(booking.id)).status).toBe('pending');
    const tooLong = 'x'.repeat(501);
    const long = await coordinator.post(`/admin/bookings/${booking.id}/reject`, {
      reason: tooLong,
    });
    expect(long.status).toBe(400);
    expect(long.text).toContain(`>${tooLong}</textarea>`);

    const rejected = await coordinator.post(`/admin/bookings/${booking.id}/reject`, {
      reason: 'The hall is being <painted>',
    });
    expect(rejected.status).toBe(303);
    const after = await stored(booking.id);
    expect(after).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The hall is being <painted>',
    });
    const page = await coordinator.get(rejected.location!);
    expect(page.text).toContain('The request was rejected.');
    expect(page.text).toContain('The hall is being &lt;painted&gt;');
  });

  it('cancels one session of a series, then the whole series', async () => {
    const series = await request({ recurrence: { rule: 'FREQ=WEEKLY;COUNT=3' } });
    await coordinator.post(`/admin/bookings/${series.id}/approve`, {});
    const page = await coordinator.get(`/admin/bookings/${series.id}`);
    expect(page.text).toContain('FREQ=WEEKLY;COUNT=3');
    const second = series.occurrences[1].id;
    expect(page.text).toContain(
      `action="/admin/bookings/${series.id}/occurrences/${second}/cancel"`,
    );
    const one = await coordinator.post(
      `/admin/bookings/${series.id}/occurrences/${second}/cancel`,
      {},
    );
    expect(one.status).toBe(303);
    expect(one.location).toBe(`/admin/bookings/${series.id}?done=sessionCancelled`);
    const afterOne = await stored(series.id);
    expect(afterOne.status).toBe('confirmed');
    expect(afterOne.occurrences.map((o: { status: string }) => o.status)).toEqual([
      'booked',
      'cancelled',
      'booked',
    ]);
    const shown = await coordinator.get(one.location!);
    expect(shown.text).toContain('The session was cancelled.');
    expect(shown.text).toMatch(/state-cancelled/);

    const all = await coordinator.post(`/admin/bookings/${series.id}/cancel`, {});
    expect(all.status).toBe(303);
    expect((await stored(series.id)).status).toBe('cancelled');
    const again = await coordinator.post(`/admin/bookings/${series.id}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('role="alert"');
  });

  it('keeps another center’s coordinator out, refuses members, and refuses forms without their token', async () => {
    const booking = await request();
    const other = WebClient.withToken(t.baseUrl, w.otherCoordinator.token);
    expect((await other.get(`/admin/bookings/${booking.id}`)).status).toBe(404);
    expect((await other.get(`/admin/bookings?center=${w.centerId}`)).status).toBe(403);
    expect((await other.post(`/admin/bookings/${booking.id}/approve`, {})).status).toBe(404);
    expect(
      (await other.post(`/admin/bookings/${booking.id}/reject`, { reason: 'no' })).status,
    ).toBe(404);
    expect((await other.post(`/admin/bookings/${booking.id}/cancel`, {})).status).toBe(404);
    expect(
      (
        await other.post(
          `/admin/bookings/${booking.id}/occurrences/${booking.occurrences[0].id}/cancel`,
          {},
        )
      ).status,
    ).toBe(404);
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    expect((await member.get('/admin/bookings')).status).toBe(403);
    expect((await member.post(`/admin/bookings/${booking.id}/cancel`, {})).status).toBe(403);
    const forged = await coordinator.post(
      `/admin/bookings/${booking.id}/approve`,
      {},
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect((await stored(booking.id)).status).toBe('pending');
  });

  it('names a booking without a title by its place and time: its link is never empty', async () => {
    const untitled = await t.request('POST', '/api/v1/bookings', {
      token: w.member.token,
      body: { resourceId: deskId, start: `${DAY}T14:00`, end: `${DAY}T15:00` },
    });
    expect(untitled.status).toBe(201);
    expect(untitled.body.title).toBe('');
    const id = untitled.body.id as string;
    const name = 'Desk 7, Thu 3 Dec 14:00–15:00';
    const emptyLink = /<a\b[^>]*>\s*<\/a\s*>/;
    const list = await coordinator.get(`/admin/bookings?center=${w.centerId}&resource=${deskId}`);
    expect(list.text).toMatch(new RegExp(`<a href="/admin/bookings/${id}">\\s*${name}\\s*</a>`));
    expect(list.text).not.toMatch(emptyLink);
    const details = await coordinator.get(`/admin/bookings/${id}`);
    expect(details.text).toContain(`<h1>Booking: ${name}</h1>`);
    const today = await coordinator.get(`/admin?center=${w.centerId}&date=${DAY}`);
    // Today's bar: the person, then the booking's name.
    expect(today.text).toMatch(
      new RegExp(
        `href="/admin/bookings/${id}"[^>]*>[^]*?<b>Test member</b>\\s*<span class="what">${name}</span>`,
      ),
    );
    expect(today.text).not.toMatch(emptyLink);
  });
});
