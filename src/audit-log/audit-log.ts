import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { insertRows } from '../database';
import { AuditAction, AuditDetails, AuditEntryEntity, AuditTargetType } from './audit-entry.entity';

export interface AuditEvent {
  actorId: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  centerId: string | null;
  details?: AuditDetails;
}

/**
 * Records actions in the audit log. Always called with the manager of the action's own write
 * transaction, so an action and its entry are committed (or rolled back) together.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, event: AuditEvent): Promise<void> {
    const entry: AuditEntryEntity = {
      id: randomUUID(),
      atMs: this.clock.now(),
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      centerId: event.centerId,
      details: event.details ?? null,
    };
    await insertRows(manager, AuditEntryEntity, entry);
  }
}

/** The names of the fields a PATCH actually sent, for an entry's details. */
export function sentFields(input: object): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort();
}
