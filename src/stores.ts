import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { LimiterFactory } from '../datasources/http/rate-limit';
import type { Config } from './config';
import type { Logger } from './logger';
import { LocalLocker } from './shared/locker';
import type { Locker } from './shared/locker';
import type { FleetClaims } from './cache/shared-reads';
import {
  RedisLink,
  RedisLocker,
  redisFleetClaims,
  redisKeyv,
  redisLimiterFactory,
} from './shared/redis';

/**
 * The process's persistent stores, on keyv. Embedded mode keeps SQLite files under `DATA_DIR`
 * (identity links must survive restarts); with `REDIS_URL` every replica shares them in Redis,
 * with the locks and vendor budgets that go with them.
 */
export interface Stores {
  /** Identity links, match keys, snapshots, idempotency records, lead submissions. Never loses data on purpose. */
  identity: Keyv;
  /** The shared cache of vendor reads: losing it costs only vendor calls. */
  cache: Keyv;
  /** `sqlite` (one process) or `redis` (shared by the replicas). */
  backend: 'sqlite' | 'redis';
  /** Critical sections, across replicas when shared. */
  locker: Locker;
  /** Where vendor budgets are counted: undefined for memory (one process). */
  limiterFactory?: LimiterFactory;
  /** Claims that make concurrent misses across replicas one vendor call (shared stores only). */
  fleetClaims?: FleetClaims;
  /** Whether the store answers now (Redis may be away for a while; SQLite always answers). */
  ready(): boolean;
  /** Waits up to `ms` for the store to answer; whether it does. */
  whenReady(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

function sqlite(file: string, namespace: string, logger: Logger): Keyv {
  const keyv = new Keyv({
    store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 }),
    namespace,
  });
  // keyv emits store errors as events; an unhandled 'error' event would end the process.
  keyv.on('error', (error: unknown) =>
    logger.error({ store: namespace, err: { type: (error as Error)?.name } }, 'store error'),
  );
  return keyv;
}

/** The embedded stores: SQLite files under `dataDir`. */
export function openStores(dataDir: string, logger: Logger): Stores {
  mkdirSync(dataDir, { recursive: true });
  const identity = sqlite(path.join(dataDir, 'identity.sqlite'), 'identity', logger);
  const cache = sqlite(path.join(dataDir, 'cache.sqlite'), 'cache', logger);
  return {
    identity,
    cache,
    backend: 'sqlite',
    locker: new LocalLocker(),
    ready: () => true,
    whenReady: async () => true,
    async close() {
      await Promise.all([identity.disconnect(), cache.disconnect()]);
    },
  };
}

/**
 * The shared stores on Redis. The gateway starts while Redis is away (and says so in `/readyz`);
 * identity reads and writes fail until it is back, the cache reads as empty, and each vendor's
 * budget falls back to `fallbackShare` of it counted in this process.
 */
export function openRedisStores(url: string, logger: Logger, fallbackShare: number): Stores {
  const link = new RedisLink(url, logger);
  link.start();
  return {
    identity: redisKeyv(link, 'identity', true),
    cache: redisKeyv(link, 'cache', false),
    backend: 'redis',
    locker: new RedisLocker(link),
    limiterFactory: redisLimiterFactory(link, fallbackShare),
    fleetClaims: redisFleetClaims(link),
    ready: () => link.ready,
    whenReady: (ms) => link.waitReady(ms),
    close: () => link.close(),
  };
}

/** The stores the configuration names: Redis with `REDIS_URL`, else SQLite under `DATA_DIR`. */
export function openConfiguredStores(config: Config, logger: Logger): Stores {
  return config.redisUrl
    ? openRedisStores(config.redisUrl, logger, config.fallbackBudgetShare)
    : openStores(config.dataDir, logger);
}

/**
 * The secret SSNs are hashed under. From `IDENTITY_HASH_KEY` when set; otherwise generated once
 * and kept in `DATA_DIR/identity-hash.key` (mode 0600), since the stored hashes are only useful
 * with the same key.
 */
export function identityHashKey(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'identity-hash.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
