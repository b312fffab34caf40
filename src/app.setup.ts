import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyServerOptions } from 'fastify';
import { AppConfig } from './common/config';
import { RequestActivity } from './common/request-activity';
import {
  describePathIds,
  describeValidatedProperties,
  dtoClassesOf,
} from './common/openapi-from-validation';

/** The Fastify settings that come from the configuration (main.ts and the e2e tests). */
export function adapterOptions(config: AppConfig): FastifyServerOptions {
  const { trustProxy } = config;
  return {
    bodyLimit: config.bodyLimitBytes,
    // A hop count trusts that many proxies nearest the server, whatever their addresses (this
    // Fastify treats a bare number as "trust none", so it is given as a function).
    trustProxy: typeof trustProxy === 'number' ? (_address, hop) => hop < trustProxy : trustProxy,
  };
}

/**
 * The responses compressed (docs/operations.md): pages, the stylesheet and script, JSON (the
 * API's answers and its problem+json errors), CSV exports and SVG (the QR codes).
 */
export const COMPRESSIBLE_TYPES =
  /^(text\/(html|css|javascript|csv)|application\/(json|problem\+json|javascript)|image\/svg\+xml)\b/;

/** What main.ts and the e2e tests both apply to the application, so tests see production. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  // Counted for background work, which gives way to people's requests (common/request-activity.ts).
  const activity = app.get(RequestActivity);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, _reply, done) => {
    activity.started();
    done();
  });
  fastify.addHook('onResponse', (_request, _reply, done) => {
    activity.ended();
    done();
  });
  fastify.addHook('onRequestAbort', (_request, done) => {
    activity.ended();
    done();
  });
  // Brotli (its quality 4: fast, smaller than gzip) when the client takes it, else gzip; bodies
  // under 1 KB as they are. Registered first, so that every route's answer passes through it.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE_TYPES,
  });
  await app.register(helmet, {
    // The API docs page runs Swagger UI, which needs inline styles and its own scripts.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind https: on a plain-http address (a center's local box) it would send the
        // browser to https for the stylesheet, the script and every form.
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
  });
  // Cross-site browser calls are refused unless the operator lists the origins allowed.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins, credentials: false });
  }
  // Built on the first request for the docs, not at start-up (about 0.1 s and its memory).
  const document = (): OpenAPIObject => {
    // The DTOs' validation rules complete their description (src/common/openapi-from-validation.ts).
    describeValidatedProperties(dtoClassesOf(app));
    return describePathIds(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Makon API')
          .setDescription('Desk, room and equipment booking for NGO co-working centers')
          .setVersion('1')
          .addBearerAuth()
          .build(),
      ),
    );
  };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
}
