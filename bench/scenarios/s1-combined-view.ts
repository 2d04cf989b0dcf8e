import { SHOWCASE_EMAIL, showcasePerson } from '../../simulators/population/generate';
import { DEFAULT_QUERY } from '../../src/graphiql';
import type { BenchContext } from '../lib/context';
import { errorCode, startGateway } from '../lib/gateway';
import type { GatewayProcess, GraphQLBody, GraphQLResult } from '../lib/gateway';
import { log, tick } from '../lib/progress';
import { countCalls } from '../lib/sandboxes';
import { round, summarize } from '../lib/stats';
import { timelineOf } from '../lib/timeline';
import type { Timeline } from '../lib/timeline';
import { runClientSequential } from '../lib/vendor-chains';
import type { ClientIdentity } from '../lib/vendor-chains';
import { BENCH_VENDORS, perVendor, sumOf } from '../lib/vendors';
import type { PerVendor } from '../lib/vendors';

/**
 * S1, the combined view of one person across all five vendors (the mobile screen): the GraphiQL
 * default query for the showcase person, who is in all five sandboxes.
 *
 * - Cold: a fresh gateway process per sample (its own copy of the prepared data directory, so an
 *   empty response cache, nothing JIT-compiled), first request once `/readyz` says ready (the
 *   start-up warm-up has logged in to the vendors and read AgencyZoom's carriers).
 * - Warm: repeats on the last of those processes.
 * - Client sequential: the app's own five vendor chains one after another (`vendor-chains.ts`).
 * - Floor: in the same runs, the slowest single vendor chain.
 */

interface CombinedView {
  findPeople: { sources: { vendor: string; id: string }[] }[];
}

export interface S1Result {
  samples: { cold: number; warm: number; client: number };
  coldP50Ms: number;
  coldP95Ms: number;
  warmP50Ms: number;
  warmP95Ms: number;
  /** p50 over the client runs of the slowest vendor chain of each run. */
  floorMs: number;
  floorP95Ms: number;
  clientSequentialMs: number;
  clientSequentialP95Ms: number;
  /** Vendor calls of one cold combined view (median per vendor over the cold samples). */
  vendorCalls: number;
  vendorCallsByVendor: PerVendor;
  /** Vendor calls per warm request. */
  warmVendorCalls: number;
  warmVendorCallsByVendor: PerVendor;
  /** HTTP calls of one run of the client's five chains. */
  clientCalls: number;
  /** Per vendor chain: p50 time, calls and sequential steps. */
  clientChains: PerVendor<{ p50Ms: number; calls: number; steps: number }>;
  /** The vendor whose chain was the floor most often. */
  slowestChain: string;
  /** Responses with data from all five vendors and no error, of all gateway responses. */
  completeResponses: number;
  gatewayResponses: number;
  /** Error codes the gateway returned, with counts. */
  errorCodes: Record<string, number>;
  /** Where the first cold request's time went (see `timeline.ts`). */
  coldTimeline: Timeline & { totalMs: number };
}

const VARIABLES = { email: SHOWCASE_EMAIL };

/** Whether a combined view came back whole: one person, all five vendors, no error. */
function isComplete(result: GraphQLResult<CombinedView>): boolean {
  const person = result.body.data?.findPeople?.[0];
  const vendors = new Set(person?.sources.map((s) => s.vendor));
  return (
    result.status === 200 &&
    (result.body.errors?.length ?? 0) === 0 &&
    BENCH_VENDORS.every((v) => vendors.has(v.id))
  );
}

function countErrors(into: Record<string, number>, body: GraphQLBody): void {
  for (const error of body.errors ?? []) {
    const code = errorCode(error);
    into[code] = (into[code] ?? 0) + 1;
  }
}

const median = (values: number[]): number => summarize(values).p50;

export async function runS1(ctx: BenchContext): Promise<S1Result> {
  const { plan, sandboxes } = ctx;
  await sandboxes.admin.removeRateLimits();
  const coldMs: number[] = [];
  const coldCalls: PerVendor[] = [];
  const errorCodes: Record<string, number> = {};
  let complete = 0;
  let responses = 0;
  let firstCold: { result: GraphQLResult<CombinedView>; timeline: Timeline } | null = null;
  let gateway: GatewayProcess | null = null;

  try {
    for (let i = 1; i <= plan.s1ColdSamples; i++) {
      tick('S1', `cold sample ${i} / ${plan.s1ColdSamples}: starting a fresh gateway`);
      gateway = await startGateway({
        name: `s1-cold-${i}`,
        logDir: ctx.workDir,
        sandboxUrls: sandboxes.urls,
        templateDir: ctx.templateDir,
      });
      await sandboxes.admin.reset();
      const sentAt = Date.now();
      const result = await gateway.query<CombinedView>(DEFAULT_QUERY, VARIABLES);
      const logs = await sandboxes.admin.requests();
      coldMs.push(result.ms);
      coldCalls.push(countCalls(logs));
      responses += 1;
      if (isComplete(result)) complete += 1;
      countErrors(errorCodes, result.body);
      firstCold ??= { result, timeline: timelineOf(logs, sentAt) };
      tick('S1', `cold sample ${i} / ${plan.s1ColdSamples}: ${round(result.ms)} ms`);
      if (i < plan.s1ColdSamples) {
        await gateway.stop();
        gateway = null;
      }
    }
    if (!gateway || !firstCold) throw new Error('S1 needs at least one cold sample');

    await sandboxes.admin.reset();
    const warmMs: number[] = [];
    for (let i = 1; i <= plan.s1WarmSamples; i++) {
      const result = await gateway.query<CombinedView>(DEFAULT_QUERY, VARIABLES);
      warmMs.push(result.ms);
      responses += 1;
      if (isComplete(result)) complete += 1;
      countErrors(errorCodes, result.body);
      if (i % 10 === 0 || i === plan.s1WarmSamples) tick('S1', `warm ${i} / ${plan.s1WarmSamples}`);
    }
    const warmCalls = countCalls(await sandboxes.admin.requests());
    await gateway.stop();
    gateway = null;

    // What the app would have kept from sign-up: the records the gateway itself joined.
    const sources = firstCold.result.body.data?.findPeople?.[0]?.sources ?? [];
    const idOf = (vendor: string) => sources.find((s) => s.vendor === vendor)?.id;
    const person = showcasePerson(ctx.population);
    const americorUuid = idOf('AMERICOR');
    const apitureContact = idOf('APITURE')?.replace(/^contact:/, '');
    if (!americorUuid || !apitureContact)
      throw new Error('S1: the cold combined view did not find the Americor and Apiture records');
    const who: ClientIdentity = {
      email: SHOWCASE_EMAIL,
      phones: [person.phone, ...(person.homePhone ? [person.homePhone] : [])],
      americorUuid,
      apitureContactId: apitureContact,
    };
    await sandboxes.admin.reset();
    const clientRuns: Awaited<ReturnType<typeof runClientSequential>>[] = [];
    for (let i = 1; i <= plan.s1ClientSamples; i++) {
      tick('S1', `client's own vendor calls ${i} / ${plan.s1ClientSamples}`);
      clientRuns.push(await runClientSequential(sandboxes.urls, who));
    }
    log('S1', 'done');

    const floors = clientRuns.map((run) => Math.max(...Object.values(run.chains).map((c) => c.ms)));
    const slowest = new Map<string, number>();
    for (const run of clientRuns) {
      const vendor = BENCH_VENDORS.reduce((a, b) =>
        run.chains[b.sandbox].ms > run.chains[a.sandbox].ms ? b : a,
      );
      slowest.set(vendor.name, (slowest.get(vendor.name) ?? 0) + 1);
    }
    const cold = summarize(coldMs);
    const warm = summarize(warmMs);
    const floor = summarize(floors);
    const client = summarize(clientRuns.map((run) => run.totalMs));
    const coldByVendor = perVendor((v) => median(coldCalls.map((calls) => calls[v.sandbox])));
    const warmByVendor = perVendor((v) => round(warmCalls[v.sandbox] / plan.s1WarmSamples, 2));
    return {
      samples: { cold: coldMs.length, warm: warmMs.length, client: clientRuns.length },
      coldP50Ms: round(cold.p50),
      coldP95Ms: round(cold.p95),
      warmP50Ms: round(warm.p50, 2),
      warmP95Ms: round(warm.p95, 2),
      floorMs: round(floor.p50),
      floorP95Ms: round(floor.p95),
      clientSequentialMs: round(client.p50),
      clientSequentialP95Ms: round(client.p95),
      vendorCalls: sumOf(coldByVendor),
      vendorCallsByVendor: coldByVendor,
      warmVendorCalls: round(sumOf(warmByVendor), 2),
      warmVendorCallsByVendor: warmByVendor,
      clientCalls: sumOf(perVendor((v) => clientRuns[0]?.chains[v.sandbox].calls ?? 0)),
      clientChains: perVendor((v) => ({
        p50Ms: round(median(clientRuns.map((run) => run.chains[v.sandbox].ms))),
        calls: clientRuns[0]?.chains[v.sandbox].calls ?? 0,
        steps: clientRuns[0]?.chains[v.sandbox].steps ?? 0,
      })),
      slowestChain: [...slowest.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
      completeResponses: complete,
      gatewayResponses: responses,
      errorCodes,
      coldTimeline: { ...firstCold.timeline, totalMs: round(firstCold.result.ms) },
    };
  } finally {
    await gateway?.stop();
  }
}
