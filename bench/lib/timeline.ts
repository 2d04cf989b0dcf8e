import type { LoggedCall } from './sandboxes';
import { isIndexerCall } from './sandboxes';
import { BENCH_VENDORS } from './vendors';
import type { PerVendor } from './vendors';

/** One vendor call placed on the client's clock: ms after the client sent its request. */
export interface TimedCall {
  vendor: string;
  endpoint: string;
  status: number | null;
  startMs: number;
  endMs: number;
}

export interface Timeline {
  calls: TimedCall[];
  /** When the first vendor call arrived, ms after the request was sent. */
  firstCallMs: number;
  /** When the last vendor call was answered. */
  lastCallEndMs: number;
  /**
   * The request's critical path, walked back from the last vendor answer: before each call, the
   * call answered last before it was sent (what it most likely waited for). The gaps between
   * them are the gateway's own time on the path.
   */
  criticalPath: TimedCall[];
  /** Time on the critical path with no vendor call in flight: before, between and after. */
  gatewayMsOnPath: number;
}

/**
 * Places the calls of the sandboxes' request logs on the client's timeline (one machine, one
 * clock) and finds the critical path. `sentAt` is `Date.now()` when the
 * client sent the request. The background Apiture index is left out.
 */
export function timelineOf(logs: PerVendor<LoggedCall[]>, sentAt: number): Timeline {
  const calls: TimedCall[] = BENCH_VENDORS.flatMap((vendor) =>
    logs[vendor.sandbox]
      .filter((call) => !isIndexerCall(call))
      .map((call) => {
        const startMs = Date.parse(call.time) - sentAt;
        return {
          vendor: vendor.name,
          endpoint: call.endpoint,
          status: call.status,
          startMs,
          endMs: startMs + (call.durationMs ?? 0),
        };
      }),
  ).sort((a, b) => a.startMs - b.startMs);

  // Walk back from the last answer: each call waited on the call answered last before it left.
  const criticalPath: TimedCall[] = [];
  let current = calls.reduce<TimedCall | undefined>(
    (latest, call) => (!latest || call.endMs > latest.endMs ? call : latest),
    undefined,
  );
  while (current) {
    criticalPath.unshift(current);
    const startMs = current.startMs;
    current = calls.reduce<TimedCall | undefined>(
      (latest, call) =>
        call.endMs <= startMs + 1 && (!latest || call.endMs > latest.endMs) ? call : latest,
      undefined,
    );
  }

  return {
    calls,
    firstCallMs: calls.length > 0 ? Math.min(...calls.map((c) => c.startMs)) : 0,
    lastCallEndMs: calls.length > 0 ? Math.max(...calls.map((c) => c.endMs)) : 0,
    criticalPath,
    gatewayMsOnPath: criticalPath.reduce(
      (sum, call, i) => sum + Math.max(call.startMs - (criticalPath[i - 1]?.endMs ?? 0), 0),
      0,
    ),
  };
}
