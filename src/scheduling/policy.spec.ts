import { ErrorCode } from './domain-error';
import {
  PAST_TOLERANCE_MINUTES,
  SessionPolicyInput,
  bookingHorizonEnd,
  checkSessionPolicies,
} from './policy';
import { expandSessions } from './recurrence';
import { DEFAULT_POLICY, Session } from './types';
import { domainErrorOf, errorCodeOf as codeOf } from '../../test/support/domain-errors';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A fixed "now": 2026-11-20T10:00+05:00. */
const NOW = Date.parse('2026-11-20T05:00:00Z');

function sessionAt(startOffsetMinutes: number, minutes: number, localDate = '2026-11-20'): Session {
  const start = NOW + startOffsetMinutes * MINUTE;
  return { start, end: start + minutes * MINUTE, localDate };
}

function check(sessions: Session[], extra: Partial<SessionPolicyInput> = {}): void {
  checkSessionPolicies({
    sessions,
    nowMs: NOW,
    policy: DEFAULT_POLICY,
    minDurationMinutes: 15,
    maxDurationMinutes: 720,
    ...extra,
  });
}

describe('bookingHorizonEnd', () => {
  it('is now plus maxAdvanceDays days', () => {
    expect(bookingHorizonEnd(NOW, DEFAULT_POLICY)).toBe(NOW + 90 * DAY);
    expect(bookingHorizonEnd(NOW, { ...DEFAULT_POLICY, maxAdvanceDays: 1 })).toBe(NOW + DAY);
  });
});

describe('checkSessionPolicies', () => {
  it('accepts sessions inside the window with an allowed duration', () => {
    expect(() => check([sessionAt(60, 60), sessionAt(7 * 24 * 60, 720)])).not.toThrow();
  });

  it(`allows a start up to ${PAST_TOLERANCE_MINUTES} minutes before now, not more`, () => {
    expect(() => check([sessionAt(-5, 60)])).not.toThrow();
    const error = domainErrorOf(() => check([sessionAt(-6, 60, '2026-11-20')]));
    expect(error.code).toBe('IN_THE_PAST');
    expect(error.status).toBe(422);
    expect(error.message).toContain('2026-11-20');
  });

  it('allows an end exactly at the horizon, not a minute later', () => {
    const horizon = 90 * 24 * 60;
    expect(() => check([sessionAt(horizon - 60, 60)])).not.toThrow();
    const error = domainErrorOf(() => check([sessionAt(horizon - 59, 60, '2027-02-18')]));
    expect(error.code).toBe('TOO_FAR_AHEAD');
    expect(error.message).toContain('2027-02-18');
  });

  it.each<[number, ErrorCode | null]>([
    [14, 'DURATION_OUT_OF_RANGE'],
    [15, null],
    [720, null],
    [721, 'DURATION_OUT_OF_RANGE'],
  ])('a %s-minute session gives %s', (minutes, code) => {
    const run = (): void => check([sessionAt(60, minutes, '2026-11-21')]);
    if (code === null) return expect(run).not.toThrow();
    expect(domainErrorOf(run)).toMatchObject({
      code,
      message: expect.stringContaining('2026-11-21'),
    });
  });

  it('checks in order over all sessions: past, then too far, then duration', () => {
    const tooShort = sessionAt(60, 5, 'short');
    const tooFar = sessionAt(100 * 24 * 60, 60, 'far');
    const past = sessionAt(-60, 60, 'past');
    expect(codeOf(() => check([tooShort, tooFar, past]))).toBe('IN_THE_PAST');
    expect(codeOf(() => check([tooShort, tooFar]))).toBe('TOO_FAR_AHEAD');
    expect(codeOf(() => check([tooShort]))).toBe('DURATION_OUT_OF_RANGE');
  });

  it('takes the sessions past the horizon from an expansion', () => {
    const expansion = expandSessions({
      startWall: '2026-11-24T10:00',
      endWall: '2026-11-24T11:00',
      zone: 'Asia/Tashkent',
      rule: 'FREQ=WEEKLY;COUNT=20',
      horizonEndMs: bookingHorizonEnd(NOW, DEFAULT_POLICY),
      maxOccurrences: DEFAULT_POLICY.maxOccurrences,
    });
    const error = domainErrorOf(() => check([], { ...expansion }));
    expect(error.code).toBe('TOO_FAR_AHEAD');
    expect(error.message).toContain('2027-02-23');
  });

  it('refuses a series said to go on past the horizon even without a known session', () => {
    expect(codeOf(() => check([sessionAt(60, 60)], { beyondHorizon: true }))).toBe('TOO_FAR_AHEAD');
  });

  it('still reports a past session before a series going on past the horizon', () => {
    expect(codeOf(() => check([sessionAt(-60, 60)], { beyondHorizon: true }))).toBe('IN_THE_PAST');
  });
});
