import { NotificationJob } from '../../src/notifications/notification.job';
import { startTestApp, TestApp } from './test-app';
import { createResource, createWorld, World } from './world';

/** The data every page of the page checks is shown with: a center with people and bookings. */
export interface PageData {
  t: TestApp;
  world: World;
  deskId: string;
  roomId: string;
  /** The path a desk's QR code opens (`/c/<token>`). */
  deskScanPath: string;
  /** Today and bookings: a member's room request waiting for approval (today 15:00–16:00). */
  pendingBookingId: string;
  /** People: a member registered at the first center, with an organization. */
  personId: string;
}

/**
 * Starts an app and fills it so that every page has something to show. Areas that need more
 * (a pending request, a report's history) add it here.
 */
export async function startAppWithPageData(): Promise<PageData> {
  // 10:00 on a Tuesday in Tashkent: the center is open, the day has a past and a future.
  // Self sign-up on, so that the sign-in page offers it and /signup is a page.
  const t = await startTestApp({
    now: '2026-12-01T10:00:00+05:00',
    env: { SELF_SIGNUP: 'true' },
  });
  const world = await createWorld(t);
  const desk = await createResource(t, world.admin.token, world.centerId, {
    kind: 'desk',
    name: 'Desk 1',
  });
  const room = await createResource(t, world.admin.token, world.centerId, {
    kind: 'room',
    name: 'Training hall',
    capacity: 20,
  });
  await createResource(t, world.admin.token, world.centerId, {
    kind: 'computer',
    name: 'Computer 1',
    features: ['screen_reader'],
  });
  await createResource(t, world.admin.token, world.centerId, {
    kind: 'equipment',
    name: 'Laptops',
    quantity: 12,
  });
  const book = async (token: string, body: Record<string, unknown>) => {
    const response = await t.request('POST', '/api/v1/bookings', { token, body });
    if (response.status !== 201) throw new Error(`page data: ${JSON.stringify(response.body)}`);
  };
  await book(world.member.token, {
    resourceId: desk.id,
    start: '2026-12-03T14:00',
    end: '2026-12-03T17:00',
    title: 'Volunteer shifts',
    recurrence: { rule: 'FREQ=WEEKLY;COUNT=4' },
  });
  await book(world.trainer.token, {
    resourceId: room.id,
    start: '2026-12-08T14:00',
    end: '2026-12-08T17:00',
    title: 'Strategic planning',
    purpose: 'seminar',
    attendees: 18,
    recurrence: { rule: 'FREQ=WEEKLY;COUNT=6' },
  });
  await addReportHistory(t, world, desk.id, room.id);
  // Today's sessions are booked before they start, at 08:00; the pages are seen at 10:00.
  t.clock.set('2026-12-01T08:00:00+05:00');
  const pendingBookingId = await todayAndBookingsData(t, world, desk.id, room.id);
  t.clock.set('2026-12-01T10:00:00+05:00');
  const personId = await addPerson(t, world);
  // The in-app notifications of the bookings above (the bell, the notifications page).
  await t.app.get(NotificationJob).deliver();
  return {
    t,
    personId,
    pendingBookingId,
    world,
    deskId: desk.id,
    roomId: room.id,
    deskScanPath: new URL(desk.checkInUrl).pathname,
  };
}

/**
 * Today and the bookings pages: sessions today (one checked in, one booked), and a member's
 * request for a room that needs approval. Leaves the clock where it was.
 */
async function todayAndBookingsData(
  t: TestApp,
  world: World,
  deskId: string,
  roomId: string,
): Promise<string> {
  const book = async (token: string, body: Record<string, unknown>) => {
    const response = await t.request('POST', '/api/v1/bookings', { token, body });
    if (response.status !== 201) throw new Error(`booking: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; occurrences: Array<{ id: string }> };
  };
  const hall = await createResource(t, world.admin.token, world.centerId, {
    kind: 'room',
    name: 'Meeting room',
    capacity: 8,
    requiresApproval: true,
  });
  const desk = await book(world.member.token, {
    resourceId: deskId,
    start: '2026-12-01T09:00',
    end: '2026-12-01T12:00',
    title: 'Report writing',
  });
  await book(world.otherMember.token, {
    resourceId: roomId,
    start: '2026-12-01T14:00',
    end: '2026-12-01T16:00',
    title: 'Budget training',
    purpose: 'seminar',
    attendees: 12,
  });
  const pending = await book(world.member.token, {
    resourceId: hall.id,
    start: '2026-12-01T15:00',
    end: '2026-12-01T16:00',
    title: 'Volunteers meeting',
    purpose: 'meeting',
    attendees: 6,
  });
  const before = t.clock.now();
  t.clock.set('2026-12-01T08:50:00+05:00');
  const checkIn = await t.request(
    'POST',
    `/api/v1/occurrences/${desk.occurrences[0].id}/check-in`,
    {
      token: world.member.token,
    },
  );
  t.clock.set(new Date(before).toISOString());
  if (checkIn.status !== 200) throw new Error(`check-in: ${JSON.stringify(checkIn.body)}`);
  return pending.id;
}

/**
 * Past sessions for the reports page (24–25 November, read on 1 December): a checked-in desk
 * session, a no-show, a seminar in the room; and a yearly holiday for the center setup page. The
 * clock goes back for the bookings and returns to the start time afterwards.
 */
async function addReportHistory(t: TestApp, world: World, deskId: string, roomId: string) {
  const start = t.clock.now();
  const book = async (token: string, body: Record<string, unknown>) => {
    const response = await t.request('POST', '/api/v1/bookings', { token, body });
    if (response.status !== 201) throw new Error(`booking: ${JSON.stringify(response.body)}`);
    return response.body.occurrences[0].id as string;
  };
  t.clock.set('2026-11-23T08:00:00+05:00');
  const work = { purpose: 'work', title: 'Work' };
  const used = await book(world.member.token, {
    ...work,
    resourceId: deskId,
    start: '2026-11-24T10:00',
    end: '2026-11-24T13:00',
  });
  await book(world.otherMember.token, {
    ...work,
    resourceId: deskId,
    start: '2026-11-25T14:00',
    end: '2026-11-25T16:00',
  });
  await book(world.trainer.token, {
    resourceId: roomId,
    start: '2026-11-24T09:30',
    end: '2026-11-24T12:00',
    title: 'Fundraising seminar',
    purpose: 'seminar',
    attendees: 12,
  });
  t.clock.set('2026-11-24T10:05:00+05:00');
  const checkIn = await t.request('POST', `/api/v1/occurrences/${used}/check-in`, {
    token: world.member.token,
  });
  if (checkIn.status !== 200) throw new Error(`check-in: ${JSON.stringify(checkIn.body)}`);
  t.clock.set(new Date(start).toISOString());
  const holiday = await t.request('POST', `/api/v1/centers/${world.centerId}/closures`, {
    token: world.admin.token,
    body: { from: '2027-01-01', to: '2027-01-01', reason: 'New Year', yearly: true },
  });
  if (holiday.status !== 201) throw new Error(`closure: ${JSON.stringify(holiday.body)}`);
}

/** The people pages: an organization and a member of the first center who belongs to it. */
async function addPerson(t: TestApp, world: World): Promise<string> {
  const organization = await t.request('POST', '/api/v1/organizations', {
    token: world.coordinator.token,
    body: { name: 'Yuksalish Nationwide Movement' },
  });
  const person = await t.request('POST', '/api/v1/users', {
    token: world.coordinator.token,
    body: {
      name: 'Dilnoza Karimova',
      email: 'dilnoza.karimova@test.example',
      phone: '+998 90 123 45 67',
      role: 'member',
      organizationId: organization.body.id,
    },
  });
  if (person.status !== 201) throw new Error(`person: ${JSON.stringify(person.body)}`);
  return person.body.id as string;
}

export type Viewer = 'anonymous' | 'member' | 'coordinator' | 'admin';

/** What a page's address needs (a PageData, or another world with the same ids). */
export type PageIds = Pick<
  PageData,
  'world' | 'deskId' | 'roomId' | 'deskScanPath' | 'pendingBookingId' | 'personId'
>;

export interface PageToCheck {
  /** Also the screenshot's file name in docs/screenshots/. */
  name: string;
  path: (data: PageIds) => string;
  as: Viewer;
  /** Whether docs/screenshots/ shows this page (the main pages). */
  screenshot?: boolean;
}

/** Every page of the site: each is checked with axe in all three languages, for weight and width. */
export const PAGES: PageToCheck[] = [
  { name: 'login', path: () => '/login', as: 'anonymous', screenshot: true },
  { name: 'book', path: (d) => `/book?center=${d.world.centerId}`, as: 'member', screenshot: true },
  {
    name: 'book-for-someone',
    path: (d) => `/book?center=${d.world.centerId}&resourceId=${d.roomId}`,
    as: 'coordinator',
  },
  { name: 'my-bookings', path: () => '/me?done=booked', as: 'member', screenshot: true },
  { name: 'notifications', path: () => '/me/notifications', as: 'member' },
  { name: 'notification-settings', path: () => '/me/notification-settings', as: 'coordinator' },
  {
    name: 'find',
    path: (d) => `/find?center=${d.world.centerId}&when=now&hours=2`,
    as: 'member',
    screenshot: true,
  },
  { name: 'check-in', path: (d) => d.deskScanPath, as: 'member', screenshot: true },
  {
    name: 'admin-today',
    path: (d) => `/admin?center=${d.world.centerId}`,
    as: 'coordinator',
    screenshot: true,
  },
  { name: 'admin-today-admin', path: () => '/admin', as: 'admin' },
  { name: 'admin-bookings', path: () => '/admin/bookings', as: 'coordinator', screenshot: true },
  {
    name: 'admin-booking-pending',
    path: (d) => `/admin/bookings/${d.pendingBookingId}`,
    as: 'coordinator',
  },
  {
    name: 'center-setup',
    path: (d) => `/admin/center?center=${d.world.centerId}`,
    as: 'coordinator',
    screenshot: true,
  },
  {
    name: 'center-resource',
    path: (d) => `/admin/center/resources/${d.deskId}`,
    as: 'coordinator',
  },
  {
    name: 'center-qr-sheet',
    path: (d) => `/admin/center/qr-sheet?center=${d.world.centerId}`,
    as: 'coordinator',
  },
  {
    name: 'reports',
    path: (d) => `/admin/reports?center=${d.world.centerId}&from=2026-11-01&to=2026-11-30`,
    as: 'coordinator',
    screenshot: true,
  },
  {
    name: 'reports-summary',
    path: (d) => `/admin/reports/summary?center=${d.world.centerId}&month=2026-11`,
    as: 'coordinator',
    screenshot: true,
  },
  {
    name: 'reports-network',
    path: () => '/admin/reports?center=all&from=2026-11-01&to=2026-11-30',
    as: 'admin',
  },
  { name: 'people', path: () => '/admin/people', as: 'coordinator', screenshot: true },
  { name: 'people-admin', path: () => '/admin/people?status=active', as: 'admin' },
  { name: 'person-new', path: () => '/admin/people/new', as: 'coordinator' },
  { name: 'person', path: (d) => `/admin/people/${d.personId}?done=updated`, as: 'coordinator' },
  {
    name: 'person-deactivate',
    path: (d) => `/admin/people/${d.world.member.id}/deactivate`,
    as: 'admin',
  },
  { name: 'organizations', path: () => '/admin/organizations', as: 'coordinator' },
  { name: 'audit', path: () => '/admin/audit', as: 'coordinator', screenshot: true },
  {
    name: 'audit-filtered',
    path: (d) =>
      `/admin/audit?center=${d.world.centerId}&from=2026-11-01&to=2026-12-31&action=booking.created`,
    as: 'admin',
  },
  { name: 'network', path: () => '/admin/network', as: 'admin', screenshot: true },
  { name: 'network-center-new', path: () => '/admin/network/centers/new', as: 'admin' },
  {
    name: 'network-center',
    path: (d) => `/admin/network/centers/${d.world.centerId}`,
    as: 'admin',
  },
  { name: 'signup', path: () => '/signup', as: 'anonymous', screenshot: true },
];

export function tokenOf(data: PageData, viewer: Viewer): string | undefined {
  switch (viewer) {
    case 'anonymous':
      return undefined;
    case 'member':
      return data.world.member.token;
    case 'coordinator':
      return data.world.coordinator.token;
    case 'admin':
      return data.world.admin.token;
  }
}
