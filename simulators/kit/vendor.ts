import type { Population } from '../population/generate';
import type { RateLimitPolicy, RateLimitRule } from './rate-limit';
import type { Sandbox } from './sandbox';

/**
 * The credentials every sandbox accepts. They are read from the gateway's own variables
 * (ARCHITECTURE.md section 4) and each defaults to the string `sandbox`, so the gateway and the
 * sandboxes agree with no configuration.
 */
export interface SandboxCredentials {
  americor: { username: string; publicKey: string };
  creditPros: { apiKey: string };
  lendingCrm: { token: string };
  apiture: { apiKey: string; accessToken: string };
  agencyZoom: { username: string; password: string };
}

export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxCredentials {
  const v = (name: string): string => env[name] || 'sandbox';
  return {
    americor: { username: v('AMERICOR_USERNAME'), publicKey: v('AMERICOR_PUBLIC_KEY') },
    creditPros: { apiKey: v('CREDITPROS_API_KEY') },
    lendingCrm: { token: v('LENDINGCRM_TOKEN') },
    apiture: { apiKey: v('APITURE_API_KEY'), accessToken: v('APITURE_ACCESS_TOKEN') },
    agencyZoom: { username: v('AGENCYZOOM_USERNAME'), password: v('AGENCYZOOM_PASSWORD') },
  };
}

/** Options every vendor sandbox factory takes. */
export interface VendorSandboxOptions<C> {
  /** The shared population the sandbox is seeded from. */
  population: Population;
  /** Accepted credentials; default: every value `sandbox`. */
  credentials?: C;
  /** Milliseconds since the epoch; inject to make tokens expire or to move to AgencyZoom's night. */
  clock?: () => number;
  /** Lifetime of issued tokens in seconds (vendors with a login endpoint); default: the vendor's documented value. */
  tokenLifetimeS?: number;
  /** Call limit; default none, except AgencyZoom's documented 30/min (60/min at night). */
  rateLimit?: RateLimitRule | RateLimitPolicy | null;
  /** Randomness for fault injection; default Math.random. */
  random?: () => number;
}

export type VendorSandboxFactory<C> = (options: VendorSandboxOptions<C>) => Sandbox;
