import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../access';
import { ASSET_CACHE_CONTROL, WebAssets, webAssets } from './assets';

/**
 * The pages' stylesheet and script, from this site (no CDN), under a name with their content's
 * hash. Any other name (an old hash after an upgrade, a mistyped one) is not found, like any
 * address that is no page: a stale name never gets content that does not match it.
 */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  private readonly assets: WebAssets = webAssets();

  @Public()
  @Get(':file')
  file(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const asset = this.assets.byName.get(file);
    if (!asset) throw new NotFoundException();
    void reply
      .header('content-type', asset.contentType)
      .header('cache-control', ASSET_CACHE_CONTROL);
    return asset.body;
  }
}
