import { setTimeout as sleep } from 'node:timers/promises';
import { peopleIn } from '../../simulators/population/generate';
import type { BenchContext } from '../lib/context';
import { errorCode, startGateway } from '../lib/gateway';
import type { GatewayProcess, GraphQLResult } from '../lib/gateway';
import { log, tick } from '../lib/progress';
import type { LoggedCall } from '../lib/sandboxes';
import { round, summarize } from '../lib/stats';
import { benchVendor } from '../lib/vendors';

/**
 * S4, rate-limit pressure on AgencyZoom, on a scaled clock: its budget of 30 calls a minute
 * becomes 30 calls per 6 s window, both at the sandbox (`PUT /__admin/rate-limit`) and in the
 * gateway (`AGENCYZOOM_RATE_LIMIT`, `AGENCYZOOM_RATE_WINDOW_MS`). Both count windows aligned to
 * multiples of the window length, like the vendor. Demand: queries for different people's
 * policies (each needs AgencyZoom, none is cached), sent at an even pace (open loop: a client
 * does not wait for the previous answer) so that they would need 10 times the budget, for two
 * windows; then every answer is awaited.
 *
 * Measured: the 429s the sandbox sent, the share of the two windows' budget that was used by
 * calls the sandbox answered 200, and what clients got.
 */

export const POLICIES_QUERY = `query Policies($email: EmailAddress!) {
  findPeople(match: { email: $email }) {
    id
    policies { policyNumber status }
  }
}`;

/** People whose calls measure the AgencyZoom calls one query needs (before the windows). */
const CALIBRATION_QUERIES = 4;
const AGENCYZOOM = benchVendor('agencyZoom');
const LOGIN = 'POST /v1/api/auth/login';

type Outcome = 'fresh' | 'stale' | 'rateLimited' | 'otherError' | 'failed';

export interface S4Result {
  limit: number;
  windowMs: number;
  windows: number;
  /** AgencyZoom calls one query needs, measured before the windows. */
  callsPerQuery: number;
  queries: number;
  /** AgencyZoom calls the queries would have needed, as a multiple of the budget. */
  demandFactor: number;
  /** 429s the AgencyZoom sandbox sent during the scenario. */
  vendor429: number;
  /**
   * Of those, calls that arrived in the last `latencyMs + jitterMs` of a window: sent in one
   * window, counted by the sandbox (after its latency) in the next.
   */
  vendor429NearWindowEnd: number;
  /** Calls answered 200 within the windows, over limit x windows. */
  budgetUsed: number;
  callsInWindows: number;
  /** AgencyZoom calls after the windows ended (queued demand served before its deadline). */
  callsAfterWindows: number;
  /** Client answers by outcome. */
  outcomes: Record<Outcome, number>;
  /** Codes of errors other than VENDOR_RATE_LIMITED, with counts. */
  otherErrorCodes: Record<string, number>;
  /** `retryAfterMs` of VENDOR_RATE_LIMITED errors: median and largest. */
  retryAfterP50Ms: number | null;
  retryAfterMaxMs: number | null;
  /** Latency of answers by outcome, p50 in ms. */
  latencyP50Ms: Partial<Record<Outcome, number>>;
}

interface Answer {
  outcome: Outcome;
  ms: number;
  retryAfterMs: number[];
  codes: string[];
}

function classify(result: GraphQLResult<unknown>): Answer {
  const codes = (result.body.errors ?? []).map(errorCode);
  const retryAfterMs = (result.body.errors ?? [])
    .map((e) => Number(e.extensions?.retryAfterMs))
    .filter((n) => Number.isFinite(n));
  const stale = result.body.extensions?.stale;
  const outcome: Outcome =
    result.status !== 200 || result.body.data == null
      ? 'failed'
      : codes.includes('VENDOR_RATE_LIMITED')
        ? 'rateLimited'
        : codes.length > 0
          ? 'otherError'
          : Array.isArray(stale) && stale.length > 0
            ? 'stale'
            : 'fresh';
  return { outcome, ms: result.ms, retryAfterMs, codes };
}

/** When the sandbox counted a call: its answer time (the limit is checked after the latency). */
const countedAt = (call: LoggedCall): number => Date.parse(call.time) + (call.durationMs ?? 0);

async function agencyZoomLog(ctx: BenchContext): Promise<LoggedCall[]> {
  return (await ctx.sandboxes.admin.requests()).agencyZoom;
}

export async function runS4(ctx: BenchContext): Promise<S4Result> {
  const { plan, sandboxes } = ctx;
  const { s4Limit: limit, s4WindowMs: windowMs, s4Windows: windows } = plan;
  await sandboxes.admin.setRateLimit(AGENCYZOOM, { limit, windowMs });
  const people = peopleIn(ctx.population, 'agencyZoom')
    .filter((p) => p.index > 0)
    .reverse();
  let gateway: GatewayProcess | null = null;
  try {
    gateway = await startGateway({
      name: 's4-gateway',
      logDir: ctx.workDir,
      sandboxUrls: sandboxes.urls,
      templateDir: ctx.templateDir,
      env: {
        AGENCYZOOM_RATE_LIMIT: String(limit),
        AGENCYZOOM_RATE_WINDOW_MS: String(windowMs),
      },
    });
    const gw = gateway;

    // Calibration (within the budget of one window): AgencyZoom calls per query, logins left out.
    await sandboxes.admin.reset();
    for (const person of people.slice(0, CALIBRATION_QUERIES))
      await gw.query(POLICIES_QUERY, { email: person.email });
    const calibration = (await agencyZoomLog(ctx)).filter((c) => c.endpoint !== LOGIN);
    const callsPerQuery = Math.max(calibration.length / CALIBRATION_QUERIES, 1);
    const perWindow = Math.ceil((plan.s4DemandFactor * limit) / callsPerQuery);
    const demand = people.slice(CALIBRATION_QUERIES, CALIBRATION_QUERIES + perWindow * windows);
    if (demand.length < perWindow * windows)
      throw new Error(
        `S4 needs ${perWindow * windows} AgencyZoom people, the sandbox has ${demand.length}`,
      );

    // Start on a window boundary, with the sandbox's counters (and its window) cleared just before.
    const start = Date.now() + (windowMs - (Date.now() % windowMs));
    await sleep(start - Date.now() - 150);
    await sandboxes.admin.reset();
    await sleep(Math.max(start - Date.now(), 0));
    const end = start + windowMs * windows;
    const intervalMs = windowMs / perWindow;
    const answers: Promise<Answer>[] = [];
    for (const [i, person] of demand.entries()) {
      const due = start + i * intervalMs;
      await sleep(Math.max(due - Date.now(), 0));
      answers.push(
        gw.query(POLICIES_QUERY, { email: person.email }).then(classify, () => ({
          outcome: 'failed' as const,
          ms: Number.NaN,
          retryAfterMs: [],
          codes: [],
        })),
      );
      if (i % 10 === 0) {
        const window = Math.floor((Date.now() - start) / windowMs) + 1;
        const inWindow = ((Date.now() - start) % windowMs) / 1000;
        tick(
          'S4',
          `window ${Math.min(window, windows)} / ${windows}: ${inWindow.toFixed(1)} s / ${windowMs / 1000} s, ${i + 1} / ${demand.length} queries sent`,
        );
      }
    }
    tick('S4', `all ${demand.length} queries sent; waiting for the answers`);
    const settled = await Promise.all(answers);
    const calls = await agencyZoomLog(ctx);
    log('S4', 'done');

    const answered200 = calls.filter((c) => c.status === 200);
    const refused = calls.filter((c) => c.status === 429);
    const lateMarginMs = ctx.latency.latencyMs + ctx.latency.jitterMs;
    const inWindows = answered200.filter((c) => countedAt(c) >= start && countedAt(c) < end);
    const outcomes: Record<Outcome, number> = {
      fresh: 0,
      stale: 0,
      rateLimited: 0,
      otherError: 0,
      failed: 0,
    };
    const otherErrorCodes: Record<string, number> = {};
    for (const answer of settled) {
      outcomes[answer.outcome] += 1;
      for (const code of answer.codes)
        if (code !== 'VENDOR_RATE_LIMITED')
          otherErrorCodes[code] = (otherErrorCodes[code] ?? 0) + 1;
    }
    const retryAfter = summarize(settled.flatMap((a) => a.retryAfterMs));
    const latencyP50Ms = Object.fromEntries(
      (Object.keys(outcomes) as Outcome[])
        .filter((o) => outcomes[o] > 0)
        .map((o) => [
          o,
          round(summarize(settled.filter((a) => a.outcome === o).map((a) => a.ms)).p50),
        ]),
    );
    return {
      limit,
      windowMs,
      windows,
      callsPerQuery: round(callsPerQuery, 2),
      queries: demand.length,
      demandFactor: round((demand.length * callsPerQuery) / (limit * windows), 1),
      vendor429: refused.length,
      vendor429NearWindowEnd: refused.filter(
        (c) => Date.parse(c.time) % windowMs >= windowMs - lateMarginMs,
      ).length,
      budgetUsed: round(inWindows.length / (limit * windows), 3),
      callsInWindows: inWindows.length,
      callsAfterWindows: calls.filter((c) => countedAt(c) >= end).length,
      outcomes,
      otherErrorCodes,
      retryAfterP50Ms: retryAfter.n > 0 ? round(retryAfter.p50) : null,
      retryAfterMaxMs: retryAfter.n > 0 ? round(retryAfter.max) : null,
      latencyP50Ms,
    };
  } finally {
    await gateway?.stop();
    await sandboxes.admin.setRateLimit(AGENCYZOOM, null);
  }
}
