import type { ConfigError } from '../src/config';
import { loadConfig } from '../src/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AggregateError) return error.errors.map((e: ConfigError) => e.message);
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('defaults to the embedded sandboxes on port 4000 with sandbox credentials', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.sandbox).toBe('on');
    expect(config.authMode).toBe('none');
    expect(config.vendors.AGENCYZOOM).toMatchObject({
      mode: 'sandbox',
      baseUrl: null,
      sandboxPort: 4105,
    });
    expect(config.vendors.AMERICOR.credentials).toEqual({
      USERNAME: 'sandbox',
      PUBLIC_KEY: 'sandbox',
    });
  });

  it('names the variable and what it expected for a bad port', () => {
    expect(problems({ PORT: 'abc' })).toEqual([
      'PORT must be an integer from 0 to 65535 (got "abc")',
    ]);
    expect(problems({ PORT: '70000' })).toEqual([
      'PORT must be an integer from 0 to 65535 (got "70000")',
    ]);
  });

  it('reports every bad variable, one message each', () => {
    expect(problems({ SANDBOX: 'maybe', AGENCYZOOM_RATE_LIMIT: '-3', LOG_LEVEL: 'loud' })).toEqual([
      'SANDBOX must be one of on, off (got "maybe")',
      'AGENCYZOOM_RATE_LIMIT must be an integer from 1 to 100000 (got "-3")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('requires the credentials of a vendor given a base URL', () => {
    expect(problems({ CREDITPROS_BASE_URL: 'https://api.example.com' })).toEqual([
      'CREDITPROS_API_KEY must be set when CREDITPROS_BASE_URL is set (it is not set)',
    ]);
    const config = loadConfig({
      CREDITPROS_BASE_URL: 'https://api.example.com/',
      CREDITPROS_API_KEY: 'k',
    });
    expect(config.vendors.CREDIT_PROS).toMatchObject({
      mode: 'remote',
      baseUrl: 'https://api.example.com',
    });
    expect(config.vendors.AMERICOR.mode).toBe('sandbox');
  });

  it('marks vendors without a URL unconfigured when sandboxes are off', () => {
    expect(loadConfig({ SANDBOX: 'off' }).vendors.APITURE.mode).toBe('unconfigured');
  });

  it('never echoes a URL that may hold credentials', () => {
    const [message] = problems({ REDIS_URL: 'http://user:secret-password@host' });
    expect(message).toBe('REDIS_URL must be a redis or rediss URL (got a value that is not)');
    expect(message).not.toContain('secret-password');
  });

  it('refuses AUTH_MODE=none in production', () => {
    expect(problems({ NODE_ENV: 'production', AUTH_MODE: 'none' })).toEqual([
      'AUTH_MODE must be jwt or apikey when NODE_ENV=production (got "none")',
    ]);
    const secret = 's'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).authMode).toBe('jwt');
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET must be set (32+ characters), or JWT_JWKS_URL, when AUTH_MODE=jwt (it is not set)',
    ]);
  });

  it('reads API keys as hashes with scopes and never echoes them', () => {
    const keys = [{ name: 'mobile', sha256: 'ab'.repeat(32), scopes: ['people:read'] }];
    expect(
      loadConfig({ AUTH_MODE: 'apikey', API_KEYS: JSON.stringify(keys) }).auth.apiKeys,
    ).toEqual(keys);
    const [message] = problems({
      AUTH_MODE: 'apikey',
      API_KEYS: '[{"name":"x","sha256":"secret-key","scopes":[]}]',
    });
    expect(message).toMatch(/^API_KEYS must be a JSON array/);
    expect(message).not.toContain('secret-key');
    expect(problems({ JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET must be at least 32 characters long (got a value that is not)',
    ]);
    expect(problems({ FAIR_SHARE: '2' })).toEqual([
      'FAIR_SHARE must be a number above 0 and at most 1 (got "2")',
    ]);
  });

  it('turns introspection off in production unless asked for', () => {
    const secret = { JWT_SECRET: 's'.repeat(40) };
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', ...secret }).introspection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'on', ...secret }).introspection,
    ).toBe(true);
  });

  it('reads per-vendor rate-limit overrides', () => {
    expect(loadConfig({ AGENCYZOOM_RATE_LIMIT: '25' }).vendors.AGENCYZOOM.rateLimitPerMinute).toBe(
      25,
    );
    expect(loadConfig({}).vendors.AGENCYZOOM.rateLimitPerMinute).toBeNull();
  });
});
