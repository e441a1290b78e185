import { Kysely, PostgresDialect } from 'kysely';
import { Client } from 'pg';

/**
 * Kysely over one connection. A singleton (LeaderLoop) writes on the very session that holds its
 * advisory lock: when that session dies, the lock and any half-done write go with it, and no
 * statement of a former leader can follow. It issues one statement at a time, so one connection is enough.
 */
export function sessionDatabase<DB>(client: Client): Kysely<DB> {
  const connection = { query: client.query.bind(client), release: () => undefined };
  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: { connect: async () => connection as never, end: async () => undefined },
    }),
  });
}
