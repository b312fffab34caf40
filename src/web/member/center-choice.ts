import { Injectable } from '@nestjs/common';
import { CenterEntity, CentersService } from '../../centers';
import { DomainError } from '../../common/domain-error';
import { UsersService } from '../../identity';
import { Principal } from '../../access';

/**
 * Which centers a page offers: an admin every center, a coordinator the ones they run, members
 * and trainers every active center, their own first. A page shows one, chosen with `?center=`.
 */
@Injectable()
export class CenterChoice {
  constructor(
    private readonly centers: CentersService,
    private readonly users: UsersService,
  ) {}

  async offeredTo(principal: Principal): Promise<CenterEntity[]> {
    const all = await this.centers.allEntities();
    if (principal.role === 'admin') return all;
    if (principal.role === 'coordinator')
      return all.filter((c) => principal.centerIds.includes(c.id));
    // A member's own centers (where they are registered) come first: the page opens on them.
    const own = (await this.users.centerIdsOf([principal.id])).get(principal.id) ?? [];
    const active = all.filter((c) => c.active);
    return [
      ...active.filter((c) => own.includes(c.id)),
      ...active.filter((c) => !own.includes(c.id)),
    ];
  }

  /** The chosen center (the first offered when none is asked for); NOT_FOUND if not offered. */
  async pick(
    principal: Principal,
    requested: string | undefined,
  ): Promise<{ center: CenterEntity; offered: CenterEntity[] }> {
    const offered = await this.offeredTo(principal);
    const center = requested ? offered.find((c) => c.id === requested) : offered[0];
    if (!center)
      throw new DomainError(
        'NOT_FOUND',
        requested ? `No center ${requested}` : 'No center to show',
      );
    return { center, offered };
  }
}
