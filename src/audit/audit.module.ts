import { Global, Module } from '@nestjs/common';
import { CentersModule } from '../centers/centers.module';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';
import { AuditService } from './audit.service';
import { AuditTargets } from './audit-targets';

/** The writer, available to every module that performs an audited action. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditLogModule {}

/** Reading the log over HTTP (and, for the pages, its entries' targets by name). */
@Module({
  imports: [CentersModule],
  controllers: [AuditController],
  providers: [AuditService, AuditTargets],
  exports: [AuditService, AuditTargets],
})
export class AuditModule {}
