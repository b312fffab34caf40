import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings';
import { CentersModule } from '../centers';
import { IdentityModule } from '../identity';
import { ResourcesModule } from '../resources';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [CentersModule, ResourcesModule, BookingsModule, IdentityModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
