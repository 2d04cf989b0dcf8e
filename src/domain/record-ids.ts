import type { VendorRefModel } from './models';

/** The shapes of the record IDs the identity store links, per vendor (see `PersonRecordModel`). */
export const RECORD_ID: Record<VendorRefModel['vendor'], RegExp> = {
  AMERICOR: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  CREDIT_PROS: /^\d{1,12}$/,
  LENDING_CRM: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  APITURE: /^contact:[A-Za-z0-9._-]{1,128}$/,
  AGENCYZOOM: /^(customer|lead):\d{1,12}$/,
};

/** A record reference in its stored form (lending CRM ids lower-case), or null when the ID does not fit the vendor. */
export function recordRefOf(vendor: VendorRefModel['vendor'], id: string): VendorRefModel | null {
  const trimmed = id.trim();
  if (!RECORD_ID[vendor].test(trimmed)) return null;
  return {
    vendor,
    id: vendor === 'LENDING_CRM' || vendor === 'AMERICOR' ? trimmed.toLowerCase() : trimmed,
  };
}
