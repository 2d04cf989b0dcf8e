import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { LimiterFactory } from '../../datasources/http/rate-limit';
import type { FleetClaims } from '../cache/shared-reads';
import { StoreUnavailableError } from './errors';
import type { Logger } from '../logger';
import { LocalLocker } from './locker';
import type { LockOptions } from './locker';

export type RedisClient = ReturnType<typeof createClient>;

/** Longest wait for one reconnection attempt, in ms (attempts back off from 50 ms to this). */
const MAX_RECONNECT_DELAY_MS = 2_000;
/** How long a lock is held at most unless the holder says otherwise, in ms. */
const DEFAULT_LOCK_TTL_MS = 30_000;
/** How long to wait for a lock unless the caller says otherwise, in ms. */
const DEFAULT_LOCK_WAIT_MS = 10_000;

/** Deletes a lock only if it is still ours (a lapsed lock may have a new holder). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The fleet's one Redis connection. Commands fail at once while it is down (no offline queue: a
 * request must not hang on it); it reconnects by itself with backoff, and says so in the log once
 * per change.
 */
export class RedisLink {
  readonly client: RedisClient;
  private up = false;
  private closed = false;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
      },
    });
    this.client.on('ready', () => {
      if (!this.up) logger.info({ store: 'redis' }, 'shared store connected');
      this.up = true;
    });
    // Required: an 'error' without a listener would end the process. Logged once per outage.
    this.client.on('error', (error: Error) => {
      if (this.up) logger.error({ store: 'redis', err: { type: error.name } }, 'shared store lost');
      this.up = false;
    });
  }

  /** Connects in the background (the gateway starts, not ready, while Redis is away). */
  start(): void {
    this.client.connect().catch((error: unknown) => {
      if (!this.closed)
        this.logger.error(
          { store: 'redis', err: { type: (error as Error)?.name } },
          'shared store connection failed',
        );
    });
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  /** Waits until connected, at most `ms`; whether it is. */
  async waitReady(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.ready && Date.now() < until) await sleep(25);
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
    else this.client.destroy();
  }
}

/**
 * Locks across replicas: `SET lock:<name> <token> NX PX ttl`, released only by its holder. Within
 * this process callers queue on a mutex first, so only one of them polls Redis. A holder that dies
 * loses the lock after its TTL. While Redis is away, `run` fails (the caller reports it) and
 * `tryRun` runs nothing.
 */
export class RedisLocker extends LocalLocker {
  constructor(private readonly link: RedisLink) {
    super();
  }

  override run<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    return this.mutex(name).runExclusive(async () => {
      const token = randomUUID();
      const until = Date.now() + (options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
      while (!(await this.acquire(name, token, options.ttlMs))) {
        if (Date.now() >= until) throw new StoreUnavailableError(new Error(`lock ${name} busy`));
        await sleep(5 + Math.random() * 20);
      }
      try {
        return await fn();
      } finally {
        await this.release(name, token);
      }
    });
  }

  override async tryRun<T>(
    name: string,
    fn: () => Promise<T>,
    options: LockOptions = {},
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const mutex = this.mutex(name);
    if (mutex.isLocked()) return { ran: false };
    return mutex.runExclusive(async () => {
      const token = randomUUID();
      const acquired = await this.acquire(name, token, options.ttlMs).catch(() => false);
      if (!acquired) return { ran: false } as const;
      try {
        return { ran: true, value: await fn() } as const;
      } finally {
        await this.release(name, token);
      }
    });
  }

  private async acquire(
    name: string,
    token: string,
    ttlMs = DEFAULT_LOCK_TTL_MS,
  ): Promise<boolean> {
    try {
      const reply = await this.link.client.set(`lock:${name}`, token, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttlMs },
      });
      return reply === 'OK';
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  private async release(name: string, token: string): Promise<void> {
    // If Redis is away the lock lapses by its TTL.
    await this.link.client
      .eval(RELEASE, { keys: [`lock:${name}`], arguments: [token] })
      .catch(() => undefined);
  }
}

/**
 * A keyv store on the shared Redis under `namespace`. `throwOnErrors`: failures reach the caller
 * (identity: a link must never be silently dropped); otherwise they read as misses and writes are
 * skipped (the cache: losing it costs only vendor calls).
 */
export function redisKeyv(link: RedisLink, namespace: string, throwOnErrors: boolean): Keyv {
  const adapter = new KeyvRedis(link.client, {
    namespace,
    throwOnErrors,
    throwOnConnectError: false,
  });
  const keyv = new Keyv(adapter, { namespace, useKeyPrefix: false, throwOnErrors });
  // keyv emits store errors as events; the link already logs the outage.
  keyv.on('error', () => undefined);
  return keyv;
}

/**
 * Vendor budgets counted in Redis, shared by every replica. While Redis is away each replica
 * falls back to `fallbackShare` of each window's budget counted in its memory, so the fleet stays
 * under the vendor's limit as long as the share times the replicas is at most 1.
 */
export function redisLimiterFactory(link: RedisLink, fallbackShare: number): LimiterFactory {
  return ({ points, durationS, keyPrefix }) =>
    new RateLimiterRedis({
      storeClient: link.client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      points,
      duration: durationS,
      keyPrefix,
      insuranceLimiter: new RateLimiterMemory({
        points: Math.max(1, Math.floor(points * fallbackShare)),
        duration: durationS,
        keyPrefix: `${keyPrefix}:local`,
      }),
    });
}

/** Claims on vendor reads across the replicas: `SET fill:<key> <replica> NX PX`, released by their holder. */
export function redisFleetClaims(link: RedisLink): FleetClaims {
  const replica = randomUUID();
  return {
    async claim(keys, ttlMs) {
      // Redis away: every replica fetches for itself (the budget limiter still holds).
      if (!link.ready) return keys.map(() => true);
      const replies = await Promise.all(
        keys.map((key) =>
          link.client.set(`fill:${key}`, replica, {
            condition: 'NX',
            expiration: { type: 'PX', value: ttlMs },
          }),
        ),
      );
      return replies.map((reply) => reply === 'OK');
    },
    async release(keys) {
      await Promise.all(
        keys.map((key) =>
          link.client.eval(RELEASE, { keys: [`fill:${key}`], arguments: [replica] }),
        ),
      );
    },
  };
}
