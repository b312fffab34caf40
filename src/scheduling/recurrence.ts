/**
 * Expansion of a booking (first session + optional RRULE + exception dates) into sessions.
 *
 * The rule is evaluated by rrule.js on floating wall-clock dates (never with a tzid); each match is
 * turned into instants in the center's zone here. See STACK.md, "Traps already found".
 */
import { Options, RRule } from 'rrule';
import { DomainError, validationError } from './domain-error';
import {
  DAY_MS,
  floatingToInstant,
  instantToFloating,
  isLocalDate,
  localDateOf,
  parseWall,
} from './local-time';
import { ParsedRule, RuleFrequency, parseRule, rruleFrequency } from './rrule-parse';
import { periodOf, selectSetPositions } from './rule-periods';
import { Interval, Session } from './types';

export interface ExpansionInput {
  /** Local wall-clock start of the first session, `YYYY-MM-DDTHH:mm`. */
  startWall: string;
  /** Local wall-clock end of the first session; may be on a later date (`…T24:00` allowed). */
  endWall: string;
  zone: string;
  rule?: string | null;
  /** Local dates (`YYYY-MM-DD`) whose session is left out. */
  exceptions?: readonly string[];
  /** End of the booking window: sessions ending later are not returned (see `beyondHorizon`). */
  horizonEndMs: number;
  maxOccurrences: number;
  /**
   * The first session's instants as requested, when known. They win over the wall-clock reading
   * for the session at `startWall` (a request may name the later instant of an ambiguous autumn
   * time with an explicit offset) and give the duration kept by sessions squeezed by a gap.
   */
  first?: Interval;
}

export interface SessionExpansion {
  /** Sessions (exceptions removed) ending within the horizon, in order. */
  sessions: Session[];
  /** True when the series has at least one session ending after the horizon. */
  beyondHorizon: boolean;
  /** The first such session, when the scan reached it (null if the series only goes on later). */
  firstBeyondHorizon: Session | null;
}

/** How far past the horizon the rule is scanned: 4 years so a Feb-29-only rule is still seen. */
const SCAN_PAST_HORIZON_MS = 4 * 366 * DAY_MS;
/** Upper bound on rrule.js periods (days, weeks…) scanned: 16 years of days, whatever the dates. */
const MAX_SCAN_PERIODS = 6_000;
const PERIOD_DAYS: Record<RuleFrequency, number> = {
  DAILY: 1,
  WEEKLY: 7,
  MONTHLY: 28,
  YEARLY: 365,
};

interface SessionShape {
  zone: string;
  startFloating: number;
  wallDurationMs: number;
  /** Real duration of the first session, kept by a session whose end a gap pushed before its start. */
  referenceDurationMs: number;
  first?: Interval;
}

interface Scan {
  /** Sessions not removed by exceptions, in order (at most maxOccurrences + 1). */
  kept: Session[];
  /** Matches of the rule, exceptions included. */
  matches: number;
  /** False when the rule may go on after the scanned range. */
  ended: boolean;
}

function invalidRecurrence(message: string): DomainError {
  return new DomainError('INVALID_RECURRENCE', message);
}

function readWall(value: string, field: string): number {
  try {
    return parseWall(value);
  } catch {
    throw validationError(field, 'must be a local date-time YYYY-MM-DDTHH:mm', 'dateTimeFormat');
  }
}

function sessionShape(input: ExpansionInput): SessionShape {
  const startFloating = readWall(input.startWall, 'start');
  const wallDurationMs = readWall(input.endWall, 'end') - startFloating;
  const first = input.first;
  const referenceDurationMs = first
    ? first.end - first.start
    : floatingToInstant(startFloating + wallDurationMs, input.zone) -
      floatingToInstant(startFloating, input.zone);
  if (wallDurationMs <= 0 || referenceDurationMs <= 0) {
    throw validationError('end', 'must be after start', 'afterField', { other: 'start' });
  }
  return { zone: input.zone, startFloating, wallDurationMs, referenceDurationMs, first };
}

/** The session starting at a floating wall time, keeping the first session's wall times. */
function sessionAt(startFloating: number, shape: SessionShape): Session {
  const { zone } = shape;
  if (shape.first && startFloating === shape.startFloating) {
    const { start, end } = shape.first;
    return { start, end, localDate: localDateOf(start, zone) };
  }
  const start = floatingToInstant(startFloating, zone);
  let end = floatingToInstant(startFloating + shape.wallDurationMs, zone);
  if (end <= start) end = start + shape.referenceDurationMs;
  return { start, end, localDate: localDateOf(start, zone) };
}

function exceptionSet(exceptions: readonly string[] | undefined): Set<string> {
  for (const date of exceptions ?? []) {
    if (!isLocalDate(date)) {
      throw validationError(
        'recurrence.exceptions',
        `"${String(date)}" is not a local date YYYY-MM-DD`,
        'localDate',
      );
    }
  }
  return new Set(exceptions);
}

function scanSingle(shape: SessionShape, exceptions: Set<string>): Scan {
  const session = sessionAt(shape.startFloating, shape);
  return { kept: exceptions.has(session.localDate) ? [] : [session], matches: 1, ended: true };
}

class ScanBudgetExhausted extends Error {}

/**
 * rrule.js checks `until` only when a day passes the BY… filters, so a rule that never matches
 * iterates period by period up to year 9999 (seconds of CPU; issue #468 is the sub-daily case).
 * Its loop reads `options.interval` twice per period (its own check and DateTime.add), which lets
 * us count the periods and stop after `periods` of them. The scan tests pin this down.
 */
function limitPeriods(rule: RRule, periods: number): void {
  const interval = rule.options.interval;
  const maxReads = 2 * periods + 1;
  let reads = 0;
  const options = { ...rule.options };
  Object.defineProperty(options, 'interval', {
    enumerable: true,
    get: () => {
      reads += 1;
      if (reads > maxReads) throw new ScanBudgetExhausted();
      return interval;
    },
  });
  rule.options = options;
}

/** The shortest time rrule.js moves per period (a month counts as 28 days, a year as 365). */
function periodMs(rule: ParsedRule): number {
  return PERIOD_DAYS[rule.freq] * rule.interval * DAY_MS;
}

/** Periods covering a floating range, with one spare at each end (a partial first week…). */
function periodsBetween(rule: ParsedRule, fromFloating: number, toFloating: number): number {
  return Math.ceil(Math.max(0, toFloating - fromFloating) / periodMs(rule)) + 2;
}

/** Floating end of the rule for rrule.js; an instant UNTIL gets a day of slack, filtered exactly later. */
function ruleEndFloating(rule: ParsedRule, zone: string): number {
  if (!rule.until) return Infinity;
  if (rule.until.kind === 'local') return rule.until.floating;
  return instantToFloating(rule.until.ms, zone) + DAY_MS;
}

/** The floating time up to which the rule is scanned: past the horizon (or start), bounded. */
function scanEndFloating(rule: ParsedRule, shape: SessionShape, horizonEndMs: number): number {
  const horizon = instantToFloating(horizonEndMs, shape.zone);
  const wanted = Math.max(horizon, shape.startFloating) + SCAN_PAST_HORIZON_MS;
  return Math.min(wanted, shape.startFloating + MAX_SCAN_PERIODS * periodMs(rule));
}

/** rrule.js on floating dates (no tzid), bounded in time and in periods iterated. */
function floatingRRule(
  rule: ParsedRule,
  byParts: Partial<Options>,
  startFloating: number,
  untilFloating: number,
  count: number | null,
): RRule {
  const rrule = new RRule(
    {
      ...byParts,
      freq: rruleFrequency(rule.freq),
      interval: rule.interval,
      count,
      dtstart: new Date(startFloating),
      until: new Date(untilFloating),
    },
    true,
  );
  limitPeriods(rrule, periodsBetween(rule, startFloating, untilFloating));
  return rrule;
}

/**
 * The day-level parts RFC 5545 takes from the start when the rule names none (rrule.js does the
 * same from its dtstart). Spelled out, so that the rule can be run from another dtstart.
 */
function withStartDefaults(rule: ParsedRule, startFloating: number): Partial<Options> {
  const { byweekday, bymonthday, byyearday, byweekno, bymonth } = rule.byParts;
  if (byweekday || bymonthday || byyearday || byweekno) return rule.byParts;
  const start = new Date(startFloating);
  switch (rule.freq) {
    case 'YEARLY':
      return {
        ...rule.byParts,
        bymonth: bymonth ?? [start.getUTCMonth() + 1],
        bymonthday: [start.getUTCDate()],
      };
    case 'MONTHLY':
      return { ...rule.byParts, bymonthday: [start.getUTCDate()] };
    case 'WEEKLY':
      return { ...rule.byParts, byweekday: [(start.getUTCDay() + 6) % 7] };
    default:
      return rule.byParts;
  }
}

/**
 * The rule's matches from `startFloating` to `untilFloating` (inclusive), in order, given to
 * `onMatch` until it answers false. Without BYSETPOS rrule.js gives them directly.
 *
 * With BYSETPOS, rrule.js is not trusted with the positions (2.8.1 takes the first member of a
 * set smaller than a negative position, repeats a member named twice, and counts the first week
 * from the start instead of from WKST). It lists every member of each period's set instead, from
 * the start of the first period to the end of the last one (a period is selected from whole,
 * before the start and UNTIL cut it), and the positions are applied here; COUNT counts the
 * selected matches, so the caller stops at it.
 */
function eachMatch(
  rule: ParsedRule,
  startFloating: number,
  untilFloating: number,
  onMatch: (floating: number) => boolean,
): void {
  const { byParts, setPositions } = rule;
  if (setPositions.length === 0) {
    const rrule = floatingRRule(rule, byParts, startFloating, untilFloating, rule.count);
    rrule.all((date) => onMatch(date.getTime()));
    return;
  }
  const weekStart = typeof byParts.wkst === 'number' ? byParts.wkst : 0;
  const timeOfDay = startFloating - periodOf('DAILY', startFloating).start;
  const first = periodOf(rule.freq, startFloating, weekStart);
  const last = periodOf(rule.freq, untilFloating, weekStart);
  const members = floatingRRule(
    rule,
    withStartDefaults(rule, startFloating),
    first.start + timeOfDay,
    last.end - 1,
    null,
  );

  let period: number | null = null;
  let set: number[] = [];
  const selectFrom = (): boolean => {
    for (const floating of selectSetPositions(set, setPositions)) {
      if (floating < startFloating) continue;
      if (floating > untilFloating || !onMatch(floating)) return false;
    }
    return true;
  };
  let going = true;
  try {
    members.all((date) => {
      const floating = date.getTime();
      const memberPeriod = periodOf(rule.freq, floating, weekStart).start;
      if (period !== null && memberPeriod !== period) {
        going = selectFrom();
        set = [];
      }
      period = memberPeriod;
      set.push(floating);
      return going;
    });
  } catch (error) {
    if (!(error instanceof ScanBudgetExhausted)) throw error;
    // The budget covers every period up to `last`, and rrule.js runs out of it only between two
    // periods, so the members gathered last still form a whole period.
  }
  if (going) selectFrom();
}

function scanRule(
  rule: ParsedRule,
  shape: SessionShape,
  input: ExpansionInput,
  exceptions: Set<string>,
): Scan {
  const scanEnd = scanEndFloating(rule, shape, input.horizonEndMs);
  const ruleEnd = ruleEndFloating(rule, shape.zone);

  const untilInstant = rule.until?.kind === 'instant' ? rule.until.ms : Infinity;
  const scan: Scan = { kept: [], matches: 0, ended: ruleEnd <= scanEnd };
  const onMatch = (floating: number): boolean => {
    const session = sessionAt(floating, shape);
    if (session.start > untilInstant) {
      scan.ended = true;
      return false;
    }
    scan.matches += 1;
    if (!exceptions.has(session.localDate)) scan.kept.push(session);
    if (rule.count !== null && scan.matches >= rule.count) {
      scan.ended = true;
      return false;
    }
    return scan.kept.length <= input.maxOccurrences;
  };
  try {
    eachMatch(rule, shape.startFloating, Math.min(ruleEnd, scanEnd), onMatch);
  } catch (error) {
    if (!(error instanceof ScanBudgetExhausted)) throw error;
  }
  return scan;
}

function checkNoOverlap(sessions: Session[]): void {
  for (let i = 1; i < sessions.length; i++) {
    if (sessions[i].start < sessions[i - 1].end) {
      throw invalidRecurrence(
        `Sessions of the series overlap: the one on ${sessions[i].localDate} starts before the one ` +
          `on ${sessions[i - 1].localDate} ends`,
      );
    }
  }
}

function conclude(scan: Scan, input: ExpansionInput): SessionExpansion {
  const { kept } = scan;
  checkNoOverlap(kept);
  const goesOn = !scan.ended && scan.matches > 0;
  if (kept.length === 0 && !goesOn) {
    throw invalidRecurrence(
      scan.matches > 0
        ? 'The exceptions remove every session of the series'
        : 'The rule yields no session',
    );
  }
  if (kept.length > input.maxOccurrences) {
    throw new DomainError(
      'TOO_MANY_OCCURRENCES',
      `The series has more than ${input.maxOccurrences} sessions`,
    ).worded('tooManySessions', { count: input.maxOccurrences });
  }
  const firstBeyondHorizon = kept.find((s) => s.end > input.horizonEndMs) ?? null;
  return {
    sessions: kept.filter((s) => s.end <= input.horizonEndMs),
    beyondHorizon: firstBeyondHorizon !== null || goesOn,
    firstBeyondHorizon,
  };
}

/**
 * Expands a booking into its sessions. Without a rule: the single session. With one: every match
 * of the rule at or after the start, keeping the first session's local wall times (a spring-gap
 * time moves forward; an ambiguous one takes the earlier instant), minus exception dates.
 *
 * Throws VALIDATION_FAILED (bad walls, end not after start, bad exception dates),
 * INVALID_RECURRENCE (see `parseRule`; no session at all; sessions overlapping each other) and
 * TOO_MANY_OCCURRENCES (more than `maxOccurrences` sessions, counting those past the horizon).
 */
export function expandSessions(input: ExpansionInput): SessionExpansion {
  const shape = sessionShape(input);
  const exceptions = exceptionSet(input.exceptions);
  const rule = input.rule === undefined || input.rule === null ? null : parseRule(input.rule);
  const scan = rule ? scanRule(rule, shape, input, exceptions) : scanSingle(shape, exceptions);
  return conclude(scan, input);
}
