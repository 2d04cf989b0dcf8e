import { isVendorId } from './vendor';
import type { VendorId } from './vendor';

/**
 * Opaque, stable global IDs: base64url of `Type:VENDOR:vendorId` for vendor entities and
 * `Person:clusterId` for people. Clients must not parse them; the format is ours to change
 * only with a migration.
 */

export const ENTITY_TYPES = ['Lead', 'CreditReport', 'Application', 'Policy'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export type DecodedId =
  { type: 'Person'; personId: string } | { type: EntityType; vendor: VendorId; vendorId: string };

export function encodeEntityId(type: EntityType, vendor: VendorId, vendorId: string): string {
  return Buffer.from(`${type}:${vendor}:${vendorId}`, 'utf8').toString('base64url');
}

export function encodePersonId(personId: string): string {
  return Buffer.from(`Person:${personId}`, 'utf8').toString('base64url');
}

/** Decodes a global ID; null when it is not one of ours. */
export function decodeGlobalId(id: string): DecodedId | null {
  if (id.length === 0 || id.length > 512 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const [type, ...rest] = text.split(':');
  if (type === 'Person') {
    const personId = rest.join(':');
    return personId ? { type, personId } : null;
  }
  if (!(ENTITY_TYPES as readonly string[]).includes(type ?? '')) return null;
  const [vendor, ...idParts] = rest;
  const vendorId = idParts.join(':');
  if (!vendor || !isVendorId(vendor) || !vendorId) return null;
  return { type: type as EntityType, vendor, vendorId };
}
