import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { IdentityController } from './identity.controller';
import { LoginThrottle } from './login-throttle';
import { UsersService } from './users.service';

@Module({
  imports: [JwtModule.register({})],
  controllers: [IdentityController],
  providers: [UsersService, LoginThrottle],
  exports: [UsersService],
})
export class IdentityModule {}
