import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import type { VendorId } from '../domain/vendor';
import type { CallContext } from '../../datasources/http/context';
import { ErrorCode, isAppError } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { MemoryLru, approximateBytes, deepFreeze } from './memory-lru';
import { CACHE_TTL_MS } from './ttl';
import type { CacheKind } from './ttl';

/**
 * Longest a value is served from this process's memory tier before the shared store is read
 * again, in ms. The store is the fleet's truth once it is on Redis: a replica's own writes and
 * invalidations reach its memory at once, another replica's within this bound. (One SQLite file
 * serves one process, so embedded mode is exact; the bound only costs one store read per key
 * every few seconds there.)
 */
export const MEMORY_MAX_AGE_MS = 5_000;
/** Memory tier bounds: entries, and bytes as `approximateBytes` estimates them (about 64 MiB). */
export const MEMORY_MAX_ENTRIES = 20_000;
export const MEMORY_MAX_BYTES = 64 * 1024 * 1024;

/** Set on a value served past its TTL because its vendor failed: how old it is and whose. */
export const STALE = Symbol('stale');

export interface StaleInfo {
  vendor: VendorId;
  /** Age of the value in ms. */
  ageMs: number;
}

export function staleInfo(value: unknown): StaleInfo | undefined {
  return value !== null && typeof value === 'object'
    ? (value as { [STALE]?: StaleInfo })[STALE]
    : undefined;
}

interface Entry<V> {
  /** The value. */
  v: V;
  /** When it was fetched, ms since the epoch. */
  at: number;
}

/** One kind of vendor read: its vendor and the batch fetch behind it. */
/** How a fetch may be bounded beyond its request's deadline (merged into its `CallContext`). */
export type FetchLimits = Pick<CallContext, 'maxWaitMs'>;

export interface CachedRead<V> {
  kind: CacheKind;
  vendor: VendorId;
  /** Fetches the keys missing from the cache: a value, or an Error, per key (absent: not found). */
  fetch: (keys: string[], limits?: FetchLimits) => Promise<Map<string, V | Error>>;
}

/**
 * The longest a read with a stale value on hand waits for the vendor's budget or a `Retry-After`,
 * in ms: past it, the stale value answers at once rather than at the end of the wait.
 */
export const STALE_READ_MAX_WAIT_MS = 1_000;

/** Errors that say the vendor cannot answer now (not that the answer is no): stale values may stand in. */
function vendorCannotAnswer(error: unknown): boolean {
  return (
    isAppError(error) &&
    (error.code === ErrorCode.VENDOR_UNAVAILABLE ||
      error.code === ErrorCode.VENDOR_TIMEOUT ||
      error.code === ErrorCode.VENDOR_RATE_LIMITED)
  );
}

/**
 * Claims on vendor reads across replicas (Redis): for each key, one replica fetches while the
 * others wait for its answer in the store. A claim lapses after `ttlMs`.
 */
export interface FleetClaims {
  /** Whether this replica may fetch each key now; true for all when claims cannot be checked. */
  claim(keys: readonly string[], ttlMs: number): Promise<boolean[]>;
  release(keys: readonly string[]): Promise<void>;
}

/** How often a replica waiting on another's fetch looks in the store, in ms. */
const FLEET_POLL_MS = 50;

export interface SharedReadsOptions {
  store: Keyv;
  /** Identifies the credentials each vendor is read with; callers with different views never share entries. */
  viewOf: (vendor: VendorId) => string;
  logger: Logger;
  metrics?: Metrics;
  /** Longest a value past its TTL may be served when its vendor fails, in ms. */
  staleMaxMs: number;
  /** Off: every read goes to the vendor (naive mode of the benchmark). */
  enabled?: boolean;
  clock?: () => number;
  /** Memory tier bounds and age (defaults above; tests shrink them). */
  memory?: { maxEntries?: number; maxBytes?: number; maxAgeMs?: number };
  /**
   * With replicas: the vendors whose budget is scarce enough that concurrent misses of one key
   * across the fleet become one vendor call (`waitMs`: the longest a replica waits for another's
   * fetch before making its own).
   */
  fleet?: { claims: FleetClaims; vendors: ReadonlySet<VendorId>; waitMs: number };
}

/**
 * The shared layer under the per-request loaders: a cache of vendor reads (keyv, so one store
 * for the fleet once it is on Redis) with a TTL per kind, coalescing of concurrent identical
 * reads from different requests into one vendor call, and stale-if-error.
 *
 * Fresh entries are also kept in a bounded memory tier (`MemoryLru`) until their TTL ends or
 * `MEMORY_MAX_AGE_MS` passes, whichever is first, so a warm read never touches the store. Values
 * in it are shared by every request and frozen. Only fresh values live there: stale-if-error
 * reads the store, which keeps entries `staleMaxMs` past their TTL.
 */
export class SharedReads {
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Store writes under way, by cache key. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly views = new Map<VendorId, string>();
  private readonly clock: () => number;
  private readonly memory: MemoryLru<Entry<unknown>>;
  private readonly memoryMaxAgeMs: number;

  constructor(private readonly options: SharedReadsOptions) {
    this.clock = options.clock ?? Date.now;
    this.memory = new MemoryLru({
      maxEntries: options.memory?.maxEntries ?? MEMORY_MAX_ENTRIES,
      maxBytes: options.memory?.maxBytes ?? MEMORY_MAX_BYTES,
      clock: this.clock,
    });
    this.memoryMaxAgeMs = options.memory?.maxAgeMs ?? MEMORY_MAX_AGE_MS;
    // Clearing the store through this process's keyv clears the memory tier with it.
    options.store.on('clear', () => this.memory.clear());
  }

  private keyOf(read: CachedRead<unknown>, key: string): string {
    let view = this.views.get(read.vendor);
    if (!view) {
      view = createHash('sha256')
        .update(this.options.viewOf(read.vendor))
        .digest('base64url')
        .slice(0, 12);
      this.views.set(read.vendor, view);
    }
    return `${read.kind}:${view}:${key}`;
  }

  /**
   * Values for `keys` in order: fresh cache entries, else a share of an identical read already
   * in flight, else one batch fetch of the rest. When the vendor cannot answer, a cached value
   * no older than the stale limit is returned instead, marked with `STALE`.
   */
  async loadMany<V>(
    read: CachedRead<V>,
    keys: readonly string[],
  ): Promise<(V | Error | undefined)[]> {
    if (this.options.enabled === false) {
      const fetched = await read.fetch([...new Set(keys)]).catch((error: Error) => error);
      return keys.map((key) => (fetched instanceof Error ? fetched : fetched.get(key)));
    }
    const now = this.clock();
    const ttl = CACHE_TTL_MS[read.kind];
    const cacheKeys = keys.map((key) => this.keyOf(read, key));
    const entries = await this.lookup<V>(cacheKeys, ttl);
    const results = new Map<string, Promise<V | Error | undefined>>();
    const toFetch: string[] = [];
    keys.forEach((key, i) => {
      if (results.has(key)) return;
      const entry = entries[i];
      if (entry && now - entry.at < ttl) {
        this.count(read, 'hit');
        results.set(key, Promise.resolve(entry.v));
        return;
      }
      const pending = this.inflight.get(cacheKeys[i]) as Promise<V | Error | undefined> | undefined;
      if (pending) {
        this.bump(read.vendor, 'coalesced');
        this.options.metrics?.vendorReadsCoalesced.inc({ vendor: read.vendor });
        results.set(key, pending);
        return;
      }
      this.count(read, 'miss');
      toFetch.push(key);
    });
    const { fleet } = this.options;
    let claimed: string[] = [];
    if (toFetch.length > 0 && fleet?.vendors.has(read.vendor)) {
      // Keys another replica is fetching now: wait for its answer rather than spend budget.
      const claimKeys = toFetch.map((key) => cacheKeys[keys.indexOf(key)]);
      const mine = await fleet.claims
        .claim(claimKeys, fleet.waitMs)
        .catch(() => claimKeys.map(() => true));
      for (const [i, key] of [...toFetch.entries()].reverse()) {
        if (mine[i]) continue;
        toFetch.splice(i, 1);
        const cacheKey = claimKeys[i];
        const one = this.awaitFleet<V>(read, key, cacheKey, ttl, fleet).finally(() =>
          this.inflight.delete(cacheKey),
        );
        this.inflight.set(cacheKey, one);
        results.set(key, one);
      }
      claimed = claimKeys.filter((_, i) => mine[i]);
    }
    if (toFetch.length > 0) {
      // Every key has a stale value to stand in: no point waiting long for the vendor.
      const staleOnHand = toFetch.every((key) => {
        const entry = entries[keys.indexOf(key)];
        return entry !== undefined && now - entry.at <= this.options.staleMaxMs;
      });
      const batch = read
        .fetch(toFetch, staleOnHand ? { maxWaitMs: STALE_READ_MAX_WAIT_MS } : undefined)
        .catch((error: Error) => error);
      for (const key of toFetch) {
        const index = keys.indexOf(key);
        const cacheKey = cacheKeys[index];
        const entry = entries[index];
        const one = batch
          .then((fetched) =>
            this.settle(
              read,
              cacheKey,
              fetched instanceof Error ? fetched : fetched.get(key),
              entry,
            ),
          )
          .finally(() => this.inflight.delete(cacheKey));
        this.inflight.set(cacheKey, one);
        results.set(key, one);
      }
    }
    if (fleet && claimed.length > 0) {
      // Released once fetched and written, so the replicas waiting read it at once.
      const settled = claimed.map((key) => this.inflight.get(key) ?? Promise.resolve());
      void Promise.all(settled)
        .then(() => Promise.all(claimed.map((key) => this.writes.get(key) ?? Promise.resolve())))
        .then(() => fleet.claims.release(claimed))
        .catch(() => undefined);
    }
    return Promise.all(keys.map((key) => results.get(key) as Promise<V | Error | undefined>));
  }

  /**
   * Another replica claimed `cacheKey`: its answer, read from the store as soon as it is there.
   * When its claim ends without one (it failed, or died) or `waitMs` passes, this replica fetches.
   */
  private async awaitFleet<V>(
    read: CachedRead<V>,
    key: string,
    cacheKey: string,
    ttlMs: number,
    fleet: NonNullable<SharedReadsOptions['fleet']>,
  ): Promise<V | Error | undefined> {
    const until = Date.now() + fleet.waitMs;
    let claimed = false;
    while (Date.now() < until && !claimed) {
      await new Promise((resolve) => setTimeout(resolve, FLEET_POLL_MS));
      const [entry] = await this.getMany<Entry<V>>([cacheKey]);
      if (entry && this.clock() - entry.at < ttlMs) {
        this.bump(read.vendor, 'coalesced');
        this.options.metrics?.vendorReadsCoalesced.inc({ vendor: read.vendor });
        this.remember(cacheKey, entry, ttlMs);
        return entry.v;
      }
      [claimed = false] = await fleet.claims.claim([cacheKey], fleet.waitMs).catch(() => [true]);
    }
    const fetched = await read.fetch([key]).catch((error: Error) => error);
    const value = await this.settle(
      read,
      cacheKey,
      fetched instanceof Error ? fetched : fetched.get(key),
      undefined,
    );
    if (claimed) {
      await this.writes.get(cacheKey);
      await fleet.claims.release([cacheKey]).catch(() => undefined);
    }
    return value;
  }

  /** Drops cached reads our own writes made wrong. */
  async invalidate(
    read: Pick<CachedRead<unknown>, 'kind' | 'vendor'>,
    keys: readonly string[],
  ): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const cacheKey = this.keyOf(read as CachedRead<unknown>, key);
        this.memory.delete(cacheKey);
        // A write of the old value still under way must not land after the delete.
        await this.writes.get(cacheKey);
        return this.options.store.delete(cacheKey).catch(() => false);
      }),
    );
  }

  /**
   * The entries under `cacheKeys` (undefined where none): from the memory tier, else from the
   * store in one read. Fresh entries read from the store join the memory tier.
   */
  private async lookup<V>(
    cacheKeys: readonly string[],
    ttlMs: number,
  ): Promise<(Entry<V> | undefined)[]> {
    const entries = cacheKeys.map((key) => this.memory.get(key) as Entry<V> | undefined);
    const missing: number[] = [];
    entries.forEach((entry, i) => {
      if (!entry) missing.push(i);
    });
    if (missing.length === 0) return entries;
    const stored = await this.getMany<Entry<V>>(missing.map((i) => cacheKeys[i]));
    missing.forEach((i, j) => {
      const entry = stored[j];
      if (!entry) return;
      entries[i] = entry;
      this.remember(cacheKeys[i], entry, ttlMs);
    });
    return entries;
  }

  /** Puts a fresh entry in the memory tier until its TTL ends, at most `memoryMaxAgeMs`. */
  private remember<V>(cacheKey: string, entry: Entry<V>, ttlMs: number): void {
    const freshForMs = entry.at + ttlMs - this.clock();
    if (freshForMs <= 0) return;
    this.memory.set(
      cacheKey,
      deepFreeze(entry),
      Math.min(freshForMs, this.memoryMaxAgeMs),
      approximateBytes(entry) + 2 * cacheKey.length,
    );
  }

  private async settle<V>(
    read: CachedRead<V>,
    cacheKey: string,
    value: V | Error | undefined,
    previous: Entry<V> | undefined,
  ): Promise<V | Error | undefined> {
    if (value instanceof Error) {
      const age = previous ? this.clock() - previous.at : Infinity;
      if (previous && vendorCannotAnswer(value) && age <= this.options.staleMaxMs) {
        this.count(read, 'stale');
        return this.markStale(previous.v, { vendor: read.vendor, ageMs: age });
      }
      return value;
    }
    if (value !== undefined) {
      const entry: Entry<V> = { v: value, at: this.clock() };
      this.remember(cacheKey, entry, CACHE_TTL_MS[read.kind]);
      // Kept past the TTL for stale-if-error; a store failure only costs the cache. Not awaited:
      // the memory tier answers this process meanwhile, and `invalidate` waits for it.
      const write = this.options.store
        .set(cacheKey, entry, CACHE_TTL_MS[read.kind] + this.options.staleMaxMs)
        .then(
          () => undefined,
          (error: unknown) => {
            this.options.logger.warn(
              { kind: read.kind, err: { type: (error as Error)?.name } },
              'cache write failed',
            );
          },
        )
        .finally(() => {
          if (this.writes.get(cacheKey) === write) this.writes.delete(cacheKey);
        });
      this.writes.set(cacheKey, write);
    }
    return value;
  }

  /** Resolves when every store write started so far has ended (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.writes.values()]);
  }

  /** A copy of the value with every object in it marked, so any field resolved from it can be reported. */
  private markStale<V>(value: V, info: StaleInfo): V {
    const copy = structuredClone(value);
    const mark = (item: unknown): void => {
      if (item === null || typeof item !== 'object') return;
      Object.defineProperty(item, STALE, { value: info, enumerable: false });
      for (const child of Object.values(item)) mark(child);
    };
    mark(copy);
    return copy;
  }

  private async getMany<T>(keys: string[]): Promise<(T | undefined)[]> {
    try {
      return await this.options.store.getMany<T>(keys);
    } catch (error) {
      this.options.logger.warn(
        { err: { type: (error as Error)?.name } },
        'cache read failed; reading from the vendors',
      );
      return keys.map(() => undefined);
    }
  }

  private readonly tally = new Map<
    VendorId,
    { hit: number; miss: number; stale: number; coalesced: number }
  >();

  private bump(vendor: VendorId, what: 'hit' | 'miss' | 'stale' | 'coalesced'): void {
    const counts = this.tally.get(vendor) ?? { hit: 0, miss: 0, stale: 0, coalesced: 0 };
    counts[what] += 1;
    this.tally.set(vendor, counts);
  }

  private count(read: CachedRead<unknown>, result: 'hit' | 'miss' | 'stale'): void {
    this.bump(read.vendor, result);
    this.options.metrics?.cacheReads.inc({ vendor: read.vendor, kind: read.kind, result });
  }

  /** Since start: the share of reads served from the cache (null before any), and reads coalesced. */
  stats(vendor: VendorId): { cacheHitRatio: number | null; coalescedReads: number } {
    const counts = this.tally.get(vendor);
    if (!counts) return { cacheHitRatio: null, coalescedReads: 0 };
    const lookups = counts.hit + counts.miss + counts.stale + counts.coalesced;
    return {
      cacheHitRatio: lookups === 0 ? null : (counts.hit + counts.coalesced) / lookups,
      coalescedReads: counts.coalesced,
    };
  }
}
