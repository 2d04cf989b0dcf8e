/**
 * A bounded, in-process least-recently-used map with a time to live per entry: the memory tier in
 * front of the shared stores (SQLite now, Redis when scaled out), so a warm read costs a `Map`
 * lookup instead of a store round trip and a deserialisation.
 *
 * Bounds: at most `maxEntries` entries and `maxBytes` bytes, the size of each entry given by the
 * caller (an estimate; see `approximateBytes`). Inserting past a bound evicts the least recently
 * used entries first. An entry past its `expiresAt` is never returned and is dropped when met.
 *
 * Plain `Map` iteration order is insertion order, so re-inserting an entry on each hit keeps the
 * least recently used one first. (`lru-cache` does the same with more features, but is only a
 * transitive dependency here.)
 */
export interface MemoryLruOptions {
  maxEntries: number;
  /** Total of the entries' sizes, in bytes (as estimated by the caller). */
  maxBytes: number;
  /** ms since the epoch; tests move it. */
  clock?: () => number;
}

interface Slot<V> {
  value: V;
  /** ms since the epoch after which the entry is gone. */
  expiresAt: number;
  bytes: number;
}

export class MemoryLru<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private bytes = 0;
  private readonly clock: () => number;

  constructor(private readonly options: MemoryLruOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** The live value under `key` (and marks it used), or undefined. */
  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (this.clock() >= slot.expiresAt) {
      this.remove(key, slot);
      return undefined;
    }
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /**
   * Keeps `value` for `ttlMs` (nothing is kept for a TTL of 0 or less, or for a value larger than
   * the whole budget: the previous value under `key` is dropped either way).
   */
  set(key: string, value: V, ttlMs: number, bytes: number): void {
    this.delete(key);
    if (!(ttlMs > 0) || bytes > this.options.maxBytes || this.options.maxEntries < 1) return;
    this.slots.set(key, { value, expiresAt: this.clock() + ttlMs, bytes });
    this.bytes += bytes;
    for (const [oldest, slot] of this.slots) {
      if (this.slots.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.remove(oldest, slot);
    }
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot) this.remove(key, slot);
  }

  clear(): void {
    this.slots.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.slots.size;
  }

  /** Sum of the sizes of the entries held, in bytes. */
  get totalBytes(): number {
    return this.bytes;
  }

  private remove(key: string, slot: Slot<V>): void {
    this.slots.delete(key);
    this.bytes -= slot.bytes;
  }
}

/**
 * A rough size of a JSON-like value in memory, in bytes: twice its JSON length (strings are
 * UTF-16 in V8; object overhead is about what the quotes, colons and commas count for). Costs a
 * `JSON.stringify`, so it is meant for inserts, which follow a store read or a vendor call.
 */
export function approximateBytes(value: unknown): number {
  return 2 * (JSON.stringify(value)?.length ?? 0);
}

/**
 * Freezes a value and everything it holds, so a value shared by every request from the memory
 * tier cannot be changed by one of them (a mutation throws in strict code instead of leaking
 * into other answers). Returns the value.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value as object)) deepFreeze(child);
  return value;
}
