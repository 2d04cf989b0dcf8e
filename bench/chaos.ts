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
import { removeDir } from './lib/data-dir';
import { measureOtherLoad } from './lib/machine';
import { writeResults } from './lib/markdown';
import { log } from './lib/progress';
import { runningChildren, stopAllChildren } from './lib/processes';
import {
  COMMON_USAGE,
  POPULATION_SIZE,
  parseRunCli,
  prepareSandboxes,
  runEntry,
  stopOnSignals,
  wasInterrupted,
} from './lib/run';
import { FULL_CHAOS, QUICK_CHAOS } from './chaos/plan';
import { startRelay } from './chaos/relay-control';
import { renderChaos } from './chaos/render';
import { buildChaosReport } from './chaos/report';
import { runChaos } from './chaos/run';

const USAGE = `usage: npm run chaos -- [--quick] [--latency-ms N] [--jitter-ms N]
  --quick         every fault, briefly (under 3 minutes), written to bench/results/chaos-quick.*
${COMMON_USAGE}`;

async function main(): Promise<number> {
  const cli = parseRunCli('chaos', USAGE);
  const plan = cli.quick ? QUICK_CHAOS : FULL_CHAOS;
  const started = performance.now();
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const otherLoad = measureOtherLoad();
  const workDir = await mkdtemp(path.join(tmpdir(), 'vg-chaos-'));
  let failed = true;
  let keepLogs = false;

  stopOnSignals('chaos', workDir);

  try {
    log('setup', `${cli.quick ? 'quick' : 'full'} chaos run; logs in ${workDir}`);
    const latency = cli.latency;
    const { sandboxes, population, templateDir } = await prepareSandboxes(
      workDir,
      POPULATION_SIZE,
      latency,
    );
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
      interrupted: wasInterrupted,
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
    keepLogs = raw.crashes.length > 0;
    return 0;
  } finally {
    await stopAllChildren();
    if (runningChildren() > 0)
      log('chaos', `warning: ${runningChildren()} child(ren) still running`);
    if (failed) log('chaos', `the run failed; child logs kept in ${workDir}`);
    else if (keepLogs)
      log('chaos', `a gateway exited during the run; child logs kept in ${workDir}`);
    else if (!wasInterrupted()) await removeDir(workDir);
  }
}

runEntry('chaos', main);
