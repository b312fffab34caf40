import { ADMIN, HttpClient } from '../test-app';
import { createResource, createUser, createWorld, World } from '../world';
import { Role } from './runner';

/**
 * What the fuzzers aim at: the world of world.ts, resources of every kind, bookings (single,
 * weekly, pending, on someone's behalf, one today whose check-in is open), a closure, an
 * organization, users that the fuzzing may change, and spare sessions for every role. Built
 * through the API only, so it works on a test app (fixed clock) and on a real server process.
 */
export interface FuzzWorld {
  world: World;
  /** The server's local date (the center's zone, Asia/Tashkent). */
  today: string;
  deskId: string;
  roomId: string;
  poolId: string;
  /** The path a desk's QR code opens (`/c/<token>`). */
  deskScanPath: string;
  /** A member's request for a room that needs approval. */
  pendingBookingId: string;
  /** A member of the first center (the people pages). */
  personId: string;
  /** Real ids by the name of the parameter or field that takes them. */
  ids: Record<string, string[]>;
  /** A member's sign-in that the forms may use (no fuzzing session belongs to this member). */
  credentials: { email: string; password: string };
  /**
   * Sessions of each signed-in role: the first is the API fuzzer's; the others are the web
   * fuzzer's, each replacing one that a sign-out form ended (signing out revokes the session).
   */
  tokens: Record<Exclude<Role, 'anonymous'>, string[]>;
}

const SPARE_SESSIONS = 6;
const TASHKENT_OFFSET_MS = 5 * 3600_000;

/** The local date and time in Tashkent (no DST) of an instant. */
export function tashkentNow(ms: number): { date: string; minutes: number } {
  const local = new Date(ms + TASHKENT_OFFSET_MS);
  return {
    date: local.toISOString().slice(0, 10),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The `n`-th day after `date` that the default hours keep open (Monday to Saturday). */
export function openDayAfter(date: string, n: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  for (let left = n; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0) left--;
  }
  return day.toISOString().slice(0, 10);
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export async function buildFuzzWorld(client: HttpClient, nowMs: number): Promise<FuzzWorld> {
  const { date: today, minutes: nowMinutes } = tashkentNow(nowMs);
  const world = await createWorld(client);
  const admin = world.admin.token;
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await client.request(method, path, { token, body });
    if (response.status >= 300) {
      throw new Error(
        `fuzz world: ${method} ${path} ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  };
  const desk = await createResource(client, admin, world.centerId, {
    kind: 'desk',
    name: 'Desk 1',
  });
  const room = await createResource(client, admin, world.centerId, {
    kind: 'room',
    name: 'Training hall',
    capacity: 20,
  });
  const approvalRoom = await createResource(client, admin, world.centerId, {
    kind: 'room',
    name: 'Meeting room',
    capacity: 8,
    requiresApproval: true,
  });
  const pool = await createResource(client, admin, world.centerId, {
    kind: 'equipment',
    name: 'Laptops',
    quantity: 12,
  });
  const otherDesk = await createResource(client, admin, world.otherCenterId, {
    kind: 'computer',
    name: 'Computer 1',
    features: ['screen_reader'],
  });
  const [d1, d2, d3] = [1, 2, 3].map((n) => openDayAfter(today, n));
  const book = (token: string, body: Record<string, unknown>) =>
    ok('POST', '/api/v1/bookings', token, body) as Promise<{
      id: string;
      occurrences: Array<{ id: string }>;
    }>;
  const bookings = [
    await book(world.member.token, {
      resourceId: desk.id,
      start: `${d1}T10:00`,
      end: `${d1}T12:00`,
      title: 'Report writing',
    }),
    await book(world.trainer.token, {
      resourceId: room.id,
      start: `${d2}T14:00`,
      end: `${d2}T16:00`,
      title: 'Strategic planning',
      purpose: 'seminar',
      attendees: 12,
      recurrence: { rule: 'FREQ=WEEKLY;COUNT=4' },
    }),
    await book(world.coordinator.token, {
      resourceId: pool.id,
      quantity: 3,
      start: `${d3}T09:00`,
      end: `${d3}T11:00`,
      ownerId: world.otherMember.id,
    }),
  ];
  const pending = await book(world.member.token, {
    resourceId: approvalRoom.id,
    start: `${d1}T15:00`,
    end: `${d1}T16:00`,
    purpose: 'meeting',
    attendees: 6,
  });
  bookings.push(pending);
  // A session today whose check-in window is open, when the day leaves room for one.
  const todayStart = Math.ceil((nowMinutes + 1) / 15) * 15;
  const isSunday = new Date(`${today}T00:00:00Z`).getUTCDay() === 0;
  if (!isSunday && todayStart >= 9 * 60 && todayStart + 60 <= 18 * 60) {
    bookings.push(
      await book(world.member.token, {
        resourceId: desk.id,
        start: `${today}T${hhmm(todayStart)}`,
        end: `${today}T${hhmm(todayStart + 60)}`,
        title: 'Today',
      }),
    );
  }
  const closure = (await ok('POST', `/api/v1/centers/${world.centerId}/closures`, admin, {
    from: openDayAfter(today, 20),
    to: openDayAfter(today, 21),
    reason: 'Training of trainers',
  })) as { id: string };
  const organization = (await ok('POST', '/api/v1/organizations', admin, {
    name: 'Fuzz NGO',
  })) as { id: string };
  const victims = [
    // Registered at the first center, so its coordinator's people pages show this member.
    await createUser(client, admin, 'member', {
      organizationId: organization.id,
      centerIds: [world.centerId],
    }),
    await createUser(client, admin, 'trainer'),
    await createUser(client, admin, 'coordinator', { centerIds: [world.otherCenterId] }),
  ];
  const spare = async (email: string, password: string) =>
    Promise.all(Array.from({ length: SPARE_SESSIONS }, () => client.login(email, password)));
  const password = 'user-password-1';
  const userIds = victims.map((v) => v.id);
  const centerIds = [world.centerId, world.otherCenterId];
  const resourceIds = [desk.id, room.id, approvalRoom.id, pool.id, otherDesk.id];
  const bookingIds = bookings.map((b) => b.id);
  return {
    world,
    today,
    deskId: desk.id,
    roomId: room.id,
    poolId: pool.id,
    deskScanPath: new URL(desk.checkInUrl).pathname,
    pendingBookingId: pending.id,
    personId: victims[0].id,
    ids: {
      centerId: centerIds,
      centerIds,
      resourceId: resourceIds,
      bookingId: bookingIds,
      occurrenceId: bookings.flatMap((b) => b.occurrences.map((o) => o.id)),
      userId: userIds,
      ownerId: [world.member.id, world.otherMember.id, ...userIds],
      actorId: [world.admin.id, world.coordinator.id, world.member.id],
      targetId: [...bookingIds, ...resourceIds],
      organizationId: [organization.id],
      closureId: [closure.id],
      token: [new URL(desk.checkInUrl).pathname.split('/').pop()!],
    },
    credentials: { email: world.otherMember.email, password },
    tokens: {
      member: [world.member.token, ...(await spare(world.member.email, password))],
      coordinator: [world.coordinator.token, ...(await spare(world.coordinator.email, password))],
      admin: [world.admin.token, ...(await spare(ADMIN.email, ADMIN.password))],
    },
  };
}

/** The session in use for a role (undefined: anonymous). */
export function tokenFor(world: FuzzWorld, role: Role): string | undefined {
  return role === 'anonymous' ? undefined : world.tokens[role][0];
}
