import { ADMIN, ApiResponse, HttpClient } from './test-app';

/**
 * The e2e suite's one set of builders for test data, made through the API itself: a world of
 * centers and people, centers, resources and desks, users, bookings. Specs bind them to their app
 * (`const book = (token, body) => requestBooking(t, token, body)`) rather than writing their own.
 */
let counter = 0;
const unique = (prefix: string) =>
  `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

export interface Actor {
  id: string;
  token: string;
  email: string;
}

export interface World {
  admin: Actor;
  centerId: string;
  otherCenterId: string;
  coordinator: Actor;
  otherCoordinator: Actor;
  trainer: Actor;
  member: Actor;
  otherMember: Actor;
}

export async function createCenter(
  t: HttpClient,
  token: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await t.request('POST', '/api/v1/centers', {
    token,
    body: {
      slug: unique('center'),
      name: 'Test center',
      city: 'Tashkent',
      region: 'Tashkent',
      ...overrides,
    },
  });
  if (response.status !== 201) throw new Error(`center: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; timezone: string };
}

export async function createResource(
  t: HttpClient,
  token: string,
  centerId: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await t.request('POST', `/api/v1/centers/${centerId}/resources`, {
    token,
    body: { kind: 'desk', name: unique('Desk'), ...overrides },
  });
  if (response.status !== 201) throw new Error(`resource: ${JSON.stringify(response.body)}`);
  // Made by staff, so the answer includes the check-in address.
  return response.body as { id: string; quantity: number; checkInUrl: string };
}

export async function createUser(
  t: HttpClient,
  token: string,
  role: string,
  extra: Record<string, unknown> = {},
): Promise<Actor> {
  const email = `${unique(role)}@test.example`;
  const password = 'user-password-1';
  const response = await t.request('POST', '/api/v1/users', {
    token,
    body: { name: `Test ${role}`, email, password, role, ...extra },
  });
  if (response.status !== 201) throw new Error(`user: ${JSON.stringify(response.body)}`);
  return { id: response.body.id, email, token: await t.login(email, password) };
}

/** Two centers, their coordinators, a trainer and two members; the first center has no resources. */
export async function createWorld(t: HttpClient): Promise<World> {
  const adminToken = await t.login(ADMIN.email, ADMIN.password);
  const me = await t.request('GET', '/api/v1/users/me', { token: adminToken });
  const admin = { id: me.body.id, token: adminToken, email: ADMIN.email };
  const center = await createCenter(t, adminToken);
  const other = await createCenter(t, adminToken);
  return {
    admin,
    centerId: center.id,
    otherCenterId: other.id,
    coordinator: await createUser(t, adminToken, 'coordinator', { centerIds: [center.id] }),
    otherCoordinator: await createUser(t, adminToken, 'coordinator', { centerIds: [other.id] }),
    trainer: await createUser(t, adminToken, 'trainer'),
    member: await createUser(t, adminToken, 'member'),
    otherMember: await createUser(t, adminToken, 'member'),
  };
}

export type Json = Record<string, unknown>;

/** A booking as the API answers it (the fields tests read most; the rest as `any`). */
export interface BookingBody {
  id: string;
  status: string;
  occurrences: Array<{
    id: string;
    start: string;
    end: string;
    status: string;
    [key: string]: any;
  }>;
  [key: string]: any;
}

/** A new desk (or another kind, given in `extra`) of `centerId`, made as `token`: its id. */
export async function createDesk(
  t: HttpClient,
  token: string,
  centerId: string,
  extra: Json = {},
): Promise<string> {
  return (await createResource(t, token, centerId, { kind: 'desk', ...extra })).id;
}

/** `POST /api/v1/bookings` as `token` (anonymous when undefined): the answer, whatever it is. */
export function requestBooking(
  t: HttpClient,
  token: string | undefined,
  body: Json,
  headers?: Record<string, string>,
): Promise<ApiResponse> {
  return t.request('POST', '/api/v1/bookings', { token, body, headers });
}

/** A booking that must be made (201): its body; anything else fails the test with the answer. */
export async function createBooking(
  t: HttpClient,
  token: string,
  body: Json,
): Promise<BookingBody> {
  const response = await requestBooking(t, token, body);
  if (response.status !== 201) {
    throw new Error(`booking: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as BookingBody;
}
