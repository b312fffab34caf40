import { Module } from '@nestjs/common';
import { CentersModule } from '../centers';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditTargets } from './audit-targets';

/** Reading the log over HTTP (and, for the pages, its entries' targets by name). */
@Module({
  imports: [CentersModule],
  controllers: [AuditController],
  providers: [AuditService, AuditTargets],
  exports: [AuditService, AuditTargets],
})
export class AuditModule {}
