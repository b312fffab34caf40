import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Dialect, HeavyReads } from '../database';
import {
  AggregateGroup,
  aggregateHoldingsAndDays,
  AggregateSpec,
  aggregateSessions,
} from './session-aggregates';
import type { Interval } from '../scheduling';
import type { BookingStatus, EquipmentRequest, SessionStatus, Purpose } from './booking.entity';

/**
 * Read-only views of sessions (occurrences with what their booking says about them) for the
 * occupancy, timeline and utilization reports. One query each, over indexed columns.
 */

/** What a report needs to know of one session that was not cancelled. */
export interface ReportSession {
  centerId: string;
  resourceId: string;
  startMs: number;
  endMs: number;
  status: SessionStatus;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  purpose: Purpose;
  attendees: number | null;
  /** Units of `resourceId` when it is a pool booked on its own; 1 otherwise. */
  quantity: number;
  /** Pool units the session borrows besides its resource. */
  equipment: EquipmentRequest[];
  ownerId: string;
  organizationId: string | null;
}

/** A session as the day views show it to staff. */
export interface DaySession extends ReportSession {
  occurrenceId: string;
  bookingId: string;
  bookingStatus: BookingStatus;
  title: string;
  ownerName: string;
}

type Row = Record<string, string | number | null>;

const num = (value: string | number | null): number | null =>
  value === null ? null : Number(value);

function equipmentOf(text: string | number | null): EquipmentRequest[] {
  if (typeof text !== 'string' || text === '[]' || text === '') return [];
  return JSON.parse(text) as EquipmentRequest[];
}

function reportSessionOf(row: Row): ReportSession {
  return {
    centerId: String(row.center_id),
    resourceId: String(row.resource_id),
    startMs: Number(row.start_ms),
    endMs: Number(row.end_ms),
    status: row.status as SessionStatus,
    checkedInAt: num(row.checked_in_at),
    checkedOutAt: num(row.checked_out_at),
    purpose: row.purpose as Purpose,
    attendees: num(row.attendees),
    quantity: Number(row.quantity),
    equipment: equipmentOf(row.equipment),
    ownerId: String(row.owner_id),
    organizationId: row.organization_id === null ? null : String(row.organization_id),
  };
}

/**
 * The statement of `SessionRecords.forDay` with its three placeholders (center, start, end: in
 * this order, for SQLite's positional `?`); exported for the test that pins its query plan.
 */
export function daySessionsStatement(center: string, from: string, to: string): string {
  return `SELECT o.id AS occurrence_id, o.booking_id, b.status AS booking_status, b.title,
            u.name AS owner_name, b.center_id, b.resource_id, o.start_ms, o.end_ms, o.status,
            o.checked_in_at, o.checked_out_at, b.purpose, b.attendees, b.quantity, b.equipment,
            b.owner_id, u.organization_id
       FROM occurrences o
       JOIN bookings b ON b.id = o.booking_id
       LEFT JOIN users u ON u.id = b.owner_id
      WHERE o.center_id = ${center}
        AND o.start_ms >= ${from} AND o.start_ms < ${to}
        AND o.status <> 'cancelled'
        AND o.booking_status IN ('confirmed', 'pending')
      ORDER BY o.start_ms, o.id`;
}

@Injectable()
export class SessionRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly heavyReads: HeavyReads,
  ) {}

  private placeholders(count: number, offset = 0): string[] {
    const dialect = Dialect.of(this.dataSource);
    return Array.from({ length: count }, (_, i) => dialect.placeholder(offset + i + 1));
  }

  /**
   * The utilization report's sums per group, computed in the database (see session-aggregates),
   * off the event loop on SQLite (HeavyReads).
   */
  aggregate(spec: AggregateSpec): Promise<AggregateGroup[]> {
    return aggregateSessions(this.heavyReads, spec);
  }

  /** `aggregate` by `holding` and by `dayPurpose` at once, the pools' loans read once for both. */
  aggregateHoldingsAndDays(
    spec: Omit<AggregateSpec, 'key'>,
  ): Promise<{ holdings: AggregateGroup[]; dayPurposes: AggregateGroup[] }> {
    return aggregateHoldingsAndDays(this.heavyReads, spec);
  }

  /**
   * Sessions of a center starting in `window` (one local day) that hold their slot: of confirmed
   * or pending bookings, not cancelled; with title and owner name for staff views.
   *
   * Filtered on the sessions' own copies of the booking's center and status (migration
   * SessionReportCopies), so the day is one range of idx_occurrences_center_report and each
   * session's booking and owner one primary-key look-up: the cost follows the day, not the
   * center's history (test/query-plans.e2e-spec.ts pins the plan). Off the event loop on SQLite
   * (HeavyReads), as Today and the timelines read it for a few hundred sessions at a busy hub.
   */
  async forDay(centerId: string, window: Interval): Promise<DaySession[]> {
    const [center, from, to] = this.placeholders(3);
    const rows = await this.heavyReads.query<Row>(daySessionsStatement(center, from, to), [
      centerId,
      window.start,
      window.end,
    ]);
    return rows.map((row) => ({
      ...reportSessionOf(row),
      occurrenceId: String(row.occurrence_id),
      bookingId: String(row.booking_id),
      bookingStatus: row.booking_status as BookingStatus,
      title: String(row.title),
      ownerName: row.owner_name === null ? '' : String(row.owner_name),
    }));
  }
}
