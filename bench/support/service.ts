import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay } from './measure';

/**
 * The compiled service (`dist/apps/annals/src/main.js`) in a child process on `databaseUrl`, resolved
 * once /health/ready answers 200: load generators then do not share the service's event loop.
 */
export async function startServiceProcess(
  root: string,
  databaseUrl: string,
  port: number,
  /** Added to (or overriding) the defaults below, e.g. an admin key. */
  env: Readonly<Record<string, string>> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'dist/apps/annals/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'error',
      ANNALS_DATA_DIR: mkdtempSync(join(tmpdir(), 'annals-bench-')),
      KAFKA_BROKERS: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return child;
    await delay(100);
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become ready');
}
