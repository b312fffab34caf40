import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../database';

export const ROLES = ['member', 'trainer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['uz', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254, nullable: true, unique: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 2, default: 'uz' })
  locale: Locale;

  @Column({ ...uuidColumn('organization_id', true) })
  organizationId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Tokens issued under an earlier version are refused (deactivation, password change). */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @Column(instantColumn('created_at'))
  createdAt: number;

  /**
   * A small integer of the user's own, given by the database when the user is inserted (migration
   * OwnerNumbers); each session keeps its owner's, and the reports count people by it.
   */
  @Column({ type: 'integer', insert: false, update: false })
  number: number;
}

/** A user as written: the database gives the number. */
export type NewUser = Omit<UserEntity, 'number'>;

/** The centers a coordinator runs. */
@Entity('user_centers')
export class UserCenterEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'center_id', type: 'varchar', length: 36 })
  centerId: string;
}

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  name: string;

  @Column(instantColumn('created_at'))
  createdAt: number;
}
