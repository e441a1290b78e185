import { createHash } from 'node:crypto';

/** The first key of every projection's advisory lock (two-key form, apart from the sequencer's one-key lock). */
export const PROJECTION_LOCK_NAMESPACE = 0x616e6e70; // "annp"

/** The second key: a stable, non-negative 31-bit number per projection name. */
export function projectionLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) & 0x7fffffff;
}
