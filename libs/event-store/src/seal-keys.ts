import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SealKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** First 16 hex digits of sha256(SPKI DER of the public key). */
  readonly keyId: string;
  readonly publicKeyPem: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function sealKeyFromPem(privatePem: string): SealKey {
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `The seal key must be an Ed25519 private key, this one is ${privateKey.asymmetricKeyType}`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Reads the Ed25519 key from `file`, generating it there (mode 0600) on first start. */
export function loadOrCreateSealKey(file: string): SealKey {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return sealKeyFromPem(readFileSync(file, 'utf8'));
}

/** The bytes a seal signs: a versioned label, the range and the ledger chain head at its end. */
export function sealMessage(fromPosition: number, toPosition: number, headHash: Buffer): Buffer {
  return Buffer.from(`annals.seal.v1\n${fromPosition}\n${toPosition}\n${headHash.toString('hex')}`, 'utf8');
}

export function signSeal(key: SealKey, fromPosition: number, toPosition: number, headHash: Buffer): Buffer {
  return sign(null, sealMessage(fromPosition, toPosition, headHash), key.privateKey);
}

export function verifySeal(
  publicKey: KeyObject,
  fromPosition: number,
  toPosition: number,
  headHash: Buffer,
  signature: Buffer,
): boolean {
  return verify(null, sealMessage(fromPosition, toPosition, headHash), publicKey, signature);
}
