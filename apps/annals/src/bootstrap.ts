import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { logLevelsUpTo } from '@annals/platform';
import { uuidv7 } from '@annals/event-store';
import { problem, PROBLEM_CONTENT_TYPE } from '@annals/contracts';
import { AppModule, AppOptions } from './app.module';
import { validationPipe } from './http/validation.pipe';

/** The largest request body: a full append of maximal events must fit, with room for JSON overhead. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Builds the HTTP application (not yet listening): the same for `npm start` and end-to-end tests. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const { logLevel } = options.runtime.config;
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    new FastifyAdapter({
      bodyLimit: MAX_BODY_BYTES,
      logger: false,
      genReqId: () => uuidv7(),
      // Entity ids are up to 128 characters, stream ids a kind and a dash more.
      routerOptions: { maxParamLength: 256 },
    }),
    { logger: logLevelsUpTo(logLevel), abortOnError: false },
  );
  refuseNonJsonBodies(app);
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

/**
 * JSON only: a body of any other type (text/plain and forms, which Fastify and Nest parse by default)
 * is answered 415 before any parser or route sees it.
 */
function refuseNonJsonBodies(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      const hasBody =
        Number(request.headers['content-length'] ?? 0) > 0 ||
        request.headers['transfer-encoding'] !== undefined;
      const type = request.headers['content-type'] ?? '';
      if (hasBody && !/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
        await reply
          .status(415)
          .header('Content-Type', PROBLEM_CONTENT_TYPE)
          .send(
            problem(
              415,
              'request.unsupported_media_type',
              `Send the body as application/json, not ${type || 'no type'}`,
              { instance: request.url },
            ),
          );
      }
    });
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
