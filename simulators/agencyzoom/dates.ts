/**
 * The date formats AgencyZoom mixes (reference §1.3) and conversions between them. The agency's
 * own clock is US Central time (inferred from the rate-limit hours), so "today" and every
 * `yyyy-MM-dd HH:mm:ss` stamp the sandbox writes are America/Chicago wall-clock values.
 */

export const AGENCY_TIME_ZONE = 'America/Chicago';

const agencyFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: AGENCY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function agencyParts(nowMs: number): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of agencyFormat.formatToParts(new Date(nowMs))) parts[part.type] = part.value;
  return parts;
}

/** `yyyy-MM-dd` of the agency's calendar day at `nowMs`. */
export function agencyDate(nowMs: number): string {
  const p = agencyParts(nowMs);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `yyyy-MM-dd HH:mm:ss`, agency wall-clock time at `nowMs`. */
export function agencyDateTime(nowMs: number): string {
  const p = agencyParts(nowMs);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** True for a real calendar date written `yyyy-MM-dd`. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match != null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** True for `yyyy-MM-dd HH:mm:ss` with a real date and time. */
export function isIsoDateTime(text: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  return (
    match != null &&
    isIsoDate(match[1]) &&
    Number(match[2]) < 24 &&
    Number(match[3]) < 60 &&
    Number(match[4]) < 60
  );
}

/**
 * `MM/dd/yyyy` (or, with `allowShortYear`, `MM/dd/yy`) to `yyyy-MM-dd`; null when the text is not
 * such a date. Two-digit years pivot at 30: `29` is 2029, `30` is 1930 (inferred).
 */
export function usDateToIso(text: string, allowShortYear = false): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4}|\d{2})$/.exec(text);
  if (!match) return null;
  if (match[3].length === 2 && !allowShortYear) return null;
  let year = Number(match[3]);
  if (match[3].length === 2) year += year < 30 ? 2000 : 1900;
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (!isCalendarDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${match[1]}-${match[2]}`;
}

/** `yyyy-MM-dd` to `MM/dd/yyyy`. */
export function isoToUsDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

/** `yyyy-MM-dd` to `MM/dd/yy`. */
export function isoToShortUsDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y.slice(2)}`;
}

/** Calendar arithmetic on `yyyy-MM-dd` (UTC, no time of day). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Adds calendar months; the day is clamped to the target month's length. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** First day of the month `yyyy-MM-01`. */
export function startOfMonth(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
