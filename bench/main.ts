/**
 * `npm run bench [-- --quick] [--latency-ms N] [--jitter-ms N] [--only S1,S2]`: measures the
 * gateway against what a user would otherwise do, side by side in one run, and writes
 * `bench/results/latest.md` and `latest.json` (`--quick`: `quick.*`; `--only`: `*-partial.*`).
 *
 * Processes: the five sandboxes in one child, each gateway and the bare server in children of
 * their own (`node --import tsx ...`), the load generator (autocannon) here. All listen on
 * 127.0.0.1 on free ports; each gateway has its own temporary DATA_DIR. Every child is stopped at
 * the end, on errors and on Ctrl-C. Progress goes to stderr, the summary table to stdout.
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generatePopulation } from '../simulators/population/generate';
import type { BenchContext } from './lib/context';
import { FULL_PLAN, QUICK_PLAN } from './lib/context';
import { prepareTemplateDataDir, removeDir } from './lib/data-dir';
import { gatewayEnv } from './lib/gateway';
import { measureOtherLoad } from './lib/machine';
import { log } from './lib/progress';
import { runningChildren, stopAllChildren } from './lib/processes';
import { buildReport, summaryTable, writeReport } from './lib/report';
import type { ScenarioId, ScenarioResults } from './lib/report';
import { startSandboxProcess } from './lib/sandboxes';
import { runS1 } from './scenarios/s1-combined-view';
import { runS2 } from './scenarios/s2-list-view';
import { runS3 } from './scenarios/s3-throughput';
import { runS4 } from './scenarios/s4-rate-limit';
import { runS5 } from './scenarios/s5-memory';

/** The gateway's default sandbox population and seed, so the bench sees what `npm start` serves. */
const POPULATION_SIZE = 1000;

/** Default vendor latency: every sandbox answer waits 50 ms plus up to 20 ms of jitter. */
const DEFAULT_LATENCY_MS = 50;
const DEFAULT_JITTER_MS = 20;

const SCENARIOS: Record<ScenarioId, (ctx: BenchContext) => Promise<unknown>> = {
  S1: runS1,
  S2: runS2,
  S3: runS3,
  S4: runS4,
  S5: runS5,
};

/** Set on SIGINT/SIGTERM: the run stops, the interrupt handler cleans up and exits. */
let interrupted = false;

const USAGE = `usage: npm run bench -- [--quick] [--latency-ms N] [--jitter-ms N] [--only S1,S2,...]
  --quick         reduced run (under 2 minutes), written to bench/results/quick.*
  --latency-ms N  delay of every vendor answer in ms (default ${DEFAULT_LATENCY_MS})
  --jitter-ms N   up to N ms more, uniform (default ${DEFAULT_JITTER_MS})
  --only LIST     only these scenarios (S1 to S5), written to bench/results/*-partial.*`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function nonNegativeInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`${name} must be a whole number of ms (got "${value}")`);
  return Number(value);
}

function parseCli(): { quick: boolean; latencyMs: number; jitterMs: number; only: ScenarioId[] } {
  let values: ReturnType<typeof parseArgs>['values'];
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        'latency-ms': { type: 'string' },
        'jitter-ms': { type: 'string' },
        only: { type: 'string' },
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
  const all = Object.keys(SCENARIOS) as ScenarioId[];
  const only =
    typeof values.only === 'string'
      ? values.only.split(',').map((s) => s.trim().toUpperCase())
      : all;
  for (const id of only) if (!all.includes(id as ScenarioId)) fail(`unknown scenario "${id}"`);
  return {
    quick: values.quick === true,
    latencyMs: nonNegativeInt(
      '--latency-ms',
      values['latency-ms'] as string | undefined,
      DEFAULT_LATENCY_MS,
    ),
    jitterMs: nonNegativeInt(
      '--jitter-ms',
      values['jitter-ms'] as string | undefined,
      DEFAULT_JITTER_MS,
    ),
    only: all.filter((id) => only.includes(id)),
  };
}

async function main(): Promise<number> {
  const cli = parseCli();
  const started = performance.now();
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const otherLoad = measureOtherLoad();
  const plan = cli.quick ? QUICK_PLAN : FULL_PLAN;
  // Logs, data directories and scratch files of the run: removed at the end unless a scenario failed.
  const workDir = await mkdtemp(path.join(tmpdir(), 'vg-bench-'));
  let keepWorkDir = true;

  const interrupt = (signal: NodeJS.Signals): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('bench', `${signal}: stopping every child process`);
    void stopAllChildren()
      .then(() => removeDir(workDir))
      .then(() => process.exit(130));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  try {
    log(
      'setup',
      `${cli.quick ? 'quick' : 'full'} run of ${cli.only.join(', ')}; logs in ${workDir}`,
    );
    log('setup', `seeding ${POPULATION_SIZE} synthetic people into the five sandboxes`);
    const sandboxes = await startSandboxProcess(workDir, POPULATION_SIZE, DEFAULT_SEED);
    await sandboxes.admin.removeRateLimits();
    await sandboxes.admin.setLatency({ latencyMs: 0, jitterMs: 0 });
    const population = generatePopulation({ seed: DEFAULT_SEED, size: POPULATION_SIZE });
    log('setup', 'preparing the identity store every gateway starts from');
    const templateDir = await prepareTemplateDataDir(
      gatewayEnv(sandboxes.urls, ''),
      population,
      workDir,
    );
    const latency = { latencyMs: cli.latencyMs, jitterMs: cli.jitterMs };
    await sandboxes.admin.setLatency(latency);
    const ctx: BenchContext = { plan, latency, sandboxes, population, templateDir, workDir };

    const results: ScenarioResults = {};
    for (const id of cli.only) {
      const scenarioStarted = performance.now();
      log(id, 'starting');
      try {
        results[id] = { result: await SCENARIOS[id](ctx) } as never;
      } catch (error) {
        if (interrupted) return 130;
        const message = error instanceof Error ? error.message : String(error);
        log(id, `FAILED: ${message}`);
        results[id] = { error: message };
      }
      // A scenario leaves no gateway behind; the sandboxes stay for the next one.
      log(id, `took ${((performance.now() - scenarioStarted) / 1000).toFixed(1)} s`);
      await sandboxes.admin.removeRateLimits();
      await sandboxes.admin.setLatency(latency);
    }

    // Children are stopped (and waited for) first, so their CPU time counts as the bench's own.
    await stopAllChildren();
    const report = buildReport({
      plan,
      latency,
      populationSize: POPULATION_SIZE,
      scenarios: cli.only,
      results,
      durationS: (performance.now() - started) / 1000,
      loadAverageAtStart,
      otherLoad: otherLoad(),
    });
    const name = `${cli.quick ? 'quick' : 'latest'}${cli.only.length < 5 ? '-partial' : ''}`;
    const files = await writeReport(report, name);
    process.stdout.write(`${summaryTable(report)}\n`);
    log('bench', `wrote ${files.join(' and ')} in ${report.durationS} s`);
    const failed = Object.values(results).some((r) => r && 'error' in r);
    if (failed) log('bench', `a scenario failed; child logs kept in ${workDir}`);
    keepWorkDir = failed;
    return failed ? 1 : 0;
  } finally {
    await stopAllChildren();
    if (runningChildren() > 0)
      log('bench', `warning: ${runningChildren()} child(ren) still running`);
    if (!keepWorkDir && !interrupted) await removeDir(workDir);
  }
}

main().then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  async (error: unknown) => {
    if (interrupted) return;
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    await stopAllChildren();
    process.exit(1);
  },
);
