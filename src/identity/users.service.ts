import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../common/config';
import { DomainError } from '../common/domain-error';
import { RowsQuery, WriteTransactions } from '../database';
import { Principal } from '../access';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { IdentityRepository } from './identity.repository';
import { NewUser, UserEntity } from './user.entity';
import { UserView } from './users.dto';

interface TokenPayload {
  sub: string;
  /** The user's token version when it was issued. */
  ver?: number;
  /** The session's id: signing out lists it in revoked_sessions. */
  jti?: string;
  /** Expiry, in seconds: a token without one is refused. */
  exp?: number;
}

/** SQLite answers booleans as 0 and 1, PostgreSQL as false and true. */
const isTrue = (value: boolean | number | string) => value === true || Number(value) === 1;

@Injectable()
export class UsersService {
  constructor(
    private readonly repository: IdentityRepository,
    private readonly writes: WriteTransactions,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The organization of every user who has one, by user id (for the reports' counts). */
  organizationByUser(): Promise<Map<number, string>> {
    return this.repository.organizationByUser();
  }

  async login(
    email: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; user: UserView }> {
    const normalized = email.trim().toLowerCase();
    const attempt = this.throttle.begin(normalized, address);
    const user = await this.repository.findUserByEmail(normalized);
    const valid = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !valid || !user.active) {
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong email or password');
    }
    this.throttle.succeeded(normalized, address, attempt);
    return this.signIn(user);
  }

  /** A token for a user who has just proved who they are (by password, or by signing up). */
  async signIn(user: NewUser): Promise<{ accessToken: string; user: UserView }> {
    // Issued and checked against the app's clock, so expiry follows the same time as everything else.
    const payload: TokenPayload & { iat: number } = {
      sub: user.id,
      ver: user.tokenVersion,
      jti: randomUUID(),
      iat: Math.floor(this.clock.now() / 1000),
    };
    const accessToken = await this.jwt.signAsync(payload, {
      expiresIn: this.config.tokenTtlHours * 3600,
    });
    return { accessToken, user: await this.view(user) };
  }

  /** The principal behind a bearer token (or session cookie), or UNAUTHENTICATED. */
  async authenticate(token: string): Promise<Principal> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token, {
        clockTimestamp: Math.floor(this.clock.now() / 1000),
      });
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    // Every token this server issues has all three; one without an expiry would never expire.
    const { sub, jti, exp } = payload;
    if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') {
      throw new DomainError('UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    const user = await this.repository.principal(jti, sub);
    if (!user || !isTrue(user.active)) {
      throw new DomainError('UNAUTHENTICATED', 'The account is not active');
    }
    if ((payload.ver ?? 0) !== Number(user.token_version) || isTrue(user.revoked)) {
      throw new DomainError('UNAUTHENTICATED', 'The token was revoked: sign in again');
    }
    return {
      id: user.id,
      role: user.role,
      name: user.name,
      centerIds:
        user.role === 'coordinator' ? ((await this.centerIdsOf([user.id])).get(user.id) ?? []) : [],
      session: { id: jti, expiresAt: exp * 1000 },
    };
  }

  /**
   * Signs one session out for good, on every instance: its id is listed until the token would
   * have expired anyway. The person's other sessions stay valid. Rows past their expiry go.
   */
  async endSession(principal: Principal): Promise<void> {
    const { session } = principal;
    if (!session) return;
    const now = this.clock.now();
    await this.writes.run({}, (tx) =>
      this.repository.revokeSession(
        tx.manager,
        { id: session.id, userId: principal.id, expiresAt: session.expiresAt },
        now,
      ),
    );
  }

  async me(principal: Principal): Promise<UserView> {
    return this.view(await this.getEntity(principal.id));
  }

  /** The user (as committed now when given a write's manager), or null. */
  /** The read of one user, to send with others (`findTogether`). */
  entityQuery(id: string, db?: EntityManager): RowsQuery<UserEntity | null> {
    return this.repository.userQuery(id, db);
  }

  findEntity(id: string, db?: EntityManager): Promise<UserEntity | null> {
    return this.repository.findUser(id, db);
  }

  /** The users with these ids (missing ones left out). */
  entities(ids: readonly string[]): Promise<UserEntity[]> {
    return this.repository.usersByIds(ids);
  }

  async getEntity(id: string): Promise<UserEntity> {
    const user = await this.repository.findUser(id);
    if (!user) throw new DomainError('NOT_FOUND', `No user ${id}`);
    return user;
  }

  /**
   * Makes sure the admin of ADMIN_EMAIL/ADMIN_PASSWORD exists with that password (start-up).
   */
  /** `passwordHashing`: the password's hash if the caller started it already (start-up does). */
  async ensureAdmin(
    email: string,
    password: string,
    passwordHashing: Promise<string> = hashPassword(password),
  ): Promise<void> {
    const normalized = email.trim().toLowerCase();
    const passwordHash = await passwordHashing;
    // Instances starting at the same moment ensure the same admin one after another.
    await this.writes.run({ named: `admin:${normalized}` }, async (tx) => {
      const existing = await this.repository.findUserByEmail(normalized, tx.manager);
      if (existing) {
        await this.repository.updateUserFields(tx.manager, existing.id, {
          passwordHash,
          role: 'admin',
          active: true,
        });
        return;
      }
      await this.repository.insertUser(tx.manager, {
        id: randomUUID(),
        email: normalized,
        phone: null,
        name: 'Administrator',
        passwordHash,
        role: 'admin',
        locale: 'en',
        organizationId: null,
        active: true,
        createdAt: this.clock.now(),
      });
    });
  }

  async view(user: NewUser): Promise<UserView> {
    return (await this.views([user]))[0];
  }

  /** Views of several users with one query for their centers. Never carries the password hash. */
  async views(users: NewUser[]): Promise<UserView[]> {
    const centers = await this.centerIdsOf(users.map((u) => u.id));
    return users.map((user) => ({
      id: user.id,
      email: user.email,
      phone: user.phone,
      name: user.name,
      role: user.role,
      locale: user.locale,
      organizationId: user.organizationId,
      centerIds: centers.get(user.id) ?? [],
      active: user.active,
    }));
  }

  /** Each user's centers: the ones a coordinator runs, a member's or trainer's home centers. */
  async centerIdsOf(userIds: string[]): Promise<Map<string, string[]>> {
    const byUser = new Map<string, string[]>();
    if (userIds.length === 0) return byUser;
    const rows = await this.repository.centersOfUsers(userIds);
    for (const row of rows)
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.centerId]);
    for (const list of byUser.values()) list.sort();
    return byUser;
  }
}
