import type { RatePolicy, RateRule } from '../http';
import { agencyHour } from './time';

/**
 * AgencyZoom's stated budget (reference §3, as of 2023-11-21): 30 calls per minute by day and 60
 * per minute from 22:00 to 04:00 US Central time. Every call counts, logins included (the docs do
 * not say; the conservative reading). The limiter aligns windows to calendar minutes, as the
 * vendor counts them; Chicago's offsets are whole hours, so 22:00 and 04:00 fall on window edges.
 */

/** 30 calls per 60 s window, by day. */
export const DAY_RULE: RateRule = Object.freeze({ limit: 30, windowMs: 60_000 });

/** 60 calls per 60 s window, 22:00 (inclusive) to 04:00 (exclusive) America/Chicago. */
export const NIGHT_RULE: RateRule = Object.freeze({ limit: 60, windowMs: 60_000 });

/** True from 22:00 to 04:00 on the Chicago wall clock, DST included. */
export function isNightWindow(nowMs: number): boolean {
  const hour = agencyHour(nowMs);
  return hour >= 22 || hour < 4;
}

/** The vendor's default budget at `nowMs` (ms since the epoch). */
export const DEFAULT_POLICY: RatePolicy = (nowMs) => (isNightWindow(nowMs) ? NIGHT_RULE : DAY_RULE);
