/**
 * Local wall-clock time <-> instants in a center's IANA zone.
 *
 * Wall-clock values are handled internally as "floating" milliseconds: the local fields written as
 * if they were UTC (the representation rrule.js works with). Offsets come from luxon's IANA zone
 * data; the server's own zone is never consulted.
 */
import { IANAZone } from 'luxon';
import { validationError } from './domain-error';
import { Weekday, WEEKDAYS } from './types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A time from a request: its instant, and the local wall-clock time (`YYYY-MM-DDTHH:mm`) it names. */
export interface RequestMoment {
  instant: number;
  wall: string;
  /** True when the request gave an offset or `Z` (the instant is then exact, the wall derived). */
  hadOffset: boolean;
}

interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const REQUEST_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MAX_OFFSET_MINUTES = 18 * 60;

// ---------------------------------------------------------------------------------------------
// Zones

/** A zone and its offsets by UTC day, for the days on which the offset does not change. */
interface CachedZone {
  iana: IANAZone;
  steadyDays: Map<number, number>;
}

const zoneCache = new Map<string, CachedZone>();
/** Days remembered per zone before the memo starts over (about 55 years). */
const MAX_STEADY_DAYS = 20_000;

export function isValidZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
}

/**
 * The name under which a zone is stored: the canonical id the runtime's Intl (ICU) gives it, the
 * same engine that later computes its offsets. Letter case is fixed (`asia/tashkent` →
 * `Asia/Tashkent`, `utc` → `UTC`) and an alias becomes its zone (`Etc/UTC` → `UTC`, `US/Eastern`
 * → `America/New_York`). Null when the name is not a zone.
 */
export function canonicalZone(zone: unknown): string | null {
  if (!isValidZone(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function ianaZone(zone: string): CachedZone {
  let found = zoneCache.get(zone);
  if (!found) {
    if (!isValidZone(zone)) throw new RangeError(`Unknown time zone: ${String(zone)}`);
    found = { iana: IANAZone.create(zone), steadyDays: new Map() };
    zoneCache.set(zone, found);
  }
  return found;
}

/**
 * The zone's UTC offset in whole minutes at an instant. Rounded because local mean time offsets
 * before ~1900 carry seconds (Tashkent: +04:37:11), and everything here is minute-precise.
 *
 * Asking luxon (Intl) costs microseconds and a series asks it thousands of times, so the offset of
 * a UTC day is remembered when it is the same at the day's first and last millisecond; a day with
 * a transition is always computed exactly. (No zone changes its offset twice within one day.)
 */
function offsetOf(zone: CachedZone, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const steady = zone.steadyDays.get(day);
  if (steady !== undefined) return steady;
  const exact = Math.round(zone.iana.offset(ms));
  const atStart = Math.round(zone.iana.offset(day * DAY_MS));
  const atEnd = Math.round(zone.iana.offset((day + 1) * DAY_MS - 1));
  if (atStart === atEnd && atStart === exact) {
    if (zone.steadyDays.size >= MAX_STEADY_DAYS) zone.steadyDays.clear();
    zone.steadyDays.set(day, exact);
  }
  return exact;
}

export function offsetMinutesAt(ms: number, zone: string): number {
  return offsetOf(ianaZone(zone), ms);
}

// ---------------------------------------------------------------------------------------------
// Floating wall-clock values

/** Floating ms of local fields; `setUTCFullYear` keeps years below 100 literal (Date.UTC does not). */
function floatingOf(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, 0, 0);
  return date.getTime();
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const date = new Date(floatingOf(year, month, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isRealWall(fields: WallFields): boolean {
  if (!isRealDate(fields.year, fields.month, fields.day)) return false;
  if (fields.hour === 24) return fields.minute === 0;
  return fields.hour <= 23 && fields.minute <= 59;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** `YYYY-MM-DD` of a floating value. */
export function formatFloatingDate(floating: number): string {
  const d = new Date(floating);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `HH:mm` of a floating value. */
function formatFloatingTime(floating: number): string {
  const d = new Date(floating);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** `YYYY-MM-DDTHH:mm` of a floating value. */
export function formatFloatingWall(floating: number): string {
  return `${formatFloatingDate(floating)}T${formatFloatingTime(floating)}`;
}

function wallFieldsOf(match: RegExpExecArray): WallFields {
  return {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
  };
}

const floatingOfFields = (f: WallFields): number =>
  floatingOf(f.year, f.month, f.day, f.hour, f.minute);

/** Floating ms of a `YYYY-MM-DDTHH:mm` wall time (`24:00` is midnight starting the next day). */
export function parseWall(localDateTime: string): number {
  const match = LOCAL_WALL.exec(localDateTime);
  const fields = match ? wallFieldsOf(match) : undefined;
  if (!fields || !isRealWall(fields)) {
    throw new RangeError(`Not a local date-time (YYYY-MM-DDTHH:mm): ${localDateTime}`);
  }
  return floatingOfFields(fields);
}

/** Floating ms of midnight starting a `YYYY-MM-DD` local date. */
export function parseLocalDate(localDate: string): number {
  if (!isLocalDate(localDate)) {
    throw new RangeError(`Not a local date (YYYY-MM-DD): ${String(localDate)}`);
  }
  const [year, month, day] = localDate.split('-').map(Number);
  return floatingOf(year, month, day);
}

// ---------------------------------------------------------------------------------------------
// Wall time -> instant, instant -> wall time

/**
 * The instant of a floating wall time in a zone. An ambiguous wall time (autumn) takes the earlier
 * instant; a wall time in a spring-forward gap moves forward by the gap, i.e. it is read with the
 * offset in force before the jump.
 */
export function floatingToInstant(floating: number, zone: string): number {
  const iana = ianaZone(zone);
  // Every instant that can carry this wall time lies within 14 h of it, so the offsets one day
  // either side include both offsets around any (single) transition that matters.
  const before = offsetOf(iana, floating - DAY_MS);
  const after = offsetOf(iana, floating + DAY_MS);
  if (before === after) return floating - before * MINUTE_MS;

  const valid = [before, after].filter((o) => offsetOf(iana, floating - o * MINUTE_MS) === o);
  if (valid.length > 0) return floating - Math.max(...valid) * MINUTE_MS;
  return floating - Math.min(before, after) * MINUTE_MS;
}

/** Floating ms of the local wall time at an instant. */
export function instantToFloating(ms: number, zone: string): number {
  return ms + offsetMinutesAt(ms, zone) * MINUTE_MS;
}

/** The instant of `YYYY-MM-DDTHH:mm` in `zone` (gap: moved forward; ambiguous: the earlier one). */
export function wallToInstant(localDateTime: string, zone: string): number {
  return floatingToInstant(parseWall(localDateTime), zone);
}

/** `YYYY-MM-DD` of an instant in `zone`. */
export function localDateOf(ms: number, zone: string): string {
  return formatFloatingDate(instantToFloating(ms, zone));
}

/** `YYYY-MM-DDTHH:mm` of an instant in `zone`. */
export function localWallOf(ms: number, zone: string): string {
  return formatFloatingWall(instantToFloating(ms, zone));
}

/** `HH:mm` of an instant in `zone`. */
export function localTimeOf(ms: number, zone: string): string {
  return formatFloatingTime(instantToFloating(ms, zone));
}

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `2026-12-01T10:00:00+05:00`: the instant in the center's offset (`+00:00`, never `Z`). */
export function formatInstant(ms: number, zone: string): string {
  const offset = offsetMinutesAt(ms, zone);
  const floating = ms + offset * MINUTE_MS;
  const seconds = pad2(new Date(floating).getUTCSeconds());
  return `${formatFloatingWall(floating)}:${seconds}${formatOffset(offset)}`;
}

// ---------------------------------------------------------------------------------------------
// Requests

function parseOffsetMinutes(text: string): number | null {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59) return null;
  const total = hours * 60 + minutes;
  if (total > MAX_OFFSET_MINUTES) return null;
  return text.startsWith('-') ? -total : total;
}

/**
 * Reads an ISO 8601 time of a request: with an offset or `Z` it is an instant, without one a
 * wall-clock time in `zone`. Minute precision; `T24:00` is accepted as the next midnight.
 */
export function parseRequestMoment(input: string, zone: string, field: string): RequestMoment {
  const match = typeof input === 'string' ? REQUEST_TIME.exec(input) : null;
  if (!match) {
    throw validationError(
      field,
      'must be an ISO 8601 date-time such as 2026-12-01T10:00 or 2026-12-01T10:00+05:00',
      'dateTimeFormat',
    );
  }
  const [, , , , , , seconds, fraction, offsetText] = match;
  if ((seconds !== undefined && Number(seconds) !== 0) || (fraction && Number(fraction) !== 0)) {
    throw validationError(
      field,
      'must be a whole minute: seconds and milliseconds must be zero',
      'wholeMinute',
    );
  }
  const fields = wallFieldsOf(match);
  if (!isRealWall(fields)) {
    throw validationError(field, 'is not a real date and time', 'realDateTime');
  }
  const floating = floatingOfFields(fields);

  if (offsetText === undefined) {
    return {
      instant: floatingToInstant(floating, zone),
      wall: formatFloatingWall(floating),
      hadOffset: false,
    };
  }
  const offset = parseOffsetMinutes(offsetText);
  if (offset === null) throw validationError(field, 'has an invalid UTC offset', 'utcOffset');
  const instant = floating - offset * MINUTE_MS;
  return { instant, wall: localWallOf(instant, zone), hadOffset: true };
}

/** The instant of an ISO 8601 request time (see `parseRequestMoment`). */
export function parseRequestTime(input: string, zone: string, field: string): number {
  return parseRequestMoment(input, zone, field).instant;
}

// ---------------------------------------------------------------------------------------------
// Local dates

/** Strict `YYYY-MM-DD` naming a real calendar date. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function addDays(localDate: string, days: number): string {
  return formatFloatingDate(parseLocalDate(localDate) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseLocalDate(to) - parseLocalDate(from)) / DAY_MS);
}

export function weekdayOf(localDate: string): Weekday {
  const sundayFirst = new Date(parseLocalDate(localDate)).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7];
}
