import type { EmbeddedPostgresHandle } from '../../libs/platform/src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as { __annalsEmbeddedPostgres?: EmbeddedPostgresHandle })
    .__annalsEmbeddedPostgres;
  delete (globalThis as { __annalsEmbeddedPostgres?: EmbeddedPostgresHandle }).__annalsEmbeddedPostgres;
  await handle?.stop();
}
