import { Kysely } from 'kysely';
import { EventStoreDB } from './schema';
import type { EventEnvelope } from './envelope';
import { ENVELOPE_COLUMNS, toNumber } from './event-store.repository';

/** A stored event with its chain links as bytes, as verification recomputes them. */
export interface LinkedEvent extends Omit<EventEnvelope, 'position' | 'metadata' | 'hash'> {
  readonly metadata: unknown;
  readonly hash: Buffer;
  /** The stored hash of the stream's previous version; null for version 1 or when that event is missing. */
  readonly previousHash: Buffer | null;
}

export interface LedgerLinkRow {
  readonly position: number;
  readonly ledgerHash: Buffer;
  /** Null when the ledger points at an event that is no longer stored. */
  readonly event: LinkedEvent | null;
}

export interface SealRow {
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly headHash: Buffer;
  readonly keyId: string;
  readonly publicKeyPem: string;
  readonly signature: Buffer;
  readonly sealedAt: string;
}

/** Reads what verification recomputes: ledger links with their events, and seals. */
export class VerificationRepository {
  constructor(private readonly db: Kysely<EventStoreDB>) {}

  async links(fromPosition: number, toPosition: number, limit: number): Promise<LedgerLinkRow[]> {
    const rows = await this.db
      .selectFrom('ledger as l')
      .leftJoin('events as e', 'e.seq', 'l.event_seq')
      .leftJoin('events as p', (join) =>
        join
          .onRef('p.stream_id', '=', 'e.stream_id')
          .on((eb) => eb('p.version', '=', eb('e.version', '-', 1))),
      )
      .select([...ENVELOPE_COLUMNS, 'l.hash as ledger_hash', 'p.hash as previous_hash'])
      .where('l.position', '>=', fromPosition)
      .where('l.position', '<=', toPosition)
      .orderBy('l.position')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      position: toNumber(r.position),
      ledgerHash: r.ledger_hash,
      event:
        r.event_id === null
          ? null
          : {
              eventId: r.event_id,
              streamId: r.stream_id!,
              streamType: r.stream_type!,
              version: toNumber(r.version!),
              type: r.type!,
              schemaVersion: r.schema_version!,
              data: r.data,
              metadata: r.metadata,
              occurredAt: r.occurred_at!.toISOString(),
              recordedAt: r.recorded_at!.toISOString(),
              hash: r.hash!,
              previousHash: r.previous_hash,
            },
    }));
  }

  async ledgerHashAt(position: number): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('ledger')
      .select('hash')
      .where('position', '=', position)
      .executeTakeFirst();
    return row?.hash;
  }

  async ledgerHead(): Promise<number> {
    const row = await this.db
      .selectFrom('ledger')
      .select((eb) => eb.fn.max('position').as('head'))
      .executeTakeFirst();
    return row?.head == null ? 0 : toNumber(row.head as string);
  }

  async seals(fromPosition: number, toPosition: number): Promise<SealRow[]> {
    const rows = await this.db
      .selectFrom('seals')
      .selectAll()
      .where('to_position', '>=', fromPosition)
      .where('from_position', '<=', toPosition)
      .orderBy('to_position')
      .execute();
    return rows.map((r) => ({
      fromPosition: toNumber(r.from_position),
      toPosition: toNumber(r.to_position),
      headHash: r.head_hash,
      keyId: r.key_id,
      publicKeyPem: r.public_key,
      signature: r.signature,
      sealedAt: r.sealed_at.toISOString(),
    }));
  }
}
