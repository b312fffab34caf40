import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditAction, AuditLog } from '../audit-log';
import { CenterEntity } from '../centers';
import { Clock } from '../common/clock';
import { DomainError, validationError } from '../common/domain-error';
import { escapeLike, LIKE_ESCAPE } from '../common/like';
import { Paged } from '../common/pagination';
import { WriteTransactions } from '../database';
import { Principal } from '../access';
import { EmailChangeLimit } from './email-change-limit';
import { OrganizationsService } from './organizations.service';
import { OwnedSessions } from './owned-sessions';
import { hashPassword, verifyPassword } from './passwords';
import { Role, UserCenterEntity, UserEntity } from './user.entity';
import { CreateUserInput, SignupInput, UpdateUserInput, UserQuery, UserView } from './users.dto';
import { UsersService } from './users.service';

/** Fields a user may change on their own account. */
const SELF_FIELDS = new Set(['name', 'email', 'phone', 'locale', 'organizationId', 'password']);

/**
 * Creating, listing and changing users. Admins manage everyone; a coordinator manages the members
 * and trainers of the centers they run (a user's `centerIds`), and sees those users and the
 * other coordinators of those centers; everyone else sees and changes only themselves.
 */
@Injectable()
export class UserManagementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteTransactions,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly ownedSessions: OwnedSessions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly emailChanges: EmailChangeLimit,
  ) {}

  async create(caller: Principal, input: CreateUserInput): Promise<UserView> {
    assertMayManageRole(caller, input.role);
    const centerIds = this.centersForNewUser(caller, input);
    await this.assertCentersExist(centerIds);
    if (input.organizationId) await this.organizations.assertExists(input.organizationId);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const email = normalizeEmail(input.email);
    const user = await this.writes.run(async (manager) => {
      await assertEmailFree(manager, email, null);
      const entity: UserEntity = {
        id: randomUUID(),
        email,
        phone: input.phone ?? null,
        name: input.name,
        passwordHash,
        role: input.role,
        locale: input.locale ?? 'uz',
        organizationId: input.organizationId ?? null,
        active: true,
        tokenVersion: 0,
        createdAt: this.clock.now(),
      };
      await manager.getRepository(UserEntity).insert(entity);
      await setCenters(manager, entity.id, centerIds);
      await this.record(manager, caller, 'user.created', entity.id, { role: entity.role });
      return entity;
    });
    return this.users.view(user);
  }

  /**
   * A member's own account (self sign-up), registered at the one active center they chose. The
   * entry in the audit log names them as the actor: nobody else made it.
   */
  async registerSelf(input: SignupInput): Promise<UserEntity> {
    const center = await this.dataSource
      .getRepository(CenterEntity)
      .findOneBy({ id: input.centerId, active: true });
    if (!center) throw new DomainError('NOT_FOUND', `No center ${input.centerId}`);
    if (input.organizationId) await this.organizations.assertExists(input.organizationId);
    const passwordHash = await hashPassword(input.password);
    const email = normalizeEmail(input.email);
    return this.writes.run(async (manager) => {
      await assertEmailFree(manager, email, null);
      const entity: UserEntity = {
        id: randomUUID(),
        email,
        phone: input.phone ?? null,
        name: input.name,
        passwordHash,
        role: 'member',
        locale: input.locale ?? 'uz',
        organizationId: input.organizationId ?? null,
        active: true,
        tokenVersion: 0,
        createdAt: this.clock.now(),
      };
      await manager.getRepository(UserEntity).insert(entity);
      await setCenters(manager, entity.id, [center.id]);
      await this.audit.record(manager, {
        actorId: entity.id,
        action: 'user.created',
        targetType: 'user',
        targetId: entity.id,
        centerId: null,
        details: { role: 'member', selfSignup: true },
      });
      return entity;
    });
  }

  /**
   * How many sessions deactivating this user would cancel now: said before staff confirm. 404 for
   * a user the caller may not see, 403 for one they may not manage, 409 for themselves.
   */
  async upcomingSessionCount(caller: Principal, id: string): Promise<number> {
    const target = await this.findVisible(caller, id);
    if (target.id === caller.id) {
      throw new DomainError('INVALID_STATE', 'You cannot deactivate yourself');
    }
    assertMayManageRole(caller, target.role);
    return this.ownedSessions.countUpcoming(this.dataSource.manager, id, this.clock.now());
  }

  async list(caller: Principal, query: UserQuery): Promise<Paged<UserView>> {
    if (query.centerId) {
      await this.assertCentersExist([query.centerId]);
      if (caller.role !== 'admin' && !caller.centerIds.includes(query.centerId)) {
        throw new DomainError('FORBIDDEN', 'Coordinators list the users of their own centers');
      }
    }
    const builder = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC');
    const inCenters = (centers: string[]) =>
      builder.andWhere(
        'EXISTS (SELECT 1 FROM user_centers uc WHERE uc.user_id = u.id AND uc.center_id IN (:...centers))',
        { centers },
      );
    if (caller.role !== 'admin') inCenters(caller.centerIds.length ? caller.centerIds : ['']);
    if (query.centerId) {
      builder.andWhere(
        'EXISTS (SELECT 1 FROM user_centers uf WHERE uf.user_id = u.id AND uf.center_id = :centerId)',
        { centerId: query.centerId },
      );
    }
    if (query.q) {
      builder.andWhere(
        `(LOWER(u.name) LIKE :q ${LIKE_ESCAPE} OR LOWER(u.email) LIKE :q ${LIKE_ESCAPE} OR u.phone LIKE :q ${LIKE_ESCAPE})`,
        { q: `%${escapeLike(query.q.toLowerCase())}%` },
      );
    }
    if (query.role) builder.andWhere('u.role = :role', { role: query.role });
    if (query.organizationId) {
      builder.andWhere('u.organizationId = :org', { org: query.organizationId });
    }
    if (query.active !== undefined)
      builder.andWhere('u.active = :active', { active: query.active });
    const [users, total] = await builder.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: await this.users.views(users), total };
  }

  async get(caller: Principal, id: string): Promise<UserView> {
    return this.users.view(await this.findVisible(caller, id));
  }

  async update(caller: Principal, id: string, input: UpdateUserInput): Promise<UserView> {
    const target = await this.findVisible(caller, id);
    const sent = Object.keys(input).filter(
      (key) => input[key as keyof UpdateUserInput] !== undefined && key !== 'currentPassword',
    );
    const self = caller.id === target.id;
    if (self && caller.role !== 'admin') {
      const refused = sent.filter((field) => !SELF_FIELDS.has(field));
      if (refused.length > 0) {
        throw new DomainError('FORBIDDEN', `You may not change your own ${refused.join(', ')}`);
      }
    } else if (!self) {
      assertMayManageRole(caller, target.role);
      if (input.role !== undefined) assertMayManageRole(caller, input.role);
    }
    if (self && (input.active === false || (input.role && input.role !== target.role))) {
      throw new DomainError(
        'INVALID_STATE',
        'You cannot deactivate yourself or change your role',
      ).worded('selfChange');
    }
    if (self && input.password !== undefined && target.passwordHash !== null) {
      if (!(await verifyPassword(input.currentPassword ?? '', target.passwordHash))) {
        throw validationError('currentPassword', 'is not your current password', 'wrongPassword');
      }
    }
    if (input.organizationId) await this.organizations.assertExists(input.organizationId);
    const role = input.role ?? target.role;
    const centerIds =
      input.centerIds === undefined ? undefined : await this.nextCenters(caller, target, input);
    if (role === 'coordinator' && centerIds?.length === 0) {
      throw validationError(
        'centerIds',
        'a coordinator runs at least one center',
        'coordinatorNeedsCenter',
      );
    }
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    // Like every field but the organization, an email sent as null is kept as it is.
    const email = input.email == null ? undefined : normalizeEmail(input.email);
    // Counted before the address is looked up, so a taken one tells no more than a free one.
    if (self && email && email !== target.email) this.emailChanges.attempt(caller.id);
    const now = this.clock.now();

    const saved = await this.writes.run(async (manager) => {
      const current = await manager.getRepository(UserEntity).findOneByOrFail({ id });
      if (email) await assertEmailFree(manager, email, id);
      if (role === 'coordinator' && centerIds === undefined && current.role !== 'coordinator') {
        throw validationError(
          'centerIds',
          'give the centers the new coordinator runs',
          'coordinatorNeedsCenter',
        );
      }
      const next: UserEntity = {
        ...current,
        name: input.name ?? current.name,
        email: email ?? current.email,
        phone: input.phone ?? current.phone,
        locale: input.locale ?? current.locale,
        organizationId:
          input.organizationId === undefined ? current.organizationId : input.organizationId,
        role,
        passwordHash: passwordHash ?? current.passwordHash,
        active: input.active ?? current.active,
        // Signing everyone out of this account: its password changed, or it was deactivated.
        tokenVersion:
          passwordHash !== undefined || (current.active && input.active === false)
            ? current.tokenVersion + 1
            : current.tokenVersion,
      };
      if (next.email === null && next.phone === null) {
        throw validationError('email', 'a user needs an email or a phone', 'emailOrPhone');
      }
      await manager.getRepository(UserEntity).save(next);
      if (centerIds !== undefined) await setCenters(manager, id, centerIds);
      const deactivated = current.active && !next.active;
      const cancelledSessions = deactivated
        ? await this.ownedSessions.cancelUpcoming(manager, id, now)
        : 0;
      if (sent.length === 0) return next;
      await this.record(manager, caller, auditActionFor(sent, deactivated), id, {
        fields: sent.sort(),
        ...(deactivated ? { cancelledSessions } : {}),
      });
      return next;
    });
    return this.users.view(saved);
  }

  /** 404 unless the caller may see this user. */
  private async findVisible(caller: Principal, id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (user && (caller.id === id || (await this.sees(caller, id)))) return user;
    throw new DomainError('NOT_FOUND', `No user ${id}`);
  }

  private async sees(caller: Principal, userId: string): Promise<boolean> {
    if (caller.role === 'admin') return true;
    if (caller.role !== 'coordinator' || caller.centerIds.length === 0) return false;
    return this.dataSource
      .getRepository(UserCenterEntity)
      .existsBy({ userId, centerId: In(caller.centerIds) });
  }

  /** A coordinator's new member belongs to the coordinator's centers unless told which of them. */
  private centersForNewUser(caller: Principal, input: CreateUserInput): string[] {
    const requested = [...new Set(input.centerIds ?? [])];
    if (caller.role === 'admin') {
      if (input.role === 'coordinator' && requested.length === 0) {
        throw validationError(
          'centerIds',
          'a coordinator runs at least one center',
          'coordinatorNeedsCenter',
        );
      }
      return requested;
    }
    const outside = requested.filter((id) => !caller.centerIds.includes(id));
    if (outside.length > 0) {
      throw new DomainError('FORBIDDEN', 'Coordinators register users at their own centers only');
    }
    return requested.length > 0 ? requested : [...caller.centerIds];
  }

  /**
   * An admin sets the centers outright. A coordinator adds or removes only the centers they run;
   * the user's other centers stay.
   */
  private async nextCenters(
    caller: Principal,
    target: UserEntity,
    input: UpdateUserInput,
  ): Promise<string[]> {
    const requested = [...new Set(input.centerIds ?? [])];
    await this.assertCentersExist(requested);
    if (caller.role === 'admin') return requested.sort();
    const outside = requested.filter((id) => !caller.centerIds.includes(id));
    if (outside.length > 0) {
      throw new DomainError('FORBIDDEN', 'Coordinators assign users to their own centers only');
    }
    const current = (await this.users.centerIdsOf([target.id])).get(target.id) ?? [];
    const kept = current.filter((id) => !caller.centerIds.includes(id));
    return [...new Set([...kept, ...requested])].sort();
  }

  private record(
    manager: EntityManager,
    caller: Principal,
    action: AuditAction,
    userId: string,
    details: Record<string, string | string[] | number>,
  ): Promise<void> {
    return this.audit.record(manager, {
      actorId: caller.id,
      action,
      targetType: 'user',
      targetId: userId,
      centerId: null,
      details,
    });
  }

  private async assertCentersExist(centerIds: string[]): Promise<void> {
    if (centerIds.length === 0) return;
    const found = await this.dataSource.getRepository(CenterEntity).countBy({ id: In(centerIds) });
    if (found !== centerIds.length) throw new DomainError('NOT_FOUND', 'No such center');
  }
}

/** Admins manage every role; coordinators manage members and trainers. */
export function mayManageRole(caller: Principal, role: Role): boolean {
  if (caller.role === 'admin') return true;
  return caller.role === 'coordinator' && (role === 'member' || role === 'trainer');
}

function assertMayManageRole(caller: Principal, role: Role): void {
  if (!mayManageRole(caller, role)) {
    throw new DomainError('FORBIDDEN', `A ${caller.role} may not manage a ${role}`);
  }
}

function auditActionFor(sent: string[], deactivated: boolean): AuditAction {
  if (deactivated) return 'user.deactivated';
  if (sent.length === 1 && sent[0] === 'password') return 'user.password_changed';
  return 'user.updated';
}

function normalizeEmail(email: string | undefined): string | null {
  return email === undefined ? null : email.trim().toLowerCase();
}

async function assertEmailFree(
  manager: EntityManager,
  email: string | null,
  exceptUserId: string | null,
): Promise<void> {
  if (email === null) return;
  const holder = await manager.getRepository(UserEntity).findOneBy({ email });
  if (holder && holder.id !== exceptUserId) {
    throw new DomainError('ALREADY_EXISTS', `A user with email ${email} already exists`).worded(
      'emailTaken',
      { email },
    );
  }
}

async function setCenters(manager: EntityManager, userId: string, centerIds: string[]) {
  await manager.getRepository(UserCenterEntity).delete({ userId });
  if (centerIds.length > 0) {
    await manager
      .getRepository(UserCenterEntity)
      .insert(centerIds.map((centerId) => ({ userId, centerId })));
  }
}
