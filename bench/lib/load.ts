import autocannon from 'autocannon';
import type { AutocannonResult } from 'autocannon';
import { tick, ticker } from './progress';

export interface LoadOptions {
  /** Progress scope and label, e.g. `S3` and `gateway concurrency 32`. */
  scope: string;
  label: string;
  /** The GraphQL endpoint. */
  url: string;
  /** The JSON request body. */
  body: string;
  connections: number;
  /** Run for this long, in s... */
  durationS?: number;
  /** ...or until this many requests have completed, but never past `maxDurationS`. */
  amount?: number;
  maxDurationS?: number;
}

export interface LoadResult {
  /** Completed requests per second over the run. */
  rps: number;
  /** Latency percentiles, in ms. */
  p50Ms: number;
  p99Ms: number;
  /** Completed requests. */
  requests: number;
  /** Requests that got no 2xx, failed to connect or timed out. */
  non2xx: number;
  errors: number;
  timeouts: number;
  /** How long the run took, in s. */
  durationS: number;
  /** True when `amount` was not reached before `maxDurationS`. */
  cappedByTime: boolean;
}

/** Seconds one request may take before autocannon counts a timeout. */
const REQUEST_TIMEOUT_S = 30;

/**
 * One autocannon run (in this process: the gateway and the bare server are children, so the
 * load generator never shares their event loop). Progress is reported once a second.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  let completed = 0;
  let cappedByTime = false;
  const target = options.amount
    ? `${options.amount.toLocaleString('en-US')} requests`
    : `${options.durationS ?? 0} s`;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: options.body,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationS }),
        timeout: REQUEST_TIMEOUT_S,
      },
      (error: Error | null, result: AutocannonResult) => {
        stop();
        if (error) {
          reject(error);
          return;
        }
        const durationS = (performance.now() - started) / 1000;
        const requests = result.requests.total;
        resolve({
          rps: requests / durationS,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          requests,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          durationS,
          cappedByTime,
        });
      },
    );
    instance.on('response', () => {
      completed += 1;
    });
    const stop = ticker(1000, (elapsedS) => {
      const done = options.amount
        ? `${completed.toLocaleString('en-US')} / ${target}`
        : `${elapsedS.toFixed(1)} s / ${target}`;
      tick(options.scope, `${options.label}: ${done}`);
      if (options.maxDurationS !== undefined && elapsedS > options.maxDurationS && !cappedByTime) {
        cappedByTime = true;
        instance.stop();
      }
    });
  });
}
