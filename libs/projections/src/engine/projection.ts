import { Kysely } from 'kysely';
import { EventEnvelope } from '@annals/event-store';
import { ReadDB } from '../schema';

/** A ledger event as projections see it: numbered, its data lifted to the current schema version. */
export interface EnvelopeWithUpcastData extends EventEnvelope {
  readonly position: number;
  readonly data: Readonly<Record<string, any>>;
}

/**
 * A read model built from the ledger. `apply` writes with the transaction it is given: the runner
 * moves the checkpoint in that same transaction, so a batch takes effect exactly once.
 */
export interface Projection {
  readonly name: string;
  /** Raising it rebuilds the projection's tables from the start of the ledger. */
  readonly version: number;
  /** The event types it reads; the runner fetches no others. */
  readonly handles: readonly string[];
  /**
   * Its tables in schema `read`, unqualified (e.g. ['tasks', 'task_dependencies']). A rebuild
   * builds copies of them elsewhere and swaps them in, so a projection writes only through Kysely
   * table references (`'read.tasks'`, `sql.table(...)`), never table names inside raw SQL text.
   */
  readonly tables: readonly string[];
  apply(trx: Kysely<ReadDB>, events: readonly EnvelopeWithUpcastData[]): Promise<void>;
  /** Empties its tables (before a rebuild). */
  reset(trx: Kysely<ReadDB>): Promise<void>;
}
