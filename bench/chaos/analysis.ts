/**
 * The chaos run's arithmetic, kept pure so that it is tested (`test/bench/chaos.test.ts`):
 * which fault a request belongs to, what the clients saw, when a vendor counts as recovered, how
 * its circuit moved, and which leads were duplicated or lost. Times are epoch ms.
 */
import { percentile, round } from '../lib/stats';
import type { CircuitPoll, CircuitReading } from './circuit';
import type { Sample, SubmissionSeen } from './load';

/** The time of one fault: baseline, the fault itself, then the watched recovery. */
export interface Slot {
  baselineStart: number;
  faultStart: number;
  clearedAt: number;
  /** End of the watched recovery; the next slot's baseline starts here. */
  end: number;
}

export type PhaseKind = 'warmup' | 'baseline' | 'fault' | 'recovery' | 'after';

/**
 * Where a moment falls: before the first baseline (warm-up), in a slot's baseline, fault or
 * recovery, or after the last slot (the final drain). Slots are in order and do not overlap.
 */
export function phaseOf(at: number, slots: readonly Slot[]): { slot: number; kind: PhaseKind } {
  const first = slots[0];
  if (!first || at < first.baselineStart) return { slot: -1, kind: 'warmup' };
  for (const [index, s] of slots.entries()) {
    if (at >= s.end) continue;
    if (at < s.baselineStart) break;
    const kind = at < s.faultStart ? 'baseline' : at < s.clearedAt ? 'fault' : 'recovery';
    return { slot: index, kind };
  }
  // In a gap between slots (none when slots are contiguous) or after the last one.
  const last = slots[slots.length - 1];
  return at >= last.end ? { slot: -1, kind: 'after' } : { slot: -1, kind: 'warmup' };
}

/** Whether the request started in the fault or the recovery of slot `index`. */
export function inFaultWindow(at: number, slots: readonly Slot[], index: number): boolean {
  const phase = phaseOf(at, slots);
  return phase.slot === index && (phase.kind === 'fault' || phase.kind === 'recovery');
}

export const OK = 'ok';

export interface RequestSummary {
  requests: number;
  reads: number;
  leadRequests: number;
  /**
   * Responses per outcome: `ok` (no error), else once per distinct error code in the response
   * (a response with two codes counts under both), client-side failures included.
   */
  outcomes: Record<string, number>;
  /** The same by code and the vendor named in the error (`CODE VENDOR`; `CODE` when none). */
  outcomesByVendor: Record<string, number>;
  /** Responses with data and errors, over all responses. */
  partialShare: number;
  /** Responses without data (an error answer or none at all), over all responses. */
  failedShare: number;
  /** Responses with a part served stale (`extensions.stale`), over all responses. */
  staleShare: number;
  /** Responses with a stale part from each vendor. */
  staleByVendor: Record<string, number>;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function summarizeRequests(samples: readonly Sample[]): RequestSummary {
  const outcomes: Record<string, number> = {};
  const outcomesByVendor: Record<string, number> = {};
  const staleByVendor: Record<string, number> = {};
  let partial = 0;
  let failed = 0;
  let stale = 0;
  for (const sample of samples) {
    for (const vendor of new Set(sample.staleVendors)) bump(staleByVendor, vendor);
    if (sample.staleVendors.length > 0) stale += 1;
    if (sample.errors.length === 0) {
      bump(outcomes, OK);
      bump(outcomesByVendor, OK);
    }
    for (const code of new Set(sample.errors.map((e) => e.code))) bump(outcomes, code);
    for (const e of sample.errors)
      bump(outcomesByVendor, e.vendor ? `${e.code} ${e.vendor}` : e.code);
    if (sample.hasData && sample.errors.length > 0) partial += 1;
    if (!sample.hasData) failed += 1;
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const figure = (p: number): number | null =>
    sorted.length > 0 ? round(percentile(sorted, p)) : null;
  return {
    requests: samples.length,
    reads: samples.filter((s) => s.kind === 'read').length,
    leadRequests: samples.filter((s) => s.kind === 'lead').length,
    outcomes,
    outcomesByVendor,
    partialShare: samples.length > 0 ? round(partial / samples.length, 4) : 0,
    failedShare: samples.length > 0 ? round(failed / samples.length, 4) : 0,
    staleShare: samples.length > 0 ? round(stale / samples.length, 4) : 0,
    staleByVendor,
    p50Ms: figure(50),
    p99Ms: figure(99),
    maxMs: sorted.length > 0 ? round(sorted[sorted.length - 1]) : null,
  };
}

/**
 * A read that shows the vendor still faulty: an error naming it, a stale part from it, or no
 * answer at all (the gateway itself did not answer).
 */
export function dirtyFor(sample: Sample, vendor: string): boolean {
  return (
    sample.errors.some((e) => e.vendor === vendor || (e.vendor === null && !sample.hasData)) ||
    sample.staleVendors.includes(vendor)
  );
}

/** A read of a person the vendor holds, answered with data and nothing wrong from that vendor. */
export function cleanFor(sample: Sample, vendor: string): boolean {
  return sample.hasData && sample.personIn.includes(vendor) && !dirtyFor(sample, vendor);
}

export interface Recovery {
  /** Seconds from clearing the fault to `recoveredAt`; null when not recovered while watched. */
  seconds: number | null;
  recoveredAt: number | null;
  /** When the circuit was CLOSED for good (from then to the end of the watch). */
  circuitClosedAt: number | null;
  /** When the first clean read after the last dirty one completed. */
  cleanReadAt: number | null;
  /** Reads started after the clear that were still dirty, and the last one's start. */
  dirtyReads: number;
  lastDirtyAt: number | null;
  /** Clean reads (of people the vendor holds) started at or after `recoveredAt`. */
  cleanReadsAfter: number;
}

/**
 * When a vendor counts as recovered after its fault was cleared at `clearedAt`, from what was
 * seen until `until`: the later of
 * - the circuit: the first reading CLOSED after the last reading that was not (or the clear
 *   itself when every reading since the one before the clear was CLOSED), provided the last
 *   reading is CLOSED; and
 * - the reads: the completion of the first clean read (a person the vendor holds, answered with
 *   data, no error naming the vendor, no stale part from it) that started after the last dirty
 *   read (any read started after the clear with an error naming the vendor, a stale part from
 *   it, or no answer) started.
 * Only reads started in [clearedAt, until) count. Null when either never happened.
 */
export function recoveryOf(input: {
  vendor: string;
  clearedAt: number;
  until: number;
  reads: readonly Sample[];
  polls: readonly CircuitPoll[];
}): Recovery {
  const { vendor, clearedAt, until } = input;
  const reads = input.reads
    .filter((r) => r.kind === 'read' && r.startedAt >= clearedAt && r.startedAt < until)
    .sort((a, b) => a.startedAt - b.startedAt);
  const dirty = reads.filter((r) => dirtyFor(r, vendor));
  const lastDirtyAt = dirty.length > 0 ? dirty[dirty.length - 1].startedAt : null;
  const cleanAfter = reads.filter(
    (r) => (lastDirtyAt === null || r.startedAt > lastDirtyAt) && cleanFor(r, vendor),
  );
  const cleanReadAt =
    cleanAfter.length > 0 ? Math.min(...cleanAfter.map((r) => r.startedAt + r.ms)) : null;

  const before = input.polls.filter((p) => p.at <= clearedAt).at(-1);
  const since = input.polls.filter((p) => p.at > clearedAt && p.at <= until);
  const readings = [...(before ? [before] : []), ...since];
  const state = (p: CircuitPoll): CircuitReading | undefined => p.circuits[vendor];
  const states = readings.map(state);
  let circuitClosedAt: number | null = null;
  if (states.at(-1) === 'CLOSED') {
    let lastOther = -1;
    states.forEach((s, i) => {
      if (s !== 'CLOSED') lastOther = i;
    });
    circuitClosedAt =
      lastOther === -1 ? clearedAt : Math.max(readings[lastOther + 1].at, clearedAt);
  }

  const recoveredAt =
    circuitClosedAt !== null && cleanReadAt !== null
      ? Math.max(circuitClosedAt, cleanReadAt)
      : null;
  return {
    seconds: recoveredAt === null ? null : round((recoveredAt - clearedAt) / 1000, 1),
    recoveredAt,
    circuitClosedAt,
    cleanReadAt,
    dirtyReads: dirty.length,
    lastDirtyAt,
    cleanReadsAfter:
      recoveredAt === null ? 0 : cleanAfter.filter((r) => r.startedAt >= recoveredAt).length,
  };
}

/** A change of a vendor's circuit, seconds after `origin` (the fault's start). */
export interface CircuitChange {
  atS: number;
  circuit: CircuitReading;
}

/**
 * The vendor's circuit over [from, to]: the reading in force at `from` (the last one before it,
 * else the first after it), then every change, relative to `origin`.
 */
export function circuitChanges(
  polls: readonly CircuitPoll[],
  vendor: string,
  from: number,
  to: number,
  origin: number,
): CircuitChange[] {
  const before = polls.filter((p) => p.at <= from).at(-1);
  const inside = polls.filter((p) => p.at > from && p.at <= to);
  const changes: CircuitChange[] = [];
  for (const [i, poll] of [...(before ? [before] : []), ...inside].entries()) {
    const circuit = poll.circuits[vendor];
    if (circuit === undefined || changes.at(-1)?.circuit === circuit) continue;
    changes.push({
      atS: round(((i === 0 ? Math.max(poll.at, from) : poll.at) - origin) / 1000, 1),
      circuit,
    });
  }
  return changes;
}

// ---- leads ----

/** Where one submission stands at one vendor after the drain. */
export type FinalStatus = 'CREATED' | 'DELIVERED' | 'FAILED' | 'PENDING' | 'NO_ANSWER';

export interface LeadAtVendor {
  submission: number;
  vendor: string;
  accepted: boolean;
  /** What `createLead` answered for this vendor (NO_ANSWER when it returned no results). */
  answered: FinalStatus;
  final: FinalStatus;
  code: string | null;
  outcomeUnknown: boolean;
  /** Leads of this submission the sandbox holds. */
  sandboxCount: number;
}

export interface LeadVerdict {
  /** The sandbox holds more than one lead of the submission. */
  duplicate: boolean;
  /** Accepted, and still pending, or said created while the sandbox holds none. */
  lost: boolean;
  /** Reported FAILED with outcomeUnknown, and the sandbox does hold it (informative). */
  unknownButCreated: boolean;
  /** Reported FAILED without outcomeUnknown, yet the sandbox holds it: a silent write. */
  failedButCreated: boolean;
}

export function judgeLead(lead: LeadAtVendor): LeadVerdict {
  const saidCreated = lead.final === 'CREATED' || lead.final === 'DELIVERED';
  return {
    duplicate: lead.sandboxCount > 1,
    lost: lead.accepted && (lead.final === 'PENDING' || (saidCreated && lead.sandboxCount === 0)),
    unknownButCreated: lead.final === 'FAILED' && lead.outcomeUnknown && lead.sandboxCount > 0,
    failedButCreated: lead.final === 'FAILED' && !lead.outcomeUnknown && lead.sandboxCount > 0,
  };
}

/** A delivery's state as `leadSubmission` last gave it. */
export interface DeliverySeen {
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  code: string | null;
  outcomeUnknown: boolean;
}

/**
 * The final state of each vendor of a submission: what `createLead` answered, brought up to date
 * for PENDING ones with the last `leadSubmission` reading (`deliveries`, by vendor).
 */
export function finalStates(
  submission: SubmissionSeen,
  deliveries: Record<string, DeliverySeen> | undefined,
  sandboxCounts: Record<string, number>,
): LeadAtVendor[] {
  return submission.vendors.map((vendor) => {
    const result = submission.results.find((r) => r.vendor === vendor);
    const base = {
      submission: submission.n,
      vendor,
      accepted: submission.accepted,
      sandboxCount: sandboxCounts[vendor] ?? 0,
    };
    if (!result)
      return {
        ...base,
        answered: 'NO_ANSWER',
        final: 'NO_ANSWER',
        code: null,
        outcomeUnknown: false,
      };
    const delivery = result.status === 'PENDING' ? deliveries?.[vendor] : undefined;
    return {
      ...base,
      answered: result.status,
      final: delivery ? delivery.status : result.status,
      code: delivery ? delivery.code : result.code,
      outcomeUnknown: delivery ? delivery.outcomeUnknown : result.outcomeUnknown,
    };
  });
}

export interface LeadSummary {
  submissions: number;
  accepted: number;
  /** `createLead` answers without results, by code. */
  notAccepted: Record<string, number>;
  /** Per vendor: final status -> count (CREATED: at once; DELIVERED: later, by the worker). */
  byStatus: Record<string, Record<string, number>>;
  /** Per vendor: what `createLead` answered at once. */
  answered: Record<string, Record<string, number>>;
  duplicateWrites: number;
  lostLeads: number;
  outcomeUnknown: number;
  outcomeUnknownCreated: number;
  failedButCreated: number;
}

export function summarizeLeads(
  submissions: readonly SubmissionSeen[],
  leads: readonly LeadAtVendor[],
): LeadSummary {
  const ids = new Set(submissions.map((s) => s.n));
  const mine = leads.filter((l) => ids.has(l.submission));
  const notAccepted: Record<string, number> = {};
  for (const s of submissions)
    if (!s.accepted) for (const code of s.errorCodes) bump(notAccepted, code);
  const byStatus: Record<string, Record<string, number>> = {};
  const answered: Record<string, Record<string, number>> = {};
  for (const lead of mine) {
    bump((byStatus[lead.vendor] ??= {}), lead.final);
    bump((answered[lead.vendor] ??= {}), lead.answered);
  }
  const verdicts = mine.map(judgeLead);
  const count = (pick: (v: LeadVerdict) => boolean) => verdicts.filter(pick).length;
  return {
    submissions: submissions.length,
    accepted: submissions.filter((s) => s.accepted).length,
    notAccepted,
    byStatus,
    answered,
    duplicateWrites: count((v) => v.duplicate),
    lostLeads: count((v) => v.lost),
    outcomeUnknown: mine.filter((l) => l.final === 'FAILED' && l.outcomeUnknown).length,
    outcomeUnknownCreated: count((v) => v.unknownButCreated),
    failedButCreated: count((v) => v.failedButCreated),
  };
}

// ---- gateway exits ----

export interface ExitCause {
  /** What ended the process, in words, from its log and exit status. */
  cause: string;
  /**
   * The gateway ran its own orderly shutdown, which it does only on SIGTERM or SIGINT: a signal
   * from outside the process (the run sends none while it runs), not a crash.
   */
  stoppedFromOutside: boolean;
}

interface LogLine {
  level?: unknown;
  msg?: unknown;
  signal?: unknown;
  err?: { type?: string };
}

/** Why a gateway process ended, from its JSON log lines and its exit code or signal. */
export function exitCause(
  log: string,
  exit: { code: number | null; signal: string | null },
): ExitCause {
  const lines = log.split('\n').flatMap((line): LogLine[] => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
  const shutdown = lines.findLast(
    (l) => typeof l.msg === 'string' && l.msg.startsWith('shutting down'),
  );
  if (shutdown && exit.code === 0)
    return {
      cause: `orderly shutdown on ${String(shutdown.signal)} ("${String(shutdown.msg)}", then exit code 0)`,
      stoppedFromOutside: true,
    };
  const error = lines.findLast((l) => l.level === 'fatal' || l.level === 'error');
  const status = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  return {
    cause: error
      ? `${status}; last error logged: "${String(error.msg)}"${typeof error.err?.type === 'string' ? ` (${error.err.type})` : ''}`
      : `${status}, no error logged`,
    stoppedFromOutside: false,
  };
}
