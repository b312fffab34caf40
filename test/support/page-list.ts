import { startTestApp, TestApp } from './test-app';
import { createResource, createWorld, World } from './world';

/** The data every page of the page checks is shown with: a center with people and bookings. */
export interface PageData {
  t: TestApp;
  world: World;
  deskId: string;
  roomId: string;
  /** Today and bookings: a member's room request waiting for approval (today 15:00–16:00). */
  pendingBookingId: string;
}

/**
 * Starts an app and fills it so that every page has something to show. Areas that need more
 * (a pending request, a report's history) add it here.
 */
export async function startAppWithPageData(): Promise<PageData> {
  const t = await startTestApp();
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
  const pendingBookingId = await todayAndBookingsData(t, world, desk.id, room.id);
  return { t, world, deskId: desk.id, roomId: room.id, pendingBookingId };
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

export type Viewer = 'anonymous' | 'member' | 'coordinator' | 'admin';

export interface PageToCheck {
  /** Also the screenshot's file name in docs/screenshots/. */
  name: string;
  path: (data: PageData) => string;
  as: Viewer;
  /** Whether docs/screenshots/ shows this page (the main pages). */
  screenshot?: boolean;
}

/** Every page of the site: each is checked with axe in all three languages, for weight and width. */
export const PAGES: PageToCheck[] = [
  { name: 'login', path: () => '/login', as: 'anonymous', screenshot: true },
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
