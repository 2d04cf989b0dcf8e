import path from 'node:path';
import { isScope } from './auth/scopes';
import type { Scope } from './auth/scopes';
import { VENDORS, VENDOR_IDS } from './domain/vendor';
import type { VendorId } from './domain/vendor';

/**
 * Configuration, parsed and validated once at start-up from the environment. Variable names of
 * ARCHITECTURE.md section 4 are fixed; the others are documented in the README.
 */

export type AuthMode = 'jwt' | 'apikey' | 'none';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface VendorConfig {
  id: VendorId;
  /** `sandbox`: the embedded sandbox; `remote`: `baseUrl`; `unconfigured`: no URL and sandboxes off. */
  mode: 'sandbox' | 'remote' | 'unconfigured';
  /** The remote base URL; for sandbox mode it is filled in once the sandbox listens. */
  baseUrl: string | null;
  /** Credential values by the variable suffix (`USERNAME`, `API_KEY`, ...). Secret: never log. */
  credentials: Record<string, string>;
  /** `<VENDOR>_RATE_LIMIT`: calls per window overriding the vendor's default, or null. */
  rateLimitPerMinute: number | null;
  /** `<VENDOR>_RATE_WINDOW_MS`: the window of `<VENDOR>_RATE_LIMIT`, in ms (default a minute; tests shorten it). */
  rateWindowMs?: number;
  /** Port of the embedded sandbox (0: any free port). */
  sandboxPort: number;
}

/** How callers prove who they are (section "Authentication" of the README). */
export interface AuthConfig {
  mode: AuthMode;
  /** HS256 secret (32+ characters), or null with a JWKS URL. Secret: never log. */
  jwtSecret: string | null;
  jwtJwksUrl: string | null;
  jwtIssuer: string;
  jwtAudience: string;
  /** API keys, stored as SHA-256 hashes of the key, each with its scopes. */
  apiKeys: { name: string; sha256: string; scopes: Scope[] }[];
  /** Share (0 to 1] of a vendor's budget per window one caller may spend. */
  fairShare: number;
}

export interface Config {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  logLevel: LogLevel;
  sandbox: 'on' | 'off';
  /** Synthetic people the embedded sandboxes are seeded with. */
  sandboxPopulation: number;
  sandboxSeed: string;
  dataDir: string;
  redisUrl: string | null;
  /** Secret SSNs are hashed under in the identity store; generated under DATA_DIR when unset. */
  identityHashKey: string | null;
  authMode: AuthMode;
  auth: AuthConfig;
  /** Per-request batching and dedupe of vendor reads; `off` only to measure naive resolvers. */
  batching: boolean;
  /** The shared cache and coalescing of vendor reads; `off` only to measure without them. */
  cache: boolean;
  /** Longest a value past its TTL may be served when its vendor fails, in ms. */
  staleMaxMs: number;
  /** Schema introspection (GraphiQL's docs); off in production unless INTROSPECTION=on. */
  introspection: boolean;
  /** Only registered documents run (trusted documents for mobile apps). */
  persistedOnly: boolean;
  /** Most vendor calls an operation may need in the worst case. */
  maxQueryCost: number;
  /** Deepest field nesting allowed. */
  maxQueryDepth: number;
  /** Most aliased fields in one document. */
  maxAliases: number;
  /** Most tokens a document may have (parsing stops past it). */
  maxTokens: number;
  /** Overall deadline of one GraphQL request, in ms. */
  requestTimeoutMs: number;
  /** Time allowed for in-flight requests to finish on SIGTERM/SIGINT, in ms. */
  shutdownTimeoutMs: number;
  /**
   * Share (0 to 1] of each vendor's budget one replica may spend on its own while Redis is away
   * (set it to at most 1 / replicas).
   */
  fallbackBudgetShare: number;
  /** Also serve the schema as a Federation 2 subgraph at `/subgraph`. */
  subgraph: boolean;
  /** Per-attempt timeout of a lead write, in ms: longer than reads, since a write given up on may have arrived. */
  leadWriteTimeoutMs: number;
  /** How long a lead submission is retried before it is reported FAILED, in ms. */
  leadDeliveryMaxAgeMs: number;
  vendors: Record<VendorId, VendorConfig>;
}

/** A configuration value that cannot be used; the message names the variable and what it expected. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    got: string | undefined,
    secret = false,
  ) {
    const shown =
      got === undefined
        ? 'it is not set'
        : secret
          ? 'got a value that is not'
          : `got "${truncate(got)}"`;
    super(`${variable} must be ${expected} (${shown})`);
    this.name = 'ConfigError';
  }
}

/** Credential variables per vendor (suffixes after the vendor prefix); all are secrets. */
const CREDENTIAL_SUFFIXES: Record<VendorId, string[]> = {
  AMERICOR: ['USERNAME', 'PUBLIC_KEY'],
  CREDIT_PROS: ['API_KEY'],
  LENDING_CRM: ['TOKEN'],
  APITURE: ['API_KEY', 'ACCESS_TOKEN'],
  AGENCYZOOM: ['USERNAME', 'PASSWORD'],
};

/** Credentials a vendor may use but does not need (no error when they are unset). */
const OPTIONAL_CREDENTIALS: Partial<Record<VendorId, string[]>> = {
  // AgencyZoom's policy creation wants an `X-Api-Token` the docs never say how to obtain.
  AGENCYZOOM: ['API_TOKEN'],
};

/** The value every sandbox accepts for every credential when none is configured. */
export const SANDBOX_CREDENTIAL = 'sandbox';

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}...` : value;
}

class EnvReader {
  readonly errors: ConfigError[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.errors.push(new ConfigError(name, `an integer from ${min} to ${max}`, value));
      return fallback;
    }
    return Number(value);
  }

  /** A number above 0 and at most 1. */
  fraction(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!(number > 0 && number <= 1)) {
      this.errors.push(new ConfigError(name, 'a number above 0 and at most 1', value));
      return fallback;
    }
    return number;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase() as T;
    if (!allowed.includes(lower)) {
      this.errors.push(new ConfigError(name, `one of ${allowed.join(', ')}`, value));
      return fallback;
    }
    return lower;
  }

  /** A secret of at least `minLength` characters; never echoed. */
  secret(name: string, minLength: number): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    if (value.length < minLength) {
      this.errors.push(new ConfigError(name, `at least ${minLength} characters long`, value, true));
      return null;
    }
    return value;
  }

  url(name: string, protocols: readonly string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return value.replace(/\/+$/, '');
    } catch {
      // URLs may embed credentials (redis://user:pass@host): never echo them.
      this.errors.push(
        new ConfigError(
          name,
          `a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL`,
          value,
          true,
        ),
      );
      return null;
    }
  }
}

function readAuth(read: EnvReader, mode: AuthMode, production: boolean): AuthConfig {
  const jwtSecret = read.secret('JWT_SECRET', 32);
  const jwtJwksUrl = read.url('JWT_JWKS_URL', production ? ['https:'] : ['https:', 'http:']);
  if (mode === 'jwt' && !jwtSecret && !jwtJwksUrl) {
    read.errors.push(
      new ConfigError(
        'JWT_SECRET',
        'set (32+ characters), or JWT_JWKS_URL, when AUTH_MODE=jwt',
        undefined,
      ),
    );
  }
  const apiKeys: AuthConfig['apiKeys'] = [];
  const rawKeys = read.raw('API_KEYS');
  if (rawKeys !== undefined) {
    try {
      const parsed = JSON.parse(rawKeys) as unknown;
      if (!Array.isArray(parsed)) throw new Error('not an array');
      for (const entry of parsed as Record<string, unknown>[]) {
        const scopes = Array.isArray(entry.scopes) ? entry.scopes.map(String) : [];
        if (typeof entry.name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(entry.name))
          throw new Error('name');
        if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(entry.sha256))
          throw new Error('sha256');
        if (!scopes.every(isScope)) throw new Error('scopes');
        apiKeys.push({
          name: entry.name,
          sha256: entry.sha256.toLowerCase(),
          scopes: scopes,
        });
      }
    } catch {
      read.errors.push(
        new ConfigError(
          'API_KEYS',
          'a JSON array of {"name", "sha256" (hex SHA-256 of the key), "scopes": [...]}',
          rawKeys,
          true,
        ),
      );
    }
  }
  if (mode === 'apikey' && apiKeys.length === 0 && rawKeys === undefined) {
    read.errors.push(new ConfigError('API_KEYS', 'set when AUTH_MODE=apikey', undefined));
  }
  return {
    mode,
    jwtSecret,
    jwtJwksUrl,
    jwtIssuer: read.raw('JWT_ISSUER') ?? 'vendor-graph',
    jwtAudience: read.raw('JWT_AUDIENCE') ?? 'vendor-graph-clients',
    apiKeys,
    fairShare: read.fraction('FAIR_SHARE', 0.5),
  };
}

/**
 * Reads the configuration. Throws an `AggregateError` of `ConfigError`s (one per bad variable)
 * when anything is wrong, so the caller can print one line each and exit.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const read = new EnvReader(env);
  const nodeEnv = read.raw('NODE_ENV') ?? 'development';
  const production = nodeEnv === 'production';
  const sandbox = read.oneOf('SANDBOX', ['on', 'off'] as const, 'on');

  const vendors = {} as Record<VendorId, VendorConfig>;
  for (const id of VENDOR_IDS) {
    const { envPrefix, sandboxPort } = VENDORS[id];
    const baseUrl = read.url(`${envPrefix}_BASE_URL`, ['http:', 'https:']);
    const mode = baseUrl ? 'remote' : sandbox === 'on' ? 'sandbox' : 'unconfigured';
    const credentials: Record<string, string> = {};
    for (const suffix of CREDENTIAL_SUFFIXES[id]) {
      const name = `${envPrefix}_${suffix}`;
      const value = read.raw(name);
      if (value !== undefined) credentials[suffix] = value;
      else if (mode === 'remote')
        read.errors.push(new ConfigError(name, `set when ${envPrefix}_BASE_URL is set`, undefined));
      else credentials[suffix] = SANDBOX_CREDENTIAL;
    }
    for (const suffix of OPTIONAL_CREDENTIALS[id] ?? []) {
      const value = read.raw(`${envPrefix}_${suffix}`);
      if (value !== undefined) credentials[suffix] = value;
    }
    const limit = read.raw(`${envPrefix}_RATE_LIMIT`);
    vendors[id] = {
      id,
      mode,
      baseUrl,
      credentials,
      rateLimitPerMinute:
        limit === undefined ? null : read.int(`${envPrefix}_RATE_LIMIT`, 0, 1, 100_000),
      rateWindowMs: read.int(`${envPrefix}_RATE_WINDOW_MS`, 60_000, 100, 3_600_000),
      sandboxPort: read.int(`${envPrefix}_SANDBOX_PORT`, sandboxPort, 0, 65535),
    };
  }

  const authMode = read.oneOf(
    'AUTH_MODE',
    ['jwt', 'apikey', 'none'] as const,
    production ? 'jwt' : 'none',
  );
  const auth = readAuth(read, authMode, production);
  if (production && authMode === 'none') {
    read.errors.push(
      new ConfigError('AUTH_MODE', 'jwt or apikey when NODE_ENV=production', 'none'),
    );
  }

  const config: Config = {
    nodeEnv,
    production,
    port: read.int('PORT', 4000, 0, 65535),
    host: read.raw('HOST') ?? 'localhost',
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    sandbox,
    sandboxPopulation: read.int('SANDBOX_POPULATION', 1000, 1, 1_000_000),
    sandboxSeed: read.raw('SANDBOX_SEED') ?? 'vendor-graph',
    dataDir: path.resolve(read.raw('DATA_DIR') ?? 'data'),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    identityHashKey: read.secret('IDENTITY_HASH_KEY', 32),
    authMode,
    auth,
    batching: read.oneOf('BATCHING', ['on', 'off'] as const, 'on') === 'on',
    cache: read.oneOf('CACHE', ['on', 'off'] as const, 'on') === 'on',
    staleMaxMs: read.int('STALE_MAX_MS', 24 * 60 * 60_000, 0, 30 * 24 * 60 * 60_000),
    introspection:
      read.oneOf('INTROSPECTION', ['on', 'off'] as const, production ? 'off' : 'on') === 'on',
    persistedOnly: read.oneOf('PERSISTED_ONLY', ['true', 'false'] as const, 'false') === 'true',
    maxQueryCost: read.int('MAX_QUERY_COST', 300, 1, 100_000),
    maxQueryDepth: read.int('MAX_QUERY_DEPTH', 12, 2, 100),
    maxAliases: read.int('MAX_ALIASES', 30, 0, 10_000),
    maxTokens: read.int('MAX_TOKENS', 5_000, 100, 1_000_000),
    requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    fallbackBudgetShare: read.fraction('FALLBACK_BUDGET_SHARE', 0.25),
    subgraph: read.oneOf('SUBGRAPH', ['on', 'off'] as const, 'off') === 'on',
    leadWriteTimeoutMs: read.int('LEAD_WRITE_TIMEOUT_MS', 30_000, 1_000, 600_000),
    leadDeliveryMaxAgeMs: read.int(
      'LEAD_DELIVERY_MAX_AGE_MS',
      24 * 60 * 60_000,
      60_000,
      30 * 24 * 60 * 60_000,
    ),
    vendors,
  };
  if (config.redisUrl && !config.identityHashKey)
    read.errors.push(
      new ConfigError(
        'IDENTITY_HASH_KEY',
        'set when REDIS_URL is set (every replica must hash SSNs and seal submissions under one key)',
        undefined,
      ),
    );
  if (read.errors.length > 0)
    throw new AggregateError(read.errors, read.errors.map((e) => e.message).join('; '));
  return config;
}
