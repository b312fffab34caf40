import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { adapterOptions, configureApp } from './app.setup';
import { AppConfig, ConfigError, loadConfig } from './common/config';
import { describeError } from './common/last-resort';
import { loopbackWarning } from './common/public-url';
import { runStartupTasks } from './startup';
import { hashPassword, SecretSource, SigningSecret } from './identity';

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
  warnOfGeneratedSecret(logger, app.get(SigningSecret).source);
  const notes = await runStartupTasks(app, config, adminPasswordHashing);
  await app.listen(config.port, config.host);
  // The bound port, which differs from PORT when PORT=0 asks for any free one.
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://${config.host}:${port}`;
  // The banner is for the person who started the server, whatever LOG_LEVEL says.
  console.log(`Makon is serving at ${url}  (API ${url}/api/v1, docs ${url}/api/docs)`);
  for (const note of notes) console.log(note);
  const unreachable = loopbackWarning(config.publicUrl);
  if (unreachable) console.log(unreachable);
}

/** Without JWT_SECRET, where this installation's generated key is (production requires one). */
function warnOfGeneratedSecret(logger: Logger, source: SecretSource): void {
  const kept =
    source.kind === 'file'
      ? `kept in ${source.path} (mode 0600)`
      : source.kind === 'database'
        ? "kept in the database's settings table"
        : source.kind === 'memory'
          ? 'kept in memory only, like the database'
          : undefined;
  if (!kept) return;
  logger.warn(
    `JWT_SECRET is not set: sessions are signed with a key generated for this installation, ${kept}. ` +
      'Set JWT_SECRET in production (NODE_ENV=production requires it).',
  );
}

function levelsFrom(level: AppConfig['logLevel']): Array<'error' | 'warn' | 'log' | 'debug'> {
  const order = ['error', 'warn', 'log', 'debug'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}

void main();
