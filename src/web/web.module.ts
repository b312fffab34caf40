import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { BookingsModule, CheckInModule } from '../bookings';
import { CentersModule } from '../centers';
import { PAGE_ERRORS } from '../common/error.filter';
import { IdentityModule } from '../identity';
import { ReportsModule } from '../reports';
import { ResourcesModule } from '../resources';
import { NotificationsModule } from '../notifications';
import { AuditPageController } from './audit/audit.controller';
import { AuthPagesController } from './auth/auth.controller';
import { SignupController } from './auth/signup.controller';
import { AdminBookingsController } from './bookings/bookings.controller';
import { AdminCenterController } from './center/center.controller';
import { BookController } from './member/book.controller';
import { CenterChoice } from './member/center-choice';
import { BookingAlternatives } from './member/booking-alternatives';
import { ConflictReasons } from './member/conflict-reasons';
import { MemberPagesController } from './member/member.controller';
import { ScanPageController } from './member/scan.controller';
import { SessionActionsController } from './member/session-actions.controller';
import { NetworkController } from './network/network.controller';
import { NotificationPagesController } from './notifications/notifications.controller';
import { OrganizationsController } from './people/organizations.controller';
import { PeopleController } from './people/people.controller';
import { AdminReportsController, AdminReportsCsvController } from './reports/reports.controller';
import { AssetsController } from './shared/assets.controller';
import { WebContextFactory } from './shared/web-context';
import { WebErrorFilter } from './shared/web-error.filter';
import { WebPageInterceptor } from './shared/web-page.interceptor';
import { AdminTodayController } from './today/today.controller';

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
    NotificationsModule,
  ],
  controllers: [
    AssetsController,
    AuthPagesController,
    BookController,
    SessionActionsController,
    MemberPagesController,
    ScanPageController,
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
    NotificationPagesController,
  ],
  providers: [
    WebContextFactory,
    WebPageInterceptor,
    WebErrorFilter,
    CenterChoice,
    ConflictReasons,
    BookingAlternatives,
    { provide: PAGE_ERRORS, useExisting: WebErrorFilter },
  ],
  exports: [PAGE_ERRORS],
})
export class WebModule {}
