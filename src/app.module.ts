import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit';
import { AuditLogModule } from './audit-log';
import { BookingsModule, OwnedSessionsCanceller, CheckInModule } from './bookings';
import { CentersModule } from './centers';
import { Clock, SystemClock } from './common/clock';
import { APP_CONFIG, AppConfig } from './common/config';
import { GlobalErrorFilter } from './common/error.filter';
import { RequestActivity } from './common/request-activity';
import { createValidationPipe } from './common/validation';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health';
import { AccessGuard, IdentityModule, OwnedSessions, RouteTargets } from './identity';
import { ReportsModule } from './reports';
import { ResourcesModule } from './resources';
import { NotificationsModule } from './notifications';
import { RouteTargetLookup } from './route-target-lookup';
import { WebModule } from './web';

/** What identity needs from the bookings module without depending on it. */
@Global()
@Module({
  imports: [BookingsModule],
  providers: [{ provide: OwnedSessions, useClass: OwnedSessionsCanceller }],
  exports: [OwnedSessions],
})
class CrossModuleHooks {}

/** The configuration, the clock and the requests in flight, available everywhere. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
        { provide: RequestActivity, useValue: new RequestActivity() },
      ],
      exports: [APP_CONFIG, Clock, RequestActivity],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule.forRoot(),
        AuditLogModule,
        CrossModuleHooks,
        IdentityModule,
        CentersModule,
        ResourcesModule,
        BookingsModule,
        AuditModule,
        CheckInModule,
        NotificationsModule,
        // The timed jobs (no-show release); without it, @Cron methods are plain methods.
        ...(config.runJobs ? [ScheduleModule.forRoot()] : []),
        ReportsModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: GlobalErrorFilter },
        { provide: RouteTargets, useClass: RouteTargetLookup },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
