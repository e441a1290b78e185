import { join, resolve } from 'node:path';
import { Kysely } from 'kysely';
import { Pool } from 'pg';
import { AnnalsConfig } from './config/config';
import { createDatabase, createPool } from './database/database';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './database/embedded-postgres';
import { migrateToLatest } from './database/migrate';

/**
 * What every process of Annals (service, worker, CLI) stands on: the configuration and an open,
 * migrated database, embedded or not. Built once at start, before Nest, so that a wrong setting or an
 * unreachable database stops the process with a clear message instead of a half-started service.
 */
export class AnnalsRuntime {
  private constructor(
    readonly config: AnnalsConfig,
    readonly databaseUrl: string,
    readonly pool: Pool,
    readonly db: Kysely<any>,
    private readonly embedded: EmbeddedPostgresHandle | undefined,
  ) {}

  get embeddedDatabase(): boolean {
    return this.embedded !== undefined;
  }

  static async open(
    config: AnnalsConfig,
    options: { migrate?: boolean; applicationName?: string; log?: (message: string) => void } = {},
  ): Promise<AnnalsRuntime> {
    let embedded: EmbeddedPostgresHandle | undefined;
    let url = config.databaseUrl;
    if (url === undefined) {
      const dataDir = resolve(config.dataDir);
      options.log?.(
        `DATABASE_URL is not set: starting the embedded PostgreSQL under ${join(dataDir, 'postgres')}`,
      );
      embedded = await startEmbeddedPostgres({
        dataDir,
        port: config.embeddedPostgresPort,
        database: 'annals',
      });
      url = embedded.url;
    }
    const pool = createPool({
      url,
      poolSize: config.databasePoolSize,
      applicationName: options.applicationName,
    });
    const db = createDatabase<any>(pool);
    try {
      if (options.migrate !== false) {
        const { applied } = await migrateToLatest(db);
        if (applied.length > 0) options.log?.(`applied migrations: ${applied.join(', ')}`);
      }
    } catch (error) {
      await db.destroy();
      await embedded?.stop();
      throw error;
    }
    return new AnnalsRuntime(config, url, pool, db, embedded);
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.embedded?.stop();
  }
}
