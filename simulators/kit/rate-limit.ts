/**
 * Fixed-window call limiter of a sandbox, as vendors usually implement it: windows are aligned to
 * multiples of `windowMs` since the epoch (calendar minutes for a 60 s window), and every call
 * counts, including logins and calls that were refused.
 */
export interface RateLimitRule {
  /** Calls allowed per window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
}

/** The rule in force at a given time (AgencyZoom's limit changes at night); null means no limit. */
export type RateLimitPolicy = (nowMs: number) => RateLimitRule | null;

export interface RateLimitDecision {
  allowed: boolean;
  rule: RateLimitRule;
  /** Calls counted in the current window, this one included. */
  used: number;
  /** ms until the current window ends. */
  resetInMs: number;
}

export class FixedWindowLimiter {
  private windowStart = -1;
  private used = 0;

  constructor(private policy: RateLimitPolicy | null) {}

  setPolicy(policy: RateLimitPolicy | null): void {
    this.policy = policy;
    this.reset();
  }

  reset(): void {
    this.windowStart = -1;
    this.used = 0;
  }

  /** Counts one call at `nowMs`; null when no limit is configured. */
  take(nowMs: number): RateLimitDecision | null {
    const rule = this.policy?.(nowMs) ?? null;
    if (!rule) return null;
    const start = Math.floor(nowMs / rule.windowMs) * rule.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    this.used += 1;
    return {
      allowed: this.used <= rule.limit,
      rule,
      used: this.used,
      resetInMs: start + rule.windowMs - nowMs,
    };
  }
}

/** A policy with one rule at every hour. */
export function constantPolicy(rule: RateLimitRule): RateLimitPolicy {
  return () => rule;
}

/** The hour (0-23) at `nowMs` in an IANA time zone, DST included. */
export function hourIn(timeZone: string, nowMs: number): number {
  const text = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    hourCycle: 'h23',
  }).format(new Date(nowMs));
  return Number.parseInt(text, 10);
}
