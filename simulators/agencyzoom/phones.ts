/**
 * Phone matching. AgencyZoom stores phones as typed (`(617) 555-0142`, `617.555.0142`, ...); its
 * searches compare the digits, so formatting never decides a match (inferred: the docs only say
 * "prefix" for `customerPhone` and "exact" for `customerPhoneList`).
 */

/**
 * The national digits of a US phone in any spelling: non-digits dropped, and a leading country
 * code `1` dropped when the text has 11 digits or spells the code out (`+1`, `1-`, `1 `, `1.`, `1(`).
 */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  const spellsCountryCode = /^\s*(\+1|1[\s.(-])/.test(text);
  if (digits.startsWith('1') && (digits.length === 11 || spellsCountryCode)) return digits.slice(1);
  return digits;
}

/** Exact match: the whole number, compared digit for digit. */
export function phoneEquals(stored: string | null, wanted: string): boolean {
  if (stored === null) return false;
  const digits = phoneDigits(wanted);
  return digits !== '' && phoneDigits(stored) === digits;
}

/** Prefix match on the digits: `(617) 555` finds `617-555-0142`. */
export function phoneStartsWith(stored: string | null, prefix: string): boolean {
  if (stored === null) return false;
  const digits = phoneDigits(prefix);
  return digits !== '' && phoneDigits(stored).startsWith(digits);
}
