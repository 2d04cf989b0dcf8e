import type Keyv from 'keyv';
import { backgroundContext, isVendorError } from '../datasources/http';
import type { VendorClientBase } from '../datasources/http/client-base';
import type { Population } from '../simulators/population/generate';
import type { Config } from './config';
import { ApitureIndexer } from './identity/apiture-index';
import type { ApitureIndexerOptions } from './identity/apiture-index';
import { createSsnHasher } from './identity/match-keys';
import { seedAmericorLinks } from './identity/seed';
import { IdentityService } from './identity/service';
import type { Logger } from './logger';
import { createAuthenticator } from './auth/authenticate';
import { SharedReads } from './cache/shared-reads';
import { Metrics } from './metrics';
import { DocumentRegistry, PersistedQueryCache } from './persisted/documents';
import { createGateway } from './server';
import type { Gateway } from './server';
import { identityHashKey, openConfiguredStores } from './stores';
import type { Stores } from './stores';
import { LocalLocker } from './shared/locker';
import { clientsByVendor, createVendorClients } from './vendor-clients';
import type { SharedDeps, VendorClients } from './vendor-clients';
import { VendorRegistry } from './vendor-registry';
import { Sealer } from './submissions/seal';
import { LeadSubmissions } from './submissions/service';
import type { LeadSubmissionOptions } from './submissions/service';
import { SubmissionStore } from './submissions/store';
import { DeliveryWorker } from './submissions/worker';
import type { DeliveryWorkerOptions } from './submissions/worker';
import { LEAD_VENDORS } from './graph/create-lead';
import { VENDORS } from './domain/vendor';

/** Longest a replica waits for another's AgencyZoom read before making its own, in ms. */
const FLEET_WAIT_MS = 2_000;

export interface AppOptions {
  config: Config;
  logger: Logger;
  metrics?: Metrics;
  /** An identity store to use instead of the SQLite file under DATA_DIR (tests). */
  identityStore?: Keyv;
  /** A cache store to use instead of the SQLite file under DATA_DIR (tests). */
  cacheStore?: Keyv;
  /** The embedded sandboxes' population: its Americor links are seeded on first start. */
  population?: Population;
  /** Apiture index pacing; `false` keeps the indexer off (tests drive it by hand). */
  apitureIndex?: ApitureIndexerOptions | false;
  /** Extra client dependencies (tests: short timeouts, an injected clock). */
  clientDeps?: Partial<SharedDeps>;
  /** The shared cache's clock (tests move it past TTLs). */
  cacheClock?: () => number;
  /** Lead delivery timing (tests: short backoff); `worker: false` keeps the worker off (tests drive it). */
  submissions?: Partial<LeadSubmissionOptions> & DeliveryWorkerOptions & { worker?: boolean };
  /**
   * Log in to the vendors and read AgencyZoom's carriers at start, in the background, so the first
   * requests wait for neither; `/readyz` says `warming_up` until it is done or has failed
   * (`npm start` does; tests leave it off to count their own calls).
   */
  warmUp?: boolean;
}

export interface App {
  gateway: Gateway;
  clients: VendorClients;
  identity: IdentityService;
  indexer: ApitureIndexer;
  leads: LeadSubmissions;
  /** Delivers kept lead submissions. */
  deliveries: DeliveryWorker;
  /** Trusted documents (`PERSISTED_ONLY`). */
  documents: DocumentRegistry;
  /** Stops the index, drains HTTP, closes vendor pools and stores. */
  close(): Promise<void>;
}

/** Assembles the whole gateway: stores, identity, vendor clients, the HTTP server, the Apiture index. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const metrics = options.metrics ?? new Metrics();
  const opened =
    options.identityStore && options.cacheStore ? null : openConfiguredStores(config, logger);
  const stores = {
    identity: options.identityStore ?? (opened as Stores).identity,
    cache: options.cacheStore ?? (opened as Stores).cache,
    backend: opened?.backend ?? 'sqlite',
    locker: opened?.locker ?? new LocalLocker(),
    ready: () => opened?.ready() ?? true,
    close: async () => {
      // Cache writes still under way land before the stores close.
      await shared.flush();
      await opened?.close();
    },
  };
  const secret = identityHashKey(config.identityHashKey, config.dataDir);
  const identity = new IdentityService(stores.identity, createSsnHasher(secret), {
    locker: stores.locker,
    shared: stores.backend === 'redis',
  });
  if (options.population) {
    const seeded = await seedAmericorLinks(identity, options.population);
    if (seeded > 0)
      logger.info(
        { vendor: 'AMERICOR', links: seeded },
        'seeded the identity links of the sandbox Americor leads',
      );
  }
  const clients = createVendorClients(config, {
    logger,
    metrics,
    fairShare: config.auth.mode === 'none' ? 1 : config.auth.fairShare,
    limiterFactory: opened?.limiterFactory,
    ...options.clientDeps,
  });
  const vendors = new VendorRegistry(config, clientsByVendor(clients));
  const shared = new SharedReads({
    store: stores.cache,
    // Entries are per vendor credential and base URL: callers whose vendor views differ never share.
    viewOf: (vendor) =>
      JSON.stringify([config.vendors[vendor].baseUrl, config.vendors[vendor].credentials]),
    logger,
    metrics,
    staleMaxMs: config.staleMaxMs,
    enabled: config.cache,
    clock: options.cacheClock,
    // Replicas: AgencyZoom's budget (30 calls a minute) is too scarce to read one thing twice.
    fleet: opened?.fleetClaims && {
      claims: opened.fleetClaims,
      vendors: new Set(['AGENCYZOOM'] as const),
      waitMs: FLEET_WAIT_MS,
    },
  });
  const submissionStore = new SubmissionStore(stores.identity, new Sealer(secret), stores.locker);
  const leads = new LeadSubmissions({
    clients,
    identity,
    shared,
    store: submissionStore,
    logger,
    metrics,
    locker: stores.locker,
    options: {
      writeTimeoutMs: config.leadWriteTimeoutMs,
      maxAgeMs: config.leadDeliveryMaxAgeMs,
      ...options.submissions,
    },
  });
  const deliveries = new DeliveryWorker(leads, logger, options.submissions);
  metrics.onCollect = async () => {
    for (const health of await vendors.health()) {
      if (health.remainingBudget !== null)
        metrics.budgetRemaining.set({ vendor: health.vendor }, health.remainingBudget);
    }
    for (const vendor of LEAD_VENDORS) {
      // Unknown while a shared store is away: the gauge keeps its last value.
      const pending = await submissionStore.pendingCount(vendor).catch(() => null);
      if (pending !== null) metrics.leadsPending.set({ vendor: VENDORS[vendor].label }, pending);
    }
  };
  const documents = new DocumentRegistry(stores.identity);
  let warming = options.warmUp === true;
  const persisted = new PersistedQueryCache(documents, stores.cache, config.persistedOnly);
  const gateway = await createGateway({
    authenticate: createAuthenticator(config.auth),
    config,
    logger,
    vendors,
    clients,
    identity,
    shared,
    leads,
    persisted,
    documents,
    metrics,
    store: () => ({ backend: stores.backend, ready: stores.ready() }),
    warmingUp: () => warming,
  });
  const indexer = new ApitureIndexer(clients.apiture, identity, logger, {
    ...(options.apitureIndex || {}),
    locker: stores.locker,
  });
  if (options.apitureIndex !== false && config.vendors.APITURE.mode !== 'unconfigured')
    indexer.start();
  if (options.submissions?.worker !== false) deliveries.start();
  if (options.warmUp)
    void warmUpVendors(clients, config, logger).finally(() => {
      warming = false;
    });
  return {
    gateway,
    clients,
    identity,
    indexer,
    leads,
    deliveries,
    documents,
    async close() {
      await indexer.stop();
      await deliveries.stop();
      await gateway.close();
      // Writes still out settle their submissions (or are found out after a restart).
      await leads.drain(config.shutdownTimeoutMs);
      await stores.close();
    },
  };
}

/** How long the start-up logins and reference reads may take, in ms. */
const WARM_UP_TIMEOUT_MS = 30_000;

/**
 * Logs in to every configured vendor that wants a login and reads reference data, all at once;
 * a failure is logged (vendor and code) and left to the first request to meet again.
 */
async function warmUpVendors(
  clients: VendorClients,
  config: Config,
  logger: Logger,
): Promise<void> {
  const started = performance.now();
  const all: VendorClientBase[] = [
    clients.americor,
    clients.creditPros,
    clients.lendingCrm,
    clients.apiture,
    clients.agencyZoom,
  ];
  const configured = all.filter((client) => config.vendors[client.vendor].mode !== 'unconfigured');
  const results = await Promise.allSettled(
    configured.map((client) => client.warmUp(backgroundContext(WARM_UP_TIMEOUT_MS))),
  );
  const failed = results.flatMap((result, i) =>
    result.status === 'rejected'
      ? [
          {
            vendor: configured[i]?.vendor,
            code: isVendorError(result.reason) ? result.reason.code : 'INTERNAL',
          },
        ]
      : [],
  );
  if (failed.length > 0) logger.warn({ failed }, 'vendor warm-up incomplete');
  else logger.info({ ms: Math.round(performance.now() - started) }, 'vendors warmed up');
}
