import { CommandMetadata } from '../decider';

/**
 * One clock for every aggregate's tests. Times are minutes after T0 (`minute(3)`, `iso(3)`); facts at
 * the same minute are allowed (never before the previous one).
 */
const T0 = Date.parse('2025-03-01T09:00:00.000Z');
export const minute = (offset: number): Date => new Date(T0 + offset * 60_000);
export const iso = (offset: number): string => minute(offset).toISOString();

/** A command that happened at minute `occurredAt` and reached the server at minute `now`. */
export const metadataAt = (occurredAt: number, now = occurredAt): CommandMetadata => ({
  now: minute(now),
  occurredAt: minute(occurredAt),
});

/** The server clock of tests that give times as dates; the facts they are given happened an hour EARLIER. */
export const NOW = minute(180);
export const NOW_ISO = NOW.toISOString();
export const EARLIER = iso(120);

/** A command that reached the server at NOW and happened at `occurredAt` (NOW unless a test says otherwise). */
export const receivedNow = (occurredAt: Date = NOW): CommandMetadata => ({ now: NOW, occurredAt });

/** `milliseconds` after NOW (before it when negative). */
export const afterNow = (milliseconds: number): Date => new Date(NOW.getTime() + milliseconds);
