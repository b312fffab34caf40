import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Public, SignedIn, Staff } from './access';
import { CreateUserInput, LoginInput, UserView } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('identity')
@Controller('api/v1')
export class IdentityController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(
    @Body() input: LoginInput,
    @Ip() address: string,
  ): Promise<{ accessToken: string; user: UserView }> {
    return this.users.login(input.email, input.password, address);
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
    return this.users.create(caller, input);
  }
}
