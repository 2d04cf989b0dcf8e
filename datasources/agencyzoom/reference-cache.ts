import type { CallContext } from '../http';

/**
 * One reference list (carriers, product lines, ...) kept in process for `ttlMs`. Loads are
 * single-flight: concurrent callers on a cold or stale cache share one vendor call, made with the
 * first caller's context. A failed load is not kept; the next caller tries again.
 */
export class ReferenceCache<T> {
  private entry: { value: T; expiresAtMs: number } | null = null;
  private pending: Promise<T> | null = null;

  constructor(
    private readonly load: (ctx: CallContext) => Promise<T>,
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  get(ctx: CallContext): Promise<T> {
    if (this.entry && this.clock() < this.entry.expiresAtMs)
      return Promise.resolve(this.entry.value);
    this.pending ??= this.load(ctx)
      .then((value) => {
        this.entry = { value, expiresAtMs: this.clock() + this.ttlMs };
        return value;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
