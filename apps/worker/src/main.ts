import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AnnalsRuntime, ConfigError, loadConfig, logLevelsUpTo } from '@annals/platform';
import { loadOrCreateSealKey } from '@annals/event-store';
import { WorkerModule } from './worker.module';

/**
 * The scale-out worker: run one or more beside API processes started with ANNALS_RUN_BACKGROUND=false.
 * Every part is a singleton by advisory lock (or a consumer group for ingest), so extra workers are
 * standbys that take over when the active one dies.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Before the first line is logged: Nest's Logger keeps the levels in force when it first writes.
  Logger.overrideLogger(logLevelsUpTo(config.logLevel));
  const logger = new Logger('annals-worker');
  const log = (message: string): void => logger.log(message);
  const runtime = await AnnalsRuntime.open(config, { log, applicationName: 'annals-worker' });
  const sealKey = loadOrCreateSealKey(config.seals.keyFile);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ runtime, sealKey, log }), {
    logger: logLevelsUpTo(config.logLevel),
  });
  await app.init();
  const stop = async (signal: string) => {
    log(`${signal}: stopping`);
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
  log(
    `worker running: sequencer, projections${config.kafkaBrokers.length > 0 ? ', Kafka relay and ingest' : ''}`,
  );
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `annals worker failed to start: ${(error as Error)?.message ?? String(error)}`,
  );
  process.exit(error instanceof ConfigError ? 78 : 1);
});
