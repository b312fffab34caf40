import { catalogApp, expectError, NOWHERE } from './support/catalog';
import { World } from './support/world';

/**
 * The catalog side of API.md over real HTTP, the order of errors (400 before 401, 404 before 403): every status and error code these
 * paths can answer. The other areas are the other test/catalog-*.e2e-spec.ts files; what they
 * share is test/support/catalog.ts.
 */
describe('catalog', () => {
  const app = catalogApp();
  const { post } = app;
  let w: World;
  beforeAll(() => {
    w = app.w;
  });

  describe('error order: 400 before 401, 404 before 403', () => {
    it('tells a caller without a token that the body is invalid (400) before asking for one (401)', async () => {
      const invalid = await post(undefined, '/api/v1/bookings', {});
      expectError(invalid, 400, 'VALIDATION_FAILED', 'resourceId');
      expectError(await post('bad-token', '/api/v1/bookings', {}), 400, 'VALIDATION_FAILED');
      const valid = await post(undefined, '/api/v1/bookings', {
        resourceId: NOWHERE,
        start: '2026-12-02T10:00',
        end: '2026-12-02T11:00',
      });
      expectError(valid, 401, 'UNAUTHENTICATED');
      expectError(
        await post('bad-token', '/api/v1/bookings', {
          resourceId: NOWHERE,
          start: '2026-12-02T10:00',
          end: '2026-12-02T11:00',
        }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('tells a member that a body is invalid (400) before refusing a staff-only route (403)', async () => {
      const path = `/api/v1/centers/${w.centerId}/resources`;
      expectError(await post(w.member.token, path, {}), 400, 'VALIDATION_FAILED', 'kind');
      expectError(
        await post(w.member.token, path, { kind: 'desk', name: 'Desk', colour: 'red' }),
        400,
        'VALIDATION_FAILED',
        'colour',
      );
      expectError(
        await post(w.member.token, path, { kind: 'desk', name: 'Desk' }),
        403,
        'FORBIDDEN',
      );
      expectError(await post(w.otherCoordinator.token, path, {}), 400, 'VALIDATION_FAILED');
    });

    it('answers 404 before 403 for a resource in a center that does not exist', async () => {
      expectError(
        await post(w.member.token, `/api/v1/centers/${NOWHERE}/resources`, {
          kind: 'desk',
          name: 'Desk',
        }),
        404,
        'NOT_FOUND',
      );
    });
  });
});
