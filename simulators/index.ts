import { createAgencyZoomSandbox } from './agencyzoom/server';
import { createAmericorSandbox } from './americor/server';
import { createCreditProsSandbox } from './credit-pros/server';
import type { RateLimitRule } from './kit/rate-limit';
import type { Sandbox } from './kit/sandbox';
import { credentialsFromEnv } from './kit/vendor';
import type { SandboxCredentials, VendorSandboxOptions } from './kit/vendor';
import { createLendingCrmSandbox } from './lending-crm/server';
import { SANDBOX_VENDORS, generatePopulation } from './population/generate';
import type { Population, SandboxVendor } from './population/generate';
import { createApitureSandbox } from './apiture/server';

export type { Sandbox } from './kit/sandbox';
export type { Population, SandboxVendor } from './population/generate';

/** Fixed default ports, so a person can point curl or a vendor client at a sandbox. */
export const DEFAULT_SANDBOX_PORTS: Readonly<Record<SandboxVendor, number>> = {
  americor: 4101,
  creditPros: 4102,
  lendingCrm: 4103,
  apiture: 4104,
  agencyZoom: 4105,
};

export const SANDBOX_NAMES: Readonly<Record<SandboxVendor, string>> = {
  americor: 'Americor',
  creditPros: 'The Credit Pros',
  lendingCrm: 'lending CRM',
  apiture: 'Apiture',
  agencyZoom: 'AgencyZoom',
};

const FACTORIES: Record<
  SandboxVendor,
  (options: VendorSandboxOptions<unknown>, credentials: SandboxCredentials) => Sandbox
> = {
  americor: (o, c) => createAmericorSandbox({ ...o, credentials: c.americor }),
  creditPros: (o, c) => createCreditProsSandbox({ ...o, credentials: c.creditPros }),
  lendingCrm: (o, c) => createLendingCrmSandbox({ ...o, credentials: c.lendingCrm }),
  apiture: (o, c) => createApitureSandbox({ ...o, credentials: c.apiture }),
  agencyZoom: (o, c) => createAgencyZoomSandbox({ ...o, credentials: c.agencyZoom }),
};

export interface StartSandboxesOptions {
  /** The population to seed from; default: generated from `seed` and `size`. */
  population?: Population;
  seed?: string;
  size?: number;
  /** Ports per sandbox; default `DEFAULT_SANDBOX_PORTS`; 0 picks a free port. */
  ports?: Partial<Record<SandboxVendor, number>>;
  /** Interface to listen on; default loopback only. */
  host?: string;
  /** Accepted credentials; default from the gateway's variables, each `sandbox` when unset. */
  credentials?: SandboxCredentials;
  /** Start only these sandboxes; default all five. */
  only?: readonly SandboxVendor[];
  /** Rate-limit overrides per sandbox (null: no limit). */
  rateLimits?: Partial<Record<SandboxVendor, RateLimitRule | null>>;
  /** Token lifetime overrides per sandbox, in seconds. */
  tokenLifetimesS?: Partial<Record<SandboxVendor, number>>;
  clock?: () => number;
}

export interface RunningSandboxes {
  population: Population;
  sandboxes: Partial<Record<SandboxVendor, Sandbox>>;
  /** Base URL per started sandbox. */
  urls: Partial<Record<SandboxVendor, string>>;
  close(): Promise<void>;
}

/**
 * Seeds and starts the vendor sandboxes from one population. If one fails to listen (a port in
 * use), the others are closed again and the error names the sandbox and port.
 */
export async function startSandboxes(
  options: StartSandboxesOptions = {},
): Promise<RunningSandboxes> {
  const population =
    options.population ?? generatePopulation({ seed: options.seed, size: options.size });
  const credentials = options.credentials ?? credentialsFromEnv();
  const host = options.host ?? '127.0.0.1';
  const wanted = options.only ?? SANDBOX_VENDORS;
  const sandboxes: Partial<Record<SandboxVendor, Sandbox>> = {};
  const urls: Partial<Record<SandboxVendor, string>> = {};
  const close = async (): Promise<void> => {
    await Promise.allSettled(Object.values(sandboxes).map((sandbox) => sandbox.close()));
  };
  try {
    for (const vendor of wanted) {
      const sandboxOptions: VendorSandboxOptions<unknown> = { population, clock: options.clock };
      if (options.rateLimits && vendor in options.rateLimits)
        sandboxOptions.rateLimit = options.rateLimits[vendor] ?? null;
      const lifetime = options.tokenLifetimesS?.[vendor];
      if (lifetime !== undefined) sandboxOptions.tokenLifetimeS = lifetime;
      const sandbox = FACTORIES[vendor](sandboxOptions, credentials);
      sandboxes[vendor] = sandbox;
      const port = options.ports?.[vendor] ?? DEFAULT_SANDBOX_PORTS[vendor];
      try {
        urls[vendor] = await sandbox.listen(port, host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(
          code === 'EADDRINUSE'
            ? `port ${port} for the ${SANDBOX_NAMES[vendor]} sandbox is in use; choose another with its *_SANDBOX_PORT variable (0 picks a free port)`
            : `the ${SANDBOX_NAMES[vendor]} sandbox could not listen on ${host}:${port} (${code ?? 'unknown error'})`,
          { cause: error },
        );
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { population, sandboxes, urls, close };
}
