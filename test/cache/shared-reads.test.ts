import Keyv from 'keyv';
import { SharedReads } from '../../src/cache/shared-reads';
import type { CachedRead } from '../../src/cache/shared-reads';
import { CACHE_TTL_MS } from '../../src/cache/ttl';
import { createLogger } from '../../src/logger';
import { vendorErrors } from '../../datasources/http/errors';

/** A Map that counts the reads the keyv store makes. */
class CountingMap<K, V> extends Map<K, V> {
  reads = 0;
  override get(key: K): V | undefined {
    this.reads += 1;
    return super.get(key);
  }
}

const logger = createLogger({ level: 'silent' });

describe('SharedReads memory tier', () => {
  let now: number;
  let map: CountingMap<string, unknown>;
  let store: Keyv;
  let fetches: string[][];
  let failing: boolean;
  const shared = (memory?: { maxAgeMs?: number; maxEntries?: number }) =>
    new SharedReads({
      store,
      viewOf: () => 'view',
      logger,
      staleMaxMs: 60 * 60_000,
      clock: () => now,
      memory,
    });
  const read: CachedRead<{ id: string; names: string[] }> = {
    kind: 'lendingCrm.client',
    vendor: 'LENDING_CRM',
    fetch: async (keys) => {
      fetches.push(keys);
      if (failing) throw vendorErrors.unavailable('LENDING_CRM', 'test');
      return new Map(keys.map((key) => [key, { id: key, names: [`n${key}`] }]));
    },
  };

  beforeEach(() => {
    now = 1_000_000;
    map = new CountingMap();
    store = new Keyv({ store: map });
    fetches = [];
    failing = false;
  });

  it('serves a warm read from memory without touching the store', async () => {
    const reads = shared();
    await reads.loadMany(read, ['1', '2']);
    const before = map.reads;
    const again = await reads.loadMany(read, ['1', '2']);
    expect(again).toEqual([
      { id: '1', names: ['n1'] },
      { id: '2', names: ['n2'] },
    ]);
    expect(map.reads).toBe(before);
    expect(fetches).toEqual([['1', '2']]);
  });

  it('hands out frozen values, so no request can change what the next one gets', async () => {
    const reads = shared();
    const [value] = await reads.loadMany(read, ['1']);
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => (value as { names: string[] }).names.push('x')).toThrow(TypeError);
  });

  it('reads the store again after the memory age, and the vendor after the TTL of the kind', async () => {
    const reads = shared({ maxAgeMs: 1_000 });
    await reads.loadMany(read, ['1']);
    now += 1_000;
    const before = map.reads;
    await reads.loadMany(read, ['1']);
    expect(map.reads).toBeGreaterThan(before); // from the store, still fresh
    expect(fetches).toHaveLength(1);
    now += CACHE_TTL_MS['lendingCrm.client'];
    await reads.loadMany(read, ['1']);
    expect(fetches).toHaveLength(2);
  });

  it('never serves from memory past the TTL of the kind, however long the memory age', async () => {
    const reads = shared({ maxAgeMs: 10 * CACHE_TTL_MS['lendingCrm.client'] });
    await reads.loadMany(read, ['1']);
    now += CACHE_TTL_MS['lendingCrm.client'];
    await reads.loadMany(read, ['1']);
    expect(fetches).toHaveLength(2);
  });

  it('drops an invalidated entry from memory and store, so the next read asks the vendor', async () => {
    const reads = shared();
    await reads.loadMany(read, ['1']);
    await reads.invalidate(read, ['1']);
    await reads.loadMany(read, ['1']);
    expect(fetches).toEqual([['1'], ['1']]);
  });

  it('shares entries through the store between two processes (replicas) within the memory age', async () => {
    const first = shared();
    const second = shared();
    await first.loadMany(read, ['1']);
    await second.loadMany(read, ['1']);
    expect(fetches).toHaveLength(1);
  });

  it('still serves a stale value from the store when the vendor fails past the TTL', async () => {
    const reads = shared();
    await reads.loadMany(read, ['1']);
    now += CACHE_TTL_MS['lendingCrm.client'] + 1;
    failing = true;
    const [value] = await reads.loadMany(read, ['1']);
    expect(value).toEqual({ id: '1', names: ['n1'] });
  });

  it('forgets what it holds in memory when the store is cleared', async () => {
    const reads = shared();
    await reads.loadMany(read, ['1']);
    await store.clear();
    await reads.loadMany(read, ['1']);
    expect(fetches).toHaveLength(2);
  });

  it('keeps at most its entry bound in memory (the store still has the rest)', async () => {
    const reads = shared({ maxEntries: 1 });
    await reads.loadMany(read, ['1', '2']);
    const before = map.reads;
    await reads.loadMany(read, ['1', '2']);
    expect(map.reads).toBe(before + 1);
    expect(fetches).toHaveLength(1);
  });
});
