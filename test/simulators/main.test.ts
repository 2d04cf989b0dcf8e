import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run sandboxes (simulators/main.ts)', () => {
  it('starts the five sandboxes, prints each base URL, answers, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'simulators/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        SANDBOX_POPULATION: '40',
        AMERICOR_SANDBOX_PORT: '0',
        CREDITPROS_SANDBOX_PORT: '0',
        LENDINGCRM_SANDBOX_PORT: '0',
        APITURE_SANDBOX_PORT: '0',
        AGENCYZOOM_SANDBOX_PORT: '0',
      },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const until = Date.now() + 30_000;
    while ((out.match(/http:\/\/127\.0\.0\.1:\d+ /g) ?? []).length < 5) {
      if (Date.now() > until) throw new Error(`sandboxes did not start: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const name of ['Americor', 'The Credit Pros', 'lending CRM', 'Apiture', 'AgencyZoom'])
      expect(out).toContain(name);
    const urls = out.match(/http:\/\/127\.0\.0\.1:\d+(?= )/g) ?? [];
    for (const url of urls) {
      const calls = await fetch(`${url}/__admin/calls`);
      expect(await calls.json()).toEqual({ total: 0, byEndpoint: {}, byStatus: {} });
    }
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('names a bad port variable and exits 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'simulators/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', APITURE_SANDBOX_PORT: 'x' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(err).toBe('APITURE_SANDBOX_PORT must be an integer from 0 to 65535 (got "x")\n');
  });
});
