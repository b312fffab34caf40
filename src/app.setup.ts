import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** What main.ts and the e2e tests both apply to the application, so tests see production. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Makon API')
      .setDescription('Desk, room and equipment booking for NGO co-working centers')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
}
