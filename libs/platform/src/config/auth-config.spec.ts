import { generateApiKey } from '../auth/api-key';
import { ConfigError, loadConfig } from './config';

describe('loadConfig: auth', () => {
  it('defaults: no admin key, docs open, a per-key rate limit, a short key cache', () => {
    expect(loadConfig({}).auth).toEqual({
      adminKey: undefined,
      docsOpen: true,
      rateLimitPerMinute: 1200,
      rateLimitBurst: 200,
      keyCacheMs: 5000,
    });
  });

  it('reads every auth variable', () => {
    const { token } = generateApiKey();
    expect(
      loadConfig({
        ANNALS_ADMIN_KEY: token,
        ANNALS_AUTH_DOCS_OPEN: 'false',
        ANNALS_RATE_LIMIT_PER_MINUTE: '0',
        ANNALS_RATE_LIMIT_BURST: '5',
        ANNALS_AUTH_CACHE_MS: '0',
      }).auth,
    ).toEqual({ adminKey: token, docsOpen: false, rateLimitPerMinute: 0, rateLimitBurst: 5, keyCacheMs: 0 });
  });

  it('refuses a malformed ANNALS_ADMIN_KEY without echoing it', () => {
    const secret = 'ank_0123456789abcdef_too-short-s3cret';
    let error: ConfigError | undefined;
    try {
      loadConfig({ ANNALS_ADMIN_KEY: secret });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      {
        variable: 'ANNALS_ADMIN_KEY',
        expected: 'ank_<16 hex>_<43 base64url characters>',
        actual: `<${secret.length} characters>`,
      },
    ]);
    expect(error!.message).not.toContain('s3cret');
  });

  it('refuses out-of-range limits', () => {
    expect(() => loadConfig({ ANNALS_RATE_LIMIT_BURST: '0' })).toThrow(/ANNALS_RATE_LIMIT_BURST/);
    expect(() => loadConfig({ ANNALS_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/ANNALS_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ ANNALS_AUTH_DOCS_OPEN: 'maybe' })).toThrow(/ANNALS_AUTH_DOCS_OPEN/);
  });
});
