import type { BenchVendor } from '../lib/vendors';

/** The kinds of fault the chaos run plays, one at a time. */
export type FaultKind = 'down' | 'slow' | 'burst5xx' | 'storm429' | 'revoked' | 'malformed';

export interface FaultSpec {
  kind: FaultKind;
  vendor: BenchVendor['id'];
}

/**
 * The fifteen faults, in the order played. Faults at the lead vendors (Americor, AgencyZoom)
 * alternate with faults at the others, and the run ends with faults that keep no lead waiting, so
 * that leads kept for later delivery (AgencyZoom waits a write timeout, 30 s, before it looks for
 * a lead whose answer was unreadable) are delivered before the final drain.
 */
export const FAULTS: readonly FaultSpec[] = [
  { kind: 'down', vendor: 'AMERICOR' },
  { kind: 'down', vendor: 'CREDIT_PROS' },
  { kind: 'down', vendor: 'AGENCYZOOM' },
  { kind: 'down', vendor: 'LENDING_CRM' },
  { kind: 'slow', vendor: 'AMERICOR' },
  { kind: 'down', vendor: 'APITURE' },
  { kind: 'burst5xx', vendor: 'AGENCYZOOM' },
  { kind: 'slow', vendor: 'CREDIT_PROS' },
  { kind: 'storm429', vendor: 'AGENCYZOOM' },
  { kind: 'burst5xx', vendor: 'LENDING_CRM' },
  { kind: 'malformed', vendor: 'AGENCYZOOM' },
  { kind: 'storm429', vendor: 'APITURE' },
  { kind: 'revoked', vendor: 'AMERICOR' },
  { kind: 'revoked', vendor: 'CREDIT_PROS' },
  { kind: 'malformed', vendor: 'APITURE' },
];

/** How the sandbox or the relay plays each kind (the figures are in `ChaosPlan`). */
export const FAULT_LABELS: Record<FaultKind, string> = {
  down: 'down',
  slow: 'slow past the timeout',
  burst5xx: 'burst of 5xx',
  storm429: '429 storm',
  revoked: 'token revoked',
  malformed: 'malformed JSON',
};

/**
 * The codes a client may see for the faulted vendor (none: healed unseen). An open circuit fails
 * calls fast with VENDOR_UNAVAILABLE, so a slow vendor shows both.
 */
export function expectedCodes(fault: FaultSpec): string[] {
  const codes: Record<FaultKind, string[]> = {
    down: ['VENDOR_UNAVAILABLE'],
    slow: ['VENDOR_TIMEOUT', 'VENDOR_UNAVAILABLE'],
    burst5xx: ['VENDOR_UNAVAILABLE'],
    storm429: ['VENDOR_RATE_LIMITED'],
    revoked:
      fault.vendor === 'AMERICOR' || fault.vendor === 'AGENCYZOOM' ? [] : ['VENDOR_AUTH_FAILED'],
    malformed: ['VENDOR_UNAVAILABLE'],
  };
  return codes[fault.kind];
}

export const faultName = (fault: FaultSpec): string =>
  `${fault.vendor} ${FAULT_LABELS[fault.kind]}`;

/** How much of everything a run does: the full run, or `--quick`. */
export interface ChaosPlan {
  quick: boolean;
  /** Virtual clients, each a loop of requests with think time between them. */
  clients: number;
  /** Share of iterations that submit a lead (the rest read the combined view of someone). */
  leadShare: number;
  /** Think time between a client's requests, uniform in [min, max] ms. */
  thinkMinMs: number;
  thinkMaxMs: number;
  /** Steady load before the first baseline, not measured (tokens, first cache fills), in s. */
  warmupS: number;
  /** Steady load before each fault, in s. */
  baselineS: number;
  /** How long each fault lasts, in s. */
  faultS: number;
  /** The longest the recovery after a fault is watched, in s. */
  recoveryMaxS: number;
  /** Once recovered: watch this much longer, with at least `confirmReads` clean reads, in s. */
  confirmS: number;
  confirmReads: number;
  /** The longest the final drain of pending leads may take, in s. */
  drainMaxS: number;
  /** Slow: every answer of the vendor waits this long plus up to the jitter, in ms. */
  slowLatencyMs: number;
  slowJitterMs: number;
  /** Burst: share of calls answered 5xx, the statuses in turn and how long each lasts, in ms. */
  burstErrorRate: number;
  burstStatuses: number[];
  burstStepMs: number;
  /** 429 storm: every call answered 429 with this `Retry-After`, in s. */
  retryAfterS: number;
  /** Token revoked: revoked again this often during the fault (login tokens only), in ms. */
  revokeEveryMs: number;
  /** Malformed: share of JSON answers cut short. */
  malformedRate: number;
  /** A client gives up on a request after this long, in ms (far past the gateway's own deadline). */
  clientTimeoutMs: number;
  /** How often the circuit states are read from the gateway, in ms. */
  circuitPollMs: number;
}

export const FULL_CHAOS: ChaosPlan = {
  quick: false,
  clients: 6,
  leadShare: 0.2,
  thinkMinMs: 100,
  thinkMaxMs: 300,
  warmupS: 10,
  baselineS: 5,
  faultS: 20,
  recoveryMaxS: 30,
  confirmS: 5,
  confirmReads: 5,
  drainMaxS: 90,
  slowLatencyMs: 6_000,
  slowJitterMs: 1_000,
  burstErrorRate: 0.75,
  burstStatuses: [500, 502, 503],
  burstStepMs: 1_000,
  retryAfterS: 3,
  revokeEveryMs: 5_000,
  malformedRate: 1,
  clientTimeoutMs: 30_000,
  circuitPollMs: 500,
};

export const QUICK_CHAOS: ChaosPlan = {
  ...FULL_CHAOS,
  quick: true,
  warmupS: 2,
  baselineS: 1,
  faultS: 3,
  recoveryMaxS: 9,
  confirmS: 0.5,
  confirmReads: 2,
  drainMaxS: 25,
  revokeEveryMs: 2_000,
};
