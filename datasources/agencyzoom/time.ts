/**
 * AgencyZoom's clock: its rate-limit hours are stated in US Central time and its date-time stamps
 * (`yyyy-MM-dd HH:mm:ss`) carry no offset, so both are read as America/Chicago wall-clock values
 * (inferred from the rate-limit text; the docs name no time zone for stamps). Pure functions over
 * `Intl.DateTimeFormat`, DST included.
 */

export const AGENCY_TIME_ZONE = 'America/Chicago';

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: AGENCY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(nowMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClock.formatToParts(new Date(nowMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Hour of the day (0-23) in Chicago at `nowMs` (ms since the epoch). */
export function agencyHour(nowMs: number): number {
  return wallClockAt(nowMs).hour;
}

/** The agency's calendar day at `nowMs`, `YYYY-MM-DD`. */
export function agencyDate(nowMs: number): string {
  const c = wallClockAt(nowMs);
  return `${String(c.year).padStart(4, '0')}-${pad(c.month)}-${pad(c.day)}`;
}

/** Offset of Chicago from UTC at `utcMs`, in ms (e.g. -5 h during daylight time). */
function offsetAt(utcMs: number): number {
  const c = wallClockAt(utcMs);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * A Chicago wall-clock time as an ISO 8601 UTC instant (`2019-03-04T15:41:17Z`). In the hour a DST
 * change repeats, the earlier (daylight) reading wins; a time the spring change skips lands within
 * an hour of where it would have been.
 */
export function agencyWallClockToIso(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): string {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = naive - offsetAt(naive);
  const utc = naive - offsetAt(first);
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
