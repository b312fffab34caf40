import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BookingsModule } from '../bookings/bookings.module';
import { CentersModule } from '../centers/centers.module';
import { CheckInModule } from '../check-in/check-in.module';
import { PAGE_ERRORS } from '../common/error.filter';
import { IdentityModule } from '../identity/identity.module';
import { ReportsModule } from '../reports/reports.module';
import { ResourcesModule } from '../resources/resources.module';
import { AdminBookingsController } from './admin-bookings.controller';
import { AdminCenterController } from './admin-center.controller';
import { AdminReportsController, AdminReportsCsvController } from './admin-reports.controller';
import { AdminTodayController } from './admin-today.controller';
import { AssetsController } from './assets.controller';
import { AuditPageController } from './audit-page.controller';
import { AuthPagesController } from './auth-pages.controller';
import { BookController } from './book.controller';
import { CenterChoice } from './center-choice';
import { ConflictReasons } from './conflict-reasons';
import { MemberPagesController } from './member-pages.controller';
import { NetworkController } from './network.controller';
import { OrganizationsController } from './organizations.controller';
import { PeopleController } from './people.controller';
import { SessionActionsController } from './session-actions.controller';
import { SignupController } from './signup.controller';
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
    CentersModule,
    ResourcesModule,
    BookingsModule,
    CheckInModule,
    ReportsModule,
    AuditModule,
  ],
  controllers: [
    AssetsController,
    AuthPagesController,
    BookController,
    SessionActionsController,
    MemberPagesController,
    AdminTodayController,
    AdminBookingsController,
    AdminCenterController,
    AdminReportsController,
    AdminReportsCsvController,
    PeopleController,
    OrganizationsController,
    AuditPageController,
    NetworkController,
    SignupController,
  ],
  providers: [
    WebContextFactory,
    WebPageInterceptor,
    WebErrorFilter,
    CenterChoice,
    ConflictReasons,
    { provide: PAGE_ERRORS, useExisting: WebErrorFilter },
  ],
  exports: [PAGE_ERRORS],
})
export class WebModule {}
