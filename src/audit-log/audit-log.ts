import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { AuditTrail } from '../database';
import { AuditAction, AuditDetails, AuditEntryEntity, AuditTargetType } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';

export interface AuditEvent {
  actorId: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  centerId: string | null;
  details?: AuditDetails;
}

/**
 * Writes the audit entries a write recorded with `tx.audit(event)`: the write unit
 * (`WriteTransactions.run`) calls it after the work, in the write's own transaction, so an action
 * and its entries are committed (or rolled back) together. The one statement on `audit_entries`
 * that writes; `AuditService` and `AuditTargets` read them.
 */
@Injectable()
export class AuditLog implements AuditTrail {
  constructor(
    private readonly clock: Clock,
    private readonly repository: AuditRepository,
  ) {}

  async append(manager: EntityManager, events: readonly AuditEvent[]): Promise<void> {
    const atMs = this.clock.now();
    const entries = events.map((event): AuditEntryEntity => ({
      id: randomUUID(),
      atMs,
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      centerId: event.centerId,
      details: event.details ?? null,
    }));
    await this.repository.insert(manager, entries);
  }
}

declare module '../database/write-transactions' {
  /** `tx.audit()` takes an AuditEvent. */
  interface WriteAuditTypes {
    event: AuditEvent;
  }
}

/** The names of the fields a PATCH actually sent, for an entry's details. */
export function sentFields(input: object): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort();
}
