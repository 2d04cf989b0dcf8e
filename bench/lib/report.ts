import type { S1Result } from '../scenarios/s1-combined-view';
import type { S2Result } from '../scenarios/s2-list-view';
import type { S3Result } from '../scenarios/s3-throughput';
import type { S4Result } from '../scenarios/s4-rate-limit';
import type { S5Result } from '../scenarios/s5-memory';
import type { Plan } from './context';
import { codeUnderTest, describeMachine, otherLoadSentence } from './machine';
import type { MachineInfo, OtherLoad } from './machine';
import { table, writeResults } from './markdown';
import type { Cell } from './markdown';
import type { Latency } from './sandboxes';
import { pct, round } from './stats';
import { explain } from './targets';
import type { Target } from './targets';
import { BENCH_VENDORS } from './vendors';
import type { PerVendor } from './vendors';

export type ScenarioId = 'S1' | 'S2' | 'S3' | 'S4' | 'S5';

interface ResultOf {
  S1: S1Result;
  S2: S2Result;
  S3: S3Result;
  S4: S4Result;
  S5: S5Result;
}

/** Each scenario's result, or the error that stopped it. */
export type ScenarioResults = {
  [K in ScenarioId]?: { result: ResultOf[K] } | { error: string };
};

/** `latest.json`: every figure of `latest.md`, for machines. */
export interface Report {
  date: string;
  mode: 'full' | 'quick';
  scenarios: ScenarioId[];
  durationS: number;
  machine: MachineInfo;
  /** The commit measured, and whether gateway code had uncommitted changes then. */
  code: { commit: string; uncommittedChanges: boolean };
  settings: { latencyMs: number; jitterMs: number; population: number; plan: Plan };
  s1?: S1Result;
  s2?: S2Result;
  s3?: S3Result;
  s4?: S4Result;
  s5?: S5Result;
  errors: Partial<Record<ScenarioId, string>>;
  targets: Target[];
}

export function buildReport(input: {
  plan: Plan;
  latency: Latency;
  populationSize: number;
  scenarios: ScenarioId[];
  results: ScenarioResults;
  durationS: number;
  loadAverageAtStart: number;
  otherLoad: OtherLoad | null;
}): Report {
  const { results } = input;
  const resultOf = <K extends ScenarioId>(id: K): ResultOf[K] | undefined => {
    const entry = results[id];
    return entry && 'result' in entry ? entry.result : undefined;
  };
  const errors = Object.fromEntries(
    Object.entries(results).flatMap(([id, entry]) =>
      entry && 'error' in entry ? [[id, entry.error]] : [],
    ),
  );
  const report: Report = {
    date: new Date().toISOString(),
    mode: input.plan.quick ? 'quick' : 'full',
    scenarios: input.scenarios,
    durationS: round(input.durationS),
    machine: describeMachine(input.loadAverageAtStart, input.otherLoad),
    code: codeUnderTest(),
    settings: {
      latencyMs: input.latency.latencyMs,
      jitterMs: input.latency.jitterMs,
      population: input.populationSize,
      plan: input.plan,
    },
    s1: resultOf('S1'),
    s2: resultOf('S2'),
    s3: resultOf('S3'),
    s4: resultOf('S4'),
    s5: resultOf('S5'),
    errors,
    targets: [],
  };
  report.targets = explain(report);
  return report;
}

// ---- markdown ----

const verdict = (met: boolean | null): string =>
  met === null ? 'not measured' : met ? '**met**' : '**missed**';
const vendorRows = (...columns: PerVendor<Cell>[]): Cell[][] =>
  BENCH_VENDORS.map((v) => [v.name, ...columns.map((c) => c[v.sandbox])]);

function targetsSection(report: Report): string {
  const rows = report.targets.map((t) => [t.scenario, t.target, t.measured, verdict(t.met)]);
  const missed = report.targets.filter((t) => t.met === false);
  return [
    '## Targets',
    '',
    table(['', 'target', 'measured', ''], rows),
    '',
    ...(missed.length > 0
      ? [
          '### Why the missed targets are missed, and what would close them',
          '',
          ...missed.flatMap((t) => [
            `**${t.scenario}: ${t.target}.** ${t.why ?? ''}`,
            '',
            ...(t.close ? [`_What would close it:_ ${t.close}`, ''] : []),
          ]),
        ]
      : []),
  ].join('\n');
}

function s1Section(s1: S1Result): string {
  const t = s1.coldTimeline;
  return [
    '## S1: the combined view of one person (the mobile screen)',
    '',
    `The GraphiQL default query for the showcase person, who is in all five vendors. Cold: a fresh gateway process per sample (${s1.samples.cold} samples), first request once \`/readyz\` says ready (the start-up warm-up has logged in to the vendors and read AgencyZoom's carriers), empty response cache. Warm: ${s1.samples.warm} repeats on the last process. Client sequential: what the app does without the gateway, each vendor's REST API in turn (${s1.samples.client} runs, logins included); the floor is, in the same runs, the slowest single vendor's chain: no gateway can answer before the vendor it waits on.`,
    '',
    table(
      ['', 'p50 ms', 'p95 ms', 'vendor calls'],
      [
        ['gateway, cold', s1.coldP50Ms, s1.coldP95Ms, s1.vendorCalls],
        ['gateway, warm', s1.warmP50Ms, s1.warmP95Ms, `${s1.warmVendorCalls} per request`],
        [
          'client calling the five vendors in turn',
          s1.clientSequentialMs,
          s1.clientSequentialP95Ms,
          s1.clientCalls,
        ],
        [`floor (slowest single vendor chain, ${s1.slowestChain})`, s1.floorMs, s1.floorP95Ms, '-'],
      ],
    ),
    '',
    `Complete answers (one person, all five vendors, no error): ${s1.completeResponses} of ${s1.gatewayResponses}${Object.keys(s1.errorCodes).length > 0 ? `; errors: ${JSON.stringify(s1.errorCodes)}` : ''}.`,
    '',
    "The client's chains (calls of one step run in parallel, each step waits for the previous answer):",
    '',
    table(
      [
        'vendor',
        'p50 ms',
        'calls',
        'steps',
        'gateway calls, cold',
        'gateway calls per warm request',
      ],
      vendorRows(
        Object.fromEntries(
          Object.entries(s1.clientChains).map(([k, c]) => [k, c.p50Ms]),
        ) as PerVendor<number>,
        Object.fromEntries(
          Object.entries(s1.clientChains).map(([k, c]) => [k, c.calls]),
        ) as PerVendor<number>,
        Object.fromEntries(
          Object.entries(s1.clientChains).map(([k, c]) => [k, c.steps]),
        ) as PerVendor<number>,
        s1.vendorCallsByVendor,
        s1.warmVendorCallsByVendor,
      ),
    ),
    '',
    `Where the first cold request's ${t.totalMs} ms went: first vendor call ${round(t.firstCallMs)} ms after the request was sent, last vendor answer at ${round(t.lastCallEndMs)} ms, response at ${t.totalMs} ms. Its critical path, walked back from the last vendor answer (before each call, the call answered last before it was sent; "gateway ms" is the time with no vendor call in flight before it):`,
    '',
    table(
      ['#', 'vendor', 'call', 'gateway ms', 'sent at ms', 'answered at ms'],
      [
        ...t.criticalPath.map((c, i) => [
          i + 1,
          c.vendor,
          c.endpoint,
          round(Math.max(c.startMs - (t.criticalPath[i - 1]?.endMs ?? 0), 0)),
          round(c.startMs),
          round(c.endMs),
        ]),
        ['', 'response', '', round(t.totalMs - t.lastCallEndMs), '', t.totalMs],
      ],
    ),
  ].join('\n');
}

function s2Section(s2: S2Result): string {
  return [
    `## S2: a list of ${s2.people} people with their leads, policies and latest credit reports`,
    '',
    'One `nodes(ids)` query (`LIST_QUERY` in `bench/scenarios/s2-list-view.ts`), vendor calls counted by the sandboxes. Both gateways start with an empty cache and have logged in already (logins are paid once per process, not per list). Naive: the same gateway with `BATCHING=off CACHE=off`. The minimum is computed from what the list holds, vendor by vendor, in the same file.',
    '',
    table(
      ['vendor', 'gateway', 'minimum', 'naive', 'how the minimum is reached'],
      [
        ...vendorRows(
          s2.callsByVendor,
          s2.minimumByVendor,
          s2.naiveCallsByVendor,
          s2.minimumReasons,
        ),
        ['**all**', s2.calls, s2.minimumCalls, s2.naiveCalls, ''],
      ],
    ),
    '',
    table(
      ['', 'gateway', 'naive'],
      [
        ['time of the list query, ms', s2.gatewayMs, s2.naiveMs],
        ['errors in the answer', s2.gatewayErrors, s2.naiveErrors],
      ],
    ),
    '',
    `Both answers hold the same data: ${s2.sameData ? 'yes' : '**no**'}. The list held ${s2.records.creditProsClients} Credit Pros clients, ${s2.records.lendingCrmClients} lending CRM clients, ${s2.records.agencyZoomCustomers} AgencyZoom customers and ${s2.records.americorLeads} Americor leads: ${s2.records.leads} leads, ${s2.records.policies} policies, ${s2.records.creditReports} credit reports.`,
    ...(Object.keys(s2.callsByEndpoint).length > 0
      ? [
          '',
          'Gateway calls by endpoint:',
          '',
          table(
            ['vendor', 'endpoint', 'calls'],
            BENCH_VENDORS.flatMap((v) =>
              Object.entries(s2.callsByEndpoint[v.sandbox] ?? {}).map(([endpoint, n]) => [
                v.name,
                endpoint,
                n,
              ]),
            ),
          ),
        ]
      : []),
  ].join('\n');
}

function s3Section(s3: S3Result): string {
  return [
    '## S3: throughput of a warm-cache query',
    '',
    `${s3.query}, sent by autocannon for ${s3.durationS} s at each concurrency, against the gateway and against a bare Apollo Server 5 on Fastify answering the same query over the same schema from static resolvers (the ceiling of the stack; same data: ${s3.sameResponse ? 'yes' : '**no**'}). The servers take turns.`,
    '',
    table(
      [
        'concurrency',
        'gateway req/s',
        'bare req/s',
        'ratio',
        'gateway p50 / p99 ms',
        'bare p50 / p99 ms',
        'gateway outcomes',
        'vendor calls per request',
        'failed (gateway / bare)',
      ],
      s3.levels.map((l) => [
        l.connections,
        l.gateway.rps,
        l.bare.rps,
        l.bare.rps > 0 ? round(l.gateway.rps / l.bare.rps, 2) : '-',
        `${l.gateway.p50Ms} / ${l.gateway.p99Ms}`,
        `${l.bare.p50Ms} / ${l.bare.p99Ms}`,
        Object.entries(l.gateway.outcomes)
          .map(([o, n]) => `${o} ${n}`)
          .join(', '),
        l.gateway.vendorCallsPerRequest,
        `${l.gateway.failed} / ${l.bare.failed}`,
      ]),
    ),
    '',
    `Headline figures (\`latest.json\` \`s3\`): concurrency ${s3.headlineConnections}.${s3.recordedComplete ? '' : ' **The recorded answer had errors: both servers served a partial answer.**'}`,
    ...(s3.profile
      ? [
          '',
          `Where the gateway's CPU time goes under that load (a separate gateway process run with \`--cpu-prof\` for ${s3.profile.durationS} s after a warm-up; self time, idle left out), by part of the stack and by package or file:`,
          '',
          table(
            ['part of the stack', 'share of CPU time'],
            s3.profile.components.map((entry) => [entry.where, pct(entry.share)]),
          ),
          '',
          table(
            ['package or file', 'share of CPU time'],
            s3.profile.places.map((entry) => [entry.where, pct(entry.share)]),
          ),
        ]
      : []),
  ].join('\n');
}

function s4Section(s4: S4Result): string {
  return [
    '## S4: rate-limit pressure on AgencyZoom',
    '',
    `AgencyZoom's budget on a scaled clock: ${s4.limit} calls per ${s4.windowMs / 1000} s window (its 30 a minute, 10 times faster), set in the sandbox and in the gateway. ${s4.queries} queries for different people's policies (\`POLICIES_QUERY\`; ${s4.callsPerQuery} AgencyZoom calls each, measured first) sent at an even pace over ${s4.windows} windows: ${s4.demandFactor} times the budget. Every answer was awaited.`,
    '',
    table(
      ['', ''],
      [
        ['429s sent by the AgencyZoom sandbox', s4.vendor429],
        [
          `budget used (calls answered 200 in the ${s4.windows} windows / ${s4.limit * s4.windows})`,
          `${pct(s4.budgetUsed)} (${s4.callsInWindows} calls)`,
        ],
        ['AgencyZoom calls after the windows (queued demand)', s4.callsAfterWindows],
        ['answers: fresh', s4.outcomes.fresh],
        ['answers: stale (`extensions.stale`)', s4.outcomes.stale],
        ['answers: partial with VENDOR_RATE_LIMITED', s4.outcomes.rateLimited],
        [
          'answers: other errors',
          `${s4.outcomes.otherError} ${JSON.stringify(s4.otherErrorCodes)}`,
        ],
        ['answers: failed (no data)', s4.outcomes.failed],
        [
          'retryAfterMs of VENDOR_RATE_LIMITED, p50 / max',
          `${s4.retryAfterP50Ms ?? '-'} / ${s4.retryAfterMaxMs ?? '-'}`,
        ],
        [
          'answer time p50 by outcome, ms',
          Object.entries(s4.latencyP50Ms)
            .map(([o, ms]) => `${o} ${ms}`)
            .join(', '),
        ],
      ],
    ),
  ].join('\n');
}

function s5Section(s5: S5Result): string {
  return [
    '## S5: memory',
    '',
    `Resident memory of one gateway process (\`process_resident_memory_bytes\`), under the warm query of S3: ${s5.requests.toLocaleString('en-US')} requests${s5.cappedByTime ? ` (**${s5.requestsPlanned.toLocaleString('en-US')} planned; the time cap stopped the load first**)` : ''} in ${s5.durationS} s (${s5.rps} req/s), then ${s5.collections} forced collections (\`--expose-gc\`, SIGUSR2).`,
    '',
    table(
      ['', 'MB'],
      [
        ['at start (no request yet)', s5.rssStartMb],
        ['after the first request', s5.rssWarmMb],
        ['after the load', s5.rssAfterLoadMb],
        ['after the load and forced collections', s5.rssAfterMb],
        ['heap used after collections', s5.heapUsedAfterMb],
      ],
    ),
    '',
    `Growth after collection: ${pct(s5.growth)} of the start. Outcomes during the load: ${JSON.stringify(s5.outcomes)}.`,
  ].join('\n');
}

const METHOD = `## How it is measured

- Processes: the five vendor sandboxes in one child process (\`simulators/main.ts\`, population ${'{population}'} people), each gateway in its own child (\`node --import tsx src/main.ts\`, pointed at the sandboxes by \`<VENDOR>_BASE_URL\`, its own temporary \`DATA_DIR\`, info logs to a file), the bare server in another; autocannon and the timing clients in the bench process. Everything on 127.0.0.1.
- Every sandbox answer waits ${'{latency}'}.
- Every gateway starts from the same prepared identity store: the sandbox's Americor lead links (what embedded mode seeds) and a finished first sweep of the Apiture index, both written by the gateway's own code. The response cache always starts empty.
- Vendor budgets are lifted (\`<VENDOR>_RATE_LIMIT=100000\`, sandbox limits off) everywhere but S4, so that latency, calls and throughput are not measured through limiter queues; S4 measures the budget.
- Vendor calls are counted by the sandboxes (\`/__admin/requests\`), without the gateway's background Apiture index.
- Percentiles are nearest-rank over the samples.`;

export function renderMarkdown(report: Report): string {
  const { machine, settings } = report;
  const parts = [
    `# Benchmark results (${report.mode} run)`,
    '',
    `${report.date.slice(0, 16).replace('T', ' ')} UTC, ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.os}. Commit ${report.code.commit}${report.code.uncommittedChanges ? ' with uncommitted changes to the gateway' : ''}. Vendor latency ${settings.latencyMs} ms + up to ${settings.jitterMs} ms. The run took ${report.durationS} s. Written by \`npm run bench${report.mode === 'quick' ? ' -- --quick' : ''}\`; the same figures are in the \`.json\` beside this file.`,
    ...(machine.otherLoad ? ['', otherLoadSentence(machine.otherLoad)] : []),
    '',
    targetsSection(report),
    ...Object.entries(report.errors).map(([id, message]) => `\n## ${id}: failed\n\n${message}`),
    ...(report.s1 ? ['', s1Section(report.s1)] : []),
    ...(report.s2 ? ['', s2Section(report.s2)] : []),
    ...(report.s3 ? ['', s3Section(report.s3)] : []),
    ...(report.s4 ? ['', s4Section(report.s4)] : []),
    ...(report.s5 ? ['', s5Section(report.s5)] : []),
    '',
    METHOD.replace('{population}', settings.population.toLocaleString('en-US')).replace(
      '{latency}',
      `${settings.latencyMs} ms plus up to ${settings.jitterMs} ms (uniform)`,
    ),
    '',
  ];
  return parts.join('\n');
}

/** The short table printed at the end of a run. */
export function summaryTable(report: Report): string {
  const rows = report.targets.map((t) => [
    t.scenario,
    t.target,
    t.measured,
    t.met === null ? '-' : t.met ? 'met' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...rows.map((r) => r[i].length), ['', 'target', 'measured', ''][i]?.length ?? 0),
  );
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(['', 'target', 'measured', '']), ...rows.map(line)].join('\n');
}

/** Writes `<name>.md` (formatted like the rest of the repository) and `<name>.json`. */
export async function writeReport(report: Report, name: string): Promise<string[]> {
  return writeResults(name, renderMarkdown(report), report);
}
