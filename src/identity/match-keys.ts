import { createHmac } from 'node:crypto';
import type { PersonRecordModel } from '../domain/models';
import {
  normalizeEmail,
  normalizeIsoDate,
  normalizePhone,
  normalizeSsn,
} from '../domain/normalize';

/**
 * The deterministic keys records join a person on (ARCHITECTURE.md section 6): lower-cased
 * email, E.164 phone, a keyed hash of the SSN (the SSN itself is never stored), and last name plus
 * date of birth. Keys are strings like `email:jordan.rivera@example.com`.
 */

export type SsnHasher = (ssn: string) => string;

/** HMAC-SHA256 of the nine SSN digits under `secret`, base64url; null input gives null. */
export function createSsnHasher(secret: string): SsnHasher {
  return (ssn) => createHmac('sha256', secret).update(ssn.replace(/\D/g, '')).digest('base64url');
}

/** A last name as compared: lower case, letters only (`O'Brien` and `OBRIEN` agree). */
export function nameKey(lastName: string): string {
  return lastName
    .normalize('NFKD')
    .replace(/[^\p{L}]/gu, '')
    .toLowerCase();
}

export interface MatchInput {
  email?: string | null;
  phone?: string | null;
  ssn?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
}

/** Keys of a search: each given value normalised; last name only together with a date of birth. */
export function keysOfMatch(match: MatchInput, hashSsn: SsnHasher): string[] {
  const keys: string[] = [];
  const email = match.email ? normalizeEmail(match.email) : null;
  if (email) keys.push(`email:${email}`);
  const phone = match.phone ? normalizePhone(match.phone) : null;
  if (phone) keys.push(`phone:${phone}`);
  const ssn = match.ssn ? normalizeSsn(match.ssn) : null;
  if (ssn) keys.push(`ssn:${hashSsn(ssn)}`);
  const dob = match.dateOfBirth ? normalizeIsoDate(match.dateOfBirth) : null;
  const last = match.lastName ? nameKey(match.lastName) : '';
  if (last && dob) keys.push(`namedob:${last}|${dob}`);
  return keys;
}

/** Keys of a vendor record. */
export function keysOfRecord(record: PersonRecordModel, hashSsn: SsnHasher): string[] {
  const keys = new Set<string>();
  for (const email of record.emails) keys.add(`email:${email}`);
  for (const phone of record.phones) keys.add(`phone:${phone}`);
  for (const key of keysOfMatch(
    { ssn: record.ssn, lastName: record.lastName, dateOfBirth: record.dateOfBirth },
    hashSsn,
  )) {
    keys.add(key);
  }
  return [...keys];
}

/** `AGENCYZOOM:customer:17`: the string form of a vendor record reference. */
export function refKey(ref: { vendor: string; id: string }): string {
  return `${ref.vendor}:${ref.id}`;
}
