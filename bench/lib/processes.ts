import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root: children run from here so `--import tsx` and relative paths resolve. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** How long a child may take to say it is ready, in ms. */
const READY_TIMEOUT_MS = 60_000;
/** How long a child may take to exit after SIGTERM before it is killed, in ms. */
const STOP_TIMEOUT_MS = 8_000;
/** How often a child's log is read while waiting for its ready line, in ms. */
const POLL_MS = 50;

export interface ChildOptions {
  /** Short name for progress lines and errors, e.g. `gateway-s1-cold-3`. */
  name: string;
  /** Arguments to `node`, e.g. `['--import', 'tsx', 'src/main.ts']`. */
  args: string[];
  /** The child's whole environment (nothing else leaks in from the bench's own). */
  env: Record<string, string>;
  /** Where stdout and stderr go (a file, so the bench never spends its event loop on them). */
  logFile: string;
  /** The child is ready when its log matches; the match is returned. */
  ready: RegExp;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** The ready line's match. */
  readonly match: RegExpMatchArray;
  /** Resolves once the child has exited, however it ended (a stop, a crash, a signal). */
  readonly exit: Promise<ChildExit>;
  /** Sends a signal (e.g. SIGUSR2); false when the child is gone. */
  signal(signal: NodeJS.Signals): boolean;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the child has exited. */
  stop(): Promise<void>;
}

/** How a child ended: its exit code, or the signal that ended it. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<Child>();

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** Starts `node` with `args` and resolves once its log matches `ready`. */
export async function startChild(options: ChildOptions): Promise<Child> {
  const fd = openSync(options.logFile, 'w');
  let proc: ChildProcess;
  try {
    proc = spawn(process.execPath, options.args, {
      cwd: REPO_ROOT,
      env: options.env,
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  const pid = proc.pid;
  if (pid === undefined) throw new Error(`${options.name} could not be started`);
  const done = exited(proc);
  const exit = new Promise<ChildExit>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let readyMatch: RegExpMatchArray | null = null;
  const child: Child = {
    name: options.name,
    pid,
    logFile: options.logFile,
    get match(): RegExpMatchArray {
      if (!readyMatch) throw new Error(`${options.name} is not ready`);
      return readyMatch;
    },
    exit,
    signal: (signal) => proc.exitCode === null && proc.signalCode === null && proc.kill(signal),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await done;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };
  running.add(child);

  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    readyMatch = options.ready.exec(readFileSync(options.logFile, 'utf8'));
    if (readyMatch) return child;
    if (proc.exitCode !== null || proc.signalCode !== null) {
      running.delete(child);
      throw new Error(
        `${options.name} exited (${proc.exitCode ?? proc.signalCode}) before it was ready:\n${tail(options.logFile)}`,
      );
    }
    if (performance.now() > deadline) {
      await child.stop();
      throw new Error(
        `${options.name} was not ready within ${READY_TIMEOUT_MS} ms:\n${tail(options.logFile)}`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Stops every child still running (at the end, on errors and on Ctrl-C). */
export async function stopAllChildren(): Promise<void> {
  await Promise.allSettled([...running].map((child) => child.stop()));
}

/** Children still running (the bench asserts none is left at the end). */
export function runningChildren(): number {
  return running.size;
}

/** The environment every child gets from the bench: enough to run node, nothing vendor-related. */
export function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  return Object.fromEntries(
    keep.flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
}
