/** Center policies every requested session must satisfy (time window and duration). */
import { DomainError } from './domain-error';
import { DAY_MS, MINUTE_MS } from './local-time';
import { CenterPolicy, Session } from './types';

/** A session may start up to this many minutes before now (a request takes a moment to arrive). */
export const PAST_TOLERANCE_MINUTES = 5;

export interface SessionPolicyInput {
  sessions: readonly Session[];
  nowMs: number;
  policy: CenterPolicy;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  /** From `expandSessions`: the series also has sessions past the booking window. */
  beyondHorizon?: boolean;
  firstBeyondHorizon?: Session | null;
}

/** The last instant a session may end at: now + `maxAdvanceDays` days (of 24 hours). */
export function bookingHorizonEnd(nowMs: number, policy: CenterPolicy): number {
  return nowMs + policy.maxAdvanceDays * DAY_MS;
}

function checkNotInPast(sessions: readonly Session[], nowMs: number): void {
  const earliest = nowMs - PAST_TOLERANCE_MINUTES * MINUTE_MS;
  const past = sessions.find((s) => s.start < earliest);
  if (past) {
    throw new DomainError(
      'IN_THE_PAST',
      `The session on ${past.localDate} starts in the past`,
    ).worded('inThePast', { date: past.localDate });
  }
}

function checkNotTooFarAhead(input: SessionPolicyInput): void {
  const { policy } = input;
  const horizon = bookingHorizonEnd(input.nowMs, policy);
  const late = input.sessions.find((s) => s.end > horizon) ?? input.firstBeyondHorizon ?? null;
  const window = `${policy.maxAdvanceDays} days ahead`;
  if (late) {
    throw new DomainError(
      'TOO_FAR_AHEAD',
      `The session on ${late.localDate} ends past the booking window (${window})`,
    ).worded('tooFarAhead', { date: late.localDate, count: policy.maxAdvanceDays });
  }
  if (input.beyondHorizon) {
    throw new DomainError(
      'TOO_FAR_AHEAD',
      `The series goes on past the booking window (${window})`,
    ).worded('seriesTooFarAhead', { count: policy.maxAdvanceDays });
  }
}

function checkDurations(input: SessionPolicyInput): void {
  const { minDurationMinutes: min, maxDurationMinutes: max } = input;
  for (const session of input.sessions) {
    const minutes = (session.end - session.start) / MINUTE_MS;
    if (minutes < min || minutes > max) {
      throw new DomainError(
        'DURATION_OUT_OF_RANGE',
        `The session on ${session.localDate} lasts ${minutes} minutes; allowed: ${min} to ${max}`,
      ).worded('duration', { date: session.localDate, minutes, min, max });
    }
  }
}

/**
 * Throws the first policy violation over all sessions, checks in this order: IN_THE_PAST,
 * TOO_FAR_AHEAD, DURATION_OUT_OF_RANGE. Spread an expansion into the input to include its
 * sessions past the horizon: `checkSessionPolicies({ ...expansion, nowMs, policy, … })`.
 */
export function checkSessionPolicies(input: SessionPolicyInput): void {
  checkNotInPast(input.sessions, input.nowMs);
  checkNotTooFarAhead(input);
  checkDurations(input);
}
