import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';
import {
  Actor,
  createBooking,
  createCenter,
  createResource,
  createUser,
  createWorld,
  Json,
  World,
} from './support/world';

/**
 * Occupancy, the day's timeline and the utilization report on a small fixed week, with every
 * figure computed by hand below. Tashkent (+05:00), open Mon–Sat 09:00–18:00, grace 15 minutes.
 *
 * Range Mon 7 – Wed 9 Dec 2026; Tue 8 is a closure day. The report is read on Wed 9 at 12:00.
 * Resources: a desk (check-in required), a room (no check-in), a pool of 4 projectors.
 *   S1 desk  Mon 10:00–13:00  m1 work     checked in 10:05, checked out early 11:30
 *   S2 desk  Mon 14:00–16:00  m2 work     never checked in: a no-show (not yet marked)
 *   S3 room  Mon 09:30–12:00  trainer     seminar, 12 attendees, borrows 2 projectors
 *   S4 desk  Wed 11:00–13:00  m1 work     checked in 11:10, still there at 12:00
 *   S5 pool  Wed 13:00–15:00  m1 meeting  1 projector, in the future
 *   S6 desk  Wed 09:00–10:00  m2 work     marked no_show by the release job
 *   a room session Wed 14:00–15:00 that was cancelled (never counts)
 * m1 and the trainer belong to organization A, m2 to organization B (m2 only has no-shows).
 *
 * Check-in states are written straight into the occurrences through the app's DataSource: the
 * check-in routes are built on another branch, and these tests only read what they produce.
 */
describe('occupancy, timeline and utilization reports', () => {
  let t: TestApp;
  let w: World;
  let m1: Actor;
  let m2: Actor;
  let trainer: Actor;
  let desk: string;
  let room: string;
  let pool: string;
  const booking: Record<string, { id: string; occurrenceId: string }> = {};
  const DESK_NAME = '=Desk "A", window';

  async function book(token: string, body: Json) {
    const booking = await createBooking(t, token, body);
    return { id: booking.id, occurrenceId: booking.occurrences[0].id };
  }

  async function setSession(occurrenceId: string, changes: Record<string, unknown>) {
    const sets = Object.keys(changes).map((column) => `${column} = ?`);
    await t.query(`UPDATE occurrences SET ${sets.join(', ')} WHERE id = ?`, [
      ...Object.values(changes),
      occurrenceId,
    ]);
  }

  const at = (local: string) => Date.parse(`${local}:00+05:00`);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    const [orgA, orgB] = [randomUUID(), randomUUID()];
    // Organizations have no route yet: created directly.
    for (const [id, name] of [
      [orgA, 'Org A'],
      [orgB, 'Org B'],
    ]) {
      await t.query('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, 0)', [
        id,
        name,
      ]);
    }
    m1 = await createUser(t, w.admin.token, 'member', { organizationId: orgA });
    m2 = await createUser(t, w.admin.token, 'member', { organizationId: orgB });
    trainer = await createUser(t, w.admin.token, 'trainer', { organizationId: orgA });
    const token = w.coordinator.token;
    desk = (await createResource(t, token, w.centerId, { kind: 'desk', name: DESK_NAME })).id;
    room = (
      await createResource(t, token, w.centerId, { kind: 'room', name: 'Hall', capacity: 30 })
    ).id;
    pool = (
      await createResource(t, token, w.centerId, {
        kind: 'equipment',
        name: 'Projectors',
        quantity: 4,
      })
    ).id;
    const closure = await t.request('POST', `/api/v1/centers/${w.centerId}/closures`, {
      token,
      body: { from: '2026-12-08', to: '2026-12-08', reason: 'Constitution Day' },
    });
    expect(closure.status).toBe(201);

    const work = { purpose: 'work', title: 'Work' };
    booking.s1 = await book(m1.token, {
      ...work,
      resourceId: desk,
      start: '2026-12-07T10:00',
      end: '2026-12-07T13:00',
    });
    booking.s2 = await book(m2.token, {
      ...work,
      resourceId: desk,
      start: '2026-12-07T14:00',
      end: '2026-12-07T16:00',
    });
    booking.s3 = await book(trainer.token, {
      resourceId: room,
      start: '2026-12-07T09:30',
      end: '2026-12-07T12:00',
      title: 'Fundraising seminar',
      purpose: 'seminar',
      attendees: 12,
      equipment: [{ resourceId: pool, quantity: 2 }],
    });
    booking.s4 = await book(m1.token, {
      ...work,
      resourceId: desk,
      start: '2026-12-09T11:00',
      end: '2026-12-09T13:00',
    });
    booking.s5 = await book(m1.token, {
      resourceId: pool,
      quantity: 1,
      start: '2026-12-09T13:00',
      end: '2026-12-09T15:00',
      title: 'Partners meeting',
      purpose: 'meeting',
    });
    booking.s6 = await book(m2.token, {
      ...work,
      resourceId: desk,
      start: '2026-12-09T09:00',
      end: '2026-12-09T10:00',
    });
    const cancelled = await book(m1.token, {
      ...work,
      resourceId: room,
      start: '2026-12-09T14:00',
      end: '2026-12-09T15:00',
    });
    expect(
      (await t.request('DELETE', `/api/v1/bookings/${cancelled.id}`, { token: m1.token })).status,
    ).toBe(200);

    await setSession(booking.s1.occurrenceId, {
      status: 'checked_out',
      checked_in_at: at('2026-12-07T10:05'),
      checked_out_at: at('2026-12-07T11:30'),
    });
    await setSession(booking.s4.occurrenceId, {
      status: 'checked_in',
      checked_in_at: at('2026-12-09T11:10'),
    });
    await setSession(booking.s6.occurrenceId, { status: 'no_show' });
    // Every figure below is computed by hand for 12:00 itself (S4 has been used for 50 minutes).
    t.clock.setExactly('2026-12-09T12:00:00+05:00');
  });

  afterAll(() => t.close());

  // ---------------------------------------------------------------------------------------------
  // Occupancy

  async function occupancy(when?: string) {
    const query = when ? `?at=${encodeURIComponent(when)}` : '';
    const response = await t.request('GET', `/api/v1/centers/${w.centerId}/occupancy${query}`, {
      token: w.coordinator.token,
    });
    expect(response.status).toBe(200);
    const byId = new Map<string, any>(response.body.items.map((i: any) => [i.resource.id, i]));
    return {
      at: response.body.at as string,
      desk: byId.get(desk),
      room: byId.get(room),
      pool: byId.get(pool),
    };
  }

  it('shows who is in, who is booked and what is free now', async () => {
    const now = await occupancy();
    expect(now.at).toBe('2026-12-09T12:00:00+05:00');
    expect(now.desk).toMatchObject({
      state: 'occupied',
      occurrence: {
        occurrenceId: booking.s4.occurrenceId,
        bookingId: booking.s4.id,
        title: 'Work',
        owner: { id: m1.id, name: 'Test member' },
        status: 'checked_in',
        checkedInAt: '2026-12-09T11:10:00+05:00',
        checkedOutAt: null,
      },
    });
    expect(now.desk.nextStart).toBeUndefined();
    // The cancelled room session at 14:00 does not show as the next start.
    expect(now.room).toEqual({ resource: expect.objectContaining({ id: room }), state: 'free' });
    expect(now.pool).toMatchObject({
      state: 'free',
      availableQuantity: 4,
      occurrences: [],
      nextStart: '2026-12-09T13:00:00+05:00',
    });
  });

  it('tells booked from no-show around the grace period, and pools by units', async () => {
    expect((await occupancy('2026-12-09T09:10')).desk.state).toBe('booked');
    const released = await occupancy('2026-12-09T09:20');
    expect(released.desk.state).toBe('no_show');
    expect(released.desk.occurrence.status).toBe('no_show');
    expect(released.desk.nextStart).toBe('2026-12-09T11:00:00+05:00');
    const afternoon = await occupancy('2026-12-09T13:30');
    expect(afternoon.desk.state).toBe('free');
    expect(afternoon.pool).toMatchObject({ state: 'booked', availableQuantity: 3 });
    expect(afternoon.pool.occurrences).toEqual([
      expect.objectContaining({ bookingId: booking.s5.id, quantity: 1 }),
    ]);
  });

  it('shows Monday as it was: checked in, checked out early, a lazy no-show, a loan', async () => {
    const morning = await occupancy('2026-12-07T11:00+05:00');
    expect(morning.desk.state).toBe('occupied');
    expect(morning.room).toMatchObject({
      state: 'booked',
      occurrence: { bookingId: booking.s3.id },
    });
    expect(morning.pool).toMatchObject({ state: 'booked', availableQuantity: 2 });
    const afterCheckOut = await occupancy('2026-12-07T11:45');
    expect(afterCheckOut.desk).toMatchObject({
      state: 'free',
      nextStart: '2026-12-07T14:00:00+05:00',
    });
    const noShow = await occupancy('2026-12-07T14:20');
    expect(noShow.desk).toMatchObject({
      state: 'no_show',
      occurrence: { bookingId: booking.s2.id },
    });
  });

  it('shows closed outside opening hours and on a closure day', async () => {
    for (const when of ['2026-12-09T19:00', '2026-12-08T10:00', '2026-12-09T08:59']) {
      const view = await occupancy(when);
      expect([view.desk.state, view.room.state, view.pool.state]).toEqual([
        'closed',
        'closed',
        'closed',
      ]);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Timeline

  it('lists every resource with its sessions of the day', async () => {
    const response = await t.request(
      'GET',
      `/api/v1/centers/${w.centerId}/timeline?date=2026-12-07`,
      { token: w.coordinator.token },
    );
    expect(response.status).toBe(200);
    expect(response.body.date).toBe('2026-12-07');
    expect(response.body.closure).toBeNull();
    expect(response.body.open).toEqual([
      { start: '2026-12-07T09:00:00+05:00', end: '2026-12-07T18:00:00+05:00' },
    ]);
    const byId = new Map<string, any>(
      response.body.items.map((i: any) => [i.resource.id, i.sessions]),
    );
    expect(response.body.items).toHaveLength(3);
    expect(byId.get(desk)).toEqual([
      {
        occurrenceId: booking.s1.occurrenceId,
        bookingId: booking.s1.id,
        start: '2026-12-07T10:00:00+05:00',
        end: '2026-12-07T13:00:00+05:00',
        status: 'checked_out',
        title: 'Work',
        purpose: 'work',
        attendees: null,
        owner: { id: m1.id, name: 'Test member' },
        checkedInAt: '2026-12-07T10:05:00+05:00',
        checkedOutAt: '2026-12-07T11:30:00+05:00',
      },
      expect.objectContaining({ bookingId: booking.s2.id, status: 'no_show', checkedInAt: null }),
    ]);
    expect(byId.get(room)).toEqual([
      expect.objectContaining({ bookingId: booking.s3.id, status: 'booked', attendees: 12 }),
    ]);
    expect(byId.get(pool)).toEqual([
      expect.objectContaining({
        bookingId: booking.s3.id,
        quantity: 2,
        title: 'Fundraising seminar',
      }),
    ]);
  });

  it('shows a closure day, and today by default', async () => {
    const closed = await t.request(
      'GET',
      `/api/v1/centers/${w.centerId}/timeline?date=2026-12-08`,
      {
        token: w.coordinator.token,
      },
    );
    expect(closed.body).toMatchObject({
      date: '2026-12-08',
      open: [],
      closure: 'Constitution Day',
    });
    const today = await t.request('GET', `/api/v1/centers/${w.centerId}/timeline`, {
      token: w.admin.token,
    });
    expect(today.body.date).toBe('2026-12-09');
    const deskSessions = today.body.items.find((i: any) => i.resource.id === desk).sessions;
    expect(deskSessions.map((s: any) => s.status)).toEqual(['no_show', 'checked_in']);
    // The cancelled room session is not on the timeline.
    expect(today.body.items.find((i: any) => i.resource.id === room).sessions).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------
  // Utilization

  const TOTALS = {
    openHours: 108,
    bookedHours: 17.5,
    usedHours: 9.75,
    utilization: 0.162,
    sessions: 6,
    noShows: 2,
    attendees: 15,
    seminars: 1,
    participants: 12,
    uniqueUsers: 2,
    uniqueOrganizations: 1,
  };
  const zero = {
    bookedHours: 0,
    usedHours: 0,
    sessions: 0,
    noShows: 0,
    attendees: 0,
    seminars: 0,
    participants: 0,
    uniqueUsers: 0,
    uniqueOrganizations: 0,
  };
  const closedRow = { openHours: 0, utilization: null, ...zero };

  function expectedRows(groupBy: string): Array<Record<string, unknown>> {
    const desks = {
      openHours: 18,
      bookedHours: 8,
      usedHours: 2.25,
      utilization: 0.4444,
      sessions: 4,
      noShows: 2,
      attendees: 2,
      seminars: 0,
      participants: 0,
      uniqueUsers: 1,
      uniqueOrganizations: 1,
    };
    const projectors = {
      openHours: 72,
      bookedHours: 7,
      usedHours: 5,
      utilization: 0.0972,
      sessions: 2,
      noShows: 0,
      attendees: 13,
      seminars: 1,
      participants: 12,
      uniqueUsers: 2,
      uniqueOrganizations: 1,
    };
    const hall = {
      openHours: 18,
      bookedHours: 2.5,
      usedHours: 2.5,
      utilization: 0.1389,
      sessions: 1,
      noShows: 0,
      attendees: 12,
      seminars: 1,
      participants: 12,
      uniqueUsers: 1,
      uniqueOrganizations: 1,
    };
    switch (groupBy) {
      case 'resource':
        return [
          { key: desk, label: DESK_NAME, ...desks },
          { key: pool, label: 'Projectors', ...projectors },
          { key: room, label: 'Hall', ...hall },
        ];
      case 'kind':
        return [
          { key: 'desk', label: 'Desks', ...desks },
          { key: 'computer', label: 'Computers', ...closedRow },
          { key: 'room', label: 'Rooms', ...hall },
          { key: 'equipment', label: 'Equipment', ...projectors },
        ];
      case 'day':
        return [
          {
            key: '2026-12-07',
            label: 'Mon 7 Dec 2026',
            openHours: 54,
            bookedHours: 12.5,
            usedHours: 8.92,
            utilization: 0.2315,
            sessions: 3,
            noShows: 1,
            attendees: 13,
            seminars: 1,
            participants: 12,
            uniqueUsers: 2,
            uniqueOrganizations: 1,
          },
          { key: '2026-12-08', label: 'Tue 8 Dec 2026', ...closedRow },
          {
            key: '2026-12-09',
            label: 'Wed 9 Dec 2026',
            openHours: 54,
            bookedHours: 5,
            usedHours: 0.83,
            utilization: 0.0926,
            sessions: 3,
            noShows: 1,
            attendees: 2,
            seminars: 0,
            participants: 0,
            uniqueUsers: 1,
            uniqueOrganizations: 1,
          },
        ];
      case 'purpose': {
        const none = { openHours: null, utilization: null };
        return [
          {
            key: 'work',
            label: 'Work',
            ...none,
            bookedHours: 8,
            usedHours: 2.25,
            sessions: 4,
            noShows: 2,
            attendees: 2,
            seminars: 0,
            participants: 0,
            uniqueUsers: 1,
            uniqueOrganizations: 1,
          },
          {
            key: 'seminar',
            label: 'Seminar',
            ...none,
            bookedHours: 7.5,
            usedHours: 7.5,
            sessions: 1,
            noShows: 0,
            attendees: 12,
            seminars: 1,
            participants: 12,
            uniqueUsers: 1,
            uniqueOrganizations: 1,
          },
          {
            key: 'meeting',
            label: 'Meeting',
            ...none,
            bookedHours: 2,
            usedHours: 0,
            sessions: 1,
            noShows: 0,
            attendees: 1,
            seminars: 0,
            participants: 0,
            uniqueUsers: 1,
            uniqueOrganizations: 1,
          },
          { key: 'consultation', label: 'Consultation', ...none, ...zero },
          { key: 'other', label: 'Other', ...none, ...zero },
        ];
      }
      default: {
        // hour: [booked, used, utilization, sessions, noShows, attendees, seminars, users]
        const figures: Record<
          number,
          [number, number, number, number, number, number, number, number]
        > = {
          9: [2.5, 1.5, 0.2083, 2, 1, 12, 1, 1],
          10: [4, 3.92, 0.3333, 2, 0, 13, 1, 2],
          11: [5, 4.33, 0.4167, 3, 0, 14, 1, 2],
          12: [2, 0, 0.1667, 2, 0, 2, 0, 1],
          13: [1, 0, 0.0833, 1, 0, 1, 0, 1],
          14: [2, 0, 0.1667, 2, 1, 1, 0, 1],
          15: [1, 0, 0.0833, 1, 1, 0, 0, 0],
          16: [0, 0, 0, 0, 0, 0, 0, 0],
          17: [0, 0, 0, 0, 0, 0, 0, 0],
        };
        return Array.from({ length: 24 }, (_, h) => {
          const key = String(h).padStart(2, '0');
          const label = `${key}:00–${String((h + 1) % 24).padStart(2, '0')}:00`;
          const f = figures[h];
          if (!f) return { key, label, ...closedRow };
          const [
            bookedHours,
            usedHours,
            utilization,
            sessions,
            noShows,
            attendees,
            seminars,
            users,
          ] = f;
          return {
            key,
            label,
            openHours: 12,
            bookedHours,
            usedHours,
            utilization,
            sessions,
            noShows,
            attendees,
            seminars,
            participants: seminars * 12,
            uniqueUsers: users,
            uniqueOrganizations: users > 0 ? 1 : 0,
          };
        });
      }
    }
  }

  const report = (query: string, token = w.coordinator.token, headers?: Record<string, string>) =>
    t.request('GET', `/api/v1/reports/utilization?${query}`, { token, headers });

  const COLUMNS = [
    'key',
    'label',
    'openHours',
    'bookedHours',
    'usedHours',
    'utilization',
    'sessions',
    'noShows',
    'attendees',
    'seminars',
    'participants',
    'uniqueUsers',
    'uniqueOrganizations',
  ];

  /** RFC 4180 CSV as the report writes it (quoted cells, doubled quotes, CRLF). */
  function parseCsv(text: string): string[][] {
    expect(text.endsWith('\r\n')).toBe(true);
    const rows: string[][] = [];
    let cell = '';
    let row: string[] = [];
    let quoted = false;
    // fetch's text() drops the byte order mark; the bytes are checked separately.
    const body = text.replace(/^\uFEFF/, '');
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (quoted) {
        if (c === '"' && body[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\r' && body[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        [row, cell] = [[], ''];
        i++;
      } else cell += c;
    }
    return rows;
  }

  const csvValue = (value: unknown) =>
    typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value);

  for (const groupBy of ['resource', 'day', 'hour', 'kind', 'purpose']) {
    it(`reports by ${groupBy}, in JSON and in CSV, as computed by hand`, async () => {
      const query = `centerId=${w.centerId}&from=2026-12-07&to=2026-12-09&groupBy=${groupBy}`;
      const json = await report(query);
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({
        centerId: w.centerId,
        from: '2026-12-07',
        to: '2026-12-09',
        groupBy,
      });
      expect(json.body.rows).toEqual(expectedRows(groupBy));
      expect(json.body.totals).toEqual(TOTALS);

      const csv = await report(`${query}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(
        new RegExp(
          `^attachment; filename="makon-utilization-center-[\\w-]+-2026-12-07-to-2026-12-09-by-${groupBy}\\.csv"$`,
        ),
      );
      const lines = parseCsv(csv.body as string);
      expect(lines[0]).toEqual(COLUMNS);
      const expected = [...expectedRows(groupBy), { key: 'total', label: 'Total', ...TOTALS }].map(
        (row) =>
          COLUMNS.map((column) => {
            const value = csvValue(row[column]);
            // A label a spreadsheet would take for a formula is neutralized with an apostrophe.
            return column === 'label' && value.startsWith('=') ? `'${value}` : value;
          }),
      );
      expect(lines.slice(1)).toEqual(expected);
    });
  }

  it('quotes CSV cells as RFC 4180 says and answers CSV to Accept: text/csv', async () => {
    const csv = await report(
      `centerId=${w.centerId}&from=2026-12-07&to=2026-12-09`,
      w.admin.token,
      {
        accept: 'text/csv',
      },
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.body as string).toContain(`,"'=Desk ""A"", window",18,8,2.25,0.4444,`);
    const raw = await fetch(
      `${t.baseUrl}/api/v1/reports/utilization?centerId=${w.centerId}&from=2026-12-07&to=2026-12-09&format=csv`,
      { headers: { authorization: `Bearer ${w.admin.token}` } },
    );
    const bytes = new Uint8Array(await raw.arrayBuffer());
    // A UTF-8 byte order mark, so that spreadsheets read Uzbek and Russian names right.
    expect([...bytes.slice(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x22]);
  });

  // ---------------------------------------------------------------------------------------------
  // Access and validation

  it('is for the center’s staff only', async () => {
    const paths = [
      `/api/v1/centers/${w.centerId}/occupancy`,
      `/api/v1/centers/${w.centerId}/timeline`,
      `/api/v1/reports/utilization?centerId=${w.centerId}&from=2026-12-07&to=2026-12-09`,
    ];
    for (const path of paths) {
      for (const actor of [m1, trainer, w.otherCoordinator]) {
        const response = await t.request('GET', path, { token: actor.token });
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
      expect((await t.request('GET', path, { token: w.admin.token })).status).toBe(200);
    }
    const missing = randomUUID();
    for (const path of [
      `/api/v1/centers/${missing}/occupancy`,
      `/api/v1/centers/${missing}/timeline`,
      `/api/v1/reports/utilization?centerId=${missing}&from=2026-12-07&to=2026-12-09`,
    ]) {
      expect((await t.request('GET', path, { token: w.otherCoordinator.token })).status).toBe(404);
    }
  });

  it('reports on the whole network for admins, and asks coordinators for a center', async () => {
    const network = await report('from=2026-12-07&to=2026-12-09', w.admin.token);
    expect(network.status).toBe(200);
    expect(network.body.centerId).toBeNull();
    // The other center has no resources: the network's figures are this center's.
    expect(network.body.totals).toEqual(TOTALS);
    expect(network.body.rows.map((r: any) => r.label)).toEqual([
      `Test center: ${DESK_NAME}`,
      'Test center: Projectors',
      'Test center: Hall',
    ]);
    const csv = await report('from=2026-12-07&to=2026-12-09&format=csv', w.admin.token);
    expect(csv.headers.get('content-disposition')).toContain('makon-utilization-network-');
    const coordinator = await report('from=2026-12-07&to=2026-12-09');
    expect(coordinator.status).toBe(400);
    expect(coordinator.body.details).toEqual([{ field: 'centerId', message: expect.any(String) }]);
  });

  it('refuses bad dates, reversed and overlong ranges and unknown options', async () => {
    const center = `centerId=${w.centerId}`;
    for (const query of [
      `${center}&from=2026-12-07`,
      `${center}&from=2026-02-30&to=2026-03-01`,
      `${center}&from=2026-12-09&to=2026-12-07`,
      `${center}&from=2026-01-01&to=2027-01-02`,
      `${center}&from=2026-12-07&to=2026-12-09&groupBy=week`,
      `${center}&from=2026-12-07&to=2026-12-09&format=xlsx`,
    ]) {
      const response = await report(query);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await report(`${center}&from=2026-01-01&to=2027-01-01`)).status).toBe(200);
    const badAt = await t.request(
      'GET',
      `/api/v1/centers/${w.centerId}/occupancy?at=2026-12-09T10:00:30`,
      {
        token: w.coordinator.token,
      },
    );
    expect(badAt.status).toBe(400);
    const badDate = await t.request(
      'GET',
      `/api/v1/centers/${w.centerId}/timeline?date=2026-13-01`,
      {
        token: w.coordinator.token,
      },
    );
    expect(badDate.status).toBe(400);
  });

  // Last: its center's resources would change the network's figures above.
  it('quotes every text cell and neutralizes formula-like names in the CSV (issue 14)', async () => {
    const center = await createCenter(t, w.admin.token);
    const names = [
      'a;=1+1;b',
      ' =1+1',
      '\t=1',
      '-2+3',
      '@SUM(1)',
      'say "hi",\r\nbye',
      'Plain; desk',
    ];
    const ids: string[] = [];
    for (const name of names)
      ids.push((await createResource(t, w.admin.token, center.id, { name })).id);
    const csv = await report(
      `centerId=${center.id}&from=2026-12-07&to=2026-12-09&format=csv`,
      w.admin.token,
    );
    expect(csv.status).toBe(200);
    const text = csv.body as string;
    // Each name is one quoted cell: no `,` or `;` inside it can start a cell of its own.
    for (const cell of [
      '"a;=1+1;b"',
      `"' =1+1"`,
      `"'\t=1"`,
      `"'-2+3"`,
      `"'@SUM(1)"`,
      `"say ""hi"",\r\nbye"`,
      `"Plain; desk"`,
    ]) {
      expect(text).toContain(`,${cell},`);
    }
    const lines = parseCsv(text);
    expect(lines[0]).toEqual(COLUMNS);
    const labels = new Map(lines.slice(1).map((line) => [line[0], line[1]]));
    expect(ids.map((id) => labels.get(id))).toEqual([
      'a;=1+1;b',
      "' =1+1",
      "'\t=1",
      "'-2+3",
      "'@SUM(1)",
      'say "hi",\r\nbye',
      'Plain; desk',
    ]);
    // Figures stay plain numbers; every text cell, the header's included, is quoted.
    const raw = text.replace(/^\uFEFF/, '');
    expect(raw.startsWith('"key","label","openHours",')).toBe(true);
    expect(raw).toMatch(/\r\n"total","Total",\d+(\.\d+)?,0,0,0,0,0,0,0,0,0,0\r\n$/);
  });
});
