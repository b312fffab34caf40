import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuditLogModule, AuditModule } from './audit/audit.module';
import { BookingsModule } from './bookings/bookings.module';
import { OwnedSessionsCanceller } from './bookings/owned-sessions-canceller';
import { CentersModule } from './centers/centers.module';
import { CheckInModule } from './check-in/check-in.module';
import { Clock, SystemClock } from './common/clock';
import { APP_CONFIG, AppConfig } from './common/config';
import { GlobalErrorFilter } from './common/error.filter';
import { createValidationPipe } from './common/validation';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { AccessGuard } from './identity/access.guard';
import { IdentityModule } from './identity/identity.module';
import { OwnedSessions } from './identity/owned-sessions';
import { NotificationsModule } from './notifications/notifications.module';
import { ReportsModule } from './reports/reports.module';
import { ResourcesModule } from './resources/resources.module';
import { RouteTargets } from './identity/route-targets';
import { RouteTargetLookup } from './route-target-lookup';
import { WebModule } from './web/web.module';

/** What identity needs from the bookings module without depending on it. */
@Global()
@Module({
  imports: [BookingsModule],
  providers: [{ provide: OwnedSessions, useClass: OwnedSessionsCanceller }],
  exports: [OwnedSessions],
})
class CrossModuleHooks {}

/** The configuration and the clock, available everywhere. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
      ],
      exports: [APP_CONFIG, Clock],
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
