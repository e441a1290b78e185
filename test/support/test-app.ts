import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AnnalsRuntime, loadConfig } from '@annals/platform';
import { loadOrCreateSealKey, SealKey } from '@annals/event-store';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { generateApiKey } from '@annals/platform/auth/api-key';
import { createApp } from '../../apps/annals/src/bootstrap';
import { GrpcServer } from '../../apps/annals/src/grpc/grpc.server';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  /** host:port of the gRPC server (GRPC_PORT 0: a free port); undefined with GRPC_ENABLED=false. */
  readonly grpcAddress: string | undefined;
  readonly database: TestDatabase;
  readonly runtime: AnnalsRuntime;
  readonly sealKey: SealKey;
  /** The admin key every request sends unless told otherwise (ANNALS_ADMIN_KEY of this app). */
  readonly adminKey: string | undefined;
  /**
   * fetch against the app, JSON in and out. Sends `Authorization: Bearer <adminKey>` unless `key`
   * names another key, or is null for none.
   */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; raw?: string; key?: string | null },
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
    GRPC_PORT: '0',
    // Every app has its admin key (set ANNALS_ADMIN_KEY to '' for a first start without one); specs
    // fire requests in bursts, so the rate limit is off unless a spec turns it on.
    ANNALS_ADMIN_KEY: generateApiKey().token,
    ANNALS_RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const runtime = await AnnalsRuntime.open(config, { migrate: false });
  const sealKey = loadOrCreateSealKey(config.seals.keyFile);
  const app = await createApp({ runtime, sealKey, runSequencer: true });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const grpcPort = app.get(GrpcServer).port;
  return {
    app,
    baseUrl,
    grpcAddress: grpcPort === undefined ? undefined : `127.0.0.1:${grpcPort}`,
    database,
    runtime,
    sealKey,
    adminKey: config.auth.adminKey,
    async request(method, path, options = {}) {
      const key = options.key === undefined ? config.auth.adminKey : options.key;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(options.body !== undefined || options.raw !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
          ...(key ? { authorization: `Bearer ${key}` } : {}),
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
