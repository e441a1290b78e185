import { Kysely } from 'kysely';
import { EVENT_AGGREGATES } from '@annals/contracts';
import { EventStore } from '@annals/event-store';
import { ReadDB } from '../schema';
import { EnvelopeWithUpcastData, Projection } from './projection';
import { SchemaRedirectPlugin } from './schema-redirect.plugin';
import { LIVE_SCHEMA } from './shadow-tables.repository';
import { EventUpcaster, upcastEnvelope } from './upcast';

export interface LedgerBatch {
  /** The events the projection handles, upcast. */
  readonly events: readonly EnvelopeWithUpcastData[];
  /** Where the batch ends, over the events of every type: the checkpoint after it. */
  readonly lastPosition: number;
  /** The read was cut by the limit: more is likely waiting. */
  readonly full: boolean;
}

export interface LedgerBatchOptions {
  readonly limit: number;
  /** Stop at this position (a replay up to a given point). */
  readonly upTo?: number;
  readonly upcaster?: EventUpcaster;
}

/** The next batch of the ledger for a projection, after `after`. */
export async function readLedgerBatch(
  store: EventStore,
  projection: Projection,
  after: number,
  { limit, upTo = Number.MAX_SAFE_INTEGER, upcaster }: LedgerBatchOptions,
): Promise<LedgerBatch> {
  if (after >= upTo) return { events: [], lastPosition: after, full: false };
  const page = await store.readLedger({
    after,
    limit,
    types: projection.handles,
    // Extension streams (ext-...) take any event type, TaskCompleted included: only the domain's
    // own streams may change the read tables.
    streamTypes: EVENT_AGGREGATES,
  });
  const items = page.items.filter((event) => event.position! <= upTo);
  return {
    events: items.map((event) => upcastEnvelope(event, upcaster)),
    lastPosition: Math.min(page.lastPosition, upTo),
    full: page.items.length === limit && page.lastPosition < upTo,
  };
}

/** The projection's view of `db` with its tables in `schema` instead of `read`. */
export const redirectTables = (db: Kysely<ReadDB>, projection: Projection, schema: string): Kysely<ReadDB> =>
  db.withPlugin(new SchemaRedirectPlugin(LIVE_SCHEMA, schema, projection.tables));
