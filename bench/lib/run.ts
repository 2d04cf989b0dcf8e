import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_SEED, generatePopulation } from '../../simulators/population/generate';
import type { Population } from '../../simulators/population/generate';
import { prepareTemplateDataDir, removeDir } from './data-dir';
import { gatewayEnv } from './gateway';
import { stopAllChildren } from './processes';
import { log } from './progress';
import { startSandboxProcess } from './sandboxes';
import type { Latency, RunningSandboxes } from './sandboxes';

/**
 * What the entry points (`main.ts`, `chaos.ts`) share: the common command-line options, stopping
 * cleanly on a signal or an error, and the sandboxes with the identity store every gateway of the
 * run starts from.
 */

let interrupted = false;

/** True once SIGINT or SIGTERM arrived (the run stops; the handler cleans up and exits 130). */
export const wasInterrupted = (): boolean => interrupted;

/**
 * On SIGINT or SIGTERM: stop every child, remove `workDir` and exit 130; a second signal exits at
 * once. `scope` names the run in the progress line.
 */
export function stopOnSignals(scope: string, workDir: string): void {
  const interrupt = (signal: NodeJS.Signals): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(scope, `${signal}: stopping every child process`);
    void stopAllChildren()
      .then(() => removeDir(workDir))
      .then(() => process.exit(130));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
}

export interface PreparedSandboxes {
  sandboxes: RunningSandboxes;
  population: Population;
  /** The prepared DATA_DIR every gateway copies (see `data-dir.ts`). */
  templateDir: string;
}

/**
 * Starts the sandbox child with `size` people of the default seed, lifts its call limits,
 * prepares the identity store (with no latency: it is not measured), then sets `latency`.
 */
export async function prepareSandboxes(
  workDir: string,
  size: number,
  latency: Latency,
): Promise<PreparedSandboxes> {
  log('setup', `seeding ${size} synthetic people into the five sandboxes`);
  const sandboxes = await startSandboxProcess(workDir, size, DEFAULT_SEED);
  await sandboxes.admin.removeRateLimits();
  await sandboxes.admin.setLatency({ latencyMs: 0, jitterMs: 0 });
  const population = generatePopulation({ seed: DEFAULT_SEED, size });
  log('setup', 'preparing the identity store every gateway starts from');
  const templateDir = await prepareTemplateDataDir(
    gatewayEnv(sandboxes.urls, ''),
    population,
    workDir,
  );
  await sandboxes.admin.setLatency(latency);
  return { sandboxes, population, templateDir };
}

/** Default vendor latency of a run: every sandbox answer waits 50 ms plus up to 20 ms. */
/** The gateway's default sandbox population (`SANDBOX_POPULATION`), so runs see what `npm start` serves. */
export const POPULATION_SIZE = 1000;

export const DEFAULT_LATENCY: Latency = { latencyMs: 50, jitterMs: 20 };

/** The usage lines of the options every run takes besides its own. */
export const COMMON_USAGE = `  --latency-ms N  delay of every vendor answer in ms (default ${DEFAULT_LATENCY.latencyMs})
  --jitter-ms N   up to N ms more, uniform (default ${DEFAULT_LATENCY.jitterMs})`;

export interface RunCli {
  quick: boolean;
  latency: Latency;
  /** Every option's value, the run's own (`extra`) included. */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** Prints the message and the usage, exits 2. */
  fail(message: string): never;
}

/**
 * Reads `--quick`, `--latency-ms`, `--jitter-ms`, `--help` and the run's own options (`extra`)
 * from the command line; prints `usage` and exits on `--help` or a bad value.
 */
export function parseRunCli(
  command: string,
  usage: string,
  extra: NonNullable<ParseArgsConfig['options']> = {},
): RunCli {
  const fail = (message: string): never => {
    process.stderr.write(`${command}: ${message}\n${usage}\n`);
    process.exit(2);
  };
  let values: RunCli['values'] = {};
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        'latency-ms': { type: 'string' },
        'jitter-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        ...extra,
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const wholeMs = (name: string, fallback: number): number => {
    const value = values[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !/^\d+$/.test(value))
      fail(`--${name} must be a whole number of ms (got "${String(value)}")`);
    return Number(value);
  };
  return {
    quick: values.quick === true,
    latency: {
      latencyMs: wholeMs('latency-ms', DEFAULT_LATENCY.latencyMs),
      jitterMs: wholeMs('jitter-ms', DEFAULT_LATENCY.jitterMs),
    },
    values,
    fail,
  };
}

/**
 * Runs an entry point's `main` and exits with its code; on an error, prints it, stops every
 * child and exits 1. After a signal the interrupt handler exits instead.
 */
export function runEntry(command: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      if (!interrupted) process.exit(code);
    },
    async (error: unknown) => {
      if (interrupted) return;
      process.stderr.write(
        `${command}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      await stopAllChildren();
      process.exit(1);
    },
  );
}
