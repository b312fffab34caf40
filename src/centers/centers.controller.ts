import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Paged, PagingQuery } from '../common/pagination';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, SignedIn, Staff } from '../access';
import { CenterView, CreateCenterInput, UpdateCenterInput } from './centers.dto';
import { CentersService } from './centers.service';

@ApiTags('centers')
@ApiBearerAuth()
@Controller('api/v1/centers')
export class CentersController {
  constructor(private readonly centers: CentersService) {}

  @SignedIn()
  @Get()
  list(@Query() page: PagingQuery): Promise<Paged<CenterView>> {
    return this.centers.list(page);
  }

  @Roles('admin')
  @Post()
  create(@CurrentUser() caller: Principal, @Body() input: CreateCenterInput): Promise<CenterView> {
    return this.centers.create(caller, input);
  }

  @SignedIn()
  @Get(':centerId')
  get(@Param('centerId') centerId: string): Promise<CenterView> {
    return this.centers.get(centerId);
  }

  @Staff()
  @Patch(':centerId')
  update(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Body() input: UpdateCenterInput,
  ): Promise<CenterView> {
    return this.centers.update(caller, centerId, input);
  }
}
