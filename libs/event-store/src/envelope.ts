import { canonicalJson } from './canonical-json';

/** The event as it leaves the store, the same everywhere: REST, gRPC, Kafka, exports. */
export interface EventEnvelope {
  /** Ledger position; null until the sequencer has numbered the event. */
  readonly position: number | null;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly occurredAt: string;
  readonly recordedAt: string;
  /** The stream chain link, hex. */
  readonly hash: string;
}

export interface EventMetadata {
  readonly actor?: { readonly id: string; readonly role?: string; readonly name?: string };
  readonly transport?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly [key: string]: unknown;
}

/** The fields covered by the stream hash (everything but position, version and the hash itself). */
export interface HashedEventFields {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamType: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

/**
 * The canonical JSON of the hashed fields: the same text as `canonicalJson` of them, written with the
 * keys in their sorted order so that `data`, canonicalised already (for its size check), is spliced
 * in rather than serialised a second time.
 */
export function canonicalEvent(
  fields: HashedEventFields,
  canonicalData: string = canonicalJson(fields.data),
): string {
  const text = JSON.stringify;
  return (
    `{"data":${canonicalData},"eventId":${text(fields.eventId)},"metadata":${canonicalJson(fields.metadata)},` +
    `"occurredAt":${text(fields.occurredAt)},"recordedAt":${text(fields.recordedAt)},` +
    `"schemaVersion":${canonicalJson(fields.schemaVersion)},"streamId":${text(fields.streamId)},` +
    `"streamType":${text(fields.streamType)},"type":${text(fields.type)}}`
  );
}
