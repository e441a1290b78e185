import { createHash, randomBytes } from 'node:crypto';

const format = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** UUIDv7 (RFC 9562): 48-bit millisecond time, then randomness; sorts by creation time. */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(bytes);
}

/**
 * A UUIDv8 (RFC 9562, custom) derived from an idempotency key: the same key, stream and index
 * always give the same event id, so a retried append is recognised instead of written twice.
 */
export function deterministicEventId(idempotencyKey: string, streamId: string, index: number): string {
  const bytes = createHash('sha256')
    .update(`annals.event-id.v1\n${idempotencyKey}\n${streamId}\n${index}`)
    .digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(bytes.subarray(0, 16));
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
