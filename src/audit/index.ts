/** The public surface of src/audit, reading the audit log (its writer is src/audit-log): what other modules may import (docs/development.md). */
export { AuditTargets } from './audit-targets';
export type { AuditTarget } from './audit-targets';
export { AuditQuery } from './audit.dto';
export type { AuditEntryView } from './audit.dto';
export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
