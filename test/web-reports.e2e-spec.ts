import { formatNumber } from '../src/web/shared/format';
import { startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';
import { createBooking, createResource, createWorld, Json, World } from './support/world';

/**
 * The reports page shows what GET /api/v1/reports/utilization answers for the same period, and
 * its CSV download is the API's CSV. A few past sessions: a checked-in desk session, a no-show,
 * a seminar in the room; the report is read a week later.
 */
describe('reports pages', () => {
  let t: TestApp;
  let w: World;
  let web: WebClient;

  const book = async (token: string, body: Json) =>
    (await createBooking(t, token, body)).occurrences[0].id;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    const token = w.coordinator.token;
    const desk = await createResource(t, token, w.centerId, { kind: 'desk', name: 'Window desk' });
    const room = await createResource(t, token, w.centerId, {
      kind: 'room',
      name: 'Hall',
      capacity: 30,
    });
    const work = { purpose: 'work', title: 'Work' };
    const checkedIn = await book(w.member.token, {
      ...work,
      resourceId: desk.id,
      start: '2026-12-02T10:00',
      end: '2026-12-02T13:00',
    });
    await book(w.otherMember.token, {
      ...work,
      resourceId: desk.id,
      start: '2026-12-03T14:00',
      end: '2026-12-03T16:00',
    });
    await book(w.trainer.token, {
      resourceId: room.id,
      start: '2026-12-02T09:30',
      end: '2026-12-02T12:00',
      title: 'Fundraising seminar',
      purpose: 'seminar',
      attendees: 12,
    });
    t.clock.set('2026-12-02T10:05:00+05:00');
    const checkIn = await t.request('POST', `/api/v1/occurrences/${checkedIn}/check-in`, {
      token: w.member.token,
    });
    expect(checkIn.status).toBe(200);
    t.clock.set('2026-12-10T12:00:00+05:00');
    await WebClient.withToken(t.baseUrl, token).post('/lang', { locale: 'en' });
  });

  beforeEach(() => {
    web = WebClient.withToken(t.baseUrl, w.coordinator.token);
  });

  afterAll(() => t.close());

  const api = async (query: string) =>
    (
      await t.request('GET', `/api/v1/reports/utilization?centerId=${w.centerId}&${query}`, {
        token: w.coordinator.token,
      })
    ).body as { totals: Record<string, number | null>; rows: Array<Record<string, any>> };

  /** Hours as the page writes them: hours and minutes ("5 h 30 min"). */
  const hours = (value: number | null) => {
    if (value === null) return '';
    const minutes = Math.round(value * 60);
    const [h, m] = [Math.floor(minutes / 60), minutes % 60];
    if (m === 0) return `${formatNumber(h, 'en')} h`;
    return h === 0 ? `${m} min` : `${formatNumber(h, 'en')} h ${m} min`;
  };

  /** The text of the `data-figure` cell or figure named `figure` in `part` of the page. */
  function figure(part: string, name: string): string {
    const match = new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(part);
    if (!match) throw new Error(`no figure ${name}`);
    return match[1].trim();
  }

  it('shows the current month by default, with the figures the API gives', async () => {
    const page = await web.get('/admin/reports');
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="2026-12-01"');
    expect(page.text).toContain('value="2026-12-31"');
    const report = await api('from=2026-12-01&to=2026-12-31');
    const totals = page.text.slice(page.text.indexOf('id="totals"'));
    expect(report.totals.sessions).toBe(3);
    expect(report.totals.noShows).toBe(1);
    // No percentage or open hours for all kinds together: each kind has its own.
    expect(totals.slice(0, totals.indexOf('</dl>'))).not.toContain('data-figure="utilization"');
    const byKind = await api('from=2026-12-01&to=2026-12-31&groupBy=kind');
    for (const kind of ['desk', 'room']) {
      const row = byKind.rows.find((r) => r.key === kind)!;
      const card = page.text.slice(page.text.indexOf(`<li data-kind="${kind}"`));
      expect(figure(card, 'utilization')).toBe(`${Math.round(row.utilization * 1000) / 10}%`);
      expect(card.slice(0, card.indexOf('</li>'))).toContain(
        `Booked ${hours(row.bookedHours)} of ${hours(row.openHours)} open`,
      );
    }
    expect(page.text).not.toContain('<li data-kind="computer"');
    expect(figure(totals, 'sessions')).toBe('3');
    expect(figure(totals, 'noShows')).toBe('1');
    expect(figure(totals, 'noShowRate')).toBe('33.3%');
    expect(page.text).toContain(
      `Seminar sessions: ${report.totals.seminars}. Participants: ${report.totals.participants}.`,
    );
    expect(page.text).toContain(
      `People served: ${report.totals.uniqueUsers}. Organizations served: ${report.totals.uniqueOrganizations}.`,
    );
  });

  it('shows the same rows as the API for a chosen period: by resource, day and purpose', async () => {
    const page = await web.get(`/admin/reports?center=${w.centerId}&from=2026-12-01&to=2026-12-07`);
    expect(page.status).toBe(200);
    for (const [groupBy, id] of [
      ['resource', 'by-resource'],
      ['day', 'by-day'],
      ['purpose', 'by-purpose'],
    ]) {
      const report = await api(`from=2026-12-01&to=2026-12-07&groupBy=${groupBy}`);
      const table = page.text.slice(page.text.indexOf(`<table id="${id}"`));
      const body = table.slice(0, table.indexOf('</tbody>'));
      const rows = body.split('<tr>').slice(2);
      expect(rows).toHaveLength(report.rows.length);
      report.rows.forEach((row, i) => {
        expect(figure(rows[i], 'bookedHours')).toBe(hours(row.bookedHours));
        expect(figure(rows[i], 'sessions')).toBe(String(row.sessions));
      });
      const foot = table.slice(table.indexOf('<tfoot>'));
      expect(figure(foot, 'bookedHours')).toBe(hours(report.totals.bookedHours));
    }
  });

  it('draws accessible charts, each with its numbers in a table', async () => {
    const page = await web.get(`/admin/reports?from=2026-12-01&to=2026-12-07`);
    // The charts (the header's bell is a decorative icon, hidden from screen readers).
    const svgs = (page.text.match(/<svg[^>]*>/g) ?? []).filter(
      (svg) => !svg.includes('aria-hidden="true"'),
    );
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-label="[^"]{20,}"/);
    }
    expect(page.text).toContain(
      'aria-label="Bar chart of booked hours by day, Tue 1 Dec to Mon 7 Dec: 7.5 hours in all, most on Wed 2 Dec with 5.5 hours."',
    );
    expect(page.text).toContain('Heat map of booked hours by weekday and hour of the day');
    expect(page.text).toContain('<table id="by-day"');
    expect(page.text).toContain('<table id="by-weekday-hour"');
    // Wednesday 10:00–11:00: the desk and the room both booked.
    const heat = page.text.slice(page.text.indexOf('<table id="by-weekday-hour"'));
    const ten = heat.slice(heat.indexOf('<th scope="row">10:00</th>'));
    const cells = ten
      .split('<td class="num">')
      .slice(1, 7)
      .map((c) => c.split('<')[0].trim());
    // Monday to Saturday: the center's opening days (closed on Sunday, nothing booked then).
    expect(cells).toEqual(['0', '0', '2', '0', '0', '0']);
    expect(heat.slice(0, heat.indexOf('</thead>'))).not.toContain('>Sun<');
  });

  it('shows a long period by week, each week the service’s totals, and stays light', async () => {
    const page = await web.get('/admin/reports?from=2026-01-01&to=2026-12-31');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Utilization by week');
    expect(page.text).toContain('Periods longer than 62 days are shown by week.');
    expect(page.text).toContain('The weekday and hour chart covers periods of up to 62 days.');
    const table = page.text.slice(page.text.indexOf('<table id="by-day"'));
    const rows = table.slice(0, table.indexOf('</tbody>')).split('<tr>').slice(2);
    expect(rows).toHaveLength(53);
    // The week of 26 November – 2 December holds the session of the 2nd.
    const week = await api('from=2026-11-26&to=2026-12-02');
    const shown = rows.find((row) => row.includes('Thu 26 Nov – Wed 2 Dec'))!;
    expect(figure(shown, 'bookedHours')).toBe(hours(week.totals.bookedHours));
    expect(figure(shown, 'sessions')).toBe(String(week.totals.sessions));
    expect(Buffer.byteLength(page.text)).toBeLessThan(80 * 1024);
  });

  it('shows a wrong period again with the reason', async () => {
    const page = await web.get(`/admin/reports?from=2026-12-10&to=2026-12-01`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('The report could not be made.');
    expect(page.text).toContain('To: must not be before “From”');
    expect(page.text).not.toContain('must not be before from');
    expect(page.text).toContain('value="2026-12-10"');
  });

  it('downloads the CSV the API gives, with a file name', async () => {
    for (const groupBy of ['resource', 'day', 'purpose']) {
      const query = `from=2026-12-01&to=2026-12-31&groupBy=${groupBy}`;
      const csv = await fetch(`${t.baseUrl}/admin/reports.csv?center=${w.centerId}&${query}`, {
        headers: { cookie: `makon_session=${w.coordinator.token}` },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const fromApi = await fetch(
        `${t.baseUrl}/api/v1/reports/utilization?centerId=${w.centerId}&${query}&format=csv`,
        { headers: { authorization: `Bearer ${w.coordinator.token}` } },
      );
      expect(csv.headers.get('content-disposition')).toBe(
        fromApi.headers.get('content-disposition'),
      );
      expect(csv.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="makon-utilization-.*-by-${groupBy}\\.csv"$`),
      );
      expect(Buffer.from(await csv.arrayBuffer())).toEqual(
        Buffer.from(await fromApi.arrayBuffer()),
      );
    }
  });

  it('refuses a coordinator of another center, and shows admins the network with a comparison', async () => {
    const other = WebClient.withToken(t.baseUrl, w.otherCoordinator.token);
    expect((await other.get(`/admin/reports?center=${w.centerId}`)).status).toBe(403);
    const csv = await other.get(`/admin/reports.csv?center=${w.centerId}`);
    expect(csv.status).toBe(403);
    expect(
      (await WebClient.withToken(t.baseUrl, w.member.token).get('/admin/reports')).status,
    ).toBe(403);

    const admin = WebClient.withToken(t.baseUrl, w.admin.token);
    const network = await admin.get('/admin/reports?center=all&from=2026-12-01&to=2026-12-31');
    expect(network.status).toBe(200);
    expect(network.text).toContain('<table id="compare"');
    const all = (
      await t.request('GET', '/api/v1/reports/utilization?from=2026-12-01&to=2026-12-31', {
        token: w.admin.token,
      })
    ).body as { totals: { sessions: number } };
    const totals = network.text.slice(network.text.indexOf('id="totals"'));
    expect(figure(totals, 'sessions')).toBe(String(all.totals.sessions));
  });
});
