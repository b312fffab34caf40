import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { BookingsModule } from './bookings/bookings.module';
import { CentersModule } from './centers/centers.module';
import { Clock, SystemClock } from './common/clock';
import { APP_CONFIG, AppConfig } from './common/config';
import { GlobalErrorFilter } from './common/error.filter';
import { createValidationPipe } from './common/validation';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { AccessGuard } from './identity/access.guard';
import { IdentityModule } from './identity/identity.module';
import { ReportsModule } from './reports/reports.module';
import { ResourcesModule } from './resources/resources.module';
import { RouteTargets } from './identity/route-targets';
import { RouteTargetLookup } from './route-target-lookup';

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
        IdentityModule,
        CentersModule,
        ResourcesModule,
        BookingsModule,
        ReportsModule,
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
