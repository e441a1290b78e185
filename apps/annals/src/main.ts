import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AnnalsRuntime, ConfigError, loadConfig } from '@annals/platform';
import { loadOrCreateSealKey } from '@annals/event-store';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const logger = new Logger('annals');
  const config = loadConfig();
  const runtime = await AnnalsRuntime.open(config, { log: (m) => logger.log(m) });
  const sealKey = loadOrCreateSealKey(config.seals.keyFile);
  const app = await createApp({ runtime, sealKey, runSequencer: true, log: (m) => logger.log(m) });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => runtime.close());
  await app.listen(config.port, '0.0.0.0');
  logger.log(`REST on http://localhost:${config.port} (OpenAPI at /docs); seal key ${sealKey.keyId}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`annals failed to start: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
