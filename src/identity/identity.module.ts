import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { IdentityController } from './identity.controller';
import { LoginThrottle } from './login-throttle';
import { OrganizationsService } from './organizations.service';
import { UserManagementService } from './user-management.service';
import { UsersService } from './users.service';

@Module({
  imports: [JwtModule.register({})],
  controllers: [IdentityController],
  providers: [UsersService, UserManagementService, OrganizationsService, LoginThrottle],
  exports: [UsersService, OrganizationsService],
})
export class IdentityModule {}
