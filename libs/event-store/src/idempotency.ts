import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { EventStoreError } from './errors';
import { AppendResult, EventStore } from './event-store';

/** The same Idempotency-Key sent with a different request: a client bug, never a retry. */
export class IdempotencyKeyReusedError extends EventStoreError {
  readonly code = 'idempotency.key_reused';
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key ${idempotencyKey} was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** What an idempotent append records in each event's metadata to tell a retry from a reuse. */
export interface IdempotencyMetadata {
  readonly key: string;
  readonly requestHash: string;
}

export function idempotencyMetadata(key: string, request: unknown): IdempotencyMetadata {
  return { key, requestHash: createHash('sha256').update(canonicalJson(request)).digest('hex') };
}

/**
 * A duplicate append returns the original result; this makes sure the original was the same request.
 * Reads the first stored event's metadata only when the append was a duplicate.
 */
export async function assertSameRequest(
  store: EventStore,
  result: AppendResult,
  expected: IdempotencyMetadata,
): Promise<void> {
  if (!result.duplicate) return;
  const first = result.events[0];
  const [stored] = await store.readStream(first.streamId, {
    fromVersion: first.version,
    toVersion: first.version,
  });
  const recorded = (stored?.metadata as { idempotency?: IdempotencyMetadata } | undefined)?.idempotency;
  if (recorded?.requestHash !== expected.requestHash) throw new IdempotencyKeyReusedError(expected.key);
}
