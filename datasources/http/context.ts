import type { RequestLogger } from '../../src/logger';

/**
 * What a vendor call knows about its caller. Every client method takes one, so each call is bound
 * by the GraphQL request's overall deadline, however many retries or queue waits it meets.
 */
export interface CallContext {
  /** Time (ms since the epoch) by which the caller needs the answer. */
  deadline: number;
  /** Aborts the call when the caller goes away. */
  signal?: AbortSignal;
  /** Request-scoped logger; defaults to the client's own. */
  logger?: RequestLogger;
  /** Identity of the API caller, for per-caller fair share of vendor budgets. */
  caller?: string;
  /**
   * Per-attempt timeout in ms instead of the client's own (still cut by `deadline`): writes whose
   * outcome matters more than their speed wait longer, since giving up on one that reached the
   * vendor leaves its outcome unknown.
   */
  attemptTimeoutMs?: number;
  /**
   * The longest the call may wait, in ms, for the vendor's budget or for a `Retry-After` before it
   * gives up as not sent (a rate-limit error): for callers with somewhere better to wait, such as
   * a lead write that can be kept and delivered later. Default: up to the deadline.
   */
  maxWaitMs?: number;
}

/** A context for work no client waits on (index refreshes, deliveries), with its own deadline. */
export function backgroundContext(timeoutMs = 30_000): CallContext {
  return { deadline: Date.now() + timeoutMs };
}

/** ms left before the deadline (may be negative). */
export function remainingMs(ctx: CallContext, now = Date.now()): number {
  return ctx.deadline - now;
}
