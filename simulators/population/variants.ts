import type { Rng } from '../kit/random';

/**
 * The formatting variations vendors really produce for the same person. Seeders call these with
 * their own deterministic generator so each vendor varies independently.
 */

/** `+16175550123` -> one of `(617) 555-0123`, `617-555-0123`, `6175550123`, `+16175550123`, `1-617-555-0123`. */
export function phoneVariant(e164: string, rng: Rng): string {
  const d = e164.replace(/^\+1/, '');
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return rng.pick([
    `(${a}) ${b}-${c}`,
    `${a}-${b}-${c}`,
    `${a}${b}${c}`,
    e164,
    `1-${a}-${b}-${c}`,
    `${a}.${b}.${c}`,
  ]);
}

/** The US national form `(617) 555-0123`. */
export function phoneNational(e164: string): string {
  const d = e164.replace(/^\+1/, '');
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

/** Email with the case a person happened to type: as is, capitalised parts, or all upper case. */
export function emailCaseVariant(email: string, rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.6) return email;
  if (roll < 0.85) {
    const [local = '', domain = ''] = email.split('@');
    const cap = local
      .split('.')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('.');
    return `${cap}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
  }
  return email.toUpperCase();
}

/** Name casing as typed by an agent: as is, upper case, or lower case. */
export function nameCaseVariant(name: string, rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.75) return name;
  return roll < 0.9 ? name.toUpperCase() : name.toLowerCase();
}

/** `1987-03-09` -> `03/09/1987`. */
export function dateUs(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

/** `012-34-5678` -> 12345678: the integer SSN of a vendor that lost the leading zeros. */
export function ssnAsInteger(ssn: string): number {
  return Number.parseInt(ssn.replace(/-/g, ''), 10);
}
