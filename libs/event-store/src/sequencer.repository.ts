import { ClientBase } from 'pg';
import { toNumber } from './event-store.repository';

/** An arbitrary, fixed advisory lock key: whoever holds it is the one sequencer. */
export const SEQUENCER_LOCK_KEY = 7_146_105_115; // "annals" in spirit; any constant shared by all instances works

export interface LastSeal {
  readonly toPosition: number;
  readonly sealedAt: Date;
}

/**
 * The sequencer's SQL. It runs on the leader's own session, the one that holds the advisory lock:
 * if that session dies, the lock goes with it and no statement of a former leader can follow.
 */
export class SequencerRepository {
  constructor(private readonly client: ClientBase) {}

  async tryLead(): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock($1) as locked',
      [SEQUENCER_LOCK_KEY],
    );
    return rows[0].locked;
  }

  /** Numbers up to `batch` events of finished transactions; returns the range it numbered (empty when first > last). */
  async sequence(batch: number): Promise<{ first: number; last: number }> {
    const { rows } = await this.client.query<{ first_position: string; last_position: string }>(
      'select first_position, last_position from annals_sequence($1)',
      [batch],
    );
    return { first: toNumber(rows[0].first_position), last: toNumber(rows[0].last_position) };
  }

  async lastSeal(): Promise<LastSeal | undefined> {
    const { rows } = await this.client.query<{ to_position: string; sealed_at: Date }>(
      'select to_position, sealed_at from seals order by to_position desc limit 1',
    );
    return rows[0] && { toPosition: toNumber(rows[0].to_position), sealedAt: rows[0].sealed_at };
  }

  async ledgerHeadWithHash(): Promise<{ position: number; hash: Buffer } | undefined> {
    const { rows } = await this.client.query<{ position: string; hash: Buffer }>(
      'select position, hash from ledger order by position desc limit 1',
    );
    return rows[0] && { position: toNumber(rows[0].position), hash: rows[0].hash };
  }

  async insertSeal(seal: {
    fromPosition: number;
    toPosition: number;
    headHash: Buffer;
    keyId: string;
    publicKeyPem: string;
    signature: Buffer;
  }): Promise<void> {
    await this.client.query(
      `insert into seals (from_position, to_position, head_hash, key_id, public_key, signature)
       values ($1, $2, $3, $4, $5, $6)`,
      [seal.fromPosition, seal.toPosition, seal.headHash, seal.keyId, seal.publicKeyPem, seal.signature],
    );
  }
}
