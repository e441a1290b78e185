import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The roles a key can hold (apps/annals/src/auth/permissions.ts says what each may do). */
export const API_KEY_ROLES = ['publisher', 'analyst', 'auditor', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * `ank_<id>_<secret>`: the id (16 hex) finds the row, the secret (32 random bytes, base64url) proves
 * possession. The prefix makes a leaked key easy to spot by secret scanners.
 */
export const API_KEY_PATTERN = /^ank_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const API_KEY_FORMAT = 'ank_<16 hex>_<43 base64url characters>';
export const API_KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

export interface ParsedApiKey {
  readonly id: string;
  readonly secret: string;
}

export interface NewApiKey {
  readonly id: string;
  /** The whole key, shown to its holder once and never stored. */
  readonly token: string;
  readonly secretHash: Buffer;
}

export function generateApiKey(): NewApiKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `ank_${id}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(token: string): ParsedApiKey | undefined {
  const match = API_KEY_PATTERN.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** Compares hashes, not secrets: equal lengths always, and no early exit that times the prefix. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}
