import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LOG_LEVELS } from '@annals/platform';
import { uuidv7 } from '@annals/event-store';
import { AppModule, AppOptions } from './app.module';
import { validationPipe } from './http/validation.pipe';

/** The largest request body: a full append of maximal events must fit, with room for JSON overhead. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Builds the HTTP application (not yet listening): the same for `npm start` and end-to-end tests. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const { logLevel } = options.runtime.config;
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, logger: false, genReqId: () => uuidv7() }),
    { logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(logLevel) + 1) as LogLevel[], abortOnError: false },
  );
  // JSON only: any other body (text/plain included, which Fastify parses by default) is answered 415.
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain']);
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Annals')
      .setDescription(
        'Event-sourced tracker. Errors are application/problem+json with a stable `code`; ' +
          'If-Match carries the expected stream version and ETag the current one; Idempotency-Key makes retries safe.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
