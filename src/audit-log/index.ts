/**
 * The public surface of src/audit-log, the writer of the audit log: every module that performs
 * an audited action records it here, in the action's transaction. Reading the log is src/audit.
 */
export { AUDIT_ACTIONS } from './audit-entry.entity';
export type { AuditAction, AuditDetails, AuditTargetType } from './audit-entry.entity';
export { AuditLog, sentFields } from './audit-log';
export type { AuditEvent } from './audit-log';
export { AuditLogModule } from './audit-log.module';
/** Every statement on `audit_entries`, for the log's reader (src/audit). */
export { AuditRepository } from './audit.repository';
export type { AuditFilter } from './audit.repository';
/** The table's entity, for the log's reader (src/audit) and the entity list of the DataSource. */
export { AuditEntryEntity } from './audit-entry.entity';
