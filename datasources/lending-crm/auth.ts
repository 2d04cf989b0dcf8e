import { StaticAuth } from '../http/auth';
import type { VendorAuth } from '../http/auth';
import { vendorErrors } from '../http/errors';

/**
 * The lending CRM takes a JWT bearer token issued out of band (`LENDINGCRM_TOKEN`); the docs
 * describe no login or refresh. The token is sent as `Authorization: Bearer <token>` on every
 * call. A refused token cannot be renewed, so a 401 is final (no second attempt). When the token
 * is a JWT with an `exp` claim, a token past its expiry fails at once, without spending a vendor
 * call.
 */
export class LendingCrmAuth implements VendorAuth {
  private readonly fixed: StaticAuth;
  /** ms since the epoch, or null when the token states no expiry. */
  private readonly expiresAtMs: number | null;

  constructor(
    token: string,
    private readonly clock: () => number = Date.now,
  ) {
    // "Enter JWT Bearer token only": a token pasted with its scheme is taken without it.
    const bare = token.trim().replace(/^Bearer\s+/i, '');
    this.fixed = new StaticAuth({ authorization: `Bearer ${bare}` });
    this.expiresAtMs = jwtExpiryMs(bare);
  }

  async headers(): Promise<Record<string, string>> {
    if (this.expiresAtMs !== null && this.clock() >= this.expiresAtMs)
      throw vendorErrors.authFailed('LENDING_CRM');
    return this.fixed.headers();
  }

  invalidate(): boolean {
    return false;
  }
}

/**
 * The `exp` claim of a JWT in ms since the epoch, read without verifying the signature (the
 * vendor verifies it); null when the text is not a JWT or has no numeric `exp`.
 */
export function jwtExpiryMs(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
