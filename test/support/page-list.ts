import { startTestApp, TestApp } from './test-app';
import { createResource, createWorld, World } from './world';

/** The data every page of the page checks is shown with: a center with people and bookings. */
export interface PageData {
  t: TestApp;
  world: World;
  deskId: string;
  roomId: string;
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
  await addReportHistory(t, world, desk.id, room.id);
  return { t, world, deskId: desk.id, roomId: room.id };
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
    name: 'reports-network',
    path: () => '/admin/reports?center=all&from=2026-11-01&to=2026-11-30',
    as: 'admin',
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
