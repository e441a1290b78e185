import { advisoryLockKey } from '@annals/event-store';

/** The first key of every projection's advisory lock (two-key form, apart from the sequencer's one-key lock). */
export const PROJECTION_LOCK_NAMESPACE = 0x616e6e70; // "annp"

/** The second key: a stable, non-negative 31-bit number per projection name. */
export function projectionLockKey(name: string): number {
  return advisoryLockKey(name);
}
