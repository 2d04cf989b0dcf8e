import type { SandboxVendor } from '../../simulators/population/generate';

/** One vendor as the bench names it: its sandbox key, the gateway's enum and variable prefix. */
export interface BenchVendor {
  sandbox: SandboxVendor;
  /** The GraphQL `Vendor` enum value (the `vendor` of `sources`). */
  id: 'AMERICOR' | 'CREDIT_PROS' | 'LENDING_CRM' | 'APITURE' | 'AGENCYZOOM';
  /** Prefix of the gateway's variables (`<prefix>_BASE_URL`, `<prefix>_RATE_LIMIT`). */
  envPrefix: string;
  /** Display name, as `npm run sandboxes` prints it. */
  name: string;
  /** The gateway's credential variable suffixes; the sandboxes accept `sandbox` for each. */
  credentials: string[];
}

export const BENCH_VENDORS: readonly BenchVendor[] = [
  {
    sandbox: 'americor',
    id: 'AMERICOR',
    envPrefix: 'AMERICOR',
    name: 'Americor',
    credentials: ['USERNAME', 'PUBLIC_KEY'],
  },
  {
    sandbox: 'creditPros',
    id: 'CREDIT_PROS',
    envPrefix: 'CREDITPROS',
    name: 'The Credit Pros',
    credentials: ['API_KEY'],
  },
  {
    sandbox: 'lendingCrm',
    id: 'LENDING_CRM',
    envPrefix: 'LENDINGCRM',
    name: 'lending CRM',
    credentials: ['TOKEN'],
  },
  {
    sandbox: 'apiture',
    id: 'APITURE',
    envPrefix: 'APITURE',
    name: 'Apiture',
    credentials: ['API_KEY', 'ACCESS_TOKEN'],
  },
  {
    sandbox: 'agencyZoom',
    id: 'AGENCYZOOM',
    envPrefix: 'AGENCYZOOM',
    name: 'AgencyZoom',
    credentials: ['USERNAME', 'PASSWORD'],
  },
];

/** The credential value every sandbox accepts when none is configured. */
export const SANDBOX_CREDENTIAL = 'sandbox';

/** Counts per vendor, keyed by sandbox. */
export type PerVendor<T = number> = Record<SandboxVendor, T>;

export function perVendor<T>(make: (vendor: BenchVendor) => T): PerVendor<T> {
  return Object.fromEntries(BENCH_VENDORS.map((v) => [v.sandbox, make(v)])) as PerVendor<T>;
}

export function sumOf(counts: PerVendor): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

export function benchVendor(sandbox: SandboxVendor): BenchVendor {
  const vendor = BENCH_VENDORS.find((v) => v.sandbox === sandbox);
  if (!vendor) throw new Error(`no vendor ${sandbox}`);
  return vendor;
}
