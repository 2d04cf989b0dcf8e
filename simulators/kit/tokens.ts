import { randomBytes } from 'node:crypto';

export type TokenCheck = 'valid' | 'expired' | 'revoked' | 'unknown';

interface TokenRecord {
  subject: string;
  expiresAtMs: number;
  revoked: boolean;
}

/**
 * Tokens a sandbox has issued through its login endpoint. Lifetimes are in seconds and are read
 * against the sandbox clock, so tests can make tokens expire without waiting.
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly clock: () => number) {}

  /**
   * Issues a token for `subject` valid `lifetimeS` seconds. `format` may shape the string (e.g. a
   * JWT look-alike); it receives a random id and the expiry time in ms.
   */
  issue(
    subject: string,
    lifetimeS: number,
    format?: (id: string, expiresAtMs: number) => string,
  ): string {
    const expiresAtMs = this.clock() + lifetimeS * 1000;
    const id = randomBytes(18).toString('base64url');
    const token = format ? format(id, expiresAtMs) : id;
    this.tokens.set(token, { subject, expiresAtMs, revoked: false });
    return token;
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return 'unknown';
    const record = this.tokens.get(token);
    if (!record) return 'unknown';
    if (record.revoked) return 'revoked';
    if (this.clock() >= record.expiresAtMs) return 'expired';
    return 'valid';
  }

  subject(token: string): string | undefined {
    return this.tokens.get(token)?.subject;
  }

  /** Ends one token (a logout). */
  revoke(token: string): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  /** Ends every token issued so far. */
  revokeAll(): void {
    for (const record of this.tokens.values()) record.revoked = true;
  }

  clear(): void {
    this.tokens.clear();
  }
}
