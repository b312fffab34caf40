import { Global, Module } from '@nestjs/common';
import { CentersModule } from '../centers/centers.module';
import { AUDIT_TRAIL } from '../database/write-transactions';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';
import { AuditService } from './audit.service';
import { AuditTargets } from './audit-targets';

/** The writer of the entries that writes record (`tx.audit()`), for the write unit. */
@Global()
@Module({
  providers: [AuditLog, { provide: AUDIT_TRAIL, useExisting: AuditLog }],
  exports: [AUDIT_TRAIL],
})
export class AuditLogModule {}

/** Reading the log over HTTP (and, for the pages, its entries' targets by name). */
@Module({
  imports: [CentersModule],
  controllers: [AuditController],
  providers: [AuditService, AuditTargets],
  exports: [AuditService, AuditTargets],
})
export class AuditModule {}
