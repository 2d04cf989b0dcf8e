import type { Rng } from '../kit/random';

/** Small pure helpers the Americor seeders share. */

/** Picks from `[value, weight]` pairs; weights need not sum to 1. */
export function weighted<T>(rng: Rng, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1][0];
}

/** Rounds US dollars to cents. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** `YYYY-MM-DD` plus `days` (may be negative). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The n-th (1-based) Sunday of a month (0-based month), as an ISO date. */
function nthSunday(year: number, month: number, n: number): string {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const day = 1 + ((7 - first) % 7) + (n - 1) * 7;
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * An ISO 8601 date-time with the US Pacific offset of that date (`-07:00` in daylight time, else
 * `-08:00`), the shape of the enrollment example `2001-06-05T11:53:47-07:00`. The DST switch is
 * taken at the start of the day, which is close enough for seed data.
 */
export function pacificDateTime(
  isoDate: string,
  hour: number,
  minute: number,
  second: number,
): string {
  const year = Number(isoDate.slice(0, 4));
  const daylight = isoDate >= nthSunday(year, 2, 2) && isoDate < nthSunday(year, 10, 1);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${isoDate}T${pad(hour)}:${pad(minute)}:${pad(second)}${daylight ? '-07:00' : '-08:00'}`;
}
