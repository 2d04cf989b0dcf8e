import { hourIn } from '../kit/rate-limit';
import type { RateLimitPolicy, RateLimitRule } from '../kit/rate-limit';
import { AGENCY_TIME_ZONE } from './dates';

/** 30 calls per minute during the day (documented, as of 2023-11-21). */
export const AGENCYZOOM_DAY_RULE: RateLimitRule = Object.freeze({ limit: 30, windowMs: 60_000 });

/** 60 calls per minute from 10 PM to 4 AM US Central time (documented). */
export const AGENCYZOOM_NIGHT_RULE: RateLimitRule = Object.freeze({ limit: 60, windowMs: 60_000 });

/** True from 22:00 (inclusive) to 04:00 (exclusive), America/Chicago wall clock, DST included. */
export function isAgencyZoomNight(nowMs: number): boolean {
  const hour = hourIn(AGENCY_TIME_ZONE, nowMs);
  return hour >= 22 || hour < 4;
}

/**
 * AgencyZoom's documented limit. Every call counts, logins included (the docs do not say; the
 * conservative reading, inferred), and one window is shared by every credential of the sandbox.
 */
export const agencyZoomRatePolicy: RateLimitPolicy = (nowMs) =>
  isAgencyZoomNight(nowMs) ? AGENCYZOOM_NIGHT_RULE : AGENCYZOOM_DAY_RULE;
