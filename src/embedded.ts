import { startSandboxes } from '../simulators';
import type { RunningSandboxes, SandboxVendor } from '../simulators';
import type { SandboxCredentials } from '../simulators/kit/vendor';
import type { Config } from './config';
import { VENDOR_IDS } from './domain/vendor';
import type { VendorId } from './domain/vendor';

/** Which sandbox plays which vendor. */
export const SANDBOX_OF: Readonly<Record<VendorId, SandboxVendor>> = {
  AMERICOR: 'americor',
  CREDIT_PROS: 'creditPros',
  LENDING_CRM: 'lendingCrm',
  APITURE: 'apiture',
  AGENCYZOOM: 'agencyZoom',
};

/** The sandboxes accept exactly the credentials the gateway will send. */
function sandboxCredentials(config: Config): SandboxCredentials {
  const c = (id: VendorId, suffix: string): string =>
    config.vendors[id].credentials[suffix] ?? 'sandbox';
  return {
    americor: { username: c('AMERICOR', 'USERNAME'), publicKey: c('AMERICOR', 'PUBLIC_KEY') },
    creditPros: { apiKey: c('CREDIT_PROS', 'API_KEY') },
    lendingCrm: { token: c('LENDING_CRM', 'TOKEN') },
    apiture: { apiKey: c('APITURE', 'API_KEY'), accessToken: c('APITURE', 'ACCESS_TOKEN') },
    agencyZoom: { username: c('AGENCYZOOM', 'USERNAME'), password: c('AGENCYZOOM', 'PASSWORD') },
  };
}

/**
 * Starts the sandboxes of every vendor in sandbox mode (on loopback) and points the vendor
 * configuration at them. Returns null when every vendor is remote or unconfigured.
 */
export async function startEmbeddedSandboxes(config: Config): Promise<RunningSandboxes | null> {
  const embedded = VENDOR_IDS.filter((id) => config.vendors[id].mode === 'sandbox');
  if (embedded.length === 0) return null;
  const running = await startSandboxes({
    only: embedded.map((id) => SANDBOX_OF[id]),
    ports: Object.fromEntries(
      embedded.map((id) => [SANDBOX_OF[id], config.vendors[id].sandboxPort]),
    ),
    size: config.sandboxPopulation,
    seed: config.sandboxSeed,
    credentials: sandboxCredentials(config),
  });
  for (const id of embedded) config.vendors[id].baseUrl = running.urls[SANDBOX_OF[id]] ?? null;
  return running;
}
