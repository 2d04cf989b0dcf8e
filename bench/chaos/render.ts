import { otherLoadSentence } from '../lib/machine';
import { table } from '../lib/markdown';
import { pct } from '../lib/stats';
import type { Cell } from '../lib/markdown';
import type { CircuitChange, LeadSummary } from './analysis';
import { LEAD_VENDORS } from './load';
import { GATEWAY_DEFAULTS, P99_MARGIN_MS } from './report';
import type { ChaosReport, FaultResult } from './report';

const verdict = (met: boolean): string => (met ? '**met**' : '**missed**');

const counts = (c: Record<string, number>): string =>
  Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || '-';

const circuitLine = (changes: CircuitChange[]): string =>
  changes.map((c) => `${c.circuit} ${c.atS} s`).join(' → ') || '-';

/** A row of the leads table: one fault's submissions, or the quiet periods'. */
function leadRow(label: string, summary: LeadSummary, pendingAtWatchEnd: Cell): Cell[] {
  return [
    label,
    summary.submissions,
    summary.accepted,
    counts(summary.notAccepted),
    ...LEAD_VENDORS.map((v) => leadCell(summary, v)),
    summary.outcomeUnknown
      ? `${summary.outcomeUnknown} (${summary.outcomeUnknownCreated} at the vendor)`
      : 0,
    pendingAtWatchEnd,
    summary.duplicateWrites,
    summary.lostLeads,
  ];
}

/** Per vendor: created at once / delivered later / failed (of which outcome unknown) / pending. */
function leadCell(summary: LeadSummary, vendor: string): string {
  const s = summary.byStatus[vendor] ?? {};
  const n = (k: string): number => s[k] ?? 0;
  return `${n('CREATED')} / ${n('DELIVERED')} / ${n('FAILED')} / ${n('PENDING')}`;
}

function targetsSection(report: ChaosReport): string {
  const missed = report.targets.filter((t) => !t.met);
  return [
    '## Targets',
    '',
    table(
      ['target', 'measured', ''],
      report.targets.map((t) => [t.target, t.measured, verdict(t.met)]),
    ),
    ...(missed.length > 0
      ? [
          '',
          '### Why the missed targets are missed',
          '',
          ...missed.flatMap((t) => [`**${t.target}.** ${t.why ?? ''}`, '']),
        ]
      : []),
  ].join('\n');
}

function faultRow(f: FaultResult, index: number): Cell[] {
  return [
    index + 1,
    f.name,
    f.requests,
    f.requestsPerSecond,
    pct(f.partialShare),
    pct(f.failedShare),
    pct(f.vendorStaleShare),
    f.p50Ms,
    f.p99Ms,
    f.p99WithinBound === null ? '-' : f.p99WithinBound ? 'yes' : '**no**',
    f.recoverySeconds ?? `not within ${f.watchedRecoveryS} s`,
    f.crashes,
    f.duplicateWrites,
    f.lostLeads,
  ];
}

const METHOD = `## How it is measured

- **Processes.** The five sandboxes in one child (\`simulators/main.ts\`, {population} people, every answer delayed {latency}, sandbox rate limits off); a relay child (\`bench/chaos/relay.ts\`) with one TCP port per vendor in front of them; the gateway in another child (\`node --import tsx src/main.ts\`) with every \`<VENDOR>_BASE_URL\` on the relay, its own \`DATA_DIR\` prepared by \`bench/lib/data-dir.ts\`, \`<VENDOR>_RATE_LIMIT=100000\` and otherwise its defaults: request timeout {timeout} ms, {attempt} ms per vendor attempt, lead writes {write} ms, circuit open after {failures} consecutive failures, half-open probe after {halfOpen} ms. Load, circuit polls and checks run in the chaos process. Everything on 127.0.0.1.
- **Load.** {clients} virtual clients, each looping: {leadPct} of the time a \`createLead\` to Americor and AgencyZoom (a new person each time: unique idempotency key, email and phone), otherwise the combined view (\`DEFAULT_QUERY\` of \`src/graphiql.ts\`) of a random person of the population; {thinkMin} to {thinkMax} ms of think time between requests; each request bounded at {clientTimeout} ms by the client.
- **Faults**, one at a time, each after {baseline} s of steady load (the baseline), {fault} s long, then cleared (the sandbox's faults reset, its latency kept) and the recovery watched until recovered and confirmed ({confirm} s and {confirmReads} clean reads more), at most {recoveryMax} s. "Down" is a refused connection: the relay stops listening on the vendor's port and drops open connections, then listens again on the same port.
- **Attribution.** A request or submission belongs to the fault in whose fault or recovery window it started; the baselines, the warm-up and the end are "quiet". Outcomes count each response once under \`ok\` (no error) or once under each distinct \`extensions.code\` it carries (so a row can add up to more than its requests); \`NO_RESPONSE\` and \`CLIENT_TIMEOUT\` are failures at the client. Partial: a response with both data and errors. Failed: no data. Percentiles are nearest-rank.
- **Circuit.** \`{ vendors { vendor circuit } }\` read every {poll} ms; the table shows the faulted vendor's state at the fault's start and each change, in seconds after the fault's start.
- **Recovery** (seconds after the clear): the later of (a) the circuit: the first reading CLOSED after the last reading that was not (the clear itself when it never left CLOSED), the last reading being CLOSED; (b) the reads: the completion of the first clean read (a person the vendor holds, with data, no error naming the vendor, no stale part from it) that started after the last dirty read (an error naming the vendor, a stale part from it, or no answer) started. Only reads started after the clear count. A fault that has not recovered by the end of its watch shows "not within".
- **Leads.** After the last fault the load stops and the run waits (at most {drain} s) until no submission is PENDING, reading \`leadSubmission\`. Each submission's leads are then counted at the sandboxes: Americor by the \`externalId\` the gateway derives from the idempotency key, AgencyZoom by the submission's unique email. A duplicate write is a submission with more than one lead at a vendor. A lost lead is an accepted submission (\`createLead\` returned results) whose final state at a vendor is still PENDING, or CREATED/DELIVERED while the sandbox holds none. FAILED is reported, not lost; FAILED with \`outcomeUnknown\` is counted apart, with whether the sandbox holds the lead.
- **Crashes.** A gateway process that exits without being stopped; it is restarted on the same \`DATA_DIR\` and the run goes on.`;

export function renderChaos(report: ChaosReport): string {
  const { machine, settings } = report;
  const { plan } = settings;
  const bound = GATEWAY_DEFAULTS.requestTimeoutMs + P99_MARGIN_MS;
  const method = Object.entries({
    population: settings.population.toLocaleString('en-US'),
    latency: `${settings.latencyMs} ms + up to ${settings.jitterMs} ms`,
    timeout: GATEWAY_DEFAULTS.requestTimeoutMs,
    attempt: GATEWAY_DEFAULTS.vendorAttemptTimeoutMs,
    write: GATEWAY_DEFAULTS.leadWriteTimeoutMs,
    failures: GATEWAY_DEFAULTS.breakerFailures,
    halfOpen: GATEWAY_DEFAULTS.halfOpenAfterMs,
    clients: plan.clients,
    leadPct: pct(plan.leadShare),
    thinkMin: plan.thinkMinMs,
    thinkMax: plan.thinkMaxMs,
    clientTimeout: plan.clientTimeoutMs,
    baseline: plan.baselineS,
    fault: plan.faultS,
    confirm: plan.confirmS,
    confirmReads: plan.confirmReads,
    recoveryMax: plan.recoveryMaxS,
    poll: plan.circuitPollMs,
    drain: plan.drainMaxS,
  }).reduce((text, [key, value]) => text.replaceAll(`{${key}}`, String(value)), METHOD);

  const parts = [
    `# Chaos results (${report.mode} run)`,
    '',
    `${report.date.slice(0, 16).replace('T', ' ')} UTC, ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.os}. Commit ${report.code.commit}${report.code.uncommittedChanges ? ' with uncommitted changes to the gateway' : ''}. The run took ${report.durationS} s: ${report.totals.requests.toLocaleString('en-US')} requests, ${report.totals.submissions.toLocaleString('en-US')} lead submissions. Written by \`npm run chaos${report.mode === 'quick' ? ' -- --quick' : ''}\`; the same figures are in the \`.json\` beside this file.`,
    ...(machine.otherLoad ? ['', otherLoadSentence(machine.otherLoad)] : []),
    ...(report.errors.length > 0
      ? ['', '**The run did not complete:**', '', ...report.errors.map((e) => `- ${e}`)]
      : []),
    '',
    targetsSection(report),
    '',
    '## Per fault',
    '',
    `In the order played. Requests that started in the fault or its watched recovery; req/s over that time (the clients wait for each answer, so slow answers lower it). Partial: data and errors; failed: no data; stale from the vendor: a part from the faulted vendor served from the cache past its TTL (\`extensions.stale\`, stale-if-error), which spares the client an error. Bound: p99 at most the request timeout plus ${P99_MARGIN_MS / 1000} s, ${bound} ms.`,
    '',
    table(
      [
        '#',
        'fault',
        'requests',
        'req/s',
        'partial',
        'failed',
        'stale from the vendor',
        'p50 ms',
        'p99 ms',
        `p99 ≤ ${bound}`,
        'recovery s',
        'crashes',
        'duplicate writes',
        'lost leads',
      ],
      report.faults.map(faultRow),
    ),
    '',
    table(
      ['', 'requests', 'partial', 'failed', 'any part stale', 'p50 ms', 'p99 ms'],
      [
        [
          'quiet (warm-up, baselines, end)',
          report.quiet.requests.requests,
          pct(report.quiet.requests.partialShare),
          pct(report.quiet.requests.failedShare),
          pct(report.quiet.requests.staleShare),
          report.quiet.requests.p50Ms,
          report.quiet.requests.p99Ms,
        ],
      ],
    ),
    '',
    '## What each fault did, and what clients saw',
    '',
    'Outcomes: responses without errors (`ok`), then responses per error code and the vendor it names; stale: responses with a part from that vendor served stale.',
    '',
    table(
      [
        'fault',
        'what the sandbox or relay did',
        'outcomes',
        'stale',
        'expected code for the vendor',
      ],
      report.faults.map((f) => [
        f.name,
        f.what,
        counts(f.outcomesByVendor),
        counts(f.staleByVendor),
        f.expectedCodes.join(' or ') || 'none (healed unseen)',
      ]),
    ),
    '',
    '## Circuit and recovery',
    '',
    'The faulted vendor\'s circuit, seconds after the fault started (the fault ends at the "fault s" column). Recovery columns are seconds after the clear.',
    '',
    table(
      [
        'fault',
        'fault s',
        'circuit',
        'circuit closed for good',
        'first clean read after the last dirty one',
        'dirty reads after the clear',
        'recovery s',
        'watched s',
      ],
      report.faults.map((f) => [
        f.name,
        f.faultS,
        circuitLine(f.circuit),
        f.recovery.circuitClosedAfterS,
        f.recovery.cleanReadAfterS,
        f.recovery.dirtyReadsAfterClear,
        f.recoverySeconds ?? 'not recovered',
        f.watchedRecoveryS,
      ]),
    ),
    '',
    '## Leads',
    '',
    `Per vendor: created at once / delivered later by the worker / failed / still pending, after the final drain (${report.drain.drainedAfterS === null ? `**${report.drain.stillPending} submissions still pending after ${report.drain.maxS} s**` : `nothing pending after ${report.drain.drainedAfterS} s`}). "Pending at watch end": submissions of the fault still pending when its recovery watch ended. Deliveries to a vendor keep the order of submission, so while earlier submissions wait for a vendor, new ones for it wait behind them (answered PENDING, delivered later) even when the fault is elsewhere.`,
    '',
    table(
      [
        'fault',
        'submissions',
        'accepted',
        'not accepted',
        'Americor',
        'AgencyZoom',
        'FAILED with outcomeUnknown',
        'pending at watch end',
        'duplicate writes',
        'lost',
      ],
      [
        ...report.faults.map((f) => leadRow(f.name, f.leads, f.pendingAtWatchEnd)),
        leadRow('quiet (warm-up, baselines, end)', report.quiet.leads, '-'),
      ],
    ),
    '',
    ...(report.crashes.length > 0
      ? [
          '## Exits',
          '',
          'Gateway processes that ended while the run did not stop them, each restarted on its `DATA_DIR`. An orderly shutdown on a signal is not a crash: the gateway runs it only on SIGTERM or SIGINT, and the run sends neither while it runs, so the signal came from another process on the machine (its sender cannot be seen from here). The full log tails are in the `.json`.',
          '',
          table(
            [
              'at s',
              'during',
              'process',
              'exit',
              'what ended it',
              'counted as a crash',
              'restarted',
            ],
            report.crashes.map((c) => [
              c.atS,
              c.fault,
              c.gateway,
              c.exit,
              c.cause,
              c.stoppedFromOutside ? 'no' : '**yes**',
              c.restarted ? 'yes' : 'no',
            ]),
          ),
          '',
        ]
      : []),
    '## Observations',
    '',
    ...(report.observations.length > 0
      ? report.observations.map((o) => `- ${o}`)
      : ['None: every fault gave its expected code and nothing else.']),
    '',
    method,
    '',
  ];
  return parts.join('\n');
}
