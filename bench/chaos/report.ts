import type { Latency } from '../lib/sandboxes';
import { codeUnderTest, describeMachine } from '../lib/machine';
import type { MachineInfo, OtherLoad } from '../lib/machine';
import { pct, round } from '../lib/stats';
import {
  OK,
  circuitChanges,
  finalStates,
  inFaultWindow,
  phaseOf,
  recoveryOf,
  summarizeLeads,
  summarizeRequests,
} from './analysis';
import type { CircuitChange, LeadAtVendor, LeadSummary, RequestSummary } from './analysis';
import { describeFault } from './faults';
import { BAD_RESPONSE, CLIENT_TIMEOUT, NO_RESPONSE } from './load';
import { FAULTS, expectedCodes, faultName } from './plan';
import type { ChaosPlan, FaultKind } from './plan';
import type { ChaosRaw } from './run';

/** The gateway defaults the run keeps (it sets none of them), in ms. */
export const GATEWAY_DEFAULTS = {
  /** `REQUEST_TIMEOUT_MS`: the bound a client sees. */
  requestTimeoutMs: 10_000,
  /** Per attempt of a vendor read (not configurable by environment). */
  vendorAttemptTimeoutMs: 5_000,
  /** `LEAD_WRITE_TIMEOUT_MS`. */
  leadWriteTimeoutMs: 30_000,
  breakerFailures: 5,
  halfOpenAfterMs: 10_000,
};

/** The p99 bound: the request timeout plus this margin, in ms. */
export const P99_MARGIN_MS = 1_000;

/** One fault's figures; the request figures cover requests started in the fault or its watch. */
export interface FaultResult extends RequestSummary {
  name: string;
  vendor: string;
  kind: FaultKind;
  what: string;
  timeoutMs: number;
  p99WithinBound: boolean | null;
  /** The faulted vendor's circuit, seconds after the fault started. */
  circuit: CircuitChange[];
  faultS: number;
  watchedRecoveryS: number;
  recoverySeconds: number | null;
  recovery: {
    circuitClosedAfterS: number | null;
    cleanReadAfterS: number | null;
    dirtyReadsAfterClear: number;
  };
  /** Requests per second started in the window (the load is closed-loop: slow answers lower it). */
  requestsPerSecond: number;
  /** Responses with a part from the faulted vendor served stale, over all. */
  vendorStaleShare: number;
  /** Codes naming the faulted vendor, and those expected (none: healed unseen). */
  expectedCodes: string[];
  vendorCodes: Record<string, number>;
  /** Errors naming other vendors (collateral). */
  otherVendorCodes: Record<string, number>;
  crashes: number;
  duplicateWrites: number;
  lostLeads: number;
  leads: LeadSummary;
  pendingAtWatchEnd: number;
  baseline: RequestSummary;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean;
  why: string | null;
}

export interface ChaosReport {
  date: string;
  mode: 'full' | 'quick';
  durationS: number;
  machine: MachineInfo;
  code: { commit: string; uncommittedChanges: boolean };
  settings: {
    latencyMs: number;
    jitterMs: number;
    population: number;
    plan: ChaosPlan;
    gateway: typeof GATEWAY_DEFAULTS;
    down: string;
  };
  faults: FaultResult[];
  /** Everything outside the fault windows: warm-up, baselines, after the last fault. */
  quiet: { requests: RequestSummary; leads: LeadSummary };
  totals: {
    requests: number;
    submissions: number;
    /** Gateway exits that were not an orderly stop on a signal from outside. */
    crashes: number;
    /** Orderly stops on a signal from outside the run (another process on the machine). */
    stoppedFromOutside: number;
    duplicateWrites: number;
    lostLeads: number;
    leads: LeadSummary;
  };
  drain: { maxS: number; drainedAfterS: number | null; stillPending: number };
  /** Every gateway exit the run did not ask for, crash or not. */
  crashes: {
    atS: number;
    fault: string;
    gateway: string;
    exit: string;
    cause: string;
    stoppedFromOutside: boolean;
    restarted: boolean;
    logTail: string;
  }[];
  /** Problems the run found in the gateway's or the sandboxes' behaviour, from its own figures. */
  observations: string[];
  targets: Target[];
  errors: string[];
}

const sumOf = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

function splitCodes(
  outcomesByVendor: Record<string, number>,
  vendor: string,
): { mine: Record<string, number>; others: Record<string, number> } {
  const mine: Record<string, number> = {};
  const others: Record<string, number> = {};
  for (const [key, n] of Object.entries(outcomesByVendor)) {
    if (key === OK) continue;
    const [code, who] = key.split(' ');
    if (who === vendor) mine[code] = n;
    else if (who) others[key] = n;
  }
  return { mine, others };
}

export function buildChaosReport(input: {
  raw: ChaosRaw;
  plan: ChaosPlan;
  latency: Latency;
  population: number;
  durationS: number;
  loadAverageAtStart: number;
  otherLoad: OtherLoad | null;
  errors: string[];
}): ChaosReport {
  const { raw, plan } = input;
  const timeoutMs = GATEWAY_DEFAULTS.requestTimeoutMs;
  const bound = timeoutMs + P99_MARGIN_MS;
  const leads: LeadAtVendor[] = raw.submissions.flatMap((s) => {
    const id = s.results.find((r) => r.submissionId)?.submissionId;
    return finalStates(s, id ? raw.drain.deliveries.get(id) : undefined, raw.counts.get(s.n) ?? {});
  });

  const faults: FaultResult[] = raw.slots.map((slot, index) => {
    const fault = FAULTS[index];
    const samples = raw.samples.filter((s) => inFaultWindow(s.startedAt, raw.slots, index));
    const submissions = raw.submissions.filter((s) => inFaultWindow(s.startedAt, raw.slots, index));
    const baseline = raw.samples.filter((s) => {
      const phase = phaseOf(s.startedAt, raw.slots);
      return phase.slot === index && phase.kind === 'baseline';
    });
    const requests = summarizeRequests(samples);
    const recovery = recoveryOf({
      vendor: fault.vendor,
      clearedAt: slot.clearedAt,
      until: slot.end,
      reads: raw.samples,
      polls: raw.polls,
    });
    const after = (at: number | null): number | null =>
      at === null ? null : round((at - slot.clearedAt) / 1000, 1);
    const leadSummary = summarizeLeads(submissions, leads);
    const { mine, others } = splitCodes(requests.outcomesByVendor, fault.vendor);
    return {
      name: faultName(fault),
      vendor: fault.vendor,
      kind: fault.kind,
      what: describeFault(fault, plan),
      ...requests,
      timeoutMs,
      p99WithinBound: requests.p99Ms === null ? null : requests.p99Ms <= bound,
      circuit: circuitChanges(raw.polls, fault.vendor, slot.faultStart, slot.end, slot.faultStart),
      faultS: round((slot.clearedAt - slot.faultStart) / 1000, 1),
      watchedRecoveryS: round((slot.end - slot.clearedAt) / 1000, 1),
      recoverySeconds: recovery.seconds,
      recovery: {
        circuitClosedAfterS: after(recovery.circuitClosedAt),
        cleanReadAfterS: after(recovery.cleanReadAt),
        dirtyReadsAfterClear: recovery.dirtyReads,
      },
      requestsPerSecond: round(requests.requests / ((slot.end - slot.faultStart) / 1000), 1),
      vendorStaleShare:
        requests.requests > 0
          ? round((requests.staleByVendor[fault.vendor] ?? 0) / requests.requests, 4)
          : 0,
      expectedCodes: expectedCodes(fault),
      vendorCodes: mine,
      otherVendorCodes: others,
      crashes: raw.crashes.filter(
        (c) => !c.cause.stoppedFromOutside && phaseOf(c.at, raw.slots).slot === index,
      ).length,
      duplicateWrites: leadSummary.duplicateWrites,
      lostLeads: leadSummary.lostLeads,
      leads: leadSummary,
      pendingAtWatchEnd: raw.pendingAtWatchEnd[index] ?? 0,
      baseline: summarizeRequests(baseline),
    };
  });

  const inAnyWindow = (at: number): boolean => {
    const phase = phaseOf(at, raw.slots);
    return phase.kind === 'fault' || phase.kind === 'recovery';
  };
  const quietSubmissions = raw.submissions.filter((s) => !inAnyWindow(s.startedAt));
  const allLeads = summarizeLeads(raw.submissions, leads);
  const firstSlot = raw.slots[0]?.faultStart ?? raw.loadStartedAt;

  const report: ChaosReport = {
    date: new Date().toISOString(),
    mode: plan.quick ? 'quick' : 'full',
    durationS: round(input.durationS),
    machine: describeMachine(input.loadAverageAtStart, input.otherLoad),
    code: codeUnderTest(),
    settings: {
      latencyMs: input.latency.latencyMs,
      jitterMs: input.latency.jitterMs,
      population: input.population,
      plan,
      gateway: GATEWAY_DEFAULTS,
      down: 'connection refused: the relay in front of the sandbox stops listening and drops open connections',
    },
    faults,
    quiet: {
      requests: summarizeRequests(raw.samples.filter((s) => !inAnyWindow(s.startedAt))),
      leads: summarizeLeads(quietSubmissions, leads),
    },
    totals: {
      requests: raw.samples.length,
      submissions: raw.submissions.length,
      crashes: raw.crashes.filter((c) => !c.cause.stoppedFromOutside).length,
      stoppedFromOutside: raw.crashes.filter((c) => c.cause.stoppedFromOutside).length,
      duplicateWrites: allLeads.duplicateWrites,
      lostLeads: allLeads.lostLeads,
      leads: allLeads,
    },
    drain: {
      maxS: plan.drainMaxS,
      drainedAfterS: raw.drain.drainedAfterS,
      stillPending: raw.drain.stillPending,
    },
    crashes: raw.crashes.map((c) => {
      const phase = phaseOf(c.at, raw.slots);
      const fault = FAULTS[phase.slot];
      return {
        atS: round((c.at - firstSlot) / 1000, 1),
        fault: fault ? `${faultName(fault)} (${phase.kind})` : phase.kind,
        gateway: c.gateway,
        exit: c.code !== null ? `code ${c.code}` : `signal ${c.signal}`,
        cause: c.cause.cause,
        stoppedFromOutside: c.cause.stoppedFromOutside,
        restarted: c.restarted,
        logTail: c.logTail,
      };
    }),
    observations: [],
    targets: [],
    errors: input.errors,
  };
  report.observations = observe(report, leads, raw);
  const startOf = new Map(raw.submissions.map((s) => [s.n, s.startedAt]));
  report.targets = judge(report, leads, (n) => {
    const phase = phaseOf(startOf.get(n) ?? 0, raw.slots);
    const fault = FAULTS[phase.slot];
    return fault ? `${faultName(fault)} (${phase.kind})` : phase.kind;
  });
  return report;
}

const list = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** Problems worth a reader's attention, each with the run's own figures. */
function observe(report: ChaosReport, leads: readonly LeadAtVendor[], raw: ChaosRaw): string[] {
  const notes: string[] = [];
  const clientSide = [
    NO_RESPONSE,
    CLIENT_TIMEOUT,
    BAD_RESPONSE,
    'INTERNAL_SERVER_ERROR',
    'UNKNOWN',
  ];
  for (const f of report.faults) {
    const unexpected = Object.keys(f.vendorCodes).filter((code) => !f.expectedCodes.includes(code));
    if (unexpected.length > 0)
      notes.push(
        `${f.name}: errors naming ${f.vendor} carried ${list(f.vendorCodes)}; expected ${f.expectedCodes.join(' or ') || 'none (healed unseen)'}.`,
      );
    const stale = f.staleByVendor[f.vendor] ?? 0;
    const missing = f.expectedCodes.filter((code) => !f.vendorCodes[code]);
    if (missing.length > 0)
      notes.push(
        `${f.name}: no response carried ${missing.join(' or ')} for ${f.vendor}${stale > 0 ? `; ${stale} responses (${pct(f.vendorStaleShare)}) had ${f.vendor} parts served stale instead` : ''}.`,
      );
    const bad = clientSide.filter((code) => f.outcomes[code]);
    if (bad.length > 0)
      notes.push(
        `${f.name}: ${bad.map((code) => `${f.outcomes[code]} responses ${code}`).join(', ')}.`,
      );
    if (sumOf(f.otherVendorCodes) > 0)
      notes.push(
        `${f.name}: errors naming other vendors (their baseline had ${list(splitCodes(f.baseline.outcomesByVendor, f.vendor).others)}): ${list(f.otherVendorCodes)}.`,
      );
  }
  const silent = leads.filter(
    (l) => l.final === 'FAILED' && !l.outcomeUnknown && l.sandboxCount > 0,
  );
  if (silent.length > 0)
    notes.push(
      `${silent.length} lead results were FAILED without \`outcomeUnknown\` although the sandbox holds the lead (codes: ${list(countBy(silent.map((l) => `${l.vendor} ${l.code}`)))}).`,
    );
  const orphans = raw.submissions.filter(
    (s) => !s.accepted && Object.values(raw.counts.get(s.n) ?? {}).some((n) => n > 0),
  );
  if (orphans.length > 0)
    notes.push(
      `${orphans.length} createLead requests got no results (${list(countBy(orphans.flatMap((s) => s.errorCodes)))}) but left leads at a sandbox.`,
    );
  for (const c of report.crashes.filter((x) => x.stoppedFromOutside))
    notes.push(
      `${c.gateway} was stopped ${c.atS} s into the faults (during ${c.fault}) by a signal from outside the run: ${c.cause}. Requests in flight or sent before the restart failed at the client (NO_RESPONSE); not a gateway crash.`,
    );
  if (report.drain.stillPending > 0)
    notes.push(
      `${report.drain.stillPending} submissions were still pending after the ${report.drain.maxS} s drain.`,
    );
  return notes;
}

const countBy = (keys: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
};

function judge(
  report: ChaosReport,
  leads: readonly LeadAtVendor[],
  whereOf: (submission: number) => string,
): Target[] {
  const bound = GATEWAY_DEFAULTS.requestTimeoutMs + P99_MARGIN_MS;
  const { totals } = report;
  const crashes = report.crashes.filter((c) => !c.stoppedFromOutside);
  const dups = leads.filter((l) => l.sandboxCount > 1);
  const lost = leads.filter(
    (l) =>
      l.accepted &&
      (l.final === 'PENDING' ||
        ((l.final === 'CREATED' || l.final === 'DELIVERED') && l.sandboxCount === 0)),
  );
  const over = report.faults.filter((f) => f.p99WithinBound === false);
  const worst = report.faults.reduce<FaultResult | null>(
    (w, f) => (f.p99Ms !== null && (!w || (w.p99Ms ?? 0) < f.p99Ms) ? f : w),
    null,
  );
  return [
    {
      target: 'gateway process crashes: 0',
      measured: `${totals.crashes}${totals.stoppedFromOutside > 0 ? ` (and ${totals.stoppedFromOutside} orderly stop on a signal from outside the run, not counted: see Exits)` : ''}`,
      met: totals.crashes === 0,
      why:
        crashes.length === 0
          ? null
          : crashes
              .map(
                (c) =>
                  `${c.gateway} exited ${c.atS} s into the faults, during ${c.fault}: ${c.cause}.`,
              )
              .join(' '),
    },
    {
      target: 'duplicate vendor writes: 0',
      measured: String(totals.duplicateWrites),
      met: totals.duplicateWrites === 0,
      why:
        dups.length === 0
          ? null
          : `${dups.length} submissions left more than one lead: ${list(countBy(dups.map((l) => `${l.vendor} in ${whereOf(l.submission)} (answered ${l.answered}, final ${l.final})`)))}.`,
    },
    {
      target: 'lost leads: 0 (every accepted submission delivered or reported FAILED)',
      measured: String(totals.lostLeads),
      met: totals.lostLeads === 0,
      why:
        lost.length === 0
          ? null
          : `${lost.length} vendor results: ${list(countBy(lost.map((l) => `${l.vendor} in ${whereOf(l.submission)}: final ${l.final} with ${l.sandboxCount} at the sandbox (answered ${l.answered}${l.code ? `, ${l.code}` : ''})`)))}.${report.drain.stillPending > 0 ? ` ${report.drain.stillPending} submissions were still pending when the ${report.drain.maxS} s drain ended.` : ''}`,
    },
    {
      target: `p99 latency of every fault <= request timeout + ${P99_MARGIN_MS / 1000} s (${bound} ms)`,
      measured: worst ? `worst: ${worst.p99Ms} ms (${worst.name})` : 'no requests',
      met: over.length === 0 && worst !== null,
      why:
        over.length === 0
          ? null
          : over
              .map(
                (f) =>
                  `${f.name}: p99 ${f.p99Ms} ms, max ${f.maxMs} ms over ${f.requests} requests (${list(f.outcomes)}).`,
              )
              .join(' '),
    },
  ];
}
