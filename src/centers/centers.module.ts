import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CenterEntity } from './center.entity';
import { CentersRepository } from './centers.repository';
import { ClosureEntity } from './closure.entity';
import { CentersController } from './centers.controller';
import { CentersService } from './centers.service';
import { ClosuresService } from './closures.service';

@Module({
  imports: [TypeOrmModule.forFeature([CenterEntity, ClosureEntity])],
  controllers: [CentersController],
  providers: [CentersRepository, CentersService, ClosuresService],
  exports: [CentersService, ClosuresService],
})
export class CentersModule {}
