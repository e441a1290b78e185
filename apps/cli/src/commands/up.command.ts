import { loadConfig } from '@annals/platform';
import { defineCommand } from '../command';
import { ExitCode } from '../exit-codes';

export const upCommand = defineCommand({
  name: 'up',
  summary: 'Run the service as `npm start` does (migrate, REST, sequencer), without building',
  usage: 'up',
  options: {},
  async run(_args, context) {
    const config = loadConfig(context.env);
    // Loaded here, not at the top: Nest, Fastify and Swagger take a while to load, and no other
    // command needs them.
    const { startService } = await import('../../../annals/src/start-service');
    await startService(config);
    // The service keeps the process alive until a shutdown signal closes it.
    return ExitCode.ok;
  },
});
