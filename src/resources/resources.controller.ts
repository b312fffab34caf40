import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Paged } from '../common/pagination';
import { CurrentUser, Principal, SignedIn, Staff } from '../access';
import { CreateResourceInput, ResourceQuery, ResourceView } from './resources.dto';
import { ResourcesService } from './resources.service';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('api/v1')
export class ResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  @SignedIn()
  @Get('centers/:centerId/resources')
  list(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Query() query: ResourceQuery,
  ): Promise<Paged<ResourceView>> {
    return this.resources.list(caller, centerId, query);
  }

  @Staff()
  @Post('centers/:centerId/resources')
  create(
    @CurrentUser() caller: Principal,
    @Param('centerId') centerId: string,
    @Body() input: CreateResourceInput,
  ): Promise<ResourceView> {
    return this.resources.create(caller, centerId, input);
  }

  @SignedIn()
  @Get('resources/:resourceId')
  get(
    @CurrentUser() caller: Principal,
    @Param('resourceId') resourceId: string,
  ): Promise<ResourceView> {
    return this.resources.get(caller, resourceId);
  }

  @Staff()
  @Get('resources/:resourceId/qr')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('image/svg+xml')
  @ApiResponse({ status: 200, description: 'SVG QR code of the resource’s checkInUrl' })
  qr(@CurrentUser() caller: Principal, @Param('resourceId') resourceId: string): Promise<string> {
    return this.resources.qrSvg(caller, resourceId);
  }

  @Staff()
  @Post('resources/:resourceId/qr/rotate')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The resource with its new checkInUrl' })
  rotateQr(
    @CurrentUser() caller: Principal,
    @Param('resourceId') resourceId: string,
  ): Promise<ResourceView> {
    return this.resources.rotateQrToken(caller, resourceId);
  }
}
