import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../database';
import type { CenterPolicy, OpeningHours } from '../scheduling';

@Entity('centers')
export class CenterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  city: string;

  @Column({ type: 'varchar', length: 100 })
  region: string;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ name: 'opening_hours', type: 'simple-json' })
  openingHours: OpeningHours;

  @Column({ type: 'simple-json' })
  policy: CenterPolicy;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column(instantColumn('created_at'))
  createdAt: number;
}
