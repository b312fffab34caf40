import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CentersModule } from '../centers/centers.module';
import { CheckInModule } from '../check-in/check-in.module';
import { IdentityModule } from '../identity/identity.module';
import { ReportsModule } from '../reports/reports.module';
import { ResourcesModule } from '../resources/resources.module';
import { AdminBookingsController } from './admin-bookings.controller';
import { AdminTodayController } from './admin-today.controller';
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
  imports: [
    IdentityModule,
    ReportsModule,
    CheckInModule,
    BookingsModule,
    CentersModule,
    ResourcesModule,
  ],
  controllers: [
    AssetsController,
    AuthPagesController,
    AdminTodayController,
    AdminBookingsController,
  ],
  providers: [WebContextFactory, WebPageInterceptor, WebErrorFilter],
})
export class WebModule {}
