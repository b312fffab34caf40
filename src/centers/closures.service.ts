import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Paged, PagingQuery } from '../common/pagination';
import { DomainError, validationError } from '../common/domain-error';
import { RowsQuery, WriteTransactions } from '../database';
import { Principal } from '../access';
import { type ClosureRule, isClosedOn, isLocalDate, validateClosureRule } from '../scheduling';
import { CreateClosureInput, ClosureView, NamedClosureView } from './centers.dto';
import { CentersRepository } from './centers.repository';
import { CentersService } from './centers.service';
import { ClosureEntity } from './closure.entity';

@Injectable()
export class ClosuresService {
  constructor(
    private readonly repository: CentersRepository,
    private readonly writes: WriteTransactions,
    private readonly centers: CentersService,
    private readonly clock: Clock,
  ) {}

  /** The closure rules sessions are checked against; in `manager`'s transaction when given. */
  /** The read of `rulesOf`, to send with others (`findTogether`). */
  rulesQuery(centerId: string, manager?: EntityManager): RowsQuery<ClosureRule[]> {
    return this.repository
      .closuresQuery(centerId, manager)
      .map((rows) =>
        rows.map((row) => ({ from: row.from, to: row.to, yearly: row.yearly, reason: row.reason })),
      );
  }

  async rulesOf(centerId: string, manager?: EntityManager): Promise<ClosureRule[]> {
    const rows = await this.repository.closuresOf(centerId, manager);
    return rows.map((row) => ({
      from: row.from,
      to: row.to,
      yearly: row.yearly,
      reason: row.reason,
    }));
  }

  /** The same rules with each closure's names by language, for pages (`closureName`). */
  async namedRulesOf(
    centerId: string,
  ): Promise<Array<ClosureRule & { names: ClosureEntity['names'] }>> {
    const rows = await this.repository.closuresOf(centerId);
    return rows.map((row) => ({
      from: row.from,
      to: row.to,
      yearly: row.yearly,
      reason: row.reason,
      names: row.names,
    }));
  }

  /** The closure rules of every center, by center id, in one query. */
  async rulesByCenter(): Promise<Map<string, ClosureRule[]>> {
    const rows = await this.repository.allClosures();
    const byCenter = new Map<string, ClosureRule[]>();
    for (const row of rows) {
      const rules = byCenter.get(row.centerId) ?? [];
      rules.push({ from: row.from, to: row.to, yearly: row.yearly, reason: row.reason });
      byCenter.set(row.centerId, rules);
    }
    return byCenter;
  }

  /** The API's list: each closure with `reason`, as the contract has it. */
  async list(centerId: string, page: PagingQuery): Promise<Paged<ClosureView>> {
    const { items, total } = await this.listNamed(centerId, page);
    return { items: items.map(toClosureView), total };
  }

  /** The same list with each closure's names by language, for pages (`closureName`). */
  async listNamed(centerId: string, page: PagingQuery): Promise<Paged<NamedClosureView>> {
    await this.centers.getEntity(centerId);
    const [rows, total] = await this.repository.pageOfClosures(centerId, page);
    return { items: rows.map((row) => ({ ...toClosureView(row), names: row.names })), total };
  }

  /** The closure that closes the center on a local date, if any, with its names. */
  async closureOn(centerId: string, date: string): Promise<NamedClosureView | undefined> {
    const rows = await this.repository.closuresOf(centerId);
    const row = isClosedOn(date, rows);
    return row && { ...toClosureView(row), names: row.names };
  }

  /** A checked closure, not stored yet: the caller runs the center and the dates make sense. */
  async prepare(
    caller: Principal,
    centerId: string,
    input: CreateClosureInput,
  ): Promise<ClosureEntity> {
    const rule = { from: input.from, to: input.to, yearly: input.yearly ?? false };
    if (!isLocalDate(rule.from)) {
      throw validationError('from', 'must be a real date YYYY-MM-DD', 'localDate');
    }
    if (!isLocalDate(rule.to)) {
      throw validationError('to', 'must be a real date YYYY-MM-DD', 'localDate');
    }
    const problem = validateClosureRule(rule);
    if (problem) throw validationError('to', problem.message, problem.rule, problem.values);
    await this.centers.getManaged(caller, centerId);
    return {
      id: randomUUID(),
      centerId,
      ...rule,
      reason: input.reason,
      names: null,
      createdAt: this.clock.now(),
    };
  }

  /** Stores a prepared closure inside the caller's write transaction. */
  async insert(manager: EntityManager, closure: ClosureEntity): Promise<ClosureView> {
    await this.repository.insertClosure(manager, closure);
    return toClosureView(closure);
  }

  /** The closures with these ids (deleted ones left out). */
  byIds(ids: readonly string[]): Promise<ClosureEntity[]> {
    return this.repository.closuresByIds(ids);
  }

  async assertExists(centerId: string, closureId: string): Promise<void> {
    const exists = await this.repository.closureExists(centerId, closureId);
    if (!exists) throw new DomainError('NOT_FOUND', `No closure ${closureId}`);
  }

  async remove(caller: Principal, centerId: string, closureId: string): Promise<void> {
    await this.centers.getEntity(centerId);
    await this.assertExists(centerId, closureId);
    await this.centers.getManaged(caller, centerId);
    await this.writes.run({}, async (tx) => {
      if (!(await this.repository.deleteClosure(tx.manager, centerId, closureId))) {
        throw new DomainError('NOT_FOUND', `No closure ${closureId}`);
      }
      tx.audit({
        actorId: caller.id,
        action: 'closure.deleted',
        targetType: 'closure',
        targetId: closureId,
        centerId,
      });
    });
  }
}

function toClosureView(
  row: Pick<ClosureEntity, 'id' | 'centerId' | 'from' | 'to' | 'reason' | 'yearly'>,
): ClosureView {
  return {
    id: row.id,
    centerId: row.centerId,
    from: row.from,
    to: row.to,
    reason: row.reason,
    yearly: row.yearly,
  };
}
