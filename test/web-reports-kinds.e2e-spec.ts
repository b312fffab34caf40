import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createBooking, createResource, createWorld, Json, World } from './support/world';

/**
 * Donor-ready reports: utilization of each kind in its own unit, checked against figures
 * computed by hand; the people's CSV read back as a spreadsheet reads it; the printable monthly
 * summary. The center opens Monday to Saturday 09:00–18:00 (9 hours), closed on Sunday.
 *
 * Week of 7–12 December 2026: 6 open days, 54 hours for each unit.
 * - Desks (2): 54 × 2 = 108 place-hours open; booked 3 + 2 (a no-show) + 1.5 = 6.5.
 * - Room (1): 54 room-hours open; a seminar 09:30–12:00 = 2.5.
 * - Projectors (a pool of 3): 162 unit-hours open; 2 units lent to the seminar (2 × 2.5 = 5)
 *   and 1 unit for 2 hours = 7.
 */
describe('reports per kind, the people’s CSV and the monthly summary', () => {
  let t: TestApp;
  let w: World;

  const DESK_A = 'Стол у окна; "VIP"';
  const DESK_B = 'Oʻquv stoli, gʻarbiy';
  const ROOM = 'Zal "Ilm"';
  const POOL = 'Проекторы';
  let deskA: string;

  const book = async (token: string, body: Json) =>
    (await createBooking(t, token, body)).occurrences[0].id;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:07.431+05:00' });
    w = await createWorld(t);
    const token = w.coordinator.token;
    deskA = (await createResource(t, token, w.centerId, { kind: 'desk', name: DESK_A })).id;
    const deskB = (await createResource(t, token, w.centerId, { kind: 'desk', name: DESK_B })).id;
    const room = (
      await createResource(t, token, w.centerId, { kind: 'room', name: ROOM, capacity: 20 })
    ).id;
    const pool = (
      await createResource(t, token, w.centerId, { kind: 'equipment', name: POOL, quantity: 3 })
    ).id;
    const work = { purpose: 'work', title: 'Work' };
    const first = await book(w.member.token, {
      ...work,
      resourceId: deskA,
      start: '2026-12-07T10:00',
      end: '2026-12-07T13:00',
    });
    await book(w.otherMember.token, {
      ...work,
      resourceId: deskB,
      start: '2026-12-08T14:00',
      end: '2026-12-08T16:00',
    });
    const third = await book(w.member.token, {
      ...work,
      resourceId: deskA,
      start: '2026-12-09T09:00',
      end: '2026-12-09T10:30',
    });
    await book(w.trainer.token, {
      resourceId: room,
      start: '2026-12-07T09:30',
      end: '2026-12-07T12:00',
      title: 'Seminar',
      purpose: 'seminar',
      attendees: 15,
      equipment: [{ resourceId: pool, quantity: 2 }],
    });
    await book(w.member.token, {
      resourceId: pool,
      quantity: 1,
      start: '2026-12-10T13:00',
      end: '2026-12-10T15:00',
      title: 'Partners',
      purpose: 'meeting',
    });
    for (const [id, at] of [
      [first, '2026-12-07T10:00:00+05:00'],
      [third, '2026-12-09T09:00:00+05:00'],
    ]) {
      t.clock.set(at);
      const checkIn = await t.request('POST', `/api/v1/occurrences/${id}/check-in`, {
        token: w.member.token,
      });
      expect(checkIn.status).toBe(200);
    }
    t.clock.set('2026-12-14T12:00:03.217+05:00');
  });

  afterAll(() => t.close());

  const web = () => WebClient.withToken(t.baseUrl, w.coordinator.token);
  const speak = async (locale: string) => {
    const answer = await web().post('/lang', { locale });
    expect(answer.status).toBe(303);
  };
  const WEEK = 'from=2026-12-07&to=2026-12-12';

  it('counts each kind in its own unit, as computed by hand', async () => {
    const answer = await t.request(
      'GET',
      `/api/v1/reports/utilization?centerId=${w.centerId}&${WEEK}&groupBy=kind`,
      { token: w.coordinator.token },
    );
    const rows = (answer.body as { rows: Array<Record<string, any>> }).rows;
    const kind = (key: string) => rows.find((r) => r.key === key)!;
    expect(kind('desk')).toMatchObject({
      openHours: 108,
      bookedHours: 6.5,
      utilization: Math.round((6.5 / 108) * 10_000) / 10_000,
      sessions: 3,
      noShows: 1,
    });
    expect(kind('room')).toMatchObject({
      openHours: 54,
      bookedHours: 2.5,
      usedHours: 2.5,
      utilization: Math.round((2.5 / 54) * 10_000) / 10_000,
    });
    expect(kind('equipment')).toMatchObject({
      openHours: 162,
      bookedHours: 7,
      usedHours: 7,
      utilization: Math.round((7 / 162) * 10_000) / 10_000,
    });
    expect(kind('computer')).toMatchObject({ openHours: 0, sessions: 0 });

    await speak('en');
    const page = await web().get(`/admin/reports?center=${w.centerId}&${WEEK}`);
    expect(page.status).toBe(200);
    const card = (key: string) => {
      const start = page.text.indexOf(`<li data-kind="${key}"`);
      expect(start).toBeGreaterThan(0);
      return page.text.slice(start, page.text.indexOf('</li>', start)).replace(/\s+/g, ' ');
    };
    // 6.5 / 108 = 6.02 %, 2.5 / 54 = 4.63 %, 7 / 162 = 4.32 %.
    expect(card('desk')).toContain('6%');
    expect(card('desk')).toContain('Booked 6 h 30 min of 108 h open (place-hours)');
    expect(card('room')).toContain('4.6%');
    expect(card('room')).toContain('Booked 2 h 30 min of 54 h open (room-hours)');
    expect(card('equipment')).toContain('4.3%');
    expect(card('equipment')).toContain('Booked 7 h of 162 h open (unit-hours)');
    expect(page.text).not.toContain('<li data-kind="computer"');
    // No percentage for all kinds added together.
    const totals = page.text.slice(page.text.indexOf('id="totals"'));
    expect(totals.slice(0, totals.indexOf('</dl>'))).not.toContain('utilization');

    await speak('ru');
    const ru = (await web().get(`/admin/reports?center=${w.centerId}&${WEEK}`)).text;
    expect(ru.replace(/\s+/g, ' ')).toContain('Забронировано 6 ч 30 мин из 108 ч (место-часы)');
    await speak('uz');
    const uz = (await web().get(`/admin/reports?center=${w.centerId}&${WEEK}`)).text;
    expect(uz.replace(/\s+/g, ' ')).toContain('108 soat dan 6 soat 30 daqiqa bron qilingan');
  });

  it('offers the presets and the export beside the period, and stays light', async () => {
    await speak('en');
    const page = await web().get(`/admin/reports?center=${w.centerId}`);
    expect(page.status).toBe(200);
    const link = (label: string) => {
      const match = new RegExp(`href="([^"]*)"[^>]*>${label}<`).exec(
        page.text.replace(/\s*\n\s*/g, ''),
      );
      expect(match).not.toBeNull();
      return match![1].replace(/&amp;/g, '&');
    };
    expect(link('This month')).toContain('from=2026-12-01&to=2026-12-31');
    expect(link('Last month')).toContain('from=2026-11-01&to=2026-11-30');
    expect(link('This quarter')).toContain('from=2026-10-01&to=2026-12-31');
    expect(link('This year')).toContain('from=2026-01-01&to=2026-12-31');
    expect(page.text).toMatch(
      /href="\/admin\/reports\?[^"]*from=2026-12-01&amp;to=2026-12-31"\s*aria-current="true"/,
    );
    expect(link('Export as CSV')).toBe(
      `/admin/reports/export.csv?center=${w.centerId}&from=2026-12-01&to=2026-12-31`,
    );
    expect(link('Monthly summary for printing')).toBe(
      `/admin/reports/summary?center=${w.centerId}&month=2026-12`,
    );
    expect(Buffer.byteLength(page.text)).toBeLessThan(100 * 1024);
  });

  /** The CSV as a spreadsheet reads it: the BOM, then cells split by `separator`, quotes honoured. */
  function readSpreadsheet(bytes: Buffer, separator: string): string[][] {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(3),
    );
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === separator) {
        row.push(cell);
        cell = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += c;
    }
    expect(quoted).toBe(false);
    expect(row).toEqual([]);
    return rows;
  }

  async function download(locale: string) {
    await speak(locale);
    const answer = await fetch(
      `${t.baseUrl}/admin/reports/export.csv?center=${w.centerId}&${WEEK}`,
      { headers: { cookie: `makon_session=${w.coordinator.token}` } },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="makon-report-[A-Za-z0-9_-]+-2026-12-07-2026-12-12\.csv"$/,
    );
    return Buffer.from(await answer.arrayBuffer());
  }

  it('exports a CSV for people in Russian: `;`, decimal commas, dates, Cyrillic intact', async () => {
    const rows = readSpreadsheet(await download('ru'), ';');
    expect(rows[0]).toEqual([
      'Центр',
      'Тип',
      'Ресурс',
      'Единица счёта',
      'Часы работы',
      'Забронировано часов',
      'Использовано часов',
      'Загрузка',
      'Занятия',
      'Неявки',
      'Доля неявок',
      'Участники',
      'Обслужено людей',
      'Обслужено организаций',
      'С',
      'По',
      'ID ресурса',
    ]);
    expect(rows.every((r) => r.length === 17)).toBe(true);
    const desk = rows.find((r) => r[2] === DESK_A)!;
    // 4.5 of 54 place-hours: 8.33 %. Both check-ins came at the clock's odd seconds past the
    // start, so the hours used fall short of 4.5 by twice that offset (to the hundredth).
    const used = Math.round((4.5 - (2 * t.clock.offsetMs) / 3_600_000) * 100) / 100;
    expect(desk).toEqual([
      'Test center',
      'Столы',
      DESK_A,
      'место-часы',
      '54',
      '4,5',
      String(used).replace('.', ','),
      '8,3%',
      '2',
      '0',
      '0%',
      '2',
      '1',
      '0',
      '07.12.2026',
      '12.12.2026',
      deskA,
    ]);
    const other = rows.find((r) => r[2] === DESK_B)!;
    expect(other.slice(5, 11)).toEqual(['2', '0', '3,7%', '1', '1', '100%']);
    expect(rows.find((r) => r[2] === POOL)!.slice(3, 8)).toEqual([
      'часы единиц',
      '162',
      '7',
      '7',
      '4,3%',
    ]);
    // The kinds' totals, each in its own unit, after the resources.
    const totals = rows.filter((r) => r[2] === 'Итого');
    expect(totals.map((r) => [r[1], r[3], r[4], r[5], r[7]])).toEqual([
      ['Столы', 'место-часы', '108', '6,5', '6%'],
      ['Помещения', 'часы помещений', '54', '2,5', '4,6%'],
      ['Оборудование', 'часы единиц', '162', '7', '4,3%'],
    ]);
    expect(rows.indexOf(totals[0])).toBeGreaterThan(rows.indexOf(desk));
  });

  it('exports it in Uzbek with `;` and in English with `,`, names with separators quoted', async () => {
    const uz = readSpreadsheet(await download('uz'), ';');
    expect(uz[0].slice(0, 4)).toEqual(['Markaz', 'Turi', 'Resurs', 'Hisob birligi']);
    const desk = uz.find((r) => r[2] === DESK_B)!;
    expect(desk.slice(1, 4)).toEqual(['Stollar', DESK_B, 'joy-soat']);
    expect(desk[2]).toContain('\u02BB');
    expect(desk[14]).toBe('07.12.2026');

    const bytes = await download('en');
    const en = readSpreadsheet(bytes, ',');
    expect(en[0].slice(0, 5)).toEqual(['Center', 'Kind', 'Resource', 'Counted in', 'Open hours']);
    const room = en.find((r) => r[2] === ROOM)!;
    expect(room.slice(1, 8)).toEqual(['Rooms', ROOM, 'room-hours', '54', '2.5', '2.5', '4.6%']);
    expect(room[14]).toBe('07/12/2026');
    expect(en.find((r) => r[2] === DESK_A)![7]).toBe('8.3%');
    // The raw text: quotes doubled, a name with `,` quoted for the comma-separated file.
    const raw = bytes.toString('utf8');
    expect(raw).toContain('"Стол у окна; ""VIP"""');
    expect(raw).toContain('"Oʻquv stoli, gʻarbiy"');
  });

  it('prints one center’s month: each kind, rates and the most booked resources', async () => {
    await speak('en');
    const page = await web().get(`/admin/reports/summary?center=${w.centerId}&month=2026-12`);
    expect(page.status).toBe(200);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain('Monthly summary: Test center, December 2026');
    // December 2026: 27 open days of 9 hours = 243 hours per unit.
    const kind = (key: string) => {
      const start = text.indexOf(`<tr data-kind="${key}">`);
      expect(start).toBeGreaterThan(0);
      return text.slice(start, text.indexOf('</tr>', start));
    };
    expect(kind('desk')).toContain('486 h');
    expect(kind('desk')).toContain('6 h 30 min');
    expect(kind('desk')).toContain('1.3%'); // 6.5 / 486
    expect(kind('room')).toContain('243 h');
    expect(kind('room')).toContain('1%'); // 2.5 / 243 = 1.03 %
    expect(kind('equipment')).toContain('729 h');
    expect(kind('equipment')).toContain('1%'); // 7 / 729 = 0.96 %
    expect(text).toMatch(/data-figure="sessions">5</);
    expect(text).toMatch(/data-figure="checkInRate">66.7%</);
    expect(text).toMatch(/data-figure="noShowRate">33.3%</);
    expect(text).toMatch(/data-figure="participants">15</);
    const top = text.slice(text.indexOf('<ol id="summary-top">'), text.indexOf('</ol>'));
    const names = [...top.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]);
    expect(names).toEqual([POOL, 'Стол у окна; &quot;VIP&quot;', 'Zal &quot;Ilm&quot;', DESK_B]);
    expect(page.text).toContain('class="print-summary"');
    expect(Buffer.byteLength(page.text)).toBeLessThan(100 * 1024);

    await speak('ru');
    const ru = (await web().get(`/admin/reports/summary?center=${w.centerId}&month=2026-12`)).text;
    expect(ru.replace(/\s+/g, ' ')).toContain('Сводка за месяц: Test center, декабрь 2026');
    expect(ru).toContain('Доля неявок (столы и компьютеры)');
    await speak('uz');
    const uz = (await web().get(`/admin/reports/summary?center=${w.centerId}&month=2026-12`)).text;
    expect(uz.replace(/\s+/g, ' ')).toContain('Oylik hisobot: Test center, 2026-yil, dekabr');
  });

  it('refuses a month that is no month, and a coordinator of another center', async () => {
    await speak('en');
    const bad = await web().get(`/admin/reports/summary?center=${w.centerId}&month=2026-13`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Month: must be a real month');
    const other = WebClient.withToken(t.baseUrl, w.otherCoordinator.token);
    expect((await other.get(`/admin/reports/summary?center=${w.centerId}`)).status).toBe(403);
    expect((await other.get(`/admin/reports/export.csv?center=${w.centerId}`)).status).toBe(403);
    const member = WebClient.withToken(t.baseUrl, w.member.token);
    expect((await member.get('/admin/reports/summary')).status).toBe(403);
    expect((await member.get('/admin/reports/export.csv')).status).toBe(403);
  });
});
