import { declaredRoutes } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

/** Deny by default, proven: every route declares who may call it, and the list is reviewed. */
describe('route access declarations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('gives every route an access rule', () => {
    const routes = declaredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((r) => r.rule === undefined);
    expect(undeclared.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`)).toEqual(
      [],
    );
  });

  it('matches the reviewed table of who may call what', () => {
    const table = declaredRoutes(t.app).map((r) => {
      const who = r.rule!.public ? 'public' : [...r.rule!.roles].sort().join(',');
      return `${r.method} ${r.path} -> ${who}`;
    });
    const all = 'admin,coordinator,member,trainer';
    const staff = 'admin,coordinator';
    expect(table.sort()).toEqual(
      [
        `POST /api/v1/auth/login -> public`,
        `POST /api/v1/auth/signup -> public`,
        `GET /api/v1/bookings -> ${all}`,
        `POST /api/v1/bookings -> ${all}`,
        `DELETE /api/v1/bookings/:bookingId -> ${all}`,
        `GET /api/v1/bookings/:bookingId -> ${all}`,
        `PATCH /api/v1/bookings/:bookingId -> ${all}`,
        `POST /api/v1/bookings/:bookingId/approve -> ${staff}`,
        `DELETE /api/v1/bookings/:bookingId/occurrences/:occurrenceId -> ${all}`,
        `PATCH /api/v1/bookings/:bookingId/occurrences/:occurrenceId -> ${all}`,
        `POST /api/v1/bookings/:bookingId/reject -> ${staff}`,
        `GET /api/v1/centers -> ${all}`,
        `POST /api/v1/centers -> admin`,
        `GET /api/v1/centers/:centerId -> ${all}`,
        `PATCH /api/v1/centers/:centerId -> ${staff}`,
        `GET /api/v1/centers/:centerId/availability -> ${all}`,
        `GET /api/v1/centers/:centerId/closures -> ${all}`,
        `GET /api/v1/centers/:centerId/occupancy -> ${staff}`,
        `GET /api/v1/centers/:centerId/timeline -> ${staff}`,
        `GET /api/v1/reports/utilization -> ${staff}`,
        `POST /api/v1/centers/:centerId/closures -> ${staff}`,
        `DELETE /api/v1/centers/:centerId/closures/:closureId -> ${staff}`,
        `GET /api/v1/centers/:centerId/resources -> ${all}`,
        `POST /api/v1/centers/:centerId/resources -> ${staff}`,
        `GET /api/v1/health -> public`,
        `GET /api/v1/notifications -> ${all}`,
        `POST /api/v1/notifications/read-all -> ${all}`,
        `POST /api/v1/notifications/:notificationId/read -> ${all}`,
        `GET /api/v1/users/me/notification-settings -> ${all}`,
        `PATCH /api/v1/users/me/notification-settings -> ${all}`,
        `DELETE /api/v1/resources/:resourceId -> ${staff}`,
        `GET /api/v1/resources/:resourceId -> ${all}`,
        `PATCH /api/v1/resources/:resourceId -> ${staff}`,
        `GET /api/v1/resources/:resourceId/schedule -> ${all}`,
        `GET /api/v1/resources/:resourceId/qr -> ${staff}`,
        `POST /api/v1/resources/:resourceId/qr/rotate -> ${staff}`,
        `POST /api/v1/occurrences/:occurrenceId/check-in -> ${all}`,
        `POST /api/v1/occurrences/:occurrenceId/check-out -> ${all}`,
        `POST /api/v1/check-in/:token -> ${all}`,
        `POST /api/v1/users -> ${staff}`,
        `GET /api/v1/users -> ${staff}`,
        `GET /api/v1/users/me -> ${all}`,
        `GET /api/v1/users/:userId -> ${all}`,
        `PATCH /api/v1/users/:userId -> ${all}`,
        `GET /api/v1/organizations -> ${all}`,
        `POST /api/v1/organizations -> ${staff}`,
        `PATCH /api/v1/organizations/:organizationId -> ${staff}`,
        `GET /api/v1/audit -> ${staff}`,
        // Pages (signed in by the session cookie; forms carry a CSRF token).
        `GET /assets/:file -> public`,
        `GET / -> ${all}`,
        `GET /login -> public`,
        `POST /login -> public`,
        `POST /logout -> public`,
        `POST /lang -> public`,
        `GET /book -> ${all}`,
        `POST /book/preview -> ${all}`,
        `POST /book -> ${all}`,
        `GET /me -> ${all}`,
        `GET /me/notifications -> ${all}`,
        `POST /me/notifications/read-all -> ${all}`,
        `POST /me/notifications/:notificationId/read -> ${all}`,
        `GET /me/notification-settings -> ${all}`,
        `POST /me/notification-settings -> ${all}`,
        `GET /find -> ${all}`,
        `GET /c/:token -> public`,
        `POST /c/:token -> ${all}`,
        `POST /bookings/:bookingId/cancel -> ${all}`,
        `POST /bookings/:bookingId/sessions/:occurrenceId/cancel -> ${all}`,
        `POST /sessions/:occurrenceId/check-in -> ${all}`,
        `POST /sessions/:occurrenceId/check-out -> ${all}`,
        `GET /admin -> ${staff}`,
        `POST /admin/occurrences/:occurrenceId/check-in -> ${staff}`,
        `POST /admin/occurrences/:occurrenceId/check-out -> ${staff}`,
        `GET /admin/bookings -> ${staff}`,
        `GET /admin/bookings/:bookingId -> ${staff}`,
        `POST /admin/bookings/:bookingId/approve -> ${staff}`,
        `POST /admin/bookings/:bookingId/reject -> ${staff}`,
        `POST /admin/bookings/:bookingId/cancel -> ${staff}`,
        `POST /admin/bookings/:bookingId/occurrences/:occurrenceId/cancel -> ${staff}`,
        `GET /admin/center -> ${staff}`,
        `POST /admin/center/resources -> ${staff}`,
        `GET /admin/center/resources/:resourceId -> ${staff}`,
        `POST /admin/center/resources/:resourceId -> ${staff}`,
        `POST /admin/center/resources/:resourceId/deactivate -> ${staff}`,
        `POST /admin/center/hours -> ${staff}`,
        `POST /admin/center/closures -> ${staff}`,
        `POST /admin/center/closures/sessions -> ${staff}`,
        `POST /admin/center/closures/:closureId/delete -> ${staff}`,
        `POST /admin/center/policy -> ${staff}`,
        `GET /admin/center/qr-sheet -> ${staff}`,
        `GET /admin/reports -> ${staff}`,
        `GET /admin/reports.csv -> ${staff}`,
        `GET /admin/reports/summary -> ${staff}`,
        `GET /admin/reports/export.csv -> ${staff}`,
        `GET /admin/people -> ${staff}`,
        `GET /admin/people/new -> ${staff}`,
        `POST /admin/people -> ${staff}`,
        `GET /admin/people/:userId -> ${staff}`,
        `POST /admin/people/:userId -> ${staff}`,
        `POST /admin/people/:userId/password -> ${staff}`,
        `GET /admin/people/:userId/deactivate -> ${staff}`,
        `POST /admin/people/:userId/deactivate -> ${staff}`,
        `POST /admin/people/:userId/reactivate -> ${staff}`,
        `GET /admin/organizations -> ${staff}`,
        `POST /admin/organizations -> ${staff}`,
        `POST /admin/organizations/:organizationId -> ${staff}`,
        `GET /admin/audit -> ${staff}`,
        `GET /admin/network -> admin`,
        `GET /admin/network/centers/new -> admin`,
        `POST /admin/network/centers -> admin`,
        `GET /admin/network/centers/:centerId -> admin`,
        `POST /admin/network/centers/:centerId -> admin`,
        `POST /admin/network/coordinators -> admin`,
        `GET /signup -> public`,
        `POST /signup -> public`,
      ].sort(),
    );
  });

  it('refuses a request without a token with 401, and lets health through', async () => {
    expect((await t.request('GET', '/api/v1/centers')).status).toBe(401);
    const health = await t.request('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      database: 'up',
      notifications: { waiting: 0, failed: 0, oldestWaitingSeconds: null },
    });
  });

  it('answers 503 from health when the database is down', async () => {
    const other = await startTestApp();
    try {
      await other.dataSource.destroy();
      const health = await other.request('GET', '/api/v1/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'error', database: 'down' });
    } finally {
      await other.close();
    }
  });
});
