import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../database';
import type { Locale } from '../identity';

/** A closure's name by language; a language without one reads `reason` (`closureName`). */
export type ClosureNames = Partial<Record<Locale, string>>;

@Entity('closures')
@Index('idx_closures_center', ['centerId'])
export class ClosureEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column(uuidColumn('center_id'))
  centerId: string;

  /** Local dates `YYYY-MM-DD`, both inclusive. */
  @Column({ name: 'from_date', type: 'varchar', length: 10 })
  from: string;

  @Column({ name: 'to_date', type: 'varchar', length: 10 })
  to: string;

  @Column({ type: 'varchar', length: 300 })
  reason: string;

  /** The name in each language (migration ClosureNames); null when only `reason` is known. */
  @Column({ type: 'simple-json', nullable: true })
  names: ClosureNames | null;

  @Column({ type: 'boolean', default: false })
  yearly: boolean;

  @Column(instantColumn('created_at'))
  createdAt: number;
}
