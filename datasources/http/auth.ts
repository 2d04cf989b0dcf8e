import { backgroundContext } from './context';
import type { CallContext } from './context';

/** A bearer token and when it stops working (ms since the epoch). */
export interface TokenGrant {
  token: string;
  expiresAtMs: number;
}

/**
 * How a client authenticates. `headers` gives the headers of one call; `invalidate` is called when
 * the vendor refused them, and returns true when fresh credentials can be had (a login), so the
 * call is worth repeating once.
 */
export interface VendorAuth {
  headers(ctx: CallContext): Promise<Record<string, string>>;
  invalidate(headers: Record<string, string>): boolean;
  /** Fetches credentials now if any are to be fetched, so that no caller waits for them later. */
  warmUp?(ctx: CallContext): Promise<void>;
}

/** Fixed headers from configuration (API keys, a configured bearer token): nothing to refresh. */
export class StaticAuth implements VendorAuth {
  constructor(private readonly fixed: Record<string, string>) {}

  async headers(): Promise<Record<string, string>> {
    return this.fixed;
  }

  invalidate(): boolean {
    return false;
  }
}

export interface TokenAuthOptions {
  /** Logs in; a vendor call like any other (it counts against the budget). */
  login: (ctx: CallContext) => Promise<TokenGrant>;
  /** Turns a token into headers; default `Authorization: Bearer <token>`. */
  toHeaders?: (token: string) => Record<string, string>;
  /** Renew this long before the vendor's expiry, in ms; default 60 s. */
  refreshMarginMs?: number;
  clock?: () => number;
}

/**
 * A login token, fetched single-flight (any number of concurrent calls on a cold client make one
 * login), on `warmUp` or on first use. From `refreshMarginMs` before it expires, calls keep using
 * it while one renewal runs in the background, so no call waits for a login while the token is
 * still good; a failed background renewal is tried again at most every `RENEW_RETRY_MS`. A token
 * the vendor refuses is dropped and the next call logs in again.
 */
export class TokenAuth implements VendorAuth {
  private grant: TokenGrant | null = null;
  private pending: Promise<TokenGrant> | null = null;
  /** When the last background renewal failed (ms since the epoch). */
  private renewFailedAt = -Infinity;
  private readonly toHeaders: (token: string) => Record<string, string>;
  private readonly marginMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: TokenAuthOptions) {
    this.toHeaders = options.toHeaders ?? ((token) => ({ authorization: `Bearer ${token}` }));
    this.marginMs = options.refreshMarginMs ?? 60_000;
    this.clock = options.clock ?? Date.now;
  }

  async headers(ctx: CallContext): Promise<Record<string, string>> {
    return this.toHeaders((await this.token(ctx)).token);
  }

  invalidate(headers: Record<string, string>): boolean {
    if (this.grant && JSON.stringify(this.toHeaders(this.grant.token)) === JSON.stringify(headers))
      this.grant = null;
    return true;
  }

  /** Logs in unless a token is at hand and not yet due for renewal (waits for one under way). */
  async warmUp(ctx: CallContext): Promise<void> {
    if (this.grant && this.clock() < this.grant.expiresAtMs - this.marginMs) return;
    await this.login(ctx);
  }

  private async token(ctx: CallContext): Promise<TokenGrant> {
    const now = this.clock();
    const grant = this.grant;
    if (grant && now < grant.expiresAtMs - this.marginMs) return grant;
    if (grant && now < grant.expiresAtMs) {
      if (!this.pending && now - this.renewFailedAt >= RENEW_RETRY_MS)
        this.login(backgroundContext()).catch(() => {
          this.renewFailedAt = this.clock();
        });
      return grant;
    }
    return this.login(ctx);
  }

  private login(ctx: CallContext): Promise<TokenGrant> {
    this.pending ??= this.options
      .login(ctx)
      .then((grant) => {
        this.grant = grant;
        return grant;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

/** ms between background renewals of a token after one failed. */
const RENEW_RETRY_MS = 5_000;
