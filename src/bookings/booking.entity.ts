import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../database';

export const PURPOSES = ['work', 'seminar', 'meeting', 'consultation', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];
export type BookingStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';
export type SessionStatus =
  'booked' | 'checked_in' | 'checked_out' | 'completed' | 'no_show' | 'cancelled';

export interface EquipmentRequest {
  resourceId: string;
  quantity: number;
}

/** A booking is a series of one or more sessions (occurrences) of one resource. */
@Entity('bookings')
// With the columns the utilization report reads (migration ReportIndexes).
@Index('idx_bookings_center_report', ['centerId', 'status', 'id'])
// The staff's bookings list, by first session (migration BookingListIndex).
@Index('idx_bookings_center_start', ['centerId', 'startLocal', 'id'])
@Index('idx_bookings_center_status_start', ['centerId', 'status', 'startLocal', 'id'])
@Index('idx_bookings_owner', ['ownerId'])
@Index('idx_bookings_resource', ['resourceId'])
export class BookingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(uuidColumn('center_id'))
  centerId: string;

  @Column(uuidColumn('resource_id'))
  resourceId: string;

  @Column(uuidColumn('owner_id'))
  ownerId: string;

  @Column(uuidColumn('creator_id'))
  creatorId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: Purpose;

  @Column({ type: 'integer', nullable: true })
  attendees: number | null;

  /** Units of `resourceId` when it is an equipment pool booked on its own; 1 otherwise. */
  @Column({ type: 'integer', default: 1 })
  quantity: number;

  @Column({ type: 'varchar', length: 16 })
  status: BookingStatus;

  /** The first session's local wall-clock start and end (`YYYY-MM-DDTHH:mm`, center's zone). */
  @Column({ name: 'start_local', type: 'varchar', length: 16 })
  startLocal: string;

  @Column({ name: 'end_local', type: 'varchar', length: 16 })
  endLocal: string;

  @Column({ name: 'rrule', type: 'varchar', length: 500, nullable: true })
  rule: string | null;

  @Column({ type: 'simple-json' })
  exceptions: string[];

  @Column({ type: 'simple-json' })
  equipment: EquipmentRequest[];

  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column(instantColumn('created_at'))
  createdAt: number;

  @Column(instantColumn('updated_at'))
  updatedAt: number;
}

@Entity('occurrences')
// With the columns the utilization report reads (migrations ReportIndexes, SessionReportCopies).
@Index('idx_occurrences_booking_report', ['bookingId', 'startMs'])
@Index('idx_occurrences_center_report', ['centerId', 'startMs'])
@Index('idx_occurrences_start', ['startMs'])
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(uuidColumn('booking_id'))
  bookingId: string;

  @Column(instantColumn('start_ms'))
  startMs: number;

  @Column(instantColumn('end_ms'))
  endMs: number;

  @Column({ type: 'varchar', length: 16 })
  status: SessionStatus;

  @Column(instantColumn('checked_in_at', true))
  checkedInAt: number | null;

  @Column(instantColumn('checked_out_at', true))
  checkedOutAt: number | null;

  // Copies of the booking's fields that the utilization report reads, so that a year of a center
  // is one range of one index (idx_occurrences_center_report) with no booking looked up per
  // session. Written with the session; a trigger on bookings keeps them equal to the booking's
  // (migration SessionReportCopies).

  @Column(uuidColumn('center_id'))
  centerId: string;

  /** The booking's resource (not the pools it borrows: those are its allocations). */
  @Column(uuidColumn('resource_id'))
  resourceId: string;

  @Column(uuidColumn('owner_id'))
  ownerId: string;

  /** The owner's `users.number`: what the reports count people by (migration OwnerNumbers). */
  @Column({ name: 'owner_number', type: 'integer' })
  ownerNumber: number;

  @Column({ type: 'varchar', length: 16 })
  purpose: Purpose;

  @Column({ type: 'integer', nullable: true })
  attendees: number | null;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'booking_status', type: 'varchar', length: 16 })
  bookingStatus: BookingStatus;
}

/**
 * What a session holds. Conflict checks read only this table through the index on
 * (resource_id, start_ms, end_ms); `end_ms` moves earlier on check-out and no-show release.
 */
@Entity('allocations')
@Index('idx_allocations_resource_time', ['resourceId', 'startMs', 'endMs'])
@Index('idx_allocations_occurrence', ['occurrenceId'])
export class AllocationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(uuidColumn('occurrence_id'))
  occurrenceId: string;

  @Column(uuidColumn('booking_id'))
  bookingId: string;

  @Column(uuidColumn('resource_id'))
  resourceId: string;

  @Column(instantColumn('start_ms'))
  startMs: number;

  @Column(instantColumn('end_ms'))
  endMs: number;

  @Column({ type: 'integer', default: 1 })
  quantity: number;

  /** True for desks, computers and rooms: the PostgreSQL exclusion constraint covers these. */
  @Column({ type: 'boolean' })
  exclusive: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}

/** The first answer to a request with an `Idempotency-Key`, replayed for 24 hours. */
@Entity('idempotency_keys')
@Index('idx_idempotency_keys_created', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  @Column({ name: 'response_body', type: 'text' })
  responseBody: string;

  @Column(instantColumn('created_at'))
  createdAt: number;
}
