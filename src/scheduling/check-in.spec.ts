import { checkInOpensAt, heldUntil, isDueNoShow, noShowReleaseAt } from './check-in';
import { DEFAULT_POLICY } from './types';

const MINUTE = 60_000;
const START = Date.parse('2026-12-01T05:00:00Z');
const END = START + 120 * MINUTE;
const policy = { ...DEFAULT_POLICY, checkInOpensMinutes: 10, checkInGraceMinutes: 15 };
const desk = { status: 'booked', startMs: START, checkInRequired: true };

describe('check-in rules', () => {
  it('opens check-in checkInOpensMinutes before the start', () => {
    expect(checkInOpensAt(START, policy)).toBe(START - 10 * MINUTE);
  });

  it('releases a session checkInGraceMinutes after its start', () => {
    expect(noShowReleaseAt(START, policy)).toBe(START + 15 * MINUTE);
  });

  it('makes a booked session a no-show exactly at the release moment', () => {
    expect(isDueNoShow(desk, policy, START + 14 * MINUTE)).toBe(false);
    expect(isDueNoShow(desk, policy, START + 15 * MINUTE - 1)).toBe(false);
    expect(isDueNoShow(desk, policy, START + 15 * MINUTE)).toBe(true);
  });

  it('never releases a checked-in session, a stored one again, or one without check-in', () => {
    const later = START + 60 * MINUTE;
    expect(isDueNoShow({ ...desk, status: 'checked_in' }, policy, later)).toBe(false);
    expect(isDueNoShow({ ...desk, status: 'no_show' }, policy, later)).toBe(false);
    expect(isDueNoShow({ ...desk, status: 'cancelled' }, policy, later)).toBe(false);
    expect(isDueNoShow({ ...desk, checkInRequired: false }, policy, later)).toBe(false);
  });

  it('holds the slot until the end, or until the release once it is a no-show', () => {
    expect(heldUntil(desk, END, policy, START + 14 * MINUTE)).toBe(END);
    expect(heldUntil(desk, END, policy, START + 15 * MINUTE)).toBe(START + 15 * MINUTE);
    const short = START + 10 * MINUTE;
    expect(heldUntil(desk, short, policy, START + 15 * MINUTE)).toBe(short);
  });
});
