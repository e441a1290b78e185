import { createHash } from 'node:crypto';

/** The hash before the first link of every chain. */
export const GENESIS_HASH = Buffer.alloc(32);

const int8 = (n: number): Buffer => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(n));
  return bytes;
};

/** sha256(previous event hash of the stream || int8 version || canonical JSON), as annals_append computes it. */
export function eventHash(previous: Buffer | null, version: number, canonical: string): Buffer {
  return createHash('sha256')
    .update(previous ?? GENESIS_HASH)
    .update(int8(version))
    .update(canonical, 'utf8')
    .digest();
}

/** sha256(previous ledger hash || int8 position || event hash), as annals_sequence computes it. */
export function ledgerHash(previous: Buffer | null, position: number, eventHashValue: Buffer): Buffer {
  return createHash('sha256')
    .update(previous ?? GENESIS_HASH)
    .update(int8(position))
    .update(eventHashValue)
    .digest();
}
