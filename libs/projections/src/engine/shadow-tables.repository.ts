import { Kysely, sql } from 'kysely';

/** Where the live read tables are; copies go to other schemas beside it. */
export const LIVE_SCHEMA = 'read';

const SCHEMA_NAME = /^read_[a-z0-9_]{1,58}$/;

/** A projection name as part of a schema name (`task-details` -> `task_details`). */
export const schemaPartOf = (name: string): string => name.toLowerCase().replace(/[^a-z0-9_]/g, '_');

/**
 * The DDL of rebuilds and verifications, generic over a projection's tables: copies of live tables in
 * another schema (same columns, defaults, constraints and indexes), and the swap that makes the
 * copies live.
 */
export class ShadowTablesRepository {
  constructor(private readonly db: Kysely<any>) {}

  /** An empty copy of each table in `schema`, which is created afresh (a half-built one is dropped). */
  async create(schema: string, tables: readonly string[]): Promise<void> {
    await this.drop(schema);
    await sql`create schema ${sql.id(checked(schema))}`.execute(this.db);
    for (const table of tables) {
      await sql`create table ${sql.table(`${schema}.${table}`)} (like ${sql.table(`${LIVE_SCHEMA}.${table}`)} including all)`.execute(
        this.db,
      );
    }
  }

  async drop(schema: string): Promise<void> {
    await sql`drop schema if exists ${sql.id(checked(schema))} cascade`.execute(this.db);
  }

  /**
   * Blocks readers and writers of the live tables until the transaction ends. Queries wait for the
   * swap instead of failing: PostgreSQL looks a waiting query's table up again by name once the lock
   * is granted, and finds the swapped-in table.
   */
  async lockLive(tables: readonly string[]): Promise<void> {
    // A long query must not hold the swap (and every query queued behind it) indefinitely: give up and retry.
    await sql`set local lock_timeout = '5s'`.execute(this.db);
    await sql`lock table ${sql.join(tables.map((t) => sql.table(`${LIVE_SCHEMA}.${t}`)))} in access exclusive mode`.execute(
      this.db,
    );
  }

  /**
   * Replaces each live table with its copy in `schema` and drops the emptied schema. The copies'
   * indexes get the live indexes' names back (`like` names them after their columns), so that the
   * migrations' names stay true. Call inside a transaction, after lockLive.
   */
  async swapIn(schema: string, tables: readonly string[]): Promise<void> {
    for (const table of tables) {
      const liveNames = new Map(
        (await this.indexes(LIVE_SCHEMA, table)).map((index) => [index.shape, index.name]),
      );
      const copies = await this.indexes(schema, table);
      await sql`drop table ${sql.table(`${LIVE_SCHEMA}.${table}`)}`.execute(this.db);
      await sql`alter table ${sql.table(`${schema}.${table}`)} set schema ${sql.id(LIVE_SCHEMA)}`.execute(
        this.db,
      );
      // Through temporary names: a copy may already bear the name another live index must get back.
      const renames = copies.filter((c) => liveNames.has(c.shape) && liveNames.get(c.shape) !== c.name);
      for (const [i, copy] of renames.entries()) {
        await this.renameIndex(copy.name, `annals_swap_${i}`);
      }
      for (const [i, copy] of renames.entries()) {
        await this.renameIndex(`annals_swap_${i}`, liveNames.get(copy.shape)!);
      }
    }
    await this.drop(schema);
  }

  /** Each index of a table with its shape: its definition without its name and table. */
  private async indexes(schema: string, table: string): Promise<{ name: string; shape: string }[]> {
    const { rows } = await sql<{ name: string; shape: string }>`
      select i.relname as name,
             x.indisunique::text || substring(pg_get_indexdef(i.oid) from ' USING .*$') as shape
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      where x.indrelid = to_regclass(format('%I.%I', ${schema}::text, ${table}::text))
      order by i.relname
    `.execute(this.db);
    return rows;
  }

  private async renameIndex(from: string, to: string): Promise<void> {
    await sql`alter index ${sql.table(`${LIVE_SCHEMA}.${from}`)} rename to ${sql.id(to)}`.execute(this.db);
  }
}

/** Schemas are named by code, not users; the check keeps a wrong name from ever dropping `read`. */
function checked(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a schema for table copies: ${schema}`);
  return schema;
}
