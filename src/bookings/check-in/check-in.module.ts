import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings.module';
import { CentersModule } from '../../centers';
import { ResourcesModule } from '../../resources';
import { CheckInController } from './check-in.controller';
import { CheckInService } from './check-in.service';
import { NoShowReleaseJob } from './no-show-release.job';
import { ScanService } from './scan.service';
import { WalkInsService } from './walk-ins.service';

@Module({
  imports: [BookingsModule, CentersModule, ResourcesModule],
  controllers: [CheckInController],
  providers: [CheckInService, WalkInsService, ScanService, NoShowReleaseJob],
  exports: [CheckInService, ScanService, WalkInsService, NoShowReleaseJob],
})
export class CheckInModule {}
