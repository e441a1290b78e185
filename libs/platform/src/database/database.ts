import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';

// int8 stays a string at the driver; repositories convert deliberately (positions fit in a double
// until 2^53, which repositories check). xid8 (oid 5069) likewise.
types.setTypeParser(types.builtins.INT8, (value) => value);

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

export function createPool({ url, poolSize = 10, applicationName = 'annals' }: DatabaseOptions): Pool {
  const pool = new Pool({ connectionString: url, max: poolSize, application_name: applicationName });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export function createDatabase<DB>(pool: Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
