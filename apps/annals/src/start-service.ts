import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AnnalsConfig, AnnalsRuntime, loadConfig, logLevelsUpTo } from '@annals/platform';
import { loadOrCreateSealKey } from '@annals/event-store';
import { createApp } from './bootstrap';

/**
 * The single-process service of `npm start` and `annals up`: opens (and migrates) the database,
 * runs the sequencer and serves REST. Resolves once it listens; the service then runs until a
 * shutdown signal closes it, and closing it closes the database too.
 */
export async function startService(config: AnnalsConfig = loadConfig()): Promise<NestFastifyApplication> {
  // Before the first line is logged: Nest's Logger keeps the levels in force when it first writes.
  Logger.overrideLogger(logLevelsUpTo(config.logLevel));
  const logger = new Logger('annals');
  const log = (message: string): void => logger.log(message);
  const runtime = await AnnalsRuntime.open(config, { log });
  let app: NestFastifyApplication | undefined;
  try {
    const sealKey = loadOrCreateSealKey(config.seals.keyFile);
    app = await createApp({ runtime, sealKey, runSequencer: config.runBackground, log });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => runtime.close());
    await app.listen(config.port, '0.0.0.0');
    logger.log(`REST on http://localhost:${config.port} (OpenAPI at /docs); seal key ${sealKey.keyId}`);
    return app;
  } catch (error) {
    // A caller that outlives the failure must not keep a pool or an embedded server; the failure to
    // start is the error worth reporting, not one from closing what half started.
    await (app ? app.close() : runtime.close()).catch(() => undefined);
    throw error;
  }
}
