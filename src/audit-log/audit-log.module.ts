import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log';

/** The writer, available to every module that performs an audited action. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditLogModule {}
