import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Paged } from '../common/pagination';
import { CurrentUser, Principal, Staff } from '../access';
import { AuditEntryView, AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Staff()
  @Get()
  list(
    @CurrentUser() caller: Principal,
    @Query() query: AuditQuery,
  ): Promise<Paged<AuditEntryView>> {
    return this.audit.list(caller, query);
  }
}
