import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './helpers/wait';

const ROOT = path.resolve(__dirname, '..');

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Runs what `npm start` runs, with only the given environment (plus PATH). */
function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

const FREE_PORTS = {
  PORT: '0',
  AMERICOR_SANDBOX_PORT: '0',
  CREDITPROS_SANDBOX_PORT: '0',
  LENDINGCRM_SANDBOX_PORT: '0',
  APITURE_SANDBOX_PORT: '0',
  AGENCYZOOM_SANDBOX_PORT: '0',
};

describe('npm start (src/main.ts)', () => {
  it('exits non-zero with one line naming a bad variable', async () => {
    const run = start({ PORT: 'abc' });
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toBe('config: PORT must be an integer from 0 to 65535 (got "abc")\n');
    expect(run.stdout()).toBe('');
  });

  it('starts the sandboxes and the gateway, prints the GraphiQL URL, and stops cleanly on SIGTERM', async () => {
    const run = start({ ...FREE_PORTS, SANDBOX_POPULATION: '50' });
    try {
      await waitFor(
        () => /GraphiQL\s+http:\/\/\S+\/graphql/.test(run.stdout()),
        45_000,
        'the GraphiQL URL',
      );
      const url = /GraphiQL\s+(http:\/\/\S+\/graphql)/.exec(run.stdout())?.[1] as string;
      expect(run.stdout()).toMatch(/AgencyZoom\s+sandbox http:\/\/127\.0\.0\.1:\d+/);

      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('GraphiQL');
      const ready = await fetch(url.replace('/graphql', '/readyz'));
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { vendors: { mode: string }[] };
      expect(body.vendors.map((v) => v.mode)).toEqual(Array(5).fill('SANDBOX'));
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exit).toBe(0);
    const lines = run
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'gateway listening',
        'shutting down: draining in-flight requests',
        'stopped',
      ]),
    );
  });
});
