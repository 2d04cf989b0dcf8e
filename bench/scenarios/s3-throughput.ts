import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { DEFAULT_QUERY } from '../../src/graphiql';
import type { BenchContext } from '../lib/context';
import { summarizeProfile } from '../lib/cpu-profile';
import type { ProfileSummary } from '../lib/cpu-profile';
import { graphqlOutcomes, postGraphql, startGateway } from '../lib/gateway';
import type { GatewayProcess } from '../lib/gateway';
import { runLoad } from '../lib/load';
import type { LoadResult } from '../lib/load';
import { log, tick } from '../lib/progress';
import { baseEnv, startChild } from '../lib/processes';
import type { Child } from '../lib/processes';
import { round } from '../lib/stats';

/**
 * S3, throughput of a warm-cache query: the combined view of the showcase person (the GraphiQL
 * default query), loaded once so that the shared cache holds it, then sent by autocannon at each
 * concurrency for a fixed time. Compared in the same run with a bare Apollo Server on Fastify
 * serving the same response from static resolvers over the same schema (`bare-server.ts`): the
 * ceiling of the stack. The servers take turns; neither runs while the other is measured.
 */

/** Unmeasured load before the first level, so both servers are measured JIT-compiled. */
const WARMUP = { connections: 8, durationS: 2 };

export interface S3Side {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers that were not HTTP 2xx, connection errors and timeouts. */
  failed: number;
}

export interface S3Level {
  connections: number;
  gateway: S3Side & {
    /** GraphQL outcomes the gateway counted during the level (`success`, `partial`, ...). */
    outcomes: Record<string, number>;
    /** Vendor calls per request during the level (0 when everything came from the cache). */
    vendorCallsPerRequest: number;
  };
  bare: S3Side;
}

export interface S3Result {
  query: string;
  durationS: number;
  levels: S3Level[];
  /** The headline figures: the highest concurrency. */
  headlineConnections: number;
  rps: number;
  bareRps: number;
  p99Ms: number;
  bareP99Ms: number;
  /** Whether the bare server's answer has the gateway's data exactly. */
  sameResponse: boolean;
  /** Whether the recorded answer (the bare server's data) had no error. */
  recordedComplete: boolean;
  /**
   * Where a gateway spends its CPU under the headline load: a separate process profiled with
   * `--cpu-prof` for `plan.s3ProfileS` (the measured levels run unprofiled), start-up, warm-up
   * and shutdown left out. Null when none was written.
   */
  profile: ({ durationS: number } & ProfileSummary) | null;
}

function side(result: LoadResult): S3Side {
  return {
    rps: round(result.rps),
    p50Ms: round(result.p50Ms, 2),
    p99Ms: round(result.p99Ms, 2),
    requests: result.requests,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

function delta(after: Record<string, number>, before: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([outcome, n]) => [outcome, n - (before[outcome] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

/** Runs the headline load on a fresh gateway started with `--cpu-prof`, after a warm-up. */
async function profileGateway(
  ctx: BenchContext,
  body: string,
  connections: number,
): Promise<S3Result['profile']> {
  const dir = path.join(ctx.workDir, 's3-profile');
  await mkdir(dir, { recursive: true });
  tick('S3', 'profiling a gateway under the headline load');
  const gateway = await startGateway({
    name: 's3-profiled',
    logDir: ctx.workDir,
    sandboxUrls: ctx.sandboxes.urls,
    templateDir: ctx.templateDir,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  let loadStarted = 0;
  let loadEnded = 0;
  try {
    const load = { url: `${gateway.url}/graphql`, body, connections };
    await runLoad({ scope: 'S3', label: 'profiled gateway warm-up', ...load, ...WARMUP });
    loadStarted = Date.now();
    await runLoad({
      scope: 'S3',
      label: `profiled gateway concurrency ${connections}`,
      ...load,
      durationS: ctx.plan.s3ProfileS,
    });
    loadEnded = Date.now();
  } finally {
    // The profile is written when the process exits.
    await gateway.stop();
  }
  const exited = Date.now();
  const summary = await summarizeProfile(dir, {
    fromMsBeforeEnd: exited - loadStarted,
    toMsBeforeEnd: exited - loadEnded,
  });
  return summary ? { durationS: ctx.plan.s3ProfileS, ...summary } : null;
}

export async function runS3(ctx: BenchContext): Promise<S3Result> {
  const { plan, sandboxes } = ctx;
  await sandboxes.admin.removeRateLimits();
  const body = JSON.stringify({ query: DEFAULT_QUERY, variables: { email: SHOWCASE_EMAIL } });
  let gateway: GatewayProcess | null = null;
  let bare: Child | null = null;
  try {
    tick('S3', 'starting the gateway');
    gateway = await startGateway({
      name: 's3-gateway',
      logDir: ctx.workDir,
      sandboxUrls: sandboxes.urls,
      templateDir: ctx.templateDir,
    });
    let recorded: unknown = null;
    let recordedComplete = false;
    for (let i = 0; i < 3; i++) {
      const answer = await gateway.query(DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
      recorded = answer.body.data;
      recordedComplete = answer.status === 200 && (answer.body.errors?.length ?? 0) === 0;
    }
    const responseFile = path.join(ctx.workDir, 's3-response.json');
    await writeFile(responseFile, JSON.stringify(recorded));

    tick('S3', 'starting the bare server');
    bare = await startChild({
      name: 's3-bare',
      args: ['--import', 'tsx', 'bench/bare-server.ts'],
      env: { ...baseEnv(), PORT: '0', BARE_RESPONSE_FILE: responseFile },
      logFile: path.join(ctx.workDir, 's3-bare.log'),
      ready: /bare server listening at (http:\/\/\S+)/,
    });
    const bareUrl = bare.match[1];
    const bareAnswer = await postGraphql(bareUrl, DEFAULT_QUERY, { email: SHOWCASE_EMAIL });
    const sameResponse = isDeepStrictEqual(bareAnswer.body.data, recorded);

    const targets = { gateway: `${gateway.url}/graphql`, bare: `${bareUrl}/graphql` };
    for (const [name, url] of Object.entries(targets))
      await runLoad({ scope: 'S3', label: `${name} warm-up`, url, body, ...WARMUP });

    const levels: S3Level[] = [];
    for (const connections of plan.s3Concurrencies) {
      const before = graphqlOutcomes(await gateway.metrics());
      await sandboxes.admin.reset();
      const onGateway = await runLoad({
        scope: 'S3',
        label: `gateway concurrency ${connections}`,
        url: targets.gateway,
        body,
        connections,
        durationS: plan.s3DurationS,
      });
      const vendorCalls = Object.values(await sandboxes.admin.counts()).reduce(
        (n, counts) => n + counts.total,
        0,
      );
      const outcomes = delta(graphqlOutcomes(await gateway.metrics()), before);
      const onBare = await runLoad({
        scope: 'S3',
        label: `bare server concurrency ${connections}`,
        url: targets.bare,
        body,
        connections,
        durationS: plan.s3DurationS,
      });
      levels.push({
        connections,
        gateway: {
          ...side(onGateway),
          outcomes,
          vendorCallsPerRequest: round(vendorCalls / Math.max(onGateway.requests, 1), 3),
        },
        bare: side(onBare),
      });
    }
    const headline = levels[levels.length - 1];
    if (!headline) throw new Error('S3 needs at least one concurrency level');
    await bare.stop();
    bare = null;
    await gateway.stop();
    gateway = null;
    const profile =
      plan.s3ProfileS > 0 ? await profileGateway(ctx, body, headline.connections) : null;
    log('S3', 'done');
    return {
      query: 'CombinedView (the GraphiQL default query), showcase person, warm cache',
      durationS: plan.s3DurationS,
      levels,
      headlineConnections: headline.connections,
      rps: headline.gateway.rps,
      bareRps: headline.bare.rps,
      p99Ms: headline.gateway.p99Ms,
      bareP99Ms: headline.bare.p99Ms,
      sameResponse,
      recordedComplete,
      profile,
    };
  } finally {
    await bare?.stop();
    await gateway?.stop();
  }
}
