import { ColumnType, Generated } from 'kysely';

/** pg returns int8 and xid8 as strings; repositories convert them at the edge. */
type Int8 = ColumnType<string | number, string | number | bigint, string | number | bigint>;

export interface StreamsTable {
  stream_id: string;
  stream_type: string;
  version: Int8;
  head_hash: Buffer | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EventsTable {
  seq: ColumnType<string, never, never>;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: Int8;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  occurred_at: Date;
  recorded_at: Date;
  transaction_id: ColumnType<string, never, never>;
  hash: Buffer;
}

export interface LedgerTable {
  position: Int8;
  event_seq: Int8;
  hash: Buffer;
  sequenced_at: Generated<Date>;
}

export interface SealsTable {
  id: ColumnType<string, never, never>;
  from_position: Int8;
  to_position: Int8;
  head_hash: Buffer;
  key_id: string;
  public_key: string;
  signature: Buffer;
  sealed_at: Generated<Date>;
}

export interface EventStoreDB {
  streams: StreamsTable;
  events: EventsTable;
  ledger: LedgerTable;
  seals: SealsTable;
}
