import { INestApplication } from '@nestjs/common';
import { DeclaredRoute, declaredRoutes } from './routes';
import { HttpClient } from './test-app';
import { Actor, createBooking, World } from './world';

/**
 * The engine of the two access matrices, the API's (test/access-matrix.e2e-spec.ts) and the
 * pages' (test/web-access-matrix.e2e-spec.ts): every route × every kind of caller, and what each
 * must get. A spec lists its rows (a route, how to call it as a caller, the outcome per caller)
 * and says how one call is made and read; the engine checks that the rows cover exactly the
 * routes the app serves and lists every call whose outcome differs from its row.
 *
 * "here" is the world's first center, where the targets live; `coordOther` runs the other one.
 */
export const CALLERS = [
  'anonymous',
  'member',
  'trainer',
  'coordHere',
  'coordOther',
  'admin',
] as const;
export type Caller = (typeof CALLERS)[number];
/** One outcome per caller, in the order of CALLERS. */
export type PerCaller<T> = [T, T, T, T, T, T];

export interface MatrixRow<Call, Outcome extends string | number> {
  /** `METHOD /path/:param`, as the app declares it. */
  route: string;
  /** The request for this caller; targets are made fresh where a call would change them. */
  call: (caller: Caller) => Call | Promise<Call>;
  expect: PerCaller<Outcome>;
}

/** Who makes the calls of `caller` (none for `anonymous`). */
export function actorOf(world: World, caller: Caller): Actor | undefined {
  const actors: Record<Exclude<Caller, 'anonymous'>, Actor> = {
    member: world.member,
    trainer: world.trainer,
    coordHere: world.coordinator,
    coordOther: world.otherCoordinator,
    admin: world.admin,
  };
  return caller === 'anonymous' ? undefined : actors[caller];
}

/** Fails unless the rows name every route of the app in scope exactly once, and nothing else. */
export function expectOneRowPerRoute(
  app: INestApplication,
  rows: Array<{ route: string }>,
  inScope: (route: DeclaredRoute) => boolean,
): void {
  const served = declaredRoutes(app)
    .filter(inScope)
    .map((r) => `${r.method} ${r.path}`);
  const listed = rows.map((row) => row.route);
  expect(listed.filter((route, i) => listed.indexOf(route) !== i)).toEqual([]);
  expect({
    withoutRow: served.filter((route) => !listed.includes(route)).sort(),
    rowWithoutRoute: listed.filter((route) => !served.includes(route)).sort(),
  }).toEqual({ withoutRow: [], rowWithoutRoute: [] });
}

/**
 * Calls every row as every caller, one after the other, and lists each call whose outcome is not
 * its row's: `<route> as <caller>: expected <outcome>, got <outcome>[ <detail>]`.
 */
export async function mismatchesOf<Call, Outcome extends string | number>(
  rows: Array<MatrixRow<Call, Outcome>>,
  ask: (
    row: MatrixRow<Call, Outcome>,
    caller: Caller,
    call: Call,
  ) => Promise<{ got: Outcome; detail?: string }>,
): Promise<string[]> {
  const mismatches: string[] = [];
  for (const row of rows) {
    for (const [index, caller] of CALLERS.entries()) {
      const { got, detail } = await ask(row, caller, await row.call(caller));
      if (got !== row.expect[index]) {
        const shown = detail === undefined ? `${got}` : `${got} ${detail}`;
        mismatches.push(`${row.route} as ${caller}: expected ${row.expect[index]}, got ${shown}`);
      }
    }
  }
  return mismatches;
}

/**
 * One-hour slots that never meet: Monday to Saturday, 09:00–17:00, from Wednesday 2 December
 * 2026 on, each slot once.
 */
export class FreshSlots {
  private taken = 0;

  /** The next slot as a page's form has it. */
  next(): { date: string; startTime: string; endTime: string } {
    const index = this.taken++;
    const day = new Date(Date.UTC(2026, 11, 2));
    for (let weekdays = Math.floor(index / 8); weekdays > 0 || day.getUTCDay() === 0;) {
      day.setUTCDate(day.getUTCDate() + 1);
      if (day.getUTCDay() !== 0) weekdays--;
    }
    const hour = 9 + (index % 8);
    return {
      date: day.toISOString().slice(0, 10),
      startTime: `${String(hour).padStart(2, '0')}:00`,
      endTime: `${String(hour + 1).padStart(2, '0')}:00`,
    };
  }

  /** The next slot as the API takes it (`start`, `end` in the center's zone). */
  nextForApi(): { start: string; end: string } {
    const { date, startTime, endTime } = this.next();
    return { start: `${date}T${startTime}`, end: `${date}T${endTime}` };
  }
}

/** Another member's (`world.otherMember`'s) booking at "here", on the next fresh slot. */
export async function othersBooking(
  t: HttpClient,
  world: World,
  slots: FreshSlots,
  resourceId: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; occurrenceId: string }> {
  const booking = await createBooking(t, world.otherMember.token, {
    resourceId,
    ...slots.nextForApi(),
    ...extra,
  });
  return { id: booking.id, occurrenceId: booking.occurrences[0].id };
}
