import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { REPO_ROOT } from './processes';
import { round } from './stats';

/**
 * How much CPU the rest of the machine used while the bench ran, so that a reader can tell a
 * run on a quiet machine from one that shared its cores: all busy CPU time (`/proc/stat`) minus
 * the bench's own and its children's (`/proc/self/stat`, children counted once they have exited
 * and been waited for, which `stopAllChildren` ensures). Linux only; null elsewhere.
 */

/** Clock ticks per second of `/proc` figures (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

interface Snapshot {
  /** Busy ticks of all cores since boot. */
  machineBusy: number;
  /** Ticks of this process and its waited-for children. */
  own: number;
  at: number;
}

function snapshot(): Snapshot | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, , , irq, softirq, steal] = cpu.slice(1).map(Number);
    const self = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime field 14.
    const fields = self.slice(self.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    const busy = [user, nice, system, irq, softirq, steal].reduce<number>(
      (a, b) => a + (b ?? 0),
      0,
    );
    const own = [utime, stime, cutime, cstime].reduce<number>((a, b) => a + (b ?? 0), 0);
    if (!Number.isFinite(busy) || !Number.isFinite(own)) return null;
    return { machineBusy: busy, own, at: performance.now() };
  } catch {
    return null;
  }
}

export interface OtherLoad {
  /** CPU time other processes used during the run, in core-seconds. */
  otherCoreSeconds: number;
  /** The same as a share of the machine's capacity over the run (cores x seconds). */
  otherShare: number;
}

/** Starts measuring; the returned function gives the other processes' CPU use so far. */
export function measureOtherLoad(): () => OtherLoad | null {
  const start = snapshot();
  return () => {
    const end = snapshot();
    if (!start || !end) return null;
    const otherTicks = Math.max(end.machineBusy - start.machineBusy - (end.own - start.own), 0);
    const capacityS = (cpus().length * (end.at - start.at)) / 1000;
    const otherCoreSeconds = otherTicks / TICKS_PER_S;
    return {
      otherCoreSeconds: round(otherCoreSeconds),
      otherShare: round(capacityS > 0 ? otherCoreSeconds / capacityS : 0, 3),
    };
  };
}

/** The machine a run measured on, as the reports give it. */
export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started. */
  loadAverageAtStart: number;
  /** CPU other processes used during the run (null off Linux): it skews every timing. */
  otherLoad: OtherLoad | null;
}

export function describeMachine(
  loadAverageAtStart: number,
  otherLoad: OtherLoad | null,
): MachineInfo {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverageAtStart: round(loadAverageAtStart, 2),
    otherLoad,
  };
}

/** Share of the machine other processes may use before a report warns that timings suffer. */
const BUSY_SHARE = 0.05;

/** The report's sentence on other processes' CPU use (bold when the timings suffer). */
export function otherLoadSentence(otherLoad: OtherLoad): string {
  const share = `${round(otherLoad.otherShare * 100, 1)} %`;
  return otherLoad.otherShare > BUSY_SHARE
    ? `**Other processes used ${share} of the machine's CPU during the run (${otherLoad.otherCoreSeconds} core-seconds): the timings are pessimistic.**`
    : `Other processes used ${share} of the machine's CPU during the run.`;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The commit measured, and whether gateway code had uncommitted changes then. */
export function codeUnderTest(): { commit: string; uncommittedChanges: boolean } {
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommittedChanges:
      git(['status', '--porcelain', '--', 'src', 'resolvers', 'datasources', 'schema']) !== '',
  };
}
