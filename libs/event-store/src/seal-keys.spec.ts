import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSealKey, signSeal, verifySeal } from './seal-keys';

describe('seal keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-seal-'));

  it('generates a key on first use, private to its owner, and reads the same key afterwards', () => {
    const file = join(dir, 'nested', 'seal-key.pem');
    const first = loadOrCreateSealKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('PRIVATE KEY');
    expect(loadOrCreateSealKey(file).keyId).toBe(first.keyId);
  });

  it('signs a range so that any change of range or head is caught', () => {
    const key = loadOrCreateSealKey(join(dir, 'k.pem'));
    const head = Buffer.alloc(32, 7);
    const signature = signSeal(key, 1, 100, head);
    expect(verifySeal(key.publicKey, 1, 100, head, signature)).toBe(true);
    expect(verifySeal(key.publicKey, 1, 101, head, signature)).toBe(false);
    expect(verifySeal(key.publicKey, 2, 100, head, signature)).toBe(false);
    expect(verifySeal(key.publicKey, 1, 100, Buffer.alloc(32, 8), signature)).toBe(false);
  });

  it('refuses a signature made with another key', () => {
    const key = loadOrCreateSealKey(join(dir, 'k2.pem'));
    const other = generateKeyPairSync('ed25519');
    const head = Buffer.alloc(32, 1);
    expect(verifySeal(other.publicKey, 1, 2, head, signSeal(key, 1, 2, head))).toBe(false);
  });
});
