import { setTimeout as sleep } from 'node:timers/promises';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { DEFAULT_QUERY } from '../../src/graphiql';
import type { BenchContext } from '../lib/context';
import { graphqlOutcomes, metricValue, startGateway } from '../lib/gateway';
import type { GatewayProcess } from '../lib/gateway';
import { runLoad } from '../lib/load';
import { log, tick } from '../lib/progress';
import { round } from '../lib/stats';

/**
 * S5, resident memory of a gateway process (`process_resident_memory_bytes` on `/metrics`):
 * at start (before any GraphQL request), after the warm query of S3 has been sent 100,000 times
 * (`--quick`: 20,000) by autocannon, and after forced collections. The gateway runs with
 * `--expose-gc` and the preload `gc-on-signal.ts`, which collects on SIGUSR2. The load stops at
 * `s5MaxDurationS` even if the count is not reached; the report says so.
 */

/** Collections forced after the load, and the pause after each (finalizers, freed pages), in ms. */
const COLLECTIONS = 2;
const SETTLE_MS = 1_000;

export interface S5Result {
  rssStartMb: number;
  /** After the first (warming) request. */
  rssWarmMb: number;
  rssAfterLoadMb: number;
  /** After the load and forced collections: what the growth target compares with the start. */
  rssAfterMb: number;
  /** (rssAfterMb - rssStartMb) / rssStartMb. */
  growth: number;
  heapUsedAfterMb: number | null;
  requestsPlanned: number;
  requests: number;
  durationS: number;
  rps: number;
  cappedByTime: boolean;
  /** GraphQL outcomes counted by the gateway during the load. */
  outcomes: Record<string, number>;
  /** Full collections forced before the last reading. */
  collections: number;
}

const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

async function rssOf(gateway: GatewayProcess): Promise<number> {
  return metricValue(await gateway.metrics(), 'process_resident_memory_bytes');
}

export async function runS5(ctx: BenchContext): Promise<S5Result> {
  const { plan, sandboxes } = ctx;
  await sandboxes.admin.removeRateLimits();
  let gateway: GatewayProcess | null = null;
  try {
    tick('S5', 'starting a gateway with --expose-gc');
    gateway = await startGateway({
      name: 's5-gateway',
      logDir: ctx.workDir,
      sandboxUrls: sandboxes.urls,
      templateDir: ctx.templateDir,
      nodeFlags: ['--expose-gc'],
      preload: ['./bench/gc-on-signal.ts'],
    });
    const rssStart = await rssOf(gateway);
    await gateway.query(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
    const rssWarm = await rssOf(gateway);
    const before = graphqlOutcomes(await gateway.metrics());
    const load = await runLoad({
      scope: 'S5',
      label: 'load',
      url: `${gateway.url}/graphql`,
      body: JSON.stringify({ query: DEFAULT_QUERY, variables: { email: SHOWCASE_EMAIL } }),
      connections: plan.s5Connections,
      amount: plan.s5Requests,
      maxDurationS: plan.s5MaxDurationS,
    });
    const metricsAfterLoad = await gateway.metrics();
    const rssAfterLoad = metricValue(metricsAfterLoad, 'process_resident_memory_bytes');
    const outcomes = Object.fromEntries(
      Object.entries(graphqlOutcomes(metricsAfterLoad))
        .map(([outcome, n]) => [outcome, n - (before[outcome] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    for (let i = 1; i <= COLLECTIONS; i++) {
      tick('S5', `forced collection ${i} / ${COLLECTIONS}`);
      gateway.child.signal('SIGUSR2');
      await sleep(SETTLE_MS);
    }
    const metricsAfter = await gateway.metrics();
    const rssAfter = metricValue(metricsAfter, 'process_resident_memory_bytes');
    const heapUsed = metricValue(metricsAfter, 'nodejs_heap_size_used_bytes');
    log('S5', 'done');
    return {
      rssStartMb: mb(rssStart),
      rssWarmMb: mb(rssWarm),
      rssAfterLoadMb: mb(rssAfterLoad),
      rssAfterMb: mb(rssAfter),
      growth: round((rssAfter - rssStart) / rssStart, 3),
      heapUsedAfterMb: heapUsed > 0 ? mb(heapUsed) : null,
      requestsPlanned: plan.s5Requests,
      requests: load.requests,
      durationS: round(load.durationS),
      rps: round(load.rps),
      cappedByTime: load.cappedByTime,
      outcomes,
      collections: COLLECTIONS,
    };
  } finally {
    await gateway?.stop();
  }
}
