import { createPublicKey, KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sealKeyFromPem, SealKey } from '@annals/event-store/seal-keys';
import { UsageError } from './command';

/** A file the command needs is missing or unreadable: exit 66 (EX_NOINPUT), not a generic failure. */
export class MissingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingInputError';
  }
}

/**
 * A seal public key given on the command line: a PEM file (a public key, or the service's private key
 * file, whose public half is taken), PEM text, or the base64 of the SPKI DER (`annals audit public-key`
 * prints all three forms).
 */
export function readPublicKey(value: string): KeyObject {
  let key: KeyObject;
  try {
    if (existsSync(value)) key = createPublicKey(readFileSync(value, 'utf8'));
    else if (value.startsWith('-----BEGIN')) key = createPublicKey(value);
    else if (/^[A-Za-z0-9+/]+={0,2}$/.test(value))
      key = createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
    else throw new Error('not a key');
  } catch {
    throw new UsageError(
      `--public-key ${abbreviate(value)}: neither a key file nor a base64 Ed25519 public key`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new UsageError(
      `--public-key ${abbreviate(value)}: an ${key.asymmetricKeyType} key, seals are Ed25519`,
    );
  return key;
}

/** A full sha256 fingerprint: a 16-digit key id is too short to vouch for a key by itself. */
export function readFingerprint(value: string): string {
  const fingerprint = value
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(fingerprint))
    throw new UsageError(
      `--trust-fingerprint ${abbreviate(value)}: expected 64 hex digits (sha256 of the key)`,
    );
  return fingerprint;
}

/** The service's seal key (ANNALS_SEAL_KEY_FILE): read, never created here, so it can only be the service's own. */
export function readServiceSealKey(keyFile: string): SealKey {
  if (!existsSync(keyFile))
    throw new MissingInputError(
      `no seal key at ${keyFile} (ANNALS_SEAL_KEY_FILE): the service creates it on its first start`,
    );
  return sealKeyFromPem(readFileSync(keyFile, 'utf8'));
}

const abbreviate = (value: string): string => (value.length > 40 ? `${value.slice(0, 37)}...` : value);
