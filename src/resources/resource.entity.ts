import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../database';

export const RESOURCE_KINDS = ['desk', 'computer', 'room', 'equipment'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

@Entity('resources')
@Index('idx_resources_center', ['centerId'])
export class ResourceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(uuidColumn('center_id'))
  centerId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ResourceKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ type: 'integer', default: 1 })
  quantity: number;

  @Column({ type: 'simple-json' })
  features: string[];

  @Column({ name: 'requires_approval', type: 'boolean', default: false })
  requiresApproval: boolean;

  @Column({ name: 'check_in_required', type: 'boolean', default: false })
  checkInRequired: boolean;

  @Column({ name: 'min_duration_minutes', type: 'integer' })
  minDurationMinutes: number;

  @Column({ name: 'max_duration_minutes', type: 'integer' })
  maxDurationMinutes: number;

  @Column({ name: 'buffer_minutes', type: 'integer', default: 0 })
  bufferMinutes: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Secret part of the check-in URL that the resource's QR code encodes. */
  @Column({ name: 'qr_token', type: 'varchar', length: 64, unique: true })
  qrToken: string;

  @Column(instantColumn('created_at'))
  createdAt: number;
}

/** Desks, computers and rooms hold one booking at a time; equipment is a pool of units. */
export function isExclusive(kind: ResourceKind): boolean {
  return kind !== 'equipment';
}
