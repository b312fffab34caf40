import { getMetadataStorage } from 'class-validator';
import { seedDemo } from '../seeds/demo';
import { DEMO_CENTERS, DEMO_HOLIDAYS, DEMO_PASSWORD } from '../seeds/demo-data';
import { dtoClassesOf } from '../src/common/openapi-from-validation';
import { WriteTransactions } from '../src/database/write-transactions';
import {
  calendarConflicts,
  DEFAULT_POLICY,
  exclusiveClashes,
  MINUTE_MS,
  peakUse,
  wallToInstant,
} from '../src/scheduling';
import { assertSessionCopies, startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';

const TABLES = [
  'organizations',
  'users',
  'user_centers',
  'centers',
  'closures',
  'resources',
  'bookings',
  'occurrences',
  'allocations',
  'audit_entries',
];

/** A Wednesday, not a holiday, in the middle of a working day, on no whole minute. */
const DEMO_NOW = '2026-12-02T11:37:23.456+05:00';
const ZONE = 'Asia/Tashkent';
const TODAY_START = wallToInstant('2026-12-02T00:00', ZONE);
const TOMORROW_START = wallToInstant('2026-12-03T00:00', ZONE);
const GRACE_MS = DEFAULT_POLICY.checkInGraceMinutes * MINUTE_MS;

describe('the demo seed (SEED=demo)', () => {
  let t: TestApp;
  let now: number;

  beforeAll(async () => {
    t = await startTestApp({ now: DEMO_NOW, env: { SEED: 'demo' } });
    now = t.clock.now();
  });

  afterAll(() => t.close());

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => {
          const [{ n }] = await t.query(`SELECT COUNT(*) AS n FROM ${table}`);
          return [table, Number(n)];
        }),
      ),
    );

  /** Sessions with their booking, resource and center, one row each. */
  const sessions = () =>
    t.query<{
      slug: string;
      kind: string;
      resourceId: string;
      checkInRequired: boolean | number;
      approval: boolean | number;
      start: number;
      end: number;
      status: string;
      checkedInAt: number | null;
      checkedOutAt: number | null;
      bookingStatus: string;
      purpose: string;
      rule: string | null;
      equipment: string;
      attendees: number | null;
      ownerId: string;
      organizationId: string | null;
      createdAt: number;
    }>(
      `SELECT c.slug, r.kind, r.id AS "resourceId", r.check_in_required AS "checkInRequired",
              r.requires_approval AS approval, o.start_ms AS start, o.end_ms AS "end", o.status,
              o.checked_in_at AS "checkedInAt", o.checked_out_at AS "checkedOutAt",
              b.status AS "bookingStatus", b.purpose, b.rrule AS rule, b.equipment, b.attendees,
              b.owner_id AS "ownerId", u.organization_id AS "organizationId",
              b.created_at AS "createdAt"
         FROM occurrences o JOIN bookings b ON b.id = o.booking_id
         JOIN resources r ON r.id = b.resource_id JOIN centers c ON c.id = b.center_id
         JOIN users u ON u.id = b.owner_id`,
    );

  it('loads the five centers in Asia/Tashkent with Uzbekistan’s fixed-date holidays', async () => {
    const token = await t.login('member@makon.example', DEMO_PASSWORD);
    const centers = await t.request('GET', '/api/v1/centers', { token });
    expect(centers.body.items.map((c: { slug: string }) => c.slug).sort()).toEqual(
      DEMO_CENTERS.map((c) => c.slug).sort(),
    );
    expect(new Set(centers.body.items.map((c: { timezone: string }) => c.timezone))).toEqual(
      new Set(['Asia/Tashkent']),
    );
    const kokand = centers.body.items.find((c: { slug: string }) => c.slug === 'kokand');
    const closures = await t.request('GET', `/api/v1/centers/${kokand.id}/closures`, { token });
    expect(
      closures.body.items.map(
        (c: { from: string; yearly: boolean }) => `${c.from.slice(5)} ${c.yearly}`,
      ),
    ).toEqual([
      '01-01 true',
      '03-08 true',
      '03-21 true',
      '05-09 true',
      '09-01 true',
      '10-01 true',
      '12-08 true',
    ]);
    // The API's closures keep their contract: `reason`, no names by language.
    expect(Object.keys(closures.body.items[0]).sort()).toEqual(
      ['centerId', 'from', 'id', 'reason', 'to', 'yearly'].sort(),
    );
    const accessible = await t.request(
      'GET',
      `/api/v1/centers/${kokand.id}/resources?feature=wheelchair_accessible`,
      { token },
    );
    expect(accessible.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'desk',
      'room',
    ]);
  });

  it('has a demo user of every role who can sign in', async () => {
    for (const [email, role] of [
      ['admin@makon.example', 'admin'],
      ['coordinator.kokand@makon.example', 'coordinator'],
      ['trainer@makon.example', 'trainer'],
      ['trainer2@makon.example', 'trainer'],
      ['member@makon.example', 'member'],
      ['dilnoza.karimova@makon.example', 'member'],
    ]) {
      const token = await t.login(email, DEMO_PASSWORD);
      const me = await t.request('GET', '/api/v1/users/me', { token });
      expect(me.body.role).toBe(role);
    }
  });

  it('writes eight weeks of history and two weeks ahead in every center, Tashkent the busiest', async () => {
    const rows = await sessions();
    const bySlug = new Map<string, typeof rows>();
    for (const row of rows) bySlug.set(row.slug, [...(bySlug.get(row.slug) ?? []), row]);
    expect([...bySlug.keys()].sort()).toEqual(DEMO_CENTERS.map((c) => c.slug).sort());
    const week = 7 * 24 * 60 * MINUTE_MS;
    for (const [slug, list] of bySlug) {
      const starts = list.map((r) => Number(r.start));
      expect({ slug, earliest: Math.min(...starts) < now - 7 * week }).toEqual({
        slug,
        earliest: true,
      });
      expect({ slug, ahead: list.some((r) => Number(r.start) > now + week) }).toEqual({
        slug,
        ahead: true,
      });
    }
    const tashkent = bySlug.get('tashkent')!.length;
    for (const [slug, list] of bySlug) {
      if (slug !== 'tashkent') expect(list.length).toBeLessThan(tashkent);
    }
  });

  it('has past check-ins and check-outs, no-shows, seminars with equipment and cancellations in every center', async () => {
    const rows = await sessions();
    const past = rows.filter((r) => Number(r.end) < TODAY_START);
    for (const slug of DEMO_CENTERS.map((c) => c.slug)) {
      const here = past.filter((r) => r.slug === slug);
      const found = {
        slug,
        checkedIn: here.some((r) => r.status === 'checked_in' && r.checkedInAt !== null),
        checkedOut: here.some(
          (r) =>
            r.status === 'checked_out' &&
            Number(r.checkedOutAt) > Number(r.checkedInAt) &&
            Number(r.checkedOutAt) < Number(r.end),
        ),
        noShow: here.some((r) => r.status === 'no_show' && Boolean(Number(r.checkInRequired))),
        weeklySeminar: here.some(
          (r) =>
            r.purpose === 'seminar' &&
            /^FREQ=WEEKLY;COUNT=\d+$/.test(r.rule ?? '') &&
            JSON.parse(r.equipment).length > 0 &&
            Number(r.attendees) > 1,
        ),
        cancelled: here.some((r) => r.bookingStatus === 'cancelled' && r.status === 'cancelled'),
        organizations: new Set(here.map((r) => r.organizationId).filter(Boolean)).size >= 3,
      };
      expect(found).toEqual({
        slug,
        checkedIn: true,
        checkedOut: true,
        noShow: true,
        weeklySeminar: true,
        cancelled: true,
        organizations: true,
      });
    }
    // A session of a weekly seminar called off, its series going on.
    const [{ n: seriesCancellations }] = await t.query(
      `SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'occurrence.cancelled'`,
    );
    expect(Number(seriesCancellations)).toBeGreaterThan(0);
    // Seminars borrow pool units: their allocations include equipment.
    const [{ n: lent }] = await t.query(
      `SELECT COUNT(*) AS n FROM allocations a JOIN bookings b ON b.id = a.booking_id
        JOIN resources r ON r.id = a.resource_id
        WHERE b.purpose = 'seminar' AND r.kind = 'equipment'`,
    );
    expect(Number(lent)).toBeGreaterThan(20);
  });

  it('has, ahead, a pending room request and a new weekly series; today, sessions checked in and one about to be a no-show', async () => {
    const rows = await sessions();
    expect(
      rows.some(
        (r) =>
          r.bookingStatus === 'pending' && Boolean(Number(r.approval)) && Number(r.start) > now,
      ),
    ).toBe(true);
    const [{ n: newSeries }] = await t.query(
      `SELECT COUNT(*) AS n FROM bookings b WHERE b.rrule IS NOT NULL AND b.status = 'confirmed'
          AND NOT EXISTS (SELECT 1 FROM occurrences o WHERE o.booking_id = b.id AND o.start_ms < ?)`,
      [now],
    );
    expect(Number(newSeries)).toBeGreaterThan(0);
    for (const slug of DEMO_CENTERS.map((c) => c.slug)) {
      const running = rows.filter(
        (r) => r.slug === slug && Number(r.start) <= now && now < Number(r.end),
      );
      const aboutToBeNoShow = running.filter(
        (r) =>
          r.status === 'booked' &&
          Boolean(Number(r.checkInRequired)) &&
          now < Number(r.start) + GRACE_MS,
      );
      expect({
        slug,
        checkedIn: running.filter((r) => r.status === 'checked_in').length > 0,
        aboutToBeNoShow: aboutToBeNoShow.length > 0,
      }).toEqual({ slug, checkedIn: true, aboutToBeNoShow: true });
    }
  });

  it('keeps every booking invariant: hours and closures, no overlaps, pools within their units, copies', async () => {
    const centers = await t.query<{ id: string; hours: string; timezone: string }>(
      'SELECT id, opening_hours AS hours, timezone FROM centers',
    );
    const closures = await t.query<{ centerId: string; from: string; to: string; yearly: any }>(
      'SELECT center_id AS "centerId", from_date AS "from", to_date AS "to", yearly FROM closures',
    );
    const sessionRows = await t.query<{ centerId: string; start: number; end: number }>(
      'SELECT center_id AS "centerId", start_ms AS start, end_ms AS "end" FROM occurrences',
    );
    for (const center of centers) {
      const rules = closures
        .filter((c) => c.centerId === center.id)
        .map((c) => ({ from: c.from, to: c.to, yearly: Boolean(Number(c.yearly)) }));
      const mine = sessionRows
        .filter((s) => s.centerId === center.id)
        .map((s) => ({ start: Number(s.start), end: Number(s.end), localDate: '' }));
      expect(mine.every((s) => s.start % MINUTE_MS === 0 && s.end % MINUTE_MS === 0)).toBe(true);
      expect(calendarConflicts(mine, '', center.timezone, JSON.parse(center.hours), rules)).toEqual(
        [],
      );
    }
    const allocations = await t.query<{
      resourceId: string;
      start: number;
      end: number;
      quantity: number;
      kind: string;
      units: number;
      buffer: number;
    }>(
      `SELECT a.resource_id AS "resourceId", a.start_ms AS start, a.end_ms AS "end", a.quantity,
              r.kind, r.quantity AS units, r.buffer_minutes AS buffer
         FROM allocations a JOIN resources r ON r.id = a.resource_id WHERE a.active = ?`,
      [t.dialect === 'postgres' ? true : 1],
    );
    const byResource = new Map<string, typeof allocations>();
    for (const a of allocations) {
      byResource.set(a.resourceId, [...(byResource.get(a.resourceId) ?? []), a]);
    }
    let overlaps = 0;
    let overCapacity = 0;
    for (const list of byResource.values()) {
      const uses = list.map((a) => ({
        start: Number(a.start),
        end: Number(a.end),
        quantity: a.quantity,
      }));
      if (list[0].kind === 'equipment') {
        for (const use of uses) if (peakUse(uses, use) > list[0].units) overCapacity++;
      } else {
        uses.forEach((use, i) => {
          overlaps += exclusiveClashes(use, uses.slice(i + 1), list[0].buffer).length;
        });
      }
    }
    expect({ overlaps, overCapacity }).toEqual({ overlaps: 0, overCapacity: 0 });
    // Nobody holds two places at once.
    const held = await t.query<{ ownerId: string; start: number; end: number }>(
      `SELECT owner_id AS "ownerId", start_ms AS start, end_ms AS "end" FROM occurrences
        WHERE status <> 'cancelled'`,
    );
    const byOwner = new Map<string, Array<{ start: number; end: number }>>();
    for (const h of held) {
      byOwner.set(h.ownerId, [
        ...(byOwner.get(h.ownerId) ?? []),
        { start: Number(h.start), end: Number(h.end) },
      ]);
    }
    let twice = 0;
    for (const list of byOwner.values()) {
      list.sort((a, b) => a.start - b.start);
      list.forEach((s, i) => {
        if (i > 0 && s.start < list[i - 1].end) twice++;
      });
    }
    expect(twice).toBe(0);
    await assertSessionCopies(t.dataSource);
  });

  it('writes an audit log that matches the bookings, nothing after now', async () => {
    const [{ n: uncreated }] = await t.query(
      `SELECT COUNT(*) AS n FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM audit_entries e
          WHERE e.target_id = b.id AND e.action = 'booking.created' AND e.actor_id = b.creator_id
            AND e.at_ms = b.created_at)`,
    );
    const [{ n: uncancelled }] = await t.query(
      `SELECT COUNT(*) AS n FROM bookings b WHERE b.status = 'cancelled' AND NOT EXISTS (
         SELECT 1 FROM audit_entries e WHERE e.action IN ('booking.cancelled', 'occurrence.cancelled')
            AND (e.target_id = b.id OR e.details LIKE '%' || b.id || '%'))`,
    );
    const [{ n: undecided }] = await t.query(
      `SELECT COUNT(*) AS n FROM bookings b WHERE b.status = 'rejected' AND NOT EXISTS (
         SELECT 1 FROM audit_entries e WHERE e.action = 'booking.rejected' AND e.target_id = b.id)`,
    );
    const [{ n: future }] = await t.query(
      `SELECT (SELECT COUNT(*) FROM audit_entries WHERE at_ms > ?)
            + (SELECT COUNT(*) FROM bookings WHERE created_at > ? OR updated_at > ?)
            + (SELECT COUNT(*) FROM occurrences WHERE checked_in_at > ? OR checked_out_at > ?) AS n`,
      [now, now, now, now, now],
    );
    // Each booking's entries follow its creation, its last one is its last change, in order.
    const [{ n: disordered }] = await t.query(
      `SELECT COUNT(*) AS n FROM bookings b JOIN audit_entries e ON e.target_id = b.id
        WHERE e.at_ms < b.created_at OR e.at_ms > b.updated_at
           OR (e.action = 'booking.approved' AND EXISTS (SELECT 1 FROM audit_entries c
                WHERE c.target_id = b.id AND c.action = 'booking.cancelled' AND c.at_ms < e.at_ms))`,
    );
    expect({ uncreated, uncancelled, undecided, future, disordered }).toEqual({
      uncreated: 0,
      uncancelled: 0,
      undecided: 0,
      future: 0,
      disordered: 0,
    });
  });

  it('shows a real center on the Today, Bookings and Reports pages of every demo center', async () => {
    const admin = await t.login('admin@makon.example', DEMO_PASSWORD);
    const centers = (await t.request('GET', '/api/v1/centers', { token: admin })).body
      .items as Array<{
      id: string;
      slug: string;
    }>;
    for (const center of centers) {
      const web = await WebClient.signedIn(
        t.baseUrl,
        `coordinator.${center.slug}@makon.example`,
        DEMO_PASSWORD,
      );
      const today = await web.get(`/admin?center=${center.id}`);
      expect(today.status).toBe(200);
      // English figures: `1,234.5`.
      const figure = (text: string, pattern: RegExp) =>
        Number((pattern.exec(text)?.[1] ?? '0').replace(/,/g, ''));
      const inUse = figure(today.text, /In use: (\d+)/);
      const booked = figure(today.text, /Booked: (\d+)/);
      expect({ slug: center.slug, inUse: inUse > 0, booked: booked > 0 }).toEqual({
        slug: center.slug,
        inUse: true,
        booked: true,
      });
      const bookings = await web.get(`/admin/bookings?center=${center.id}`);
      expect(bookings.status).toBe(200);
      // The list starts today: the demo's coming bookings are on it.
      expect(
        bookings.text.match(/<a href="\/admin\/bookings\/[0-9a-f-]{36}">/g)?.length,
      ).toBeGreaterThan(0);
      const reports = await web.get(
        `/admin/reports?center=${center.id}&from=2026-10-07&to=2026-12-01`,
      );
      expect(reports.status).toBe(200);
      const totals = (name: string) =>
        figure(reports.text, new RegExp(`data-figure="${name}">([\\d,.]+)<`));
      expect({
        slug: center.slug,
        sessions: totals('sessions') > 0,
        noShows: totals('noShows') > 0,
        // Used hours per kind (the page never adds the kinds together): "Used 12 h 30 min".
        usedHours: figure(reports.text, /Used (\d+) h/) > 0,
      }).toEqual({ slug: center.slug, sessions: true, noShows: true, usedHours: true });
      // Light with the living demo data: the report and the printable month under 100 KB.
      const summary = await web.get(`/admin/reports/summary?center=${center.id}&month=2026-11`);
      expect(summary.status).toBe(200);
      expect({
        slug: center.slug,
        report: Buffer.byteLength(reports.text) < 100 * 1024,
        summary: Buffer.byteLength(summary.text) < 100 * 1024,
      }).toEqual({ slug: center.slug, report: true, summary: true });
    }
  });

  it('names its holidays in the reader’s language on center setup and on Today', async () => {
    const admin = await t.login('admin@makon.example', DEMO_PASSWORD);
    const centers = (await t.request('GET', '/api/v1/centers', { token: admin })).body.items;
    const navoi = centers.find((c: { slug: string }) => c.slug === 'navoi').id as string;
    const web = await WebClient.signedIn(t.baseUrl, 'admin@makon.example', DEMO_PASSWORD);
    const constitutionDay = DEMO_HOLIDAYS.find((h) => h.monthDay === '12-08')!;
    const navruz = DEMO_HOLIDAYS.find((h) => h.monthDay === '03-21')!;
    try {
      for (const locale of ['uz', 'ru', 'en'] as const) {
        expect((await web.post('/lang', { locale })).status).toBe(303);
        const setup = await web.get(`/admin/center?center=${navoi}`);
        expect(setup.status).toBe(200);
        const names = [...setup.text.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
        expect(names).toEqual(
          expect.arrayContaining([constitutionDay.names[locale], navruz.names[locale]]),
        );
        const closedDay = await web.get(`/admin?center=${navoi}&date=2026-12-08`);
        expect(closedDay.status).toBe(200);
        expect(closedDay.text).toContain(constitutionDay.names[locale]);
        if (locale !== 'en') expect(closedDay.text).not.toContain(constitutionDay.reason);
      }
    } finally {
      await web.post('/lang', { locale: 'en' });
    }
  });

  it('changes nothing when it runs again', async () => {
    const before = await counts();
    await seedDemo(t.app.get(WriteTransactions), t.clock.now());
    expect(await counts()).toEqual(before);
  });
});

/**
 * The demo's rows without their ids (each database has its own), in a stable order: what the
 * same date must give again.
 */
async function demoRows(t: TestApp, keep: (start: number) => boolean = () => true) {
  const sessions = await t.query<{ start: number }>(
    `SELECT c.slug, r.name AS resource, u.email AS owner, cr.email AS creator, b.title, b.purpose,
            b.attendees, b.quantity, b.status AS "bookingStatus", b.start_local, b.end_local,
            b.rrule, b.exceptions, b.rejection_reason, b.version, b.created_at, b.updated_at,
            o.start_ms AS start, o.end_ms, o.status, o.checked_in_at, o.checked_out_at
       FROM occurrences o JOIN bookings b ON b.id = o.booking_id
       JOIN resources r ON r.id = b.resource_id JOIN centers c ON c.id = b.center_id
       JOIN users u ON u.id = b.owner_id JOIN users cr ON cr.id = b.creator_id`,
  );
  const allocations = await t.query<{ start: number }>(
    `SELECT c.slug, r.name AS resource, o.start_ms AS start, a.end_ms, a.quantity, a.active
       FROM allocations a JOIN occurrences o ON o.id = a.occurrence_id
       JOIN resources r ON r.id = a.resource_id JOIN centers c ON c.id = r.center_id`,
  );
  const audit = await t.query<{ start: number }>(
    `SELECT e.action, u.email AS actor, e.at_ms AS start, e.target_type FROM audit_entries e
       JOIN users u ON u.id = e.actor_id`,
  );
  const text = (rows: Array<{ start: number }>) =>
    rows
      .filter((row) => keep(Number(row.start)))
      .map((row) => JSON.stringify(Object.values(row).map((v) => (v === null ? null : String(v)))))
      .sort();
  return { sessions: text(sessions), allocations: text(allocations), audit: text(audit) };
}

/**
 * Four apps, each seeding the demo's eight weeks: about 16 s on SQLite on 2 busy cores, and more
 * on PostgreSQL, where it once took over jest's 30 s beside other work.
 */
const FOUR_SEEDS_TIMEOUT_MS = 180_000;

describe('the demo seed on a given date', () => {
  it(
    'writes the same rows again for the same moment, and the same days around it at another hour',
    async () => {
      const first = await startTestApp({ now: DEMO_NOW, env: { SEED: 'demo' } });
      const again = await startTestApp({ now: DEMO_NOW, env: { SEED: 'demo' } });
      const later = await startTestApp({
        now: '2026-12-02T16:52:41.123+05:00',
        env: { SEED: 'demo' },
      });
      try {
        const rows = await demoRows(first);
        expect(rows.sessions.length).toBeGreaterThan(1000);
        expect(await demoRows(again)).toEqual(rows);
        // Today's sessions move on with the hour (and the one about to be a no-show with them);
        // every other day is the same.
        const notToday = (start: number) => start < TODAY_START || start >= TOMORROW_START;
        const otherDays = await demoRows(first, notToday);
        expect(await demoRows(later, notToday)).toEqual(otherDays);
        expect((await demoRows(later)).sessions).not.toEqual(rows.sessions);
        // Another date is another plan.
        const nextDay = await startTestApp({
          now: '2026-12-03T11:37:23.456+05:00',
          env: { SEED: 'demo' },
        });
        try {
          expect((await demoRows(nextDay, notToday)).sessions).not.toEqual(otherDays.sessions);
        } finally {
          await nextDay.close();
        }
      } finally {
        await Promise.all([first.close(), again.close(), later.close()]);
      }
    },
    FOUR_SEEDS_TIMEOUT_MS,
  );
});

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('is served at /api/docs-json without a token, describing the API’s paths', async () => {
    const response = await t.request('GET', '/api/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/bookings',
        '/api/v1/bookings/{bookingId}/occurrences/{occurrenceId}',
        '/api/v1/centers/{centerId}/availability',
      ]),
    );
    const parameters = (path: string, method: string) =>
      response.body.paths[path][method].parameters.map((p: { name: string }) => p.name);
    expect(parameters('/api/v1/bookings', 'get')).toEqual(
      expect.arrayContaining(['from', 'to', 'centerId', 'status', 'limit', 'offset']),
    );
    expect(parameters('/api/v1/centers/{centerId}/availability', 'get')).toEqual(
      expect.arrayContaining(['centerId', 'start', 'end', 'kind', 'quantity']),
    );
    const ui = await t.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('describes every validated field of every body and query with its rules', async () => {
    const document = (await t.request('GET', '/api/docs-json')).body as OpenApi;
    const schemas = document.components.schemas;
    const queryNames = new Set(
      Object.values(document.paths)
        .flatMap((item) => Object.values(item))
        .flatMap((operation) => operation.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name),
    );
    const missing: string[] = [];
    for (const dto of dtoClassesOf(t.app)) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
      for (const property of new Set(rules.map((r) => r.propertyName))) {
        const described = schemas[dto.name]
          ? schemas[dto.name].properties?.[property]
          : queryNames.has(property) || undefined;
        const typed =
          described === true ||
          (described !== undefined && (described.type !== undefined || '$ref' in described));
        if (!typed) missing.push(`${dto.name}.${property}`);
      }
    }
    expect(missing).toEqual([]);

    // The rules themselves, as a client reads them.
    const booking = schemas.CreateBookingInput;
    expect(booking.required).toEqual(['resourceId', 'start', 'end']);
    expect(booking.properties!.resourceId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(booking.properties!.start).toMatchObject({ type: 'string', format: 'date-time' });
    expect(booking.properties!.attendees).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 10000,
    });
    expect(booking.properties!.ownerId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(booking.properties!.equipment).toMatchObject({ type: 'array', maxItems: 20 });
    const exceptions = schemas.RecurrenceInput.properties!.exceptions;
    expect(exceptions).toMatchObject({ type: 'array', maxItems: 1000, items: { type: 'string' } });
    // A local date: by its pattern, or (a validator of its own) as `format: date`.
    expect([exceptions.items!.pattern, exceptions.items!.format]).toContainEqual(
      expect.stringMatching(/^(\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$|date)$/),
    );
    expect(schemas.CreateUserInput.properties!.centerIds).toMatchObject({
      type: 'array',
      items: { type: 'string', format: 'uuid' },
    });
    expect(schemas.CreateCenterInput.properties!.name).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 200,
    });
    expect(schemas.UpdateUserInput.required ?? []).toEqual([]);
    const parameter = (path: string, name: string) =>
      document.paths[path].get.parameters!.find((p) => p.name === name)!;
    expect(parameter('/api/v1/bookings', 'limit').schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 500,
    });
    expect(parameter('/api/v1/bookings', 'status').schema.enum).toEqual([
      'pending',
      'confirmed',
      'rejected',
      'cancelled',
    ]);
    expect(parameter('/api/v1/bookings/{bookingId}', 'bookingId').schema).toMatchObject({
      type: 'string',
      format: 'uuid',
    });
  });
});

interface OpenApiSchema {
  type?: string;
  format?: string;
  pattern?: string;
  items?: OpenApiSchema;
  required?: string[];
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema & { $ref?: string }>;
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string; schema: OpenApiSchema }> }>
  >;
  components: { schemas: Record<string, OpenApiSchema> };
}
