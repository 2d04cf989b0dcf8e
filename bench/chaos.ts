/**
 * `npm run chaos [-- --quick] [--latency-ms N] [--jitter-ms N]`: a steady mixed load of reads and
 * lead submissions while scripted faults hit the vendor sandboxes one at a time (each vendor down,
 * slow past the timeout, a burst of 5xx, 429 storms, revoked tokens, malformed bodies), then a
 * drain of pending leads and a count of every lead at the sandboxes. Writes
 * `bench/results/chaos.md` and `chaos.json` (`--quick`: `chaos-quick.*`, git-ignored).
 *
 * Processes: the sandboxes in one child, a TCP relay in front of them in another (so a vendor can
 * refuse connections), the gateway in a third; the load here. All on 127.0.0.1, every request
 * bounded, every child stopped at the end, on errors and on Ctrl-C. Progress on stderr, the
 * targets on stdout. Exit code 1 when the run itself failed (not when a target is missed).
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generatePopulation } from '../simulators/population/generate';
import { prepareTemplateDataDir, removeDir } from './lib/data-dir';
import { gatewayEnv } from './lib/gateway';
import { measureOtherLoad } from './lib/machine';
import { writeResults } from './lib/markdown';
import { log } from './lib/progress';
import { runningChildren, stopAllChildren } from './lib/processes';
import { startSandboxProcess } from './lib/sandboxes';
import { FULL_CHAOS, QUICK_CHAOS } from './chaos/plan';
import { startRelay } from './chaos/relay-control';
import { renderChaos } from './chaos/render';
import { buildChaosReport } from './chaos/report';
import { runChaos } from './chaos/run';

/** The gateway's default sandbox population and seed, as the bench uses. */
const POPULATION_SIZE = 1000;
/** Vendor latency, as the bench's default: 50 ms plus up to 20 ms. */
const DEFAULT_LATENCY_MS = 50;
const DEFAULT_JITTER_MS = 20;

const USAGE = `usage: npm run chaos -- [--quick] [--latency-ms N] [--jitter-ms N]
  --quick         every fault, briefly (under 3 minutes), written to bench/results/chaos-quick.*
  --latency-ms N  delay of every vendor answer in ms (default ${DEFAULT_LATENCY_MS})
  --jitter-ms N   up to N ms more, uniform (default ${DEFAULT_JITTER_MS})`;

let interrupted = false;

function fail(message: string): never {
  process.stderr.write(`chaos: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function wholeMs(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    fail(`${name} must be a whole number of ms (got "${JSON.stringify(value)}")`);
  return Number(value);
}

function parseCli(): { quick: boolean; latencyMs: number; jitterMs: number } {
  let values: ReturnType<typeof parseArgs>['values'];
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        'latency-ms': { type: 'string' },
        'jitter-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    quick: values.quick === true,
    latencyMs: wholeMs('--latency-ms', values['latency-ms'], DEFAULT_LATENCY_MS),
    jitterMs: wholeMs('--jitter-ms', values['jitter-ms'], DEFAULT_JITTER_MS),
  };
}

async function main(): Promise<number> {
  const cli = parseCli();
  const plan = cli.quick ? QUICK_CHAOS : FULL_CHAOS;
  const started = performance.now();
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const otherLoad = measureOtherLoad();
  const workDir = await mkdtemp(path.join(tmpdir(), 'vg-chaos-'));
  let failed = true;

  const interrupt = (signal: NodeJS.Signals): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('chaos', `${signal}: stopping every child process`);
    void stopAllChildren()
      .then(() => removeDir(workDir))
      .then(() => process.exit(130));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  try {
    log('setup', `${cli.quick ? 'quick' : 'full'} chaos run; logs in ${workDir}`);
    log('setup', `seeding ${POPULATION_SIZE} synthetic people into the five sandboxes`);
    const sandboxes = await startSandboxProcess(workDir, POPULATION_SIZE, DEFAULT_SEED);
    await sandboxes.admin.removeRateLimits();
    await sandboxes.admin.setLatency({ latencyMs: 0, jitterMs: 0 });
    const population = generatePopulation({ seed: DEFAULT_SEED, size: POPULATION_SIZE });
    log('setup', 'preparing the identity store the gateway starts from');
    const templateDir = await prepareTemplateDataDir(
      gatewayEnv(sandboxes.urls, ''),
      population,
      workDir,
    );
    const latency = { latencyMs: cli.latencyMs, jitterMs: cli.jitterMs };
    await sandboxes.admin.setLatency(latency);
    const relay = await startRelay(workDir, sandboxes.urls);
    log(
      'setup',
      `relay up; starting the gateway (${((performance.now() - started) / 1000).toFixed(1)} s so far)`,
    );

    const raw = await runChaos({
      plan,
      admin: sandboxes.admin,
      relay,
      population,
      templateDir,
      workDir,
      interrupted: () => interrupted,
    });
    // Children are stopped (and waited for) first, so their CPU time counts as the run's own.
    await stopAllChildren();
    const report = buildChaosReport({
      raw,
      plan,
      latency,
      population: POPULATION_SIZE,
      durationS: (performance.now() - started) / 1000,
      loadAverageAtStart,
      otherLoad: otherLoad(),
      errors: [],
    });
    const files = await writeResults(
      cli.quick ? 'chaos-quick' : 'chaos',
      renderChaos(report),
      report,
    );
    process.stdout.write(
      `${report.targets.map((t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}`).join('\n')}\n`,
    );
    log('chaos', `wrote ${files.join(' and ')} in ${report.durationS} s`);
    failed = false;
    return 0;
  } finally {
    await stopAllChildren();
    if (runningChildren() > 0)
      log('chaos', `warning: ${runningChildren()} child(ren) still running`);
    if (failed) log('chaos', `the run failed; child logs kept in ${workDir}`);
    else if (!interrupted) await removeDir(workDir);
  }
}

main().then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  async (error: unknown) => {
    if (interrupted) return;
    process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
    await stopAllChildren();
    process.exit(1);
  },
);
