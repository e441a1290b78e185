import { randomUUID } from 'node:crypto';
import { Kysely } from 'kysely';
import { EVENT_CATALOG } from '@annals/contracts';
import { EnvelopeWithUpcastData, Projection } from '../engine/projection';
import { upcastEnvelope } from '../engine/upcast';
import { ReadDB } from '../schema';

/**
 * Numbers events as the ledger would (1, 2, 3, ...) for projection tests, with the stream named
 * after the event's aggregate and entity id, and the data upcast like the runner does.
 */
export class TestLedger {
  private position = 0;
  private readonly versions = new Map<string, number>();

  event(
    type: string,
    data: Record<string, unknown>,
    occurredAt: string,
    options: { actor?: string; schemaVersion?: number } = {},
  ): EnvelopeWithUpcastData {
    const kind = EVENT_CATALOG.get(type).aggregate;
    const streamId = `${kind}-${String(data[`${kind}Id`])}`;
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    this.position += 1;
    return upcastEnvelope({
      position: this.position,
      eventId: randomUUID(),
      streamId,
      streamType: kind,
      version,
      type,
      schemaVersion: options.schemaVersion ?? EVENT_CATALOG.schemaVersionOf(type),
      data,
      metadata: options.actor === undefined ? {} : { actor: { id: options.actor } },
      occurredAt,
      recordedAt: occurredAt,
      hash: '',
    });
  }
}

/** Applies one batch in one transaction, as the runner does. */
export function applyBatch(
  db: Kysely<ReadDB>,
  projection: Projection,
  events: readonly EnvelopeWithUpcastData[],
): Promise<void> {
  const handled = events.filter((event) => projection.handles.includes(event.type));
  return db.transaction().execute((trx) => projection.apply(trx, handled));
}
