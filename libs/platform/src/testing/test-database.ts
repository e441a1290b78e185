import { randomBytes } from 'node:crypto';
import { Kysely } from 'kysely';
import { Client, Pool } from 'pg';
import { createDatabase, createPool } from '../database/database';
import { migrateToLatest } from '../database/migrate';

export interface TestDatabase<DB = any> {
  readonly url: string;
  readonly name: string;
  readonly pool: Pool;
  readonly db: Kysely<DB>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** The server the integration tiers run against: set by test/support/global-setup.ts. */
export function testServerUrl(): string {
  const url = process.env.ANNALS_TEST_SERVER_URL ?? process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'No PostgreSQL for the tests: run them with `npm test` (which starts one) or set DATABASE_URL',
    );
  }
  return url;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A freshly created, migrated database for one spec file (creating one costs milliseconds),
 * so that specs never see each other's rows and can run in parallel.
 */
export async function createTestDatabase<DB = any>(
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<TestDatabase<DB>> {
  const server = testServerUrl();
  const name = `annals_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(server, name);
  const pool = createPool({ url, poolSize: options.poolSize ?? 10, applicationName: 'annals-test' });
  const db = createDatabase<DB>(pool);
  if (options.migrate !== false) await migrateToLatest(db);
  return {
    url,
    name,
    pool,
    db,
    drop: async () => {
      await db.destroy();
      const client = new Client({ connectionString: withDatabase(server, 'postgres') });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
