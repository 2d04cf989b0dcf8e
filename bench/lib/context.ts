import type { Population } from '../../simulators/population/generate';
import type { Latency, RunningSandboxes } from './sandboxes';

/** How much of each scenario a run does: the full run, or `--quick`. */
export interface Plan {
  quick: boolean;
  /** S1: fresh gateway processes measured cold, and warm repeats on the last of them. */
  s1ColdSamples: number;
  s1WarmSamples: number;
  /** S1: runs of the client's own five vendor chains. */
  s1ClientSamples: number;
  /** S2: people in the list. */
  s2People: number;
  /** S3: load levels (concurrent connections) and seconds at each, per server. */
  s3Concurrencies: number[];
  s3DurationS: number;
  /** S3: seconds of headline load on a gateway run with `--cpu-prof` (0: no profile). */
  s3ProfileS: number;
  /** S4: rate-limit windows of demand, and the AgencyZoom budget per window. */
  s4Windows: number;
  s4Limit: number;
  s4WindowMs: number;
  /** S4: demand as a multiple of the budget. */
  s4DemandFactor: number;
  /** S5: requests of load, and the most seconds they may take. */
  s5Requests: number;
  s5MaxDurationS: number;
  s5Connections: number;
}

export const FULL_PLAN: Plan = {
  quick: false,
  s1ColdSamples: 10,
  s1WarmSamples: 50,
  s1ClientSamples: 10,
  s2People: 25,
  s3Concurrencies: [1, 8, 32],
  s3DurationS: 20,
  s3ProfileS: 10,
  s4Windows: 2,
  s4Limit: 30,
  s4WindowMs: 6_000,
  s4DemandFactor: 10,
  s5Requests: 100_000,
  s5MaxDurationS: 180,
  s5Connections: 16,
};

export const QUICK_PLAN: Plan = {
  ...FULL_PLAN,
  quick: true,
  s1ColdSamples: 3,
  s1WarmSamples: 15,
  s1ClientSamples: 3,
  s3Concurrencies: [1, 16],
  s3DurationS: 4,
  s3ProfileS: 3,
  s5Requests: 20_000,
  s5MaxDurationS: 15,
};

/** What every scenario gets from `main.ts`. */
export interface BenchContext {
  plan: Plan;
  latency: Latency;
  sandboxes: RunningSandboxes;
  population: Population;
  /** The prepared DATA_DIR every gateway copies (see `data-dir.ts`). */
  templateDir: string;
  /** Where children's logs and scratch files go (a temporary directory). */
  workDir: string;
}
