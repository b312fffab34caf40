/**
 * The ceilings: a bare NestJS-on-Fastify application, started and measured exactly like the Makon
 * server, in the same run, with
 * - `GET /constant`: a constant answer (the old ceiling, kept for comparison);
 * - `POST /validated`: what every booking pays before it reaches the database: a bearer token
 *   checked as the app checks it (JwtService.verifyAsync with the app's secret), and the body
 *   parsed and validated through the app's own ValidationPipe and booking DTO
 *   (CreateBookingInput). It answers 201 with the validated fields and does no database work.
 *   The app authenticates against the database on every request (the account's token version and
 *   revocations), so no route of the real app is a database-free authenticated POST; this one lives
 *   only in this bench app, never in the app's routes.
 */
import 'reflect-metadata';
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Module,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { CreateBookingInput } from '../src/bookings/bookings.dto';
import { createValidationPipe } from '../src/common/validation';

@Injectable()
class BearerGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string> }>()
      .headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
    try {
      await this.jwt.verifyAsync(token);
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}

@Controller()
class CeilingController {
  @Get('constant')
  constant(): { status: string } {
    return { status: 'ok' };
  }

  @Post('validated')
  @HttpCode(201)
  @UseGuards(BearerGuard)
  validated(@Body() input: CreateBookingInput): Record<string, unknown> {
    return { resourceId: input.resourceId, start: input.start, end: input.end };
  }
}

@Module({
  imports: [JwtModule.register({ secret: process.env.JWT_SECRET ?? 'bench-ceiling-secret' })],
  controllers: [CeilingController],
  providers: [BearerGuard],
})
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalPipes(createValidationPipe());
  await app.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? '127.0.0.1');
}

void main();
