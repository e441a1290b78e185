import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';

/**
 * The integration and end-to-end tiers need one PostgreSQL server: DATABASE_URL when set,
 * else an embedded one under .annals/test-postgres (its data survives, its test databases do not).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.ANNALS_TEST_SERVER_URL) return;
  if (process.env.DATABASE_URL) {
    process.env.ANNALS_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const handle = await startEmbeddedPostgres({
    dataDir: join(__dirname, '..', '..', '.annals', 'test'),
    port: Number(process.env.ANNALS_TEST_PG_PORT ?? 54330),
    database: 'postgres',
  });
  process.env.ANNALS_TEST_SERVER_URL = handle.url;
  (globalThis as { __annalsEmbeddedPostgres?: typeof handle }).__annalsEmbeddedPostgres = handle;
}
