import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { escapeLike, LIKE_ESCAPE } from '../common/like';
import { Dialect, findRow, rowsOf, RowsQuery } from '../database';
import type { Principal } from '../access';
import { NewUser, OrganizationEntity, UserCenterEntity, UserEntity } from './user.entity';

/** The row behind a token: its user and whether its session was ended. */
export interface PrincipalRow {
  id: string;
  role: Principal['role'];
  name: string;
  active: boolean | number;
  token_version: number | string;
  revoked: boolean | number;
}

export interface UserFilter {
  /** Only users of these centers (a coordinator's); null: everyone. */
  inCenters: readonly string[] | null;
  centerId?: string;
  q?: string;
  role?: string;
  organizationId?: string;
  active?: boolean;
  offset: number;
  limit: number;
}

/**
 * The user behind a token and whether its session was ended, in one statement: this runs on every
 * request. The session id, then the user id.
 */
const PRINCIPAL_SQL = `SELECT u.id, u.role, u.name, u.active, u.token_version,
    EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.id = ?) AS revoked
  FROM users u WHERE u.id = ?`;
const PRUNE_REVOKED_SQL = 'DELETE FROM revoked_sessions WHERE expires_at < ?';
const REVOKE_SQL =
  'INSERT INTO revoked_sessions (id, user_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING';
const SETTING_INSERT_SQL =
  'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING';
const SETTING_SQL = 'SELECT value FROM settings WHERE name = ?';

/**
 * Every statement on the identity module's tables: `users`, `user_centers`, `organizations`,
 * `revoked_sessions` and the installation `settings`. Reads take an optional manager (a write's
 * `tx.manager`); writes take the write's manager.
 */
@Injectable()
export class IdentityRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reads(): EntityManager {
    return this.dataSource.manager;
  }

  // -------------------------------------------------------------- users

  /** The read of one user (not sent yet: see `findTogether`). */
  userQuery(id: string, db: EntityManager = this.reads): RowsQuery<UserEntity | null> {
    return rowsOf(db, UserEntity, { id }).map(([user]) => user ?? null);
  }

  findUser(id: string, db: EntityManager = this.reads): Promise<UserEntity | null> {
    return findRow(db, UserEntity, { id });
  }

  findUserByEmail(email: string, db: EntityManager = this.reads): Promise<UserEntity | null> {
    return db.getRepository(UserEntity).findOneBy({ email });
  }

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.reads.getRepository(UserEntity).findBy({ id: In([...new Set(ids)]) });
  }

  async principal(sessionId: string, userId: string): Promise<PrincipalRow | undefined> {
    const [row] = await this.reads.query<Array<PrincipalRow | undefined>>(
      Dialect.of(this.reads).sql(PRINCIPAL_SQL),
      [sessionId, userId],
    );
    return row;
  }

  /** The organization of every user who has one, by user id (for the reports' counts). */
  /** Each user's organization, by the user's number (`users.number`; users without one left out). */
  async organizationByUser(): Promise<Map<number, string>> {
    const rows: Array<{ number: number; organization_id: string }> = await this.reads.query(
      'SELECT number, organization_id FROM users WHERE organization_id IS NOT NULL',
    );
    return new Map(rows.map((row) => [Number(row.number), String(row.organization_id)]));
  }

  /** A page of users by name and id, and how many match. */
  listUsers(filter: UserFilter): Promise<[UserEntity[], number]> {
    const builder = this.reads
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC');
    if (filter.inCenters) {
      builder.andWhere(
        'EXISTS (SELECT 1 FROM user_centers uc WHERE uc.user_id = u.id AND uc.center_id IN (:...centers))',
        { centers: filter.inCenters.length ? filter.inCenters : [''] },
      );
    }
    if (filter.centerId) {
      builder.andWhere(
        'EXISTS (SELECT 1 FROM user_centers uf WHERE uf.user_id = u.id AND uf.center_id = :centerId)',
        { centerId: filter.centerId },
      );
    }
    if (filter.q) {
      builder.andWhere(
        `(LOWER(u.name) LIKE :q ${LIKE_ESCAPE} OR LOWER(u.email) LIKE :q ${LIKE_ESCAPE} OR u.phone LIKE :q ${LIKE_ESCAPE})`,
        { q: `%${escapeLike(filter.q.toLowerCase())}%` },
      );
    }
    if (filter.role) builder.andWhere('u.role = :role', { role: filter.role });
    if (filter.organizationId) {
      builder.andWhere('u.organizationId = :org', { org: filter.organizationId });
    }
    if (filter.active !== undefined) {
      builder.andWhere('u.active = :active', { active: filter.active });
    }
    return builder.skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  async insertUser(
    db: EntityManager,
    user: Omit<NewUser, 'tokenVersion'> & { tokenVersion?: number },
  ): Promise<void> {
    await db.getRepository(UserEntity).insert(user);
  }

  /** Stores every column of the user as given. */
  async updateUser(db: EntityManager, user: UserEntity): Promise<void> {
    const { id, ...columns } = user;
    await db.update(UserEntity, { id }, columns);
  }

  async updateUserFields(db: EntityManager, id: string, fields: Partial<UserEntity>) {
    await db.update(UserEntity, { id }, fields);
  }

  // -------------------------------------------------------------- user_centers

  /** Each user's centers, unsorted rows. */
  centersOfUsers(userIds: readonly string[]): Promise<UserCenterEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.reads.getRepository(UserCenterEntity).findBy({ userId: In([...userIds]) });
  }

  /** Whether the user belongs to one of the centers. */
  userInCenters(userId: string, centerIds: readonly string[]): Promise<boolean> {
    return this.reads
      .getRepository(UserCenterEntity)
      .existsBy({ userId, centerId: In([...centerIds]) });
  }

  async setCenters(db: EntityManager, userId: string, centerIds: readonly string[]) {
    await db.getRepository(UserCenterEntity).delete({ userId });
    if (centerIds.length > 0) {
      await db
        .getRepository(UserCenterEntity)
        .insert(centerIds.map((centerId) => ({ userId, centerId })));
    }
  }

  // -------------------------------------------------------------- organizations

  listOrganizations(filter: { q?: string; offset: number; limit: number }) {
    const builder = this.reads
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC');
    if (filter.q) {
      builder.where(`LOWER(o.name) LIKE :q ${LIKE_ESCAPE}`, {
        q: `%${escapeLike(filter.q.toLowerCase())}%`,
      });
    }
    return builder.skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  organizationsByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.reads.getRepository(OrganizationEntity).findBy({ id: In([...ids]) });
  }

  organizationExists(id: string): Promise<boolean> {
    return this.reads.getRepository(OrganizationEntity).existsBy({ id });
  }

  getOrganization(db: EntityManager, id: string): Promise<OrganizationEntity> {
    return db.getRepository(OrganizationEntity).findOneByOrFail({ id });
  }

  /** Every organization's id and name. */
  organizationNames(db: EntityManager): Promise<Array<Pick<OrganizationEntity, 'id' | 'name'>>> {
    return db.getRepository(OrganizationEntity).find({ select: { id: true, name: true } });
  }

  async insertOrganization(db: EntityManager, organization: OrganizationEntity): Promise<void> {
    await db.getRepository(OrganizationEntity).insert(organization);
  }

  async renameOrganization(db: EntityManager, id: string, name: string): Promise<void> {
    await db.update(OrganizationEntity, { id }, { name });
  }

  // -------------------------------------------------------------- revoked_sessions

  /** Lists the session as ended until `expiresAt`, and forgets those past their expiry. */
  async revokeSession(
    db: EntityManager,
    session: { id: string; userId: string; expiresAt: number },
    now: number,
  ): Promise<void> {
    const dialect = Dialect.of(db);
    await db.query(dialect.sql(PRUNE_REVOKED_SQL), [now]);
    await db.query(dialect.sql(REVOKE_SQL), [session.id, session.userId, session.expiresAt]);
  }
}

/**
 * The installation's setting `name`: inserted with `value` if absent, then read, so instances
 * starting together on one database agree on the one that was inserted first. Before the app's
 * modules exist (the signing secret is resolved while they are built), hence a function.
 */
export async function settingOrInsert(
  dataSource: DataSource,
  name: string,
  value: string,
): Promise<string> {
  const dialect = Dialect.of(dataSource);
  await dataSource.query(dialect.sql(SETTING_INSERT_SQL), [name, value]);
  const [row] = await dataSource.query<Array<{ value: string }>>(dialect.sql(SETTING_SQL), [name]);
  return row.value;
}
