import { setTimeout as sleep } from 'node:timers/promises';
import { SharedReads } from '../../src/cache/shared-reads';
import type { CachedRead } from '../../src/cache/shared-reads';
import type { VendorId } from '../../src/domain/vendor';
import { createLogger } from '../../src/logger';
import { RedisLink, redisFleetClaims, redisKeyv } from '../../src/shared/redis';
import { startRedis } from '../helpers/redis';
import type { TestRedis } from '../helpers/redis';

/**
 * Two replicas' shared caches on one redis-server: concurrent misses of one AgencyZoom key make
 * one vendor call between them; other vendors are not held up by claims.
 */

const logger = createLogger({ level: 'silent' });

describe('coalescing across replicas', () => {
  let redis: TestRedis;
  const links: RedisLink[] = [];

  const replica = async () => {
    const link = new RedisLink(redis.url, logger);
    link.start();
    expect(await link.waitReady(5_000)).toBe(true);
    links.push(link);
    return new SharedReads({
      store: redisKeyv(link, 'cache', false),
      viewOf: () => 'sandbox',
      logger,
      staleMaxMs: 60_000,
      fleet: { claims: redisFleetClaims(link), vendors: new Set(['AGENCYZOOM']), waitMs: 1_000 },
    });
  };

  /** A vendor read that takes 150 ms and counts its calls. */
  const counted = (vendor: VendorId, fail = false) => {
    const read = {
      calls: 0,
      kind: vendor === 'AGENCYZOOM' ? 'agencyZoom.customer' : 'lendingCrm.client',
      vendor,
      fetch: async (keys: string[]) => {
        read.calls += 1;
        await sleep(150);
        if (fail) throw new Error('vendor down');
        return new Map(keys.map((key) => [key, { id: key, name: `customer ${key}` }]));
      },
    };
    return read as CachedRead<{ id: string; name: string }> & { calls: number };
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(links.map((link) => link.close()));
    await redis.stop();
  });

  it('makes one AgencyZoom call for a key two replicas miss at once', async () => {
    const [a, b] = [await replica(), await replica()];
    const read = counted('AGENCYZOOM');
    const [fromA, fromB] = await Promise.all([
      a.loadMany(read, ['8101']),
      b.loadMany(read, ['8101']),
    ]);
    expect(read.calls).toBe(1);
    expect(fromA).toEqual([{ id: '8101', name: 'customer 8101' }]);
    expect(fromB).toEqual(fromA);
    expect(a.stats('AGENCYZOOM').coalescedReads + b.stats('AGENCYZOOM').coalescedReads).toBe(1);
  });

  it('leaves other vendors to each replica', async () => {
    const [a, b] = [await replica(), await replica()];
    const read = counted('LENDING_CRM');
    await Promise.all([a.loadMany(read, ['c-1']), b.loadMany(read, ['c-1'])]);
    expect(read.calls).toBe(2);
  });

  it('fetches for itself when the replica it waited on failed', async () => {
    const [a, b] = [await replica(), await replica()];
    const failing = counted('AGENCYZOOM', true);
    const working = counted('AGENCYZOOM');
    const first = a.loadMany(failing, ['8102']);
    await sleep(20);
    const second = b.loadMany(working, ['8102']);
    expect((await first)[0]).toBeInstanceOf(Error);
    expect(await second).toEqual([{ id: '8102', name: 'customer 8102' }]);
    expect([failing.calls, working.calls]).toEqual([1, 1]);
  });
});
