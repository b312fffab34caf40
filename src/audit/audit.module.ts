import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingsModule } from '../bookings/bookings.module';
import { CentersModule } from '../centers/centers.module';
import { IdentityModule } from '../identity/identity.module';
import { ResourcesModule } from '../resources/resources.module';
import { AUDIT_TRAIL } from '../database/write-transactions';
import { AuditController } from './audit.controller';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditLog } from './audit-log';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditTargets } from './audit-targets';

/** The writer of the entries that writes record (`tx.audit()`), for the write unit. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity])],
  providers: [AuditRepository, AuditLog, { provide: AUDIT_TRAIL, useExisting: AuditLog }],
  exports: [AUDIT_TRAIL, AuditRepository],
})
export class AuditLogModule {}

/** Reading the log over HTTP (and, for the pages, its entries' targets by name). */
@Module({
  imports: [CentersModule, ResourcesModule, BookingsModule, IdentityModule],
  controllers: [AuditController],
  providers: [AuditService, AuditTargets],
  exports: [AuditService, AuditTargets],
})
export class AuditModule {}
