import { ConfigError } from '@annals/platform';
import { startService } from './start-service';

startService().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`annals failed to start: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
