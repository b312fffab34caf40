import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings';
import { CentersModule } from '../centers';
import { IdentityModule } from '../identity';
import { ResourcesModule } from '../resources';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditTargets } from './audit-targets';

/** Reading the log over HTTP (and, for the pages, its entries' targets by name). */
@Module({
  imports: [CentersModule, ResourcesModule, BookingsModule, IdentityModule],
  controllers: [AuditController],
  providers: [AuditService, AuditTargets],
  exports: [AuditService, AuditTargets],
})
export class AuditModule {}
