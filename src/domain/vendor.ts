/** The vendors behind the graph, with the names fixed by ARCHITECTURE.md. */
export const VENDOR_IDS = [
  'AMERICOR',
  'CREDIT_PROS',
  'LENDING_CRM',
  'APITURE',
  'AGENCYZOOM',
] as const;

/** A vendor, as the GraphQL `Vendor` enum spells it. */
export type VendorId = (typeof VENDOR_IDS)[number];

/** Per-vendor facts that configuration, sandboxes and metrics share. */
export interface VendorInfo {
  id: VendorId;
  /** Prefix of the vendor's configuration variables, e.g. `CREDITPROS` in `CREDITPROS_API_KEY`. */
  envPrefix: string;
  /** Name shown to people. */
  displayName: string;
  /** Lower-case label used in metrics and logs. */
  label: string;
  /** Port of the embedded sandbox by default. */
  sandboxPort: number;
}

export const VENDORS: Readonly<Record<VendorId, VendorInfo>> = {
  AMERICOR: {
    id: 'AMERICOR',
    envPrefix: 'AMERICOR',
    displayName: 'Americor',
    label: 'americor',
    sandboxPort: 4101,
  },
  CREDIT_PROS: {
    id: 'CREDIT_PROS',
    envPrefix: 'CREDITPROS',
    displayName: 'The Credit Pros',
    label: 'credit_pros',
    sandboxPort: 4102,
  },
  LENDING_CRM: {
    id: 'LENDING_CRM',
    envPrefix: 'LENDINGCRM',
    displayName: 'lending CRM',
    label: 'lending_crm',
    sandboxPort: 4103,
  },
  APITURE: {
    id: 'APITURE',
    envPrefix: 'APITURE',
    displayName: 'Apiture',
    label: 'apiture',
    sandboxPort: 4104,
  },
  AGENCYZOOM: {
    id: 'AGENCYZOOM',
    envPrefix: 'AGENCYZOOM',
    displayName: 'AgencyZoom',
    label: 'agencyzoom',
    sandboxPort: 4105,
  },
};

export function isVendorId(value: string): value is VendorId {
  return (VENDOR_IDS as readonly string[]).includes(value);
}
