import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../common/config';
import { DomainError } from '../common/domain-error';
import { SignupThrottle } from './signup-throttle';
import { UserManagementService } from './user-management.service';
import { SignupInput, UserView } from './users.dto';
import { UsersService } from './users.service';

/**
 * Self sign-up: when the network allows it (SELF_SIGNUP), a person creates their own member
 * account and is signed in at once. Otherwise there is no such thing here: 404.
 */
@Injectable()
export class SelfSignupService {
  constructor(
    private readonly users: UsersService,
    private readonly management: UserManagementService,
    private readonly throttle: SignupThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.selfSignup;
  }

  /** 404 when self sign-up is off. */
  assertEnabled(): void {
    if (!this.enabled) {
      throw new DomainError('NOT_FOUND', 'Self sign-up is not enabled on this network');
    }
  }

  async signUp(
    input: SignupInput,
    address: string,
  ): Promise<{ accessToken: string; user: UserView }> {
    this.assertEnabled();
    this.throttle.count(address);
    return this.users.signIn(await this.management.registerSelf(input));
  }
}
