import { API_KEY_PATTERN, generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  it('generates keys in the documented format, each different', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.token).toMatch(API_KEY_PATTERN);
    expect(second.token).not.toBe(first.token);
    expect(second.id).not.toBe(first.id);
  });

  it('parses a key back to its id and secret, and the stored hash matches the secret', () => {
    const key = generateApiKey();
    const parsed = parseApiKey(key.token)!;
    expect(parsed.id).toBe(key.id);
    expect(secretMatches(parsed.secret, key.secretHash)).toBe(true);
  });

  it('keeps a secret containing the separator whole', () => {
    const secret = `${'_'.repeat(21)}-${'a'.repeat(21)}`;
    expect(parseApiKey(`ank_0123456789abcdef_${secret}`)).toEqual({ id: '0123456789abcdef', secret });
  });

  it.each([
    ['empty', ''],
    ['another prefix', 'key_0123456789abcdef_' + 'a'.repeat(43)],
    ['a short id', 'ank_0123_' + 'a'.repeat(43)],
    ['an upper-case id', 'ank_0123456789ABCDEF_' + 'a'.repeat(43)],
    ['a short secret', 'ank_0123456789abcdef_' + 'a'.repeat(42)],
    ['a trailing newline', 'ank_0123456789abcdef_' + 'a'.repeat(43) + '\n'],
    ['SQL', "ank_' or 1=1 --"],
  ])('refuses %s', (_case, token) => {
    expect(parseApiKey(token)).toBeUndefined();
  });

  it('refuses another secret, and a hash of another length', () => {
    const key = generateApiKey();
    const other = parseApiKey(generateApiKey().token)!;
    expect(secretMatches(other.secret, key.secretHash)).toBe(false);
    expect(secretMatches(parseApiKey(key.token)!.secret, key.secretHash.subarray(0, 16))).toBe(false);
  });

  it('stores the SHA-256 of the secret, never the secret', () => {
    const key = generateApiKey();
    const { secret } = parseApiKey(key.token)!;
    expect(key.secretHash).toEqual(hashSecret(secret));
    expect(key.secretHash.toString('utf8')).not.toContain(secret);
  });
});
