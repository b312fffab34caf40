import { Body, Controller, Get, HttpCode, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Paged } from '../common/pagination';
import { CurrentUser, Principal, Public, SignedIn, Staff } from '../access';
import { OrganizationsService } from './organizations.service';
import { SelfSignupService } from './self-signup.service';
import { UserManagementService } from './user-management.service';
import {
  CreateUserInput,
  LoginInput,
  OrganizationInput,
  OrganizationQuery,
  OrganizationView,
  SignupInput,
  UpdateUserInput,
  UserQuery,
  UserView,
} from './users.dto';
import { UsersService } from './users.service';

@ApiTags('identity')
@Controller('api/v1')
export class IdentityController {
  constructor(
    private readonly users: UsersService,
    private readonly management: UserManagementService,
    private readonly organizations: OrganizationsService,
    private readonly signup: SelfSignupService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(
    @Body() input: LoginInput,
    @Ip() address: string,
  ): Promise<{ accessToken: string; user: UserView }> {
    return this.users.login(input.email, input.password, address);
  }

  /** Self sign-up, when SELF_SIGNUP allows it (404 otherwise): a member account, signed in. */
  @Public()
  @Post('auth/signup')
  signUp(
    @Body() input: SignupInput,
    @Ip() address: string,
  ): Promise<{ accessToken: string; user: UserView }> {
    return this.signup.signUp(input, address);
  }

  @ApiBearerAuth()
  @SignedIn()
  @Get('users/me')
  me(@CurrentUser() caller: Principal): Promise<UserView> {
    return this.users.me(caller);
  }

  @ApiBearerAuth()
  @Staff()
  @Post('users')
  create(@CurrentUser() caller: Principal, @Body() input: CreateUserInput): Promise<UserView> {
    return this.management.create(caller, input);
  }

  @ApiBearerAuth()
  @Staff()
  @Get('users')
  list(@CurrentUser() caller: Principal, @Query() query: UserQuery): Promise<Paged<UserView>> {
    return this.management.list(caller, query);
  }

  /** Oneself, or (staff) a user of one's centers; anyone else is 404. */
  @ApiBearerAuth()
  @SignedIn()
  @Get('users/:userId')
  get(@CurrentUser() caller: Principal, @Param('userId') userId: string): Promise<UserView> {
    return this.management.get(caller, userId);
  }

  @ApiBearerAuth()
  @SignedIn()
  @Patch('users/:userId')
  update(
    @CurrentUser() caller: Principal,
    @Param('userId') userId: string,
    @Body() input: UpdateUserInput,
  ): Promise<UserView> {
    return this.management.update(caller, userId, input);
  }

  @ApiBearerAuth()
  @SignedIn()
  @Get('organizations')
  listOrganizations(@Query() query: OrganizationQuery): Promise<Paged<OrganizationView>> {
    return this.organizations.list(query);
  }

  @ApiBearerAuth()
  @Staff()
  @Post('organizations')
  createOrganization(
    @CurrentUser() caller: Principal,
    @Body() input: OrganizationInput,
  ): Promise<OrganizationView> {
    return this.organizations.create(caller, input.name);
  }

  @ApiBearerAuth()
  @Staff()
  @Patch('organizations/:organizationId')
  renameOrganization(
    @CurrentUser() caller: Principal,
    @Param('organizationId') organizationId: string,
    @Body() input: OrganizationInput,
  ): Promise<OrganizationView> {
    return this.organizations.rename(caller, organizationId, input.name);
  }
}
