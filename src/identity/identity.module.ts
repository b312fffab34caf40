import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { IdentityController } from './identity.controller';
import { UsersService } from './users.service';

@Module({
  imports: [JwtModule.register({})],
  controllers: [IdentityController],
  providers: [UsersService],
  exports: [UsersService],
})
export class IdentityModule {}
