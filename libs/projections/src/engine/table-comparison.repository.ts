import { Kysely, sql } from 'kysely';

export interface TableDigest {
  readonly rows: number;
  /** md5 over the md5 of each row's text, rows in primary-key order. */
  readonly digest: string;
}

export interface RowDifference {
  /** The primary key of the row. */
  readonly key: Record<string, unknown>;
  /** The row in the first schema (the live one), null when missing there. */
  readonly live: Record<string, unknown> | null;
  /** The row in the second schema (the replayed one), null when missing there. */
  readonly rebuilt: Record<string, unknown> | null;
}

/** Compares a table in two schemas (same columns in the same order: a copy made with `like`). */
export class TableComparisonRepository {
  constructor(private readonly db: Kysely<any>) {}

  /** The columns of the table's primary key, in key order. */
  async primaryKey(schema: string, table: string): Promise<string[]> {
    const { rows } = await sql<{ column: string }>`
      select a.attname as column
      from pg_index x
      cross join lateral unnest(x.indkey) with ordinality as k(attnum, n)
      join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
      where x.indrelid = to_regclass(format('%I.%I', ${schema}::text, ${table}::text)) and x.indisprimary
      order by k.n
    `.execute(this.db);
    if (rows.length === 0) throw new Error(`${schema}.${table} has no primary key to compare rows by`);
    return rows.map((r) => r.column);
  }

  async digest(schema: string, table: string, key: readonly string[]): Promise<TableDigest> {
    const { rows } = await sql<{ rows: number; digest: string }>`
      select count(*)::int as rows,
             md5(coalesce(string_agg(md5(t::text), '' order by ${orderBy('t', key)}), '')) as digest
      from ${sql.table(`${schema}.${table}`)} t
    `.execute(this.db);
    return rows[0];
  }

  /** The first rows (by key) that differ between the two schemas, or are in one only. */
  async differences(
    liveSchema: string,
    rebuiltSchema: string,
    table: string,
    key: readonly string[],
    limit: number,
  ): Promise<RowDifference[]> {
    const joined = sql.join(
      key.map((column) => sql`${sql.id('l', column)} = ${sql.id('r', column)}`),
      sql` and `,
    );
    const order = sql.join(
      key.map((column) => sql`coalesce(${sql.id('l', column)}, ${sql.id('r', column)})`),
    );
    const { rows } = await sql<{
      live: Record<string, unknown> | null;
      rebuilt: Record<string, unknown> | null;
    }>`
      select to_jsonb(l) as live, to_jsonb(r) as rebuilt
      from ${sql.table(`${liveSchema}.${table}`)} l
      full join ${sql.table(`${rebuiltSchema}.${table}`)} r on ${joined}
      where l::text is distinct from r::text
      order by ${order}
      limit ${limit}
    `.execute(this.db);
    return rows.map(({ live, rebuilt }) => ({
      key: Object.fromEntries(key.map((column) => [column, (live ?? rebuilt)![column]])),
      live,
      rebuilt,
    }));
  }
}

const orderBy = (alias: string, key: readonly string[]) =>
  sql.join(key.map((column) => sql.id(alias, column)));
