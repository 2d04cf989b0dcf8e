import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningSandboxes } from '../../simulators';
import type { GraphQLBody } from './gateway';

/** A gateway running as its own process (`node --import tsx src/main.ts`), for the scale-out tests. */
export interface GatewayProcess {
  url: string;
  /** The child's exit code, or null while it runs. */
  exitCode(): number | null;
  /** The last lines it wrote (for failure messages). */
  output(): string;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLBody<T> }>;
  /** SIGTERM, then SIGKILL after 5 s; removes its data directory. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');
const KEEP_LINES = 60;

/** Every vendor pointed at the running sandboxes, with the sandbox credentials. */
export function sandboxEnv(sandboxes: RunningSandboxes): Record<string, string> {
  const { urls } = sandboxes;
  return {
    AMERICOR_BASE_URL: urls.americor ?? '',
    AMERICOR_USERNAME: 'sandbox',
    AMERICOR_PUBLIC_KEY: 'sandbox',
    CREDITPROS_BASE_URL: urls.creditPros ?? '',
    CREDITPROS_API_KEY: 'sandbox',
    LENDINGCRM_BASE_URL: urls.lendingCrm ?? '',
    LENDINGCRM_TOKEN: 'sandbox',
    APITURE_BASE_URL: urls.apiture ?? '',
    APITURE_API_KEY: 'sandbox',
    APITURE_ACCESS_TOKEN: 'sandbox',
    AGENCYZOOM_BASE_URL: urls.agencyZoom ?? '',
    AGENCYZOOM_USERNAME: 'sandbox',
    AGENCYZOOM_PASSWORD: 'sandbox',
  };
}

/** Starts a gateway process and waits (up to 60 s) for its "gateway listening" line. */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gateway-process-'));
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      SHUTDOWN_TIMEOUT_MS: '2000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(line);
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // The start-up banner (stderr, whatever the log level) names the URL.
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      reject(new Error(`${why}:\n${lines.join('\n')}`));
    };
    const timer = setTimeout(() => fail('gateway did not start in 60 s'), 60_000);
    const look = (chunk: Buffer) => {
      const match = /GraphiQL\s+(http:\/\/\S+)\/graphql/.exec(chunk.toString());
      if (match?.[1]) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => fail(`gateway exited with ${code} before listening`));
  });
  return {
    url,
    exitCode: () => child.exitCode,
    output: () => lines.join('\n'),
    async query(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
