/**
 * AgencyZoom's login token. The docs state no lifetime (§2.5): the `exp` claim of the JWT payload
 * (seconds since the epoch) is used when it decodes (no signature check: it is only a hint, the
 * vendor's 401 stays the authority), else one hour is assumed.
 */

/** Lifetime assumed for a token whose expiry cannot be read, in ms. */
export const ASSUMED_TOKEN_LIFETIME_MS = 3_600_000;

/** Renew this long before the token expires, in ms. */
export const REFRESH_MARGIN_MS = 60_000;

/** The `exp` claim of a JWT in ms since the epoch, or null when it does not decode. */
export function jwtExpiryMs(jwt: string): number | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The `expiresAtMs` to give `TokenAuth` (which renews `REFRESH_MARGIN_MS` before it) for a token
 * obtained at `nowMs`. A token too short-lived for the margin is renewed at half its lifetime
 * instead of on every call; one already expired by our clock (clock skew) or without a readable
 * expiry is given the assumed hour, and a 401 will renew it.
 */
export function tokenExpiresAtMs(jwt: string, nowMs: number): number {
  const expiry = jwtExpiryMs(jwt);
  if (expiry === null || expiry <= nowMs) return nowMs + ASSUMED_TOKEN_LIFETIME_MS;
  const lifetime = expiry - nowMs;
  if (lifetime >= 2 * REFRESH_MARGIN_MS) return expiry;
  return nowMs + lifetime / 2 + REFRESH_MARGIN_MS;
}
