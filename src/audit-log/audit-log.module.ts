import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUDIT_TRAIL } from '../database';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditLog } from './audit-log';
import { AuditRepository } from './audit.repository';

/**
 * The writer of the entries that writes record (`tx.audit()`), for the write unit, available to
 * every module that performs an audited action; and the table's statements, for the log's reader
 * (src/audit).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity])],
  providers: [AuditRepository, AuditLog, { provide: AUDIT_TRAIL, useExisting: AuditLog }],
  exports: [AUDIT_TRAIL, AuditLog, AuditRepository],
})
export class AuditLogModule {}
