import { Kysely, sql } from 'kysely';
import { DatabaseError } from 'pg';
import { EventEnvelope, EventMetadata } from './envelope';
import { PartialDuplicateError, WrongExpectedVersionError } from './errors';
import { decodeExpectedVersion } from './expected-version';
import { EventStoreDB } from './schema';

export interface AppendRow {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly seq: string;
  readonly duplicate: boolean;
}

export interface AppendArrays {
  readonly streamIds: string[];
  readonly streamTypes: string[];
  readonly expected: number[];
  readonly eventIds: string[];
  /** 1-based index into streamIds for each event. */
  readonly eventStream: number[];
  readonly canonical: string[];
}

export interface LedgerQuery {
  readonly after: number;
  readonly limit: number;
  readonly upTo: number;
  readonly types?: readonly string[];
  readonly streamTypes?: readonly string[];
}

/** A row of `events` (optionally joined with its ledger position) as it leaves the store. */
interface EnvelopeRow {
  position: string | number | null;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: string | number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  occurred_at: Date;
  recorded_at: Date;
  hash: Buffer;
}

export const toNumber = (value: string | number | bigint): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${value} is beyond the safe integer range`);
  return n;
};

export function toEnvelope(row: EnvelopeRow): EventEnvelope {
  return {
    position: row.position === null ? null : toNumber(row.position),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: toNumber(row.version),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata as EventMetadata,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash.toString('hex'),
  };
}

/** The columns of an envelope, from `events as e` joined with `ledger as l`. */
export const ENVELOPE_COLUMNS = [
  'l.position',
  'e.event_id',
  'e.stream_id',
  'e.stream_type',
  'e.version',
  'e.type',
  'e.schema_version',
  'e.data',
  'e.metadata',
  'e.occurred_at',
  'e.recorded_at',
  'e.hash',
] as const;

/** All SQL of the write and read paths of the event store. */
export class EventStoreRepository {
  constructor(private readonly db: Kysely<EventStoreDB>) {}

  withDb(db: Kysely<EventStoreDB>): EventStoreRepository {
    return new EventStoreRepository(db);
  }

  async append(a: AppendArrays): Promise<AppendRow[]> {
    try {
      const { rows } = await sql<{
        event_id: string;
        stream_id: string;
        version: string;
        seq: string;
        duplicate: boolean;
      }>`
        select event_id, stream_id, version, seq, duplicate
        from annals_append(${a.streamIds}::text[], ${a.streamTypes}::text[], ${a.expected}::bigint[],
                           ${a.eventIds}::uuid[], ${a.eventStream}::integer[], ${a.canonical}::text[])
      `.execute(this.db);
      return rows.map((r) => ({
        eventId: r.event_id,
        streamId: r.stream_id,
        version: toNumber(r.version),
        seq: r.seq,
        duplicate: r.duplicate,
      }));
    } catch (error) {
      throw translateAppendError(error);
    }
  }

  async readStream(
    streamId: string,
    fromVersion: number,
    toVersion: number,
    limit: number,
  ): Promise<EventEnvelope[]> {
    const rows = await this.db
      .selectFrom('events as e')
      .leftJoin('ledger as l', 'l.event_seq', 'e.seq')
      .select(ENVELOPE_COLUMNS)
      .where('e.stream_id', '=', streamId)
      .where('e.version', '>=', fromVersion)
      .where('e.version', '<=', toVersion)
      .orderBy('e.version')
      .limit(limit)
      .execute();
    return rows.map(toEnvelope);
  }

  async readLedger(q: LedgerQuery): Promise<EventEnvelope[]> {
    let query = this.db
      .selectFrom('ledger as l')
      .innerJoin('events as e', 'e.seq', 'l.event_seq')
      .select(ENVELOPE_COLUMNS)
      .where('l.position', '>', q.after)
      .where('l.position', '<=', q.upTo);
    if (q.types?.length) query = query.where('e.type', 'in', [...q.types]);
    if (q.streamTypes?.length) query = query.where('e.stream_type', 'in', [...q.streamTypes]);
    const rows = await query.orderBy('l.position').limit(q.limit).execute();
    return rows.map(toEnvelope);
  }

  /** Waits for, then holds until the transaction ends, the writer's turn on a stream. */
  async lockStream(streamId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${streamId}, 0))`.execute(this.db);
  }

  async streamVersion(streamId: string): Promise<number> {
    const row = await this.db
      .selectFrom('streams')
      .select('version')
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row ? toNumber(row.version) : 0;
  }

  async ledgerHead(): Promise<number> {
    const row = await this.db
      .selectFrom('ledger')
      .select('position')
      .orderBy('position', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toNumber(row.position) : 0;
  }

  /** Positions of events by their store sequence numbers; events not yet numbered are absent. */
  async positionsOf(seqs: readonly string[]): Promise<Map<string, number>> {
    if (seqs.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('ledger')
      .select(['event_seq', 'position'])
      .where('event_seq', 'in', [...seqs])
      .execute();
    return new Map(rows.map((r) => [String(r.event_seq), toNumber(r.position)]));
  }

  /**
   * Ledger lag (committed events the sequencer has not numbered yet) and the age of the oldest open
   * transaction that holds a transaction id: it holds the ledger fence, in every database of the cluster.
   */
  async ledgerStats(): Promise<{ head: number; lag: number; oldestOpenTransactionAgeMs: number | null }> {
    const { rows } = await sql<{ head: string | null; lag: string; oldest_ms: string | null }>`
      with head as (
        select l.position, e.transaction_id, e.seq
        from ledger l join events e on e.seq = l.event_seq
        order by l.position desc limit 1
      )
      select (select position from head) as head,
             (select count(*) from events e
               where (e.transaction_id, e.seq) > (coalesce((select transaction_id from head), '0'::xid8),
                                                  coalesce((select seq from head), 0))
             ) as lag,
             (select (extract(epoch from now() - min(xact_start)) * 1000)::bigint
                from pg_stat_activity where backend_xid is not null) as oldest_ms
    `.execute(this.db);
    const r = rows[0];
    return {
      head: r.head === null ? 0 : toNumber(r.head),
      lag: toNumber(r.lag),
      oldestOpenTransactionAgeMs: r.oldest_ms === null ? null : toNumber(r.oldest_ms),
    };
  }
}

function translateAppendError(error: unknown): unknown {
  if (!(error instanceof DatabaseError)) return error;
  if (error.code === 'AN001' && error.detail) {
    const detail = JSON.parse(error.detail) as { streamId: string; expected: number; actual: number };
    return new WrongExpectedVersionError(
      detail.streamId,
      decodeExpectedVersion(detail.expected),
      detail.actual,
    );
  }
  if (error.code === 'AN002' && error.detail) {
    const detail = JSON.parse(error.detail) as { eventIds: string[] };
    return new PartialDuplicateError(detail.eventIds);
  }
  return error;
}
