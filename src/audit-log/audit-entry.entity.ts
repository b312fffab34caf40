import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../database';

export const AUDIT_ACTIONS = [
  'booking.created',
  'booking.updated',
  'booking.cancelled',
  'booking.approved',
  'booking.rejected',
  'occurrence.moved',
  'occurrence.cancelled',
  'occurrence.checked_in_on_behalf',
  'occurrence.checked_out_on_behalf',
  'center.created',
  'center.updated',
  'closure.created',
  'closure.deleted',
  'resource.created',
  'resource.updated',
  'resource.deactivated',
  'resource.qr_rotated',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.password_changed',
  'organization.created',
  'organization.renamed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Small facts about the action (a reason, the fields changed); never personal data beyond ids. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export type AuditTargetType =
  'booking' | 'occurrence' | 'center' | 'closure' | 'resource' | 'user' | 'organization';

/** Who did what to which thing, and when. Written in the same transaction as the action. */
@Entity('audit_entries')
@Index('idx_audit_center_at', ['centerId', 'atMs'])
@Index('idx_audit_at', ['atMs'])
@Index('idx_audit_actor_at', ['actorId', 'atMs'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(instantColumn('at_ms'))
  atMs: number;

  @Column(uuidColumn('actor_id'))
  actorId: string;

  @Column({ type: 'varchar', length: 48 })
  action: AuditAction;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: AuditTargetType;

  @Column(uuidColumn('target_id'))
  targetId: string;

  /** The center the target belongs to; null for users and organizations. */
  @Column(uuidColumn('center_id', true))
  centerId: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: AuditDetails | null;
}
