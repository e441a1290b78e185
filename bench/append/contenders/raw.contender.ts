import { DatabaseError, Pool, QueryResult, QueryResultRow } from 'pg';
import { BenchEvent, Contender, GlobalReader, STREAM_READ_LIMIT, VersionConflict } from '../contender';

const POOL_SIZE = 10;
const UNIQUE_VIOLATION = '23505';

const SCHEMA = `
  create table raw_events (
    position  bigserial primary key,
    stream_id text not null,
    version   bigint not null,
    type      text not null,
    data      jsonb not null,
    unique (stream_id, version)
  )`;
const INSERT_ONE = 'insert into raw_events (stream_id, version, type, data) values ($1, $2, $3, $4)';
const INSERT_MANY = `
  insert into raw_events (stream_id, version, type, data)
  select $1, u.version, u.type, u.data from unnest($2::bigint[], $3::text[], $4::jsonb[]) as u(version, type, data)`;
const READ_STREAM_AFTER = `
  select position, stream_id, version, type, data from raw_events
  where stream_id = $1 and version > $2 order by version limit $3`;
const READ_BY_POSITION = `
  select position, stream_id, version, type, data from raw_events
  where position > $1 order by position limit $2`;

interface RawRow {
  position: string;
  stream_id: string;
  version: string;
  type: string;
  data: unknown;
}

/**
 * Plain PostgreSQL doing the same work: one autocommit INSERT per append (one row, or many rows for a
 * batch), the version checked by the unique constraint, reads by index.
 */
export class RawContender implements Contender {
  readonly name = 'raw';

  private constructor(private readonly pool: Pool) {}

  static async open(url: string): Promise<RawContender> {
    const pool = new Pool({ connectionString: url, max: POOL_SIZE, application_name: 'bench' });
    pool.on('error', () => undefined);
    await pool.query(SCHEMA);
    return new RawContender(pool);
  }

  async append(streamId: string, expectedVersion: number, events: readonly BenchEvent[]): Promise<void> {
    try {
      if (events.length === 1) {
        const [event] = events;
        await this.query(INSERT_ONE, [streamId, expectedVersion + 1, event.type, JSON.stringify(event.data)]);
      } else {
        await this.query(INSERT_MANY, [
          streamId,
          events.map((_, i) => expectedVersion + 1 + i),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
        ]);
      }
    } catch (error) {
      if (error instanceof DatabaseError && error.code === UNIQUE_VIOLATION)
        throw new VersionConflict(streamId);
      throw error;
    }
  }

  async catchUp(streamId: string, afterVersion: number): Promise<number> {
    const { rows } = await this.query<RawRow>(READ_STREAM_AFTER, [streamId, afterVersion, STREAM_READ_LIMIT]);
    return rows.length > 0 ? Number(rows[rows.length - 1].version) : afterVersion;
  }

  async readStream(streamId: string): Promise<number> {
    return (await this.query<RawRow>(READ_STREAM_AFTER, [streamId, 0, STREAM_READ_LIMIT])).rows.length;
  }

  openGlobalOrder(): GlobalReader {
    let after = '0';
    return {
      next: async (limit) => {
        const { rows } = await this.query<RawRow>(READ_BY_POSITION, [after, limit]);
        if (rows.length > 0) after = rows[rows.length - 1].position;
        return { count: rows.length, keys: () => rows.map((r) => `${r.stream_id}/${r.version}`) };
      },
    };
  }

  async storedEvents(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('select count(*)::int as n from raw_events');
    return rows[0].n;
  }

  async analyze(): Promise<void> {
    await this.pool.query('analyze');
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /**
   * pg's Pool.query() closes the connection after any error, a unique violation included; a conflict
   * must not cost a reconnection, so the connection goes back to the pool whatever the outcome.
   */
  private async query<R extends QueryResultRow>(text: string, values: unknown[]): Promise<QueryResult<R>> {
    const client = await this.pool.connect();
    try {
      return await client.query<R>(text, values);
    } finally {
      client.release();
    }
  }
}
