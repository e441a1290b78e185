import { ConfigError } from '@annals/platform';
import { startService } from './start-service';

startService().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`annals failed to start: ${(error as Error)?.message ?? String(error)}`);
  }
  // 78 (EX_CONFIG), as `annals up` and the worker: a supervisor can tell a wrong setting from a crash.
  process.exit(error instanceof ConfigError ? 78 : 1);
});
