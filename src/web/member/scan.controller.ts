import { Body, Get, Inject, Param, Post } from '@nestjs/common';
import { CheckInService, ConflictView, ScanService, WalkInsService } from '../../bookings';
import { CentersService } from '../../centers';
import { Clock } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../common/config';
import { DomainError } from '../../common/domain-error';
import { Public, SignedIn } from '../../access';
import type { ResourceEntity } from '../../resources';
import { FormBody } from '../shared/form';
import { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { PageResponse, WebResult } from '../shared/web-result';
import { ConflictReasons } from './conflict-reasons';
import { renderScanPage, renderScanResult, ScanState } from './scan.view';

/**
 * The page a resource's printed QR code opens. Anyone holding the card may see which place it is
 * (the code is on the desk); what one can do there needs signing in: check in to one's own
 * session, take the free place as a walk-in, or learn when it is free again or the center opens.
 */
@WebController()
export class ScanPageController {
  constructor(
    private readonly scans: ScanService,
    private readonly checkIns: CheckInService,
    private readonly walkIns: WalkInsService,
    private readonly centers: CentersService,
    private readonly reasons: ConflictReasons,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('c/:token')
  async scanPage(@Page() ctx: WebContext, @Param('token') token: string): Promise<WebResult> {
    const resource = await this.scans.resourceOf(token);
    const center = await this.centers.getEntity(resource.centerId);
    return renderScanPage(ctx, {
      token,
      resource,
      center,
      now: await this.stateFor(ctx, resource),
    });
  }

  @SignedIn()
  @Post('c/:token')
  async scan(
    @Page() ctx: WebContext,
    @Param('token') token: string,
    @Body() _form: FormBody,
  ): Promise<WebResult> {
    const resource = await this.scans.resourceOf(token);
    const center = await this.centers.getEntity(resource.centerId);
    try {
      const result = await this.scans.scanResource(ctx.principal!, resource);
      return renderScanResult(ctx, { resource, center, result });
    } catch (error) {
      if (!(error instanceof DomainError) || [401, 404].includes(error.status)) throw error;
      if (error.status >= 500) throw error;
      const now = await this.stateFor(ctx, resource);
      if (error.code === 'RESOURCE_BUSY') {
        // Taken between the page and the button: the refusal, and the page again (until when).
        return new PageResponse(
          409,
          renderScanPage(ctx, { token, resource, center, now, problem: { error, why: [] } }),
        );
      }
      // Refused for another reason (a room that needs approval, closed now…): said here.
      const clashes = await this.reasons.explain(
        ctx,
        center,
        (error.extras.conflicts as ConflictView[] | undefined) ?? [],
      );
      return new PageResponse(
        error.status,
        renderScanPage(ctx, {
          token,
          resource,
          center,
          now,
          problem: { error, why: clashes.map((c) => c.why) },
        }),
      );
    }
  }

  /** What the page offers now; `resource` is the one the request read by its token. */
  private async stateFor(ctx: WebContext, resource: ResourceEntity): Promise<ScanState> {
    if (!ctx.principal) return { state: 'signedOut', signUp: this.config.selfSignup };
    const own = await this.checkIns.openSessionFor(ctx.principal, resource);
    if (own) return { state: 'yours', sessionId: own.id, ...own };
    return this.walkIns.outlook(resource, this.clock.now());
  }
}
