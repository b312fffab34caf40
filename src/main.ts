import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { adapterOptions, configureApp } from './app.setup';
import { AppConfig, ConfigError, loadConfig } from './common/config';
import { describeError } from './common/last-resort';
import { runStartupTasks } from './database/startup';
import { hashPassword } from './identity/passwords';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * The last resort: no request may stop the server. The exception filters never reject, and
 * Fastify answers what escapes them; should a rejection still go unhandled somewhere, it is
 * logged on one line instead of ending the process (Node's default).
 */
function keepServingOnUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error(`Unhandled rejection, kept serving: ${describeError(reason)}`);
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = new Logger('Makon');
  keepServingOnUnhandledRejections(logger);
  // scrypt runs on libuv's thread pool: started now, it overlaps building the application.
  const adminPasswordHashing =
    config.adminEmail && config.adminPassword ? hashPassword(config.adminPassword) : undefined;
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(adapterOptions(config)),
    { logger: config.logLevel === 'silent' ? false : levelsFrom(config.logLevel) },
  );
  await configureApp(app, config);
  if (config.usesDevelopmentJwtSecret) {
    logger.warn('JWT_SECRET is not set: using the development key. Set it in production.');
  }
  const notes = await runStartupTasks(app, config, adminPasswordHashing);
  await app.listen(config.port, config.host);
  // The bound port, which differs from PORT when PORT=0 asks for any free one.
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://${config.host}:${port}`;
  // The banner is for the person who started the server, whatever LOG_LEVEL says.
  console.log(`Makon is serving at ${url}  (API ${url}/api/v1, docs ${url}/api/docs)`);
  for (const note of notes) console.log(note);
}

function levelsFrom(level: AppConfig['logLevel']): Array<'error' | 'warn' | 'log' | 'debug'> {
  const order = ['error', 'warn', 'log', 'debug'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}

void main();
