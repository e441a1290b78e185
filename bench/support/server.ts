import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@annals/platform/database/embedded-postgres';
import { findFreePort } from '@annals/platform/database/port-probe';

/** The machine's own server, used when DATABASE_URL is not set and it answers. */
const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_PROBE_TIMEOUT_MS = 2000;

export interface BenchServer {
  /** A URL of the server's maintenance database, for creating and dropping the benchmark databases. */
  readonly adminUrl: string;
  /** Where the server came from, for the report. */
  readonly origin: string;
  stop(): Promise<void>;
}

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** DATABASE_URL if set, else the local server if it answers, else an embedded server under .annals/bench. */
export async function openBenchServer(root: string): Promise<BenchServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await probe(configured);
    return { adminUrl: configured, origin: 'DATABASE_URL', stop: async () => undefined };
  }
  if (
    await probe(LOCAL_SERVER_URL, LOCAL_PROBE_TIMEOUT_MS).then(
      () => true,
      () => false,
    )
  ) {
    return { adminUrl: LOCAL_SERVER_URL, origin: LOCAL_SERVER_URL, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: join(root, '.annals', 'bench'),
    port: await findFreePort(),
    database: 'postgres',
  });
  return {
    adminUrl: embedded.url,
    origin: 'embedded PostgreSQL (.annals/bench)',
    stop: () => embedded.stop(),
  };
}

/** A fresh database named after the contender, dropped (with a checkpoint) when the run is over. */
export async function createScratchDatabase(adminUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `annals_bench_${label}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database ${client.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(adminUrl, async (client) => {
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
        // The next contender must not pay for flushing this one's pages.
        await client.query('checkpoint');
      }),
  };
}

export interface ServerFacts {
  readonly version: string;
  readonly settings: Record<string, string>;
}

const REPORTED_SETTINGS = [
  'shared_buffers',
  'synchronous_commit',
  'fsync',
  'wal_level',
  'max_wal_size',
  'work_mem',
] as const;

export function describeServer(adminUrl: string): Promise<ServerFacts> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `select name, current_setting(name) as setting from unnest($1::text[]) as name`,
      [REPORTED_SETTINGS],
    );
    const version = await client.query<{ v: string }>(`select current_setting('server_version') as v`);
    return {
      version: version.rows[0].v,
      settings: Object.fromEntries(rows.map((r) => [r.name, r.setting])),
    };
  });
}

async function probe(url: string, timeoutMs?: number): Promise<void> {
  await withClient(url, (client) => client.query('select 1'), timeoutMs);
}

async function withClient<T>(
  url: string,
  work: (client: Client) => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
