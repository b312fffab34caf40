import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../common/config';
import { IdentityController } from './identity.controller';
import { LoginThrottle } from './login-throttle';
import { OrganizationsService } from './organizations.service';
import { SelfSignupService } from './self-signup.service';
import { SignupThrottle } from './signup-throttle';
import { UserManagementService } from './user-management.service';
import { UsersService } from './users.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A KeyObject made once: given the secret as a string, jsonwebtoken first tries (and
        // fails) to parse it as a public key on every request, about 1 ms each (docs/benchmarks.md).
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return { secretOrKeyProvider: () => key };
      },
    }),
  ],
  controllers: [IdentityController],
  providers: [
    UsersService,
    UserManagementService,
    OrganizationsService,
    LoginThrottle,
    SignupThrottle,
    SelfSignupService,
  ],
  exports: [UsersService, OrganizationsService, UserManagementService, SelfSignupService],
})
export class IdentityModule {}
