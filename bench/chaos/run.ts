import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Population } from '../../simulators/population/generate';
import { startGateway } from '../lib/gateway';
import type { GatewayProcess } from '../lib/gateway';
import { log, tick } from '../lib/progress';
import type { SandboxAdmin } from '../lib/sandboxes';
import { BENCH_VENDORS } from '../lib/vendors';
import { exitCause, inFaultWindow, recoveryOf } from './analysis';
import type { ExitCause, Slot } from './analysis';
import { pollCircuits } from './circuit';
import type { CircuitPoll } from './circuit';
import { startFault } from './faults';
import { countPending, drainPending, pendingIds, sandboxCounts } from './leads';
import type { Drain } from './leads';
import { startLoad } from './load';
import type { GatewayTarget, Sample, SubmissionSeen } from './load';
import { FAULTS, faultName } from './plan';
import type { ChaosPlan } from './plan';
import type { Relay } from './relay-control';

/** A gateway process that exited while nobody stopped it. */
export interface Crash {
  at: number;
  gateway: string;
  code: number | null;
  signal: string | null;
  /** The last lines of its log (the gateway logs no personal data). */
  logTail: string;
  /** What ended it, from the log (see `exitCause`). */
  cause: ExitCause;
  /** Whether a new process came up on the same DATA_DIR. */
  restarted: boolean;
}

export interface ChaosRaw {
  slots: Slot[];
  samples: Sample[];
  submissions: SubmissionSeen[];
  polls: CircuitPoll[];
  crashes: Crash[];
  /** Per slot: submissions answered PENDING in its window still pending when its watch ended. */
  pendingAtWatchEnd: number[];
  drain: Drain;
  /** Leads each submission left at the sandboxes, by submission then vendor. */
  counts: Map<number, Record<string, number>>;
  /** When the load started (the warm-up), epoch ms. */
  loadStartedAt: number;
}

export interface ChaosDeps {
  plan: ChaosPlan;
  admin: SandboxAdmin;
  relay: Relay;
  population: Population;
  templateDir: string;
  workDir: string;
  /** Set by the entry point on Ctrl-C: the run stops at the next step. */
  interrupted: () => boolean;
}

const VENDOR_IDS = BENCH_VENDORS.map((v) => v.id);

/** Waits `ms`, reporting progress every second; stops early when `done` says so. */
async function watch(
  ms: number,
  report: (elapsedS: number) => string,
  done: () => boolean = () => false,
  scope = 'chaos',
): Promise<void> {
  const started = performance.now();
  let lastTick = 0;
  while (performance.now() - started < ms && !done()) {
    const elapsed = performance.now() - started;
    if (elapsed - lastTick >= 1_000) {
      tick(scope, report(elapsed / 1000));
      lastTick = elapsed;
    }
    await sleep(Math.min(250, Math.max(ms - elapsed, 0)));
  }
}

/**
 * The run itself: a gateway child against the relay, the steady load, the fifteen faults one
 * at a time (baseline, fault, watched recovery), the final drain of pending leads and the count
 * of the leads at the sandboxes. A gateway that exits on its own is counted and restarted on the
 * same DATA_DIR. Returns what was seen; the figures are made in `analysis.ts`.
 */
export async function runChaos(deps: ChaosDeps): Promise<ChaosRaw> {
  const { plan, admin, relay } = deps;
  const crashes: Crash[] = [];
  let stopping = false;
  let generation = 1;

  const launch = (dataDir?: string): Promise<GatewayProcess> =>
    startGateway({
      name: `gateway-${generation}`,
      logDir: deps.workDir,
      sandboxUrls: relay.urls,
      templateDir: deps.templateDir,
      dataDir,
    });
  let gateway = await launch();
  const target: GatewayTarget = { url: gateway.url };

  // A crash is counted when it happens; the restart runs alongside the load (requests in the
  // meantime fail at the client and are counted as NO_RESPONSE).
  let restarting: Promise<void> = Promise.resolve();
  const supervise = (current: GatewayProcess): void => {
    void current.child.exit.then(async (exit) => {
      if (stopping) return;
      let text = '';
      try {
        text = readFileSync(current.child.logFile, 'utf8');
      } catch {
        text = '(no log)';
      }
      const logTail = text.trimEnd().split('\n').slice(-8).join('\n');
      const crash: Crash = {
        at: Date.now(),
        gateway: current.name,
        code: exit.code,
        signal: exit.signal,
        logTail,
        cause: exitCause(text, { code: exit.code, signal: exit.signal }),
        restarted: false,
      };
      crashes.push(crash);
      log('chaos', `${current.name} exited (${crash.cause.cause}); restarting on its DATA_DIR`);
      generation += 1;
      restarting = launch(current.dataDir).then(
        (next) => {
          gateway = next;
          target.url = next.url;
          crash.restarted = true;
          supervise(next);
        },
        (error: unknown) => log('chaos', `restart failed: ${(error as Error).message}`),
      );
    });
  };
  supervise(gateway);

  const poller = pollCircuits(target, VENDOR_IDS, plan.circuitPollMs);
  const runId = Date.now().toString(36);
  const load = startLoad(target, deps.population.people, plan, runId);
  const loadStartedAt = Date.now();
  const slots: Slot[] = [];
  const pendingAtWatchEnd: number[] = [];
  let drain: Drain = { deliveries: new Map(), drainedAfterS: null, stillPending: 0 };
  let counts = new Map<number, Record<string, number>>();

  try {
    await watch(plan.warmupS * 1000, (s) => `warm-up ${s.toFixed(0)} s / ${plan.warmupS} s`);
    let boundary = Date.now();
    for (const [index, fault] of FAULTS.entries()) {
      if (deps.interrupted()) throw new Error('interrupted');
      const name = `${index + 1}/${FAULTS.length} ${faultName(fault)}`;
      const baselineStart = boundary;
      await watch(plan.baselineS * 1000, (s) => `${name}: baseline ${s.toFixed(0)} s`);

      const active = await startFault(fault, plan, admin, relay);
      const faultStart = Date.now();
      const circuit = () => poller.latest(fault.vendor) ?? '?';
      const seen = () => load.samples.filter((x) => x.startedAt >= faultStart).length;
      await watch(
        plan.faultS * 1000,
        (s) =>
          `${name}: fault ${s.toFixed(0)} s / ${plan.faultS} s, ${seen()} requests, circuit ${circuit()}`,
      );
      await active.clear();
      const clearedAt = Date.now();

      const recovered = (): boolean => {
        const now = Date.now();
        const r = recoveryOf({
          vendor: fault.vendor,
          clearedAt,
          until: now,
          reads: load.samples,
          polls: poller.polls,
        });
        return (
          r.recoveredAt !== null &&
          now - r.recoveredAt >= plan.confirmS * 1000 &&
          r.cleanReadsAfter >= plan.confirmReads
        );
      };
      await watch(
        plan.recoveryMaxS * 1000,
        (s) =>
          `${name}: recovery ${s.toFixed(0)} s (at most ${plan.recoveryMaxS} s), circuit ${circuit()}`,
        recovered,
      );
      const end = Date.now();
      slots.push({ baselineStart, faultStart, clearedAt, end });
      boundary = end;

      const mine = load.submissions.filter((s) => inFaultWindow(s.startedAt, slots, index));
      pendingAtWatchEnd.push(await countPending(target, pendingIds(mine)));
      const r = recoveryOf({
        vendor: fault.vendor,
        clearedAt,
        until: end,
        reads: load.samples,
        polls: poller.polls,
      });
      log(
        'chaos',
        `${name}: ${seen()} requests; recovered ${r.seconds === null ? `not within ${plan.recoveryMaxS} s` : `after ${r.seconds} s`}; ${pendingAtWatchEnd.at(-1)} of its submissions still pending`,
      );
    }

    tick('chaos', 'stopping the load (waiting for requests in flight)');
    await load.stop();
    await restarting;
    drain = await drainPending(target, load.submissions, plan.drainMaxS * 1000, (pending, s) =>
      tick(
        'chaos',
        `drain: ${pending} submissions pending after ${s.toFixed(0)} s (at most ${plan.drainMaxS} s)`,
      ),
    );
    log(
      'chaos',
      drain.drainedAfterS === null
        ? `drain: ${drain.stillPending} submissions still pending after ${plan.drainMaxS} s`
        : `drain: nothing pending after ${drain.drainedAfterS} s`,
    );
    log('chaos', `counting the leads of ${load.submissions.length} submissions at the sandboxes`);
    counts = await sandboxCounts(admin, load.submissions);
  } finally {
    stopping = true;
    await load.stop();
    await poller.stop();
    await restarting;
    await gateway.stop();
  }

  return {
    slots,
    samples: load.samples,
    submissions: load.submissions,
    polls: poller.polls,
    crashes,
    pendingAtWatchEnd,
    drain,
    counts,
    loadStartedAt,
  };
}
