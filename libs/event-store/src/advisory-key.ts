import { createHash } from 'node:crypto';

/**
 * The second key of a two-key session advisory lock named after its holder (a projection, a relay):
 * a stable, non-negative 31-bit number per name, so every process derives the same key.
 */
export function advisoryLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) & 0x7fffffff;
}
