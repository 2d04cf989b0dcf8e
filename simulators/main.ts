/**
 * `npm run sandboxes`: starts the five vendor sandboxes on their fixed ports (or the
 * `<VENDOR>_SANDBOX_PORT` overrides) and prints each base URL. Stops on SIGINT or SIGTERM.
 */
import { DEFAULT_SANDBOX_PORTS, SANDBOX_NAMES, startSandboxes } from './index';
import type { SandboxVendor } from './index';

const ENV_PREFIX: Record<SandboxVendor, string> = {
  americor: 'AMERICOR',
  creditPros: 'CREDITPROS',
  lendingCrm: 'LENDINGCRM',
  apiture: 'APITURE',
  agencyZoom: 'AGENCYZOOM',
};

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    process.stderr.write(
      `${name} must be an integer from ${min} to ${max} (got "${raw.slice(0, 40)}")\n`,
    );
    process.exit(1);
  }
  return Number(raw);
}

async function main(): Promise<void> {
  const ports = Object.fromEntries(
    Object.entries(DEFAULT_SANDBOX_PORTS).map(([vendor, port]) => [
      vendor,
      intFromEnv(`${ENV_PREFIX[vendor as SandboxVendor]}_SANDBOX_PORT`, port, 0, 65535),
    ]),
  ) as Record<SandboxVendor, number>;
  const size = intFromEnv('SANDBOX_POPULATION', 1000, 1, 1_000_000);
  process.stdout.write(`Seeding ${size} synthetic people into five sandboxes...\n`);
  const running = await startSandboxes({
    ports,
    size,
    seed: process.env.SANDBOX_SEED || undefined,
    host: process.env.SANDBOX_HOST || '127.0.0.1',
  });
  for (const [vendor, url] of Object.entries(running.urls)) {
    process.stdout.write(
      `  ${SANDBOX_NAMES[vendor as SandboxVendor].padEnd(16)} ${url}   (admin: ${url}/__admin/calls)\n`,
    );
  }
  process.stdout.write(
    'Credentials: the values of the gateway variables, each "sandbox" when unset. Ctrl-C stops.\n',
  );
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandboxes: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
