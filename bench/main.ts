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
import type { BenchContext } from './lib/context';
import { FULL_PLAN, QUICK_PLAN } from './lib/context';
import { removeDir } from './lib/data-dir';
import { measureOtherLoad } from './lib/machine';
import { log } from './lib/progress';
import { runningChildren, stopAllChildren } from './lib/processes';
import { buildReport, summaryTable, writeReport } from './lib/report';
import type { ScenarioId, ScenarioResults } from './lib/report';
import {
  COMMON_USAGE,
  POPULATION_SIZE,
  parseRunCli,
  prepareSandboxes,
  runEntry,
  stopOnSignals,
  wasInterrupted,
} from './lib/run';
import type { Latency } from './lib/sandboxes';
import { runS1 } from './scenarios/s1-combined-view';
import { runS2 } from './scenarios/s2-list-view';
import { runS3 } from './scenarios/s3-throughput';
import { runS4 } from './scenarios/s4-rate-limit';
import { runS5 } from './scenarios/s5-memory';

const SCENARIOS: Record<ScenarioId, (ctx: BenchContext) => Promise<unknown>> = {
  S1: runS1,
  S2: runS2,
  S3: runS3,
  S4: runS4,
  S5: runS5,
};

const USAGE = `usage: npm run bench -- [--quick] [--latency-ms N] [--jitter-ms N] [--only S1,S2,...]
  --quick         reduced run (under 2 minutes), written to bench/results/quick.*
${COMMON_USAGE}
  --only LIST     only these scenarios (S1 to S5), written to bench/results/*-partial.*`;

function parseCli(): { quick: boolean; latency: Latency; only: ScenarioId[] } {
  const cli = parseRunCli('bench', USAGE, { only: { type: 'string' } });
  const all = Object.keys(SCENARIOS) as ScenarioId[];
  const only =
    typeof cli.values.only === 'string'
      ? cli.values.only.split(',').map((s) => s.trim().toUpperCase())
      : all;
  for (const id of only) if (!all.includes(id as ScenarioId)) cli.fail(`unknown scenario "${id}"`);
  return { quick: cli.quick, latency: cli.latency, only: all.filter((id) => only.includes(id)) };
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

  stopOnSignals('bench', workDir);

  try {
    log(
      'setup',
      `${cli.quick ? 'quick' : 'full'} run of ${cli.only.join(', ')}; logs in ${workDir}`,
    );
    const latency = cli.latency;
    const { sandboxes, population, templateDir } = await prepareSandboxes(
      workDir,
      POPULATION_SIZE,
      latency,
    );
    const ctx: BenchContext = { plan, latency, sandboxes, population, templateDir, workDir };

    const results: ScenarioResults = {};
    for (const id of cli.only) {
      const scenarioStarted = performance.now();
      log(id, 'starting');
      try {
        results[id] = { result: await SCENARIOS[id](ctx) } as never;
      } catch (error) {
        if (wasInterrupted()) return 130;
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
    if (!keepWorkDir && !wasInterrupted()) await removeDir(workDir);
  }
}

runEntry('bench', main);
