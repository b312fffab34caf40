import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PagingQuery } from '../common/pagination';
import { IsAfterField, IsRequestTime } from '../bookings';
import { AUDIT_ACTIONS, AuditAction, AuditDetails, AuditTargetType } from '../audit-log';

export class AuditQuery extends PagingQuery {
  @ApiPropertyOptional({ description: 'Entries of this center; coordinators: one they run' })
  @IsOptional()
  @IsUUID('all')
  centerId?: string;

  @ApiPropertyOptional({ description: 'From this time (wall-clock in the center’s zone or ISO)' })
  @IsOptional()
  @IsRequestTime()
  from?: string;

  @ApiPropertyOptional({ description: 'Until this time, exclusive' })
  @IsOptional()
  @IsRequestTime()
  @IsAfterField('from')
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  targetId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { id: string; name: string | null };
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  centerId: string | null;
  details: AuditDetails | null;
}
