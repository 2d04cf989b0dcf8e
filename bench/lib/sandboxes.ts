import path from 'node:path';
import { NO_FAULTS } from '../../simulators/kit/faults';
import type { FaultUpdate } from '../../simulators/kit/faults';
import { BENCH_VENDORS, perVendor } from './vendors';
import type { BenchVendor, PerVendor } from './vendors';
import { baseEnv, startChild } from './processes';
import type { Child } from './processes';

/** One entry of a sandbox's request log (`GET /__admin/requests`); `time` is the arrival (ISO). */
export interface LoggedCall {
  method: string;
  path: string;
  query: string;
  endpoint: string;
  status: number | null;
  time: string;
  durationMs: number | null;
}

/** A sandbox's counters since its last reset (`GET /__admin/calls`). */
export interface CallCounts {
  total: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
}

/** Delay of every vendor answer, in ms: `latencyMs` plus up to `jitterMs`, uniform. */
export interface Latency {
  latencyMs: number;
  jitterMs: number;
}

export interface RunningSandboxes {
  child: Child;
  urls: PerVendor<string>;
  admin: SandboxAdmin;
}

/**
 * The five vendor sandboxes in a child process of their own (`simulators/main.ts`, free ports),
 * so their simulated latency and work never share an event loop with the gateway or the load
 * generator. `size` is the synthetic population (the gateway's default is 1,000).
 */
export async function startSandboxProcess(
  logDir: string,
  size: number,
  seed: string,
): Promise<RunningSandboxes> {
  const ports = Object.fromEntries(BENCH_VENDORS.map((v) => [`${v.envPrefix}_SANDBOX_PORT`, '0']));
  const child = await startChild({
    name: 'sandboxes',
    args: ['--import', 'tsx', 'simulators/main.ts'],
    env: {
      ...baseEnv(),
      ...ports,
      SANDBOX_POPULATION: String(size),
      SANDBOX_SEED: seed,
      SANDBOX_HOST: '127.0.0.1',
    },
    logFile: path.join(logDir, 'sandboxes.log'),
    ready: /Ctrl-C stops/,
  });
  const log = child.match.input ?? '';
  const urls = perVendor((vendor) => {
    const line = log.split('\n').find((l) => l.trimStart().startsWith(`${vendor.name} `));
    const url = line?.match(/http:\/\/[\d.]+:\d+/)?.[0];
    if (!url) throw new Error(`the ${vendor.name} sandbox printed no URL`);
    return url;
  });
  return { child, urls, admin: new SandboxAdmin(urls) };
}

/** The admin API of the five sandboxes (never counted, faulted or rate-limited by them). */
export class SandboxAdmin {
  private latency: Latency = { latencyMs: 0, jitterMs: 0 };

  constructor(readonly urls: PerVendor<string>) {}

  private async call(vendor: BenchVendor, method: string, route: string, body?: unknown) {
    const response = await fetch(`${this.urls[vendor.sandbox]}/__admin/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${vendor.name} sandbox: ${method} /__admin/${route} -> ${response.status}`);
    const text = await response.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  }

  private async each<T>(run: (vendor: BenchVendor) => Promise<T>): Promise<PerVendor<T>> {
    const values = await Promise.all(BENCH_VENDORS.map(run));
    return perVendor((vendor) => values[BENCH_VENDORS.indexOf(vendor)] as T);
  }

  /** Sets the latency of every vendor answer (kept across `reset`). */
  async setLatency(latency: Latency): Promise<void> {
    this.latency = latency;
    await this.each((vendor) => this.call(vendor, 'POST', 'faults', latency));
  }

  /**
   * Clears counters, request logs and rate-limit windows of every sandbox. The sandboxes clear
   * their faults too, so the latency is set again at once.
   */
  async reset(): Promise<void> {
    await this.each((vendor) => this.call(vendor, 'POST', 'reset'));
    await this.setLatency(this.latency);
  }

  /** Sets some fault settings of one sandbox (`POST /__admin/faults`; settings not named stay). */
  async setFaults(vendor: BenchVendor, update: FaultUpdate): Promise<void> {
    await this.call(vendor, 'POST', 'faults', update);
  }

  /** Clears every fault of one sandbox in one call, keeping the latency set with `setLatency`. */
  async clearFaults(vendor: BenchVendor): Promise<void> {
    await this.call(vendor, 'POST', 'faults', { ...NO_FAULTS, ...this.latency });
  }

  /** Any admin read of one sandbox, e.g. `leads?email=...` (`GET /__admin/<route>`). */
  async get<T>(vendor: BenchVendor, route: string): Promise<T> {
    return (await this.call(vendor, 'GET', route)) as T;
  }

  /** Sets (or with null removes) a sandbox's own call limit. */
  async setRateLimit(
    vendor: BenchVendor,
    rule: { limit: number; windowMs: number } | null,
  ): Promise<void> {
    await this.call(vendor, 'PUT', 'rate-limit', rule ?? { limit: null });
  }

  /** Removes every sandbox's own call limit (AgencyZoom has one by default). */
  async removeRateLimits(): Promise<void> {
    await this.each((vendor) => this.setRateLimit(vendor, null));
  }

  async counts(): Promise<PerVendor<CallCounts>> {
    return this.each(async (vendor) => (await this.call(vendor, 'GET', 'calls')) as CallCounts);
  }

  /** The request log of every sandbox (the last 10,000 calls each). */
  async requests(): Promise<PerVendor<LoggedCall[]>> {
    return this.each(async (vendor) => {
      const body = (await this.call(vendor, 'GET', 'requests')) as
        LoggedCall[] | { requests: LoggedCall[] };
      return Array.isArray(body) ? body : body.requests;
    });
  }
}

/**
 * Whether a logged call is the gateway's background Apiture index (an incremental sweep lists
 * applications changed since the previous sweep, `filter=ge(updatedAt,...)`), not a call made for
 * a client's request. Measurements leave these out.
 */
export function isIndexerCall(call: LoggedCall): boolean {
  return (
    call.endpoint === 'GET /accountApplications/applications' &&
    decodeURIComponent(call.query.replace(/\+/g, ' ')).includes('ge(updatedAt')
  );
}

/** Calls per vendor in request logs, without the background index. */
export function countCalls(logs: PerVendor<LoggedCall[]>): PerVendor {
  return perVendor((vendor) => logs[vendor.sandbox].filter((call) => !isIndexerCall(call)).length);
}
