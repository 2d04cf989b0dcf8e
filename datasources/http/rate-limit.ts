import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { VendorId } from '../../src/domain/vendor';
import type { CallContext } from './context';
import { vendorErrors } from './errors';

/** Calls allowed per window. */
export interface RateRule {
  limit: number;
  /** Window length in ms. */
  windowMs: number;
}

/** The rule in force at a time (AgencyZoom's limit changes at night). */
export type RatePolicy = (nowMs: number) => RateRule;

/**
 * Makes the store-backed counter for one rule. Memory by default; a Redis-backed limiter of
 * rate-limiter-flexible plugs in here so replicas share one budget.
 */
export type LimiterFactory = (options: {
  points: number;
  durationS: number;
  keyPrefix: string;
}) => RateLimiterAbstract;

export const memoryLimiterFactory: LimiterFactory = ({ points, durationS, keyPrefix }) =>
  new RateLimiterMemory({ points, duration: durationS, keyPrefix });

export interface VendorRateLimiterOptions {
  vendor: VendorId;
  /** Identifies the credential the budget belongs to; hashed before use, never stored or logged. */
  credential: string;
  policy: RatePolicy;
  factory?: LimiterFactory;
  clock?: () => number;
  /** Told how long each granted call waited in the queue, in ms (metrics). */
  onWait?: (waitMs: number) => void;
  /**
   * Share (0 to 1] of each window's budget one caller (`CallContext.caller`) may spend, so one
   * client cannot starve the others; 1 (default) is no per-caller limit. Calls without a caller
   * (background work) are not limited by it.
   */
  fairShare?: number;
}

/** How close to a window's end a call also counts against the next window, in ms (at most a tenth of the window). */
const STRADDLE_GUARD_MS = 1_000;

/**
 * Least time a call that had to wait for budget needs left of its deadline when its turn comes,
 * in ms. With less, sending it would spend the rest of the caller's deadline and end in
 * VENDOR_TIMEOUT, although the budget is what held it up: it is refused with VENDOR_RATE_LIMITED
 * and `retryAfterMs` instead, as soon as that is known. A constant for every vendor (about a slow
 * vendor answer); a per-vendor setting fed by observed latencies would fit better.
 */
export const MIN_CALL_TIME_MS = 500;

interface Waiter {
  ctx: CallContext;
  /** When the caller joined the queue (wall clock, ms). */
  since: number;
  /** Whether it has had to wait for budget (a full window, or a vendor's 429 pause). */
  waited: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The call budget of one vendor credential. Windows are aligned to multiples of the window length
 * (calendar minutes), as vendors count them, so the budget of any vendor minute is never
 * exceeded. Callers queue in arrival order and wait for the next window up to their deadline;
 * one that cannot be served in time is refused at once with `VENDOR_RATE_LIMITED` and
 * `retryAfterMs`.
 */
export class VendorRateLimiter {
  readonly vendor: VendorId;
  private readonly key: string;
  private readonly factory: LimiterFactory;
  private readonly clock: () => number;
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly queue: Waiter[] = [];
  private pumping = false;
  /** Set when the vendor itself answered 429: no call before this time (ms since the epoch). */
  private pausedUntil = 0;
  /** Set when the store refused a call: the current window is spent until this time. */
  private fullUntil = 0;

  constructor(private readonly options: VendorRateLimiterOptions) {
    this.vendor = options.vendor;
    this.key = createHash('sha256')
      .update(`${options.vendor}:${options.credential}`)
      .digest('base64url')
      .slice(0, 16);
    this.factory = options.factory ?? memoryLimiterFactory;
    this.clock = options.clock ?? Date.now;
  }

  /** Resolves when one call may be made now; rejects when the caller's deadline comes first. */
  take(ctx: CallContext): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const estimate = this.earliestStart(this.queue.length);
      if (this.misses(estimate, ctx)) {
        reject(vendorErrors.rateLimited(this.vendor, Math.max(estimate - this.clock(), 1)));
        return;
      }
      const left = ctx.deadline - Date.now();
      const waiter: Waiter = {
        ctx,
        since: Date.now(),
        waited: estimate > this.clock(),
        resolve,
        reject,
        // Given up when too little of the deadline is left to make the call (see MIN_CALL_TIME_MS).
        timer: setTimeout(
          () => {
            const index = this.queue.indexOf(waiter);
            if (index >= 0) this.queue.splice(index, 1);
            reject(
              vendorErrors.rateLimited(
                this.vendor,
                Math.max(this.earliestStart(0) - this.clock(), 1),
              ),
            );
          },
          Math.min(
            Math.max(left > MIN_CALL_TIME_MS ? left - MIN_CALL_TIME_MS : left, 0),
            ctx.maxWaitMs ?? Infinity,
          ),
        ),
      };
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** The vendor answered 429 with `Retry-After`: make no call from this process before then. */
  pause(retryAfterMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + retryAfterMs);
  }

  /** Calls left in the current window, or null when the store cannot tell. */
  async remaining(): Promise<number | null> {
    const { limiter, key, rule } = this.current();
    try {
      const res = await limiter.get(key);
      return Math.max(rule.limit - (res?.consumedPoints ?? 0), 0);
    } catch {
      return null;
    }
  }

  private waited = { totalMs: 0, calls: 0 };

  private recordWait(ms: number): void {
    this.waited.totalMs += ms;
    this.waited.calls += 1;
    this.options.onWait?.(ms);
  }

  /** Average time granted calls waited in the queue since start, in ms (null before any call). */
  averageWaitMs(): number | null {
    return this.waited.calls === 0 ? null : this.waited.totalMs / this.waited.calls;
  }

  /** The rule in force now. */
  rule(): RateRule {
    return this.options.policy(this.clock());
  }

  private current(now = this.clock()): {
    limiter: RateLimiterAbstract;
    key: string;
    rule: RateRule;
    windowEnd: number;
  } {
    const rule = this.options.policy(now);
    const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
    const id = `${rule.limit}/${rule.windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      // Outlive the window by a second so a key never expires while its window is still open.
      limiter = this.factory({
        points: rule.limit,
        durationS: Math.ceil(rule.windowMs / 1000) + 1,
        keyPrefix: `vendor-budget:${this.vendor}:${id}`,
      });
      this.limiters.set(id, limiter);
    }
    return {
      limiter,
      key: `${this.key}:${windowStart}`,
      rule,
      windowEnd: windowStart + rule.windowMs,
    };
  }

  /** Rough earliest start of the caller at queue position `position`. */
  private earliestStart(position: number): number {
    const now = this.clock();
    const { rule, windowEnd } = this.current(now);
    const start = Math.max(now, this.pausedUntil);
    const full = now < this.fullUntil;
    if (!full && position < rule.limit) return start;
    return Math.max(start, windowEnd) + Math.floor(position / rule.limit) * rule.windowMs;
  }

  /**
   * Whether a start at `at` (on the limiter's clock, which tests may move) leaves the caller too
   * little of its deadline (on the wall clock): the wait is compared, not the two times. A call
   * that must wait needs `MIN_CALL_TIME_MS` left after the wait; one that need not wait is let
   * through while any time is left (its own timeout then tells the truth).
   */
  private misses(at: number, ctx: CallContext): boolean {
    const waitMs = at - this.clock();
    if (waitMs <= 0) return Date.now() > ctx.deadline;
    if (ctx.maxWaitMs !== undefined && waitMs > ctx.maxWaitMs) return true;
    return Date.now() + waitMs + MIN_CALL_TIME_MS > ctx.deadline;
  }

  /** Refuses now every waiter whose turn comes after its deadline, instead of at its deadline. */
  private refuseHopeless(): void {
    for (let position = this.queue.length - 1; position >= 0; position--) {
      const waiter = this.queue[position];
      const eta = this.earliestStart(position);
      if (this.misses(eta, waiter.ctx)) {
        this.queue.splice(position, 1);
        clearTimeout(waiter.timer);
        waiter.reject(vendorErrors.rateLimited(this.vendor, Math.max(eta - this.clock(), 1)));
      }
    }
  }

  /** Takes one call of the caller's share of the current window; true without a caller or share. */
  private async withinShare(ctx: CallContext, now: number): Promise<boolean> {
    const share = this.options.fairShare ?? 1;
    if (!ctx.caller || share >= 1) return true;
    const rule = this.options.policy(now);
    const points = Math.max(1, Math.floor(rule.limit * share));
    const id = `share/${points}/${rule.windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.factory({
        points,
        durationS: Math.ceil(rule.windowMs / 1000) + 1,
        keyPrefix: `vendor-share:${this.vendor}:${id}`,
      });
      this.limiters.set(id, limiter);
    }
    const caller = createHash('sha256').update(ctx.caller).digest('base64url').slice(0, 16);
    const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
    try {
      await limiter.consume(`${this.key}:${caller}:${windowStart}`, 1);
      return true;
    } catch (error) {
      return !(error instanceof RateLimiterRes);
    }
  }

  /**
   * Takes one call from the current window. A call sent in the window's last moments may reach
   * the vendor in the next window (transit, clock skew), so near the end it also takes one from
   * the next window, and is granted only when both have room: no vendor window ever sees more
   * than the limit. A store failure grants the call (the vendor's own 429 stays the backstop).
   */
  private async grant(now: number): Promise<{ granted: boolean; windowEnd: number }> {
    const { limiter, key, rule, windowEnd } = this.current(now);
    const take = async (k: string): Promise<boolean> => {
      try {
        await limiter.consume(k, 1);
        return true;
      } catch (error) {
        return !(error instanceof RateLimiterRes);
      }
    };
    if (!(await take(key))) return { granted: false, windowEnd };
    const guardMs = Math.min(STRADDLE_GUARD_MS, rule.windowMs / 10);
    if (windowEnd - now > guardMs) return { granted: true, windowEnd };
    if (await take(`${this.key}:${windowEnd}`)) return { granted: true, windowEnd };
    await limiter.reward(key, 1).catch(() => undefined);
    return { granted: false, windowEnd };
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock();
        if (now < this.pausedUntil) {
          for (const queued of this.queue) queued.waited = true;
          await sleep(this.pausedUntil - now, undefined, { ref: false });
          continue;
        }
        const { granted, windowEnd } = await this.grant(now);
        const waiter = this.queue.shift();
        if (!waiter) continue;
        if (granted && !(await this.withinShare(waiter.ctx, now))) {
          // The vendor had room but this caller has had its share: give the call back.
          await this.current(now)
            .limiter.reward(this.current(now).key, 1)
            .catch(() => undefined);
          clearTimeout(waiter.timer);
          waiter.reject(
            vendorErrors.rateLimited(this.vendor, Math.max(windowEnd - now, 1), undefined, 'share'),
          );
          continue;
        }
        if (granted && waiter.waited && waiter.ctx.deadline - Date.now() < MIN_CALL_TIME_MS) {
          // Its turn came too late to make the call in time: give the budget back, refuse it.
          await this.current(now)
            .limiter.reward(this.current(now).key, 1)
            .catch(() => undefined);
          clearTimeout(waiter.timer);
          waiter.reject(
            vendorErrors.rateLimited(this.vendor, Math.max(this.earliestStart(0) - now, 1)),
          );
          continue;
        }
        if (granted) {
          clearTimeout(waiter.timer);
          this.recordWait(Date.now() - waiter.since);
          waiter.resolve();
          continue;
        }
        this.queue.unshift(waiter);
        for (const queued of this.queue) queued.waited = true;
        this.fullUntil = windowEnd;
        this.refuseHopeless();
        // Small jitter so replicas sharing a store do not all retry on the same millisecond.
        await sleep(
          Math.max(windowEnd - this.clock(), 0) + Math.floor(Math.random() * 25),
          undefined,
          { ref: false },
        );
      }
    } finally {
      this.pumping = false;
    }
  }
}
