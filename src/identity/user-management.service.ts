import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../audit-log';
import { CentersService } from '../centers';
import { Clock } from '../common/clock';
import { DomainError, validationError } from '../common/domain-error';
import { Paged } from '../common/pagination';
import { WriteTransactions, WriteTx } from '../database';
import { IdentityRepository } from './identity.repository';
import { Principal } from '../access';
import { EmailChangeLimit } from './email-change-limit';
import { OrganizationsService } from './organizations.service';
import { OwnedSessions, UpcomingSessions } from './owned-sessions';
import { hashPassword, verifyPassword } from './passwords';
import { NewUser, Role, UserEntity } from './user.entity';
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
    private readonly repository: IdentityRepository,
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly ownedSessions: OwnedSessions,
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
    const user = await this.writes.run({}, async (tx) => {
      await this.assertEmailFree(tx.manager, email, null);
      const entity: NewUser = {
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
      await this.repository.insertUser(tx.manager, entity);
      await this.repository.setCenters(tx.manager, entity.id, centerIds);
      this.record(tx, caller, 'user.created', entity.id, { role: entity.role });
      return entity;
    });
    return this.users.view(user);
  }

  /**
   * A member's own account (self sign-up), registered at the one active center they chose. The
   * entry in the audit log names them as the actor: nobody else made it.
   */
  async registerSelf(input: SignupInput): Promise<NewUser> {
    const center = await this.centers.findEntity(input.centerId);
    if (!center?.active) throw new DomainError('NOT_FOUND', `No center ${input.centerId}`);
    if (input.organizationId) await this.organizations.assertExists(input.organizationId);
    const passwordHash = await hashPassword(input.password);
    const email = normalizeEmail(input.email);
    return this.writes.run({}, async (tx) => {
      await this.assertEmailFree(tx.manager, email, null);
      const entity: NewUser = {
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
      await this.repository.insertUser(tx.manager, entity);
      await this.repository.setCenters(tx.manager, entity.id, [center.id]);
      tx.audit({
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
    return this.ownedSessions.countUpcoming(this.repository.reads, id, this.clock.now());
  }

  async list(caller: Principal, query: UserQuery): Promise<Paged<UserView>> {
    if (query.centerId) {
      await this.assertCentersExist([query.centerId]);
      if (caller.role !== 'admin' && !caller.centerIds.includes(query.centerId)) {
        throw new DomainError('FORBIDDEN', 'Coordinators list the users of their own centers');
      }
    }
    const [users, total] = await this.repository.listUsers({
      ...query,
      inCenters: caller.role === 'admin' ? null : caller.centerIds,
    });
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

    // A deactivation cancels the user's upcoming sessions: it declares the resources they hold.
    let upcoming: UpcomingSessions | null = null;
    const locks = {
      resources:
        input.active === false
          ? async (manager: EntityManager) =>
              (upcoming = await this.ownedSessions.upcoming(manager, id, now)).resources
          : undefined,
    };
    const saved = await this.writes.run(locks, async (tx) => {
      const manager = tx.manager;
      const current = await this.repository.findUser(id, manager);
      if (!current) throw new DomainError('NOT_FOUND', `No user ${id}`);
      if (email) await this.assertEmailFree(manager, email, id);
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
      await this.repository.updateUser(manager, next);
      if (centerIds !== undefined) await this.repository.setCenters(manager, id, centerIds);
      const deactivated = current.active && !next.active;
      const cancelledSessions =
        deactivated && upcoming ? await this.ownedSessions.cancel(tx, upcoming, now) : 0;
      if (sent.length === 0) return next;
      this.record(tx, caller, auditActionFor(sent, deactivated), id, {
        fields: sent.sort(),
        ...(deactivated ? { cancelledSessions } : {}),
      });
      return next;
    });
    return this.users.view(saved);
  }

  private async assertEmailFree(
    manager: EntityManager,
    email: string | null,
    exceptUserId: string | null,
  ): Promise<void> {
    if (email === null) return;
    const holder = await this.repository.findUserByEmail(email, manager);
    if (holder && holder.id !== exceptUserId) {
      throw new DomainError('ALREADY_EXISTS', `A user with email ${email} already exists`).worded(
        'emailTaken',
        { email },
      );
    }
  }

  /** 404 unless the caller may see this user. */
  private async findVisible(caller: Principal, id: string): Promise<UserEntity> {
    const user = await this.repository.findUser(id);
    if (user && (caller.id === id || (await this.sees(caller, id)))) return user;
    throw new DomainError('NOT_FOUND', `No user ${id}`);
  }

  private async sees(caller: Principal, userId: string): Promise<boolean> {
    if (caller.role === 'admin') return true;
    if (caller.role !== 'coordinator' || caller.centerIds.length === 0) return false;
    return this.repository.userInCenters(userId, caller.centerIds);
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
    tx: WriteTx,
    caller: Principal,
    action: AuditAction,
    userId: string,
    details: Record<string, string | string[] | number>,
  ): void {
    tx.audit({
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
    const found = await this.centers.findEntities(centerIds);
    if (found.length !== centerIds.length) throw new DomainError('NOT_FOUND', 'No such center');
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
