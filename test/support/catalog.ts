import { ADMIN, ApiResponse, startTestApp, TestApp } from './test-app';
import { Actor, createCenter, createUser, createWorld, Json, requestBooking, World } from './world';

/**
 * What the catalog specs share (test/catalog-*.e2e-spec.ts: the catalog side of API.md over real
 * HTTP, one file per area): the shapes they expect, the error-shape check, and `catalogApp()`, the
 * app each file runs on.
 */

export { ADMIN };

export const NOWHERE = '00000000-0000-4000-8000-000000000000';
export const CENTER_KEYS = [
  'active',
  'address',
  'city',
  'id',
  'name',
  'openingHours',
  'policy',
  'region',
  'slug',
  'timezone',
];
export const RESOURCE_KEYS = [
  'active',
  'bufferMinutes',
  'capacity',
  'centerId',
  'checkInRequired',
  'features',
  'id',
  'kind',
  'maxDurationMinutes',
  'minDurationMinutes',
  'name',
  'quantity',
  'requiresApproval',
];
export const DEFAULT_POLICY = {
  maxAdvanceDays: 90,
  maxOccurrences: 366,
  checkInOpensMinutes: 15,
  checkInGraceMinutes: 15,
  walkInMaxMinutes: 240,
};
export const WORKDAY = [{ from: '09:00', to: '18:00' }];
export const DEFAULT_HOURS = {
  mon: WORKDAY,
  tue: WORKDAY,
  wed: WORKDAY,
  thu: WORKDAY,
  fri: WORKDAY,
  sat: WORKDAY,
  sun: [],
};
export const CHECK_IN_URL = /^http:\/\/makon\.test\/c\/[A-Za-z0-9_-]+$/;

let slugCounter = 0;
export const newSlug = () => `catalog-${++slugCounter}-${Math.random().toString(36).slice(2, 7)}`;

/** Every key of every object nested in a JSON value. */
export function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [key, nested] of Object.entries(value)) {
      into.add(key);
      keysDeep(nested, into);
    }
  }
  return into;
}

/** The error shape of API.md: `{statusCode, code, message}`, plus `details` for validation. */
export function expectError(
  response: ApiResponse,
  status: number,
  code: string,
  field?: string,
): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.body.statusCode).toBe(status);
  expect(typeof response.body.message).toBe('string');
  expect(response.body.message.length).toBeGreaterThan(0);
  if (code === 'VALIDATION_FAILED') {
    expect(Object.keys(response.body).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
    expect(response.body.details.length).toBeGreaterThan(0);
    for (const detail of response.body.details) {
      expect(Object.keys(detail).sort()).toEqual(['field', 'message']);
      expect(typeof detail.field).toBe('string');
      expect(typeof detail.message).toBe('string');
    }
    if (field !== undefined) {
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  } else if (code === 'BOOKING_CONFLICT') {
    expect(Object.keys(response.body).sort()).toEqual([
      'code',
      'conflicts',
      'message',
      'statusCode',
    ]);
  } else {
    expect(Object.keys(response.body).sort()).toEqual(['code', 'message', 'statusCode']);
  }
}

/** The app of one catalog spec file and the helpers its tests call; `t` and `w` once it started. */
export interface CatalogApp {
  t: TestApp;
  w: World;
  get(token: string | undefined, path: string): Promise<ApiResponse>;
  post(token: string | undefined, path: string, body: unknown): Promise<ApiResponse>;
  patch(token: string | undefined, path: string, body: unknown): Promise<ApiResponse>;
  del(token: string | undefined, path: string): Promise<ApiResponse>;
  book(token: string, body: Json): Promise<ApiResponse>;
  /** A fresh center (default hours and policy) with a coordinator who runs it. */
  centerWithCoordinator(
    overrides?: Record<string, unknown>,
  ): Promise<{ centerId: string; coordinator: Actor }>;
}

/**
 * Call at the top of a spec file's `describe`: starts one app for the file (Tuesday 1 December
 * 2026, 08:00 in Tashkent) with a world of `createWorld`, records the raw text of every response of
 * each test and fails the test if any carries a password hash, and closes the app afterwards.
 */
export function catalogApp(): CatalogApp {
  /** The raw text of every response of the current test, checked for password hashes. */
  let responses: string[] = [];
  const app = {} as CatalogApp;

  beforeAll(async () => {
    const t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    const send = t.request.bind(t);
    t.request = (async (...args: Parameters<TestApp['request']>) => {
      const response = await send(...args);
      responses.push(
        typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
      );
      return response;
    }) as TestApp['request'];
    app.t = t;
    app.w = await createWorld(t);
  });

  afterEach(() => {
    const leaks = responses.filter((text) => /passwordHash|password_hash|scrypt\$/.test(text));
    responses = [];
    expect(leaks).toEqual([]);
  });

  afterAll(() => app.t?.close());

  app.get = (token, path) => app.t.request('GET', path, { token });
  app.post = (token, path, body) => app.t.request('POST', path, { token, body });
  app.patch = (token, path, body) => app.t.request('PATCH', path, { token, body });
  app.del = (token, path) => app.t.request('DELETE', path, { token });
  app.book = (token, body) => requestBooking(app.t, token, body);
  app.centerWithCoordinator = async (overrides = {}) => {
    const center = await createCenter(app.t, app.w.admin.token, { slug: newSlug(), ...overrides });
    const coordinator = await createUser(app.t, app.w.admin.token, 'coordinator', {
      centerIds: [center.id],
    });
    return { centerId: center.id, coordinator };
  };
  return app;
}
