import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { BookingsModule } from '../bookings/bookings.module';
import { CentersModule } from '../centers/centers.module';
import { ReportsModule } from '../reports/reports.module';
import { ResourcesModule } from '../resources/resources.module';
import { AdminCenterController } from './admin-center.controller';
import { AdminReportsController, AdminReportsCsvController } from './admin-reports.controller';
import { AssetsController } from './assets.controller';
import { AuthPagesController } from './auth-pages.controller';
import { WebContextFactory } from './web-context';
import { WebErrorFilter } from './web-error.filter';
import { WebPageInterceptor } from './web-page.interceptor';

/**
 * The server-rendered pages: the coordinator's dashboard under /admin and the member pages. They
 * call the same services as the API; nothing here reads tables directly.
 */
@Module({
  imports: [IdentityModule, CentersModule, ResourcesModule, BookingsModule, ReportsModule],
  controllers: [
    AssetsController,
    AuthPagesController,
    AdminCenterController,
    AdminReportsController,
    AdminReportsCsvController,
  ],
  providers: [WebContextFactory, WebPageInterceptor, WebErrorFilter],
})
export class WebModule {}
