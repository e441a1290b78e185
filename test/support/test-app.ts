import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AnnalsRuntime, loadConfig } from '@annals/platform';
import { loadOrCreateSealKey, SealKey } from '@annals/event-store';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { createApp } from '../../apps/annals/src/bootstrap';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly database: TestDatabase;
  readonly runtime: AnnalsRuntime;
  readonly sealKey: SealKey;
  /** fetch against the app, JSON in and out. */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** The whole service on a fresh database, listening on a free port, with the sequencer running. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'annals-e2e-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    ANNALS_DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    ANNALS_SEQUENCER_POLL_MS: '20',
    ...env,
  });
  const runtime = await AnnalsRuntime.open(config, { migrate: false });
  const sealKey = loadOrCreateSealKey(config.seals.keyFile);
  const app = await createApp({ runtime, sealKey, runSequencer: true });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    database,
    runtime,
    sealKey,
    async request(method, path, options = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(options.body !== undefined || options.raw !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
          ...options.headers,
        },
        body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body };
    },
    async close() {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}
