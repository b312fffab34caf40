import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CentersModule } from '../centers';
import { EmailChangeLimit } from './email-change-limit';
import { IdentityController } from './identity.controller';
import { IdentityRepository } from './identity.repository';
import { LoginThrottle } from './login-throttle';
import { OrganizationsService } from './organizations.service';
import { SelfSignupService } from './self-signup.service';
import { SigningSecret, SigningSecretModule } from './signing-secret';
import { SignupThrottle } from './signup-throttle';
import { UserManagementService } from './user-management.service';
import { OrganizationEntity, UserCenterEntity, UserEntity } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([OrganizationEntity, UserEntity, UserCenterEntity]),
    CentersModule,
    SigningSecretModule,
    JwtModule.registerAsync({
      imports: [SigningSecretModule],
      inject: [SigningSecret],
      // The KeyObject made once (docs/benchmarks.md: a string key costs about 1 ms per request).
      useFactory: (secret: SigningSecret) => ({ secretOrKeyProvider: () => secret.key }),
    }),
  ],
  controllers: [IdentityController],
  providers: [
    IdentityRepository,
    UsersService,
    UserManagementService,
    OrganizationsService,
    LoginThrottle,
    EmailChangeLimit,
    SignupThrottle,
    SelfSignupService,
  ],
  exports: [
    UsersService,
    OrganizationsService,
    UserManagementService,
    SelfSignupService,
    SigningSecretModule,
  ],
})
export class IdentityModule {}
