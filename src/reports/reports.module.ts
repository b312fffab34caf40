import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CentersModule } from '../centers/centers.module';
import { IdentityModule } from '../identity/identity.module';
import { ResourcesModule } from '../resources/resources.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [CentersModule, ResourcesModule, BookingsModule, IdentityModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
