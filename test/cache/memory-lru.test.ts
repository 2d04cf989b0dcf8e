import { MemoryLru, approximateBytes, deepFreeze } from '../../src/cache/memory-lru';

describe('MemoryLru', () => {
  let now = 1_000;
  const lru = (maxEntries = 3, maxBytes = 1_000) =>
    new MemoryLru<string>({ maxEntries, maxBytes, clock: () => now });

  it('returns a value until its TTL ends, then forgets it', () => {
    const cache = lru();
    cache.set('a', 'A', 100, 1);
    now += 99;
    expect(cache.get('a')).toBe('A');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.totalBytes).toBe(0);
  });

  it('keeps nothing for a TTL of zero or less, and drops the previous value', () => {
    const cache = lru();
    cache.set('a', 'A', 100, 1);
    cache.set('a', 'B', 0, 1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry past the entry bound', () => {
    const cache = lru(2);
    cache.set('a', 'A', 1_000, 1);
    cache.set('b', 'B', 1_000, 1);
    expect(cache.get('a')).toBe('A'); // b is now the least recently used
    cache.set('c', 'C', 1_000, 1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('evicts past the byte bound and never keeps a value larger than the whole budget', () => {
    const cache = lru(100, 10);
    cache.set('a', 'A', 1_000, 4);
    cache.set('b', 'B', 1_000, 4);
    cache.set('c', 'C', 1_000, 4);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.totalBytes).toBe(8);
    cache.set('huge', 'H', 1_000, 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.totalBytes).toBe(8);
  });

  it('counts bytes back on delete, replace and clear', () => {
    const cache = lru(10, 100);
    cache.set('a', 'A', 1_000, 5);
    cache.set('a', 'A2', 1_000, 7);
    expect(cache.totalBytes).toBe(7);
    cache.delete('a');
    expect(cache.totalBytes).toBe(0);
    cache.set('b', 'B', 1_000, 3);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.totalBytes).toBe(0);
  });
});

describe('deepFreeze and approximateBytes', () => {
  it('freezes nested objects and arrays so shared values cannot be changed', () => {
    const value = deepFreeze({ list: [{ name: 'x' }], nested: { n: 1 } });
    expect(Object.isFrozen(value.list[0])).toBe(true);
    expect(() => {
      (value.list as unknown[]).push(1);
    }).toThrow(TypeError);
  });

  it('estimates twice the JSON length', () => {
    expect(approximateBytes({ a: 'bc' })).toBe(2 * '{"a":"bc"}'.length);
    expect(approximateBytes(undefined)).toBe(0);
  });
});
