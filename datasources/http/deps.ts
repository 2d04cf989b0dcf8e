import type { Dispatcher } from 'undici';
import type { VendorConfig } from '../../src/config';
import type { Logger } from '../../src/logger';
import type { Metrics } from '../../src/metrics';
import type { VendorAuth } from './auth';
import type { LimiterFactory, RatePolicy, RateRule } from './rate-limit';
import { VendorRateLimiter } from './rate-limit';
import { VendorHttp } from './vendor-http';
import type { VendorErrorReading, VendorHttpOptions } from './vendor-http';

/** What every vendor client factory receives. Shared objects only: no per-request state. */
export interface VendorClientDeps {
  /** The vendor's configuration: base URL, credentials, rate-limit override, mode. */
  config: VendorConfig;
  logger: Logger;
  metrics?: Metrics;
  /** Where budgets are counted (memory by default; Redis when scaled out). */
  limiterFactory?: LimiterFactory;
  /** Test seam: an undici dispatcher (MockAgent) instead of the client's pool. */
  dispatcher?: Dispatcher;
  /** Clock for token expiry and time-dependent rate rules. */
  clock?: () => number;
  /** Replaces the vendor's budget entirely (tests use short windows). */
  ratePolicy?: RatePolicy;
  /** Share of each window's budget one caller may spend (0 to 1]; default 1, no per-caller limit. */
  fairShare?: number;
  /** Overrides of timeouts, retries, breaker and concurrency (tests make them short). */
  tuning?: Partial<
    Pick<
      VendorHttpOptions,
      | 'timeoutMs'
      | 'maxConcurrency'
      | 'maxQueue'
      | 'maxAttempts'
      | 'backoffInitialMs'
      | 'backoffMaxMs'
      | 'breakerFailures'
      | 'halfOpenAfterMs'
    >
  >;
}

export interface VendorHttpSetup {
  auth: VendorAuth;
  /** The vendor's default budget; `<VENDOR>_RATE_LIMIT` replaces it with a flat per-minute limit. */
  defaultPolicy: RatePolicy;
  readError?: (status: number, body: unknown) => VendorErrorReading;
  authFailureStatuses?: readonly number[];
}

/** A flat rule as a policy. */
export function flatPolicy(rule: RateRule): RatePolicy {
  return () => rule;
}

/** Builds the shared HTTP layer of one vendor client from its configuration. */
export function createVendorHttp(deps: VendorClientDeps, setup: VendorHttpSetup): VendorHttp {
  const { config } = deps;
  const policy =
    deps.ratePolicy ??
    (config.rateLimitPerMinute !== null
      ? flatPolicy({ limit: config.rateLimitPerMinute, windowMs: config.rateWindowMs ?? 60_000 })
      : setup.defaultPolicy);
  const limiter = new VendorRateLimiter({
    vendor: config.id,
    credential: JSON.stringify(config.credentials),
    policy,
    factory: deps.limiterFactory,
    clock: deps.clock,
    fairShare: deps.fairShare,
    onWait: (ms) => deps.metrics?.budgetWait.observe({ vendor: config.id }, ms / 1000),
  });
  return new VendorHttp({
    vendor: config.id,
    // An unconfigured vendor (no URL, sandboxes off) gets a client that refuses every call.
    baseUrl: config.baseUrl ?? 'http://unconfigured.invalid',
    mode:
      config.mode === 'sandbox' ? 'SANDBOX' : config.mode === 'remote' ? 'REMOTE' : 'UNCONFIGURED',
    auth: setup.auth,
    limiter,
    readError: setup.readError,
    authFailureStatuses: setup.authFailureStatuses,
    dispatcher: deps.dispatcher,
    logger: deps.logger,
    metrics: deps.metrics,
    ...deps.tuning,
  });
}
