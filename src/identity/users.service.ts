import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../common/config';
import { DomainError } from '../common/domain-error';
import { CenterEntity } from '../centers/center.entity';
import { WriteTransactions } from '../database/write-transactions';
import { Principal, isStaff } from './access';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { OrganizationEntity, Role, UserCenterEntity, UserEntity } from './user.entity';
import { CreateUserInput, UserView } from './users.dto';

interface TokenPayload {
  sub: string;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(
    email: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; user: UserView }> {
    const normalized = email.trim().toLowerCase();
    const attempt = this.throttle.begin(normalized, address);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: normalized });
    const valid = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !valid || !user.active) {
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong email or password');
    }
    this.throttle.succeeded(normalized, address, attempt);
    const payload: TokenPayload = { sub: user.id };
    const accessToken = await this.jwt.signAsync(payload, {
      expiresIn: this.config.tokenTtlHours * 3600,
    });
    return { accessToken, user: await this.view(user) };
  }

  /** The principal behind a bearer token, or UNAUTHENTICATED. */
  async authenticate(token: string): Promise<Principal> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: payload.sub });
    if (!user || !user.active) {
      throw new DomainError('UNAUTHENTICATED', 'The account is not active');
    }
    return {
      id: user.id,
      role: user.role,
      name: user.name,
      centerIds: await this.centerIdsOf(user),
    };
  }

  async me(principal: Principal): Promise<UserView> {
    return this.view(await this.getEntity(principal.id));
  }

  async getEntity(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new DomainError('NOT_FOUND', `No user ${id}`);
    return user;
  }

  async create(caller: Principal, input: CreateUserInput): Promise<UserView> {
    this.assertMayCreate(caller, input.role);
    const centerIds = input.role === 'coordinator' ? [...new Set(input.centerIds ?? [])] : [];
    if (input.role === 'coordinator' && centerIds.length === 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'centerIds: a coordinator runs at least one center',
        {
          details: [{ field: 'centerIds', message: 'a coordinator runs at least one center' }],
        },
      );
    }
    await this.assertCentersExist(centerIds);
    if (input.organizationId) await this.assertOrganizationExists(input.organizationId);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const email = input.email?.trim().toLowerCase() ?? null;
    const user = await this.writes.run(async (manager) => {
      if (email && (await manager.getRepository(UserEntity).existsBy({ email }))) {
        throw new DomainError('ALREADY_EXISTS', `A user with email ${email} already exists`);
      }
      const entity = manager.getRepository(UserEntity).create({
        id: randomUUID(),
        email,
        phone: input.phone ?? null,
        name: input.name,
        passwordHash,
        role: input.role,
        locale: input.locale ?? 'uz',
        organizationId: input.organizationId ?? null,
        active: true,
        createdAt: this.clock.now(),
      });
      await manager.getRepository(UserEntity).insert(entity);
      if (centerIds.length > 0) {
        await manager
          .getRepository(UserCenterEntity)
          .insert(centerIds.map((centerId) => ({ userId: entity.id, centerId })));
      }
      return entity;
    });
    return this.view(user);
  }

  /**
   * Makes sure the admin of ADMIN_EMAIL/ADMIN_PASSWORD exists with that password (start-up).
   */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    const passwordHash = await hashPassword(password);
    await this.writes.run(async (manager) => {
      const users = manager.getRepository(UserEntity);
      const existing = await users.findOneBy({ email: normalized });
      if (existing) {
        await users.update(existing.id, { passwordHash, role: 'admin', active: true });
        return;
      }
      await users.insert({
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

  async view(user: UserEntity): Promise<UserView> {
    return {
      id: user.id,
      email: user.email,
      phone: user.phone,
      name: user.name,
      role: user.role,
      locale: user.locale,
      organizationId: user.organizationId,
      centerIds: await this.centerIdsOf(user),
      active: user.active,
    };
  }

  private async centerIdsOf(user: UserEntity): Promise<string[]> {
    if (user.role !== 'coordinator') return [];
    const rows = await this.dataSource.getRepository(UserCenterEntity).findBy({ userId: user.id });
    return rows.map((row) => row.centerId).sort();
  }

  private assertMayCreate(caller: Principal, role: Role): void {
    if (caller.role === 'admin') return;
    if (isStaff(caller) && (role === 'member' || role === 'trainer')) return;
    throw new DomainError('FORBIDDEN', `A ${caller.role} may not create a ${role}`);
  }

  private async assertCentersExist(centerIds: string[]): Promise<void> {
    if (centerIds.length === 0) return;
    const found = await this.dataSource.getRepository(CenterEntity).countBy({ id: In(centerIds) });
    if (found !== centerIds.length) throw new DomainError('NOT_FOUND', 'No such center');
  }

  private async assertOrganizationExists(id: string): Promise<void> {
    const exists = await this.dataSource.getRepository(OrganizationEntity).existsBy({ id });
    if (!exists) throw new DomainError('NOT_FOUND', `No organization ${id}`);
  }
}
