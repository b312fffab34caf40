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
  return { t, world, deskId: desk.id, roomId: room.id };
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
