import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Normalisation of identity values, shared by scalars, vendor mappers and identity matching, so a
 * value typed by a user and the same value stored by a vendor compare equal.
 */

/** Lower-cased, trimmed email, or null when it is not an email address. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  // One @, a dot in the domain, no spaces: what every vendor accepts. Full RFC 5322 is not the aim.
  return /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/.test(email) && email.length <= 254
    ? email
    : null;
}

/**
 * E.164 form of a phone number, reading national numbers as US ones: `(617) 555-0142`,
 * `617.555.0142`, `1-617-555-0142` and `+16175550142` all give `+16175550142`. Null when the
 * text is not a possible phone number.
 */
export function normalizePhone(value: string): string | null {
  const text = value.trim();
  if (
    text.length === 0 ||
    text.length > 32 ||
    /[A-Za-z]/.test(text.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))
  )
    return null;
  const parsed = parsePhoneNumberFromString(text, 'US');
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** `YYYY-MM-DD` when the text is a real calendar date in that form, else null. */
export function normalizeIsoDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d)
    ? `${y}-${m}-${d}`
    : null;
}

/** `NNN-NN-NNNN` from 9 digits with or without dashes or spaces (a number losing leading zeros is padded). */
export function normalizeSsn(value: string | number): string | null {
  const digits =
    typeof value === 'number'
      ? String(Math.trunc(value)).padStart(9, '0')
      : value.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(digits)) return null;
  const [area, group, serial] = [digits.slice(0, 3), digits.slice(3, 5), digits.slice(5)];
  // Numbers the SSA never issues: area 000, 666 or 9xx, group 00, serial 0000.
  if (
    area === '000' ||
    area === '666' ||
    area.startsWith('9') ||
    group === '00' ||
    serial === '0000'
  )
    return null;
  return `${area}-${group}-${serial}`;
}
