import { Module } from '@nestjs/common';
import { CentersController } from './centers.controller';
import { CentersService } from './centers.service';
import { ClosuresService } from './closures.service';

@Module({
  controllers: [CentersController],
  providers: [CentersService, ClosuresService],
  exports: [CentersService, ClosuresService],
})
export class CentersModule {}
