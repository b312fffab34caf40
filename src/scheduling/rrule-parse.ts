/**
 * Strict reading of an RFC 5545 RRULE into rrule.js options. rrule.js's own parser is lenient
 * (unknown values become strings, HOURLY rules loop forever), so every part is checked here and
 * anything that makes no sense for sessions that keep the first session's wall time is refused.
 */
import { Frequency, Options, Weekday } from 'rrule';
import { DomainError } from './domain-error';
import { DAY_MS, HOUR_MS, MINUTE_MS, isLocalDate, parseLocalDate } from './local-time';

export type RuleFrequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY';

/** `UNTIL`: with `Z` an instant; otherwise a local (floating) wall time, inclusive. */
export type RuleUntil = { kind: 'instant'; ms: number } | { kind: 'local'; floating: number };

export interface ParsedRule {
  freq: RuleFrequency;
  interval: number;
  count: number | null;
  until: RuleUntil | null;
  /** rrule.js options for the BY… parts and WKST (never BYSETPOS, dtstart, until, count or tzid). */
  byParts: Partial<Options>;
  /** BYSETPOS (empty when not given): applied by the expansion, not by rrule.js. */
  setPositions: number[];
}

const FREQUENCIES: Record<RuleFrequency, Frequency> = {
  YEARLY: Frequency.YEARLY,
  MONTHLY: Frequency.MONTHLY,
  WEEKLY: Frequency.WEEKLY,
  DAILY: Frequency.DAILY,
};
const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);
const TIME_OF_DAY_PARTS = new Set(['BYHOUR', 'BYMINUTE', 'BYSECOND']);
const ZONE_PARTS = new Set(['DTSTART', 'TZID']);
const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const KNOWN_PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const BY_PARTS = ['BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH'];

const INTEGER = /^[+-]?\d{1,6}$/;
const UNTIL_FORMAT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;
const DAY_ENTRY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

function invalid(message: string): DomainError {
  return new DomainError('INVALID_RECURRENCE', message);
}

/** Splits `KEY=VALUE;…` (optional `RRULE:` prefix) into upper-cased parts, refusing repeats. */
function splitParts(rule: string): Map<string, string> {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]/.test(text))
    throw invalid('The rule must be a single RRULE line (no DTSTART or other lines)');
  const parts = new Map<string, string>();
  for (const part of text.split(';').filter((p) => p.trim() !== '')) {
    const match = /^\s*([A-Za-z-]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!match) throw invalid(`Malformed rule part "${part}"`);
    const key = match[1].toUpperCase();
    if (parts.has(key)) throw invalid(`${key} appears more than once`);
    parts.set(key, match[2].toUpperCase());
  }
  return parts;
}

function checkPartNames(parts: Map<string, string>): void {
  for (const key of parts.keys()) {
    if (TIME_OF_DAY_PARTS.has(key)) {
      throw invalid(`${key} is not supported: every session keeps the first session's time of day`);
    }
    if (ZONE_PARTS.has(key)) {
      throw invalid(
        `${key} is not allowed in the rule: the start and the center's time zone apply`,
      );
    }
    if (!KNOWN_PARTS.has(key)) throw invalid(`Unknown rule part ${key}`);
  }
}

function readFrequency(value: string | undefined): RuleFrequency {
  if (value === undefined) throw invalid('FREQ is required');
  if (SUB_DAILY.has(value)) {
    throw invalid(
      `FREQ=${value} is not supported: every session keeps the first session's time of day`,
    );
  }
  if (!(value in FREQUENCIES)) throw invalid(`Unknown FREQ=${value}`);
  return value as RuleFrequency;
}

function readInteger(key: string, text: string, min: number, max: number, signed = false): number {
  const value = INTEGER.test(text) ? Number(text) : NaN;
  const magnitude = Math.abs(value);
  const inRange = signed
    ? magnitude >= min && magnitude <= max
    : value >= min && value <= max && !text.startsWith('-');
  if (!Number.isInteger(value) || !inRange) {
    const range = signed ? `±${min}..${max}` : `${min}..${max}`;
    throw invalid(`${key}=${text} is out of range (${range})`);
  }
  return value;
}

function readList(key: string, text: string, min: number, max: number, signed: boolean): number[] {
  return text.split(',').map((item) => readInteger(key, item, min, max, signed));
}

function readUntil(text: string): RuleUntil {
  const m = UNTIL_FORMAT.exec(text);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isLocalDate(date)) throw invalid(`UNTIL=${text} is not a date or date-time`);
  const midnight = parseLocalDate(date);
  if (m[4] === undefined) return { kind: 'local', floating: midnight + DAY_MS - 1 };

  const [hours, minutes, seconds] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hours > 23 || minutes > 59 || seconds > 59)
    throw invalid(`UNTIL=${text} is not a valid time`);
  const timeOfDay = hours * HOUR_MS + minutes * MINUTE_MS + seconds * 1000;
  return m[7]
    ? { kind: 'instant', ms: midnight + timeOfDay }
    : { kind: 'local', floating: midnight + timeOfDay };
}

function readWeekdays(text: string, freq: RuleFrequency, hasWeekNumbers: boolean): Weekday[] {
  return text.split(',').map((item) => {
    const m = DAY_ENTRY.exec(item);
    if (!m) throw invalid(`BYDAY=${text} is not a list of days such as MO,TU or 1MO,-1FR`);
    const weekday = DAY_CODES.indexOf(m[2]);
    if (m[1] === undefined) return new Weekday(weekday);
    const ordinalAllowed = freq === 'MONTHLY' || (freq === 'YEARLY' && !hasWeekNumbers);
    if (!ordinalAllowed)
      throw invalid(`BYDAY=${item}: a numbered weekday needs FREQ=MONTHLY or YEARLY`);
    return new Weekday(weekday, readInteger('BYDAY', m[1], 1, freq === 'MONTHLY' ? 5 : 53, true));
  });
}

/**
 * RFC 5545 reads a BYDAY list as alternatives, but rrule.js 2.8.1 intersects its numbered and
 * plain entries (`FREQ=MONTHLY;BYDAY=1MO,FR` yields nothing). When a list mixes them, each plain
 * weekday is spelled out as every numbered one of its scope (the month, or the year for a YEARLY
 * rule without BYMONTH), which is the same set of days.
 */
function alternativesOf(days: Weekday[], freq: RuleFrequency, hasMonths: boolean): Weekday[] {
  const numbered = days.filter((day) => day.n !== undefined);
  if (numbered.length === 0 || numbered.length === days.length) return days;
  const most = freq === 'YEARLY' && !hasMonths ? 53 : 5;
  const spelled = days
    .filter((day) => day.n === undefined)
    .flatMap((day) => Array.from({ length: most }, (_, i) => new Weekday(day.weekday, i + 1)));
  return [...numbered, ...spelled];
}

function requireFrequency(key: string, freq: RuleFrequency, allowed: RuleFrequency[]): void {
  if (!allowed.includes(freq)) throw invalid(`${key} cannot be used with FREQ=${freq}`);
}

function readSetPositions(parts: Map<string, string>): number[] {
  const bySetPos = parts.get('BYSETPOS');
  if (bySetPos === undefined) return [];
  if (!BY_PARTS.some((key) => parts.has(key))) throw invalid('BYSETPOS needs another BY… part');
  // A numbered week may straddle two years, so which year's set it joins is not well defined.
  if (parts.has('BYWEEKNO')) throw invalid('BYSETPOS cannot be used with BYWEEKNO');
  return readList('BYSETPOS', bySetPos, 1, 366, true);
}

function readByParts(parts: Map<string, string>, freq: RuleFrequency): Partial<Options> {
  const options: Partial<Options> = {};
  const byDay = parts.get('BYDAY');
  const byMonthDay = parts.get('BYMONTHDAY');
  const byYearDay = parts.get('BYYEARDAY');
  const byWeekNo = parts.get('BYWEEKNO');
  const byMonth = parts.get('BYMONTH');
  const weekStart = parts.get('WKST');

  if (byDay !== undefined) {
    const days = readWeekdays(byDay, freq, byWeekNo !== undefined);
    options.byweekday = alternativesOf(days, freq, byMonth !== undefined);
  }
  if (byMonthDay !== undefined) {
    requireFrequency('BYMONTHDAY', freq, ['YEARLY', 'MONTHLY', 'DAILY']);
    options.bymonthday = readList('BYMONTHDAY', byMonthDay, 1, 31, true);
  }
  if (byYearDay !== undefined) {
    requireFrequency('BYYEARDAY', freq, ['YEARLY']);
    options.byyearday = readList('BYYEARDAY', byYearDay, 1, 366, true);
  }
  if (byWeekNo !== undefined) {
    requireFrequency('BYWEEKNO', freq, ['YEARLY']);
    options.byweekno = readList('BYWEEKNO', byWeekNo, 1, 53, true);
  }
  if (byMonth !== undefined) options.bymonth = readList('BYMONTH', byMonth, 1, 12, false);
  if (weekStart !== undefined) {
    const index = DAY_CODES.indexOf(weekStart);
    if (index < 0) throw invalid(`WKST=${weekStart} is not a day (MO…SU)`);
    options.wkst = index;
  }
  return options;
}

/**
 * Parses and validates an RRULE (`FREQ=WEEKLY;COUNT=8`, optional `RRULE:` prefix). Throws
 * `INVALID_RECURRENCE` for anything unparsable, unbounded (no COUNT or UNTIL) or unsupported.
 * Needs no time zone, so it can run before anything is loaded.
 */
export function parseRule(rule: string): ParsedRule {
  if (typeof rule !== 'string' || rule.trim() === '') throw invalid('The rule is empty');
  const parts = splitParts(rule);
  checkPartNames(parts);
  const freq = readFrequency(parts.get('FREQ'));
  const countText = parts.get('COUNT');
  const untilText = parts.get('UNTIL');
  if (countText !== undefined && untilText !== undefined) {
    throw invalid('COUNT and UNTIL cannot both be given');
  }
  if (countText === undefined && untilText === undefined) {
    throw invalid('The rule must end: give COUNT or UNTIL');
  }
  const intervalText = parts.get('INTERVAL');
  return {
    freq,
    interval: intervalText === undefined ? 1 : readInteger('INTERVAL', intervalText, 1, 999_999),
    count: countText === undefined ? null : readInteger('COUNT', countText, 1, 999_999),
    until: untilText === undefined ? null : readUntil(untilText),
    byParts: readByParts(parts, freq),
    setPositions: readSetPositions(parts),
  };
}

export function rruleFrequency(freq: RuleFrequency): Frequency {
  return FREQUENCIES[freq];
}
