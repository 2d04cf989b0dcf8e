import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { SandboxAdmin } from '../kit/sandbox';
import { MESSAGES, sendMessage } from './errors';
import type { Permission } from './permissions';
import type { CreditProsStore } from './store';
import type { StaffUserRecord } from './types';

/**
 * Authentication of The Credit Pros (credit-pros.md §2):
 * - `x-api-key` is required on every operation, login included. Missing, wrong, or refused while
 *   the `revokeTokens` fault is set: 401 `{"message":"Unauthenticated."}`.
 * - A staff JWT from `POST /auth/login` travels as `Authorization: Bearer <token>` (inferred: the
 *   doc lost its security schemes). Unknown or revoked: 401; expired: 419 (session expired).
 * - (inferred) The bearer token is optional: a request with only the API key acts as an
 *   integration account holding every permission, which is all the gateway is configured with.
 * - A staff user whose roles lack the operation's permission: 403.
 */

/** Token lifetime when none is configured; not stated by the vendor (inferred: jwt-auth's 60 min). */
export const DEFAULT_TOKEN_LIFETIME_S = 3600;

/** How long after expiry a token can still be refreshed (inferred: jwt-auth's two weeks). */
export const REFRESH_WINDOW_S = 14 * 24 * 3600;

export type RefreshResult =
  | { ok: true; token: string; user: StaffUserRecord }
  | { ok: false; status: 401 | 419; message: string };

interface AuthOptions {
  store: CreditProsStore;
  admin: SandboxAdmin;
  apiKey: string;
  clock: () => number;
  tokenLifetimeS: number;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The token from `Authorization: Bearer <token>`; undefined without the header, null when malformed. */
export function bearerOf(request: FastifyRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}

export class CreditProsAuth {
  /** Expiry (ms since the epoch) of every issued token, for the refresh window. */
  private readonly expiries = new Map<string, number>();

  constructor(private readonly options: AuthOptions) {}

  private apiKeyAccepted(request: FastifyRequest): boolean {
    const key = request.headers['x-api-key'];
    return key === this.options.apiKey && !this.options.admin.staticCredentialsRevoked();
  }

  /** Hook for the auth endpoints: only the API key is checked. */
  readonly apiKeyOnly: onRequestAsyncHookHandler = async (request, reply) => {
    if (!this.apiKeyAccepted(request)) return sendMessage(reply, 401, MESSAGES.unauthenticated);
    return undefined;
  };

  /** Hook for a data endpoint that needs `permission`. */
  guard(permission: Permission): onRequestAsyncHookHandler {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      if (!this.apiKeyAccepted(request)) return sendMessage(reply, 401, MESSAGES.unauthenticated);
      const token = bearerOf(request);
      if (token === undefined) return undefined;
      const state = this.options.admin.tokens.check(token ?? undefined);
      if (state === 'expired') return sendMessage(reply, 419, MESSAGES.tokenExpired);
      const user = token && state === 'valid' ? this.userOf(token) : undefined;
      if (!user) return sendMessage(reply, 401, MESSAGES.unauthenticated);
      const allowed = user.roles.some((role) =>
        role.permissions.some((granted) => granted.name === permission),
      );
      if (!allowed) return sendMessage(reply, 403, MESSAGES.forbidden);
      return undefined;
    };
  }

  private userOf(token: string): StaffUserRecord | undefined {
    const subject = this.options.admin.tokens.subject(token);
    return subject === undefined ? undefined : this.options.store.getStaffUser(Number(subject));
  }

  /** Issues a JWT look-alike (header.payload.id) valid `tokenLifetimeS` on the sandbox clock. */
  issue(user: StaffUserRecord): string {
    const issuedAtS = Math.floor(this.options.clock() / 1000);
    let expiresAtMs = 0;
    const token = this.options.admin.tokens.issue(
      String(user.id),
      this.options.tokenLifetimeS,
      (id, expiry) => {
        expiresAtMs = expiry;
        const claims = {
          iss: 'credit-pros-sandbox',
          sub: user.id,
          iat: issuedAtS,
          exp: Math.floor(expiry / 1000),
          jti: id,
        };
        return `${base64url({ typ: 'JWT', alg: 'HS256' })}.${base64url(claims)}.${id}`;
      },
    );
    this.expiries.set(token, expiresAtMs);
    return token;
  }

  /**
   * `POST /auth/refresh`: valid and expired tokens both refresh (the doc says so) within the
   * refresh window; the old token is revoked, as jwt-auth blacklists it.
   */
  refresh(token: string | null | undefined): RefreshResult {
    const unauthenticated = { ok: false, status: 401, message: MESSAGES.unauthenticated } as const;
    if (!token) return unauthenticated;
    const state = this.options.admin.tokens.check(token);
    if (state === 'unknown' || state === 'revoked') return unauthenticated;
    const expiresAtMs = this.expiries.get(token) ?? 0;
    if (state === 'expired' && this.options.clock() >= expiresAtMs + REFRESH_WINDOW_S * 1000) {
      return { ok: false, status: 419, message: MESSAGES.refreshExpired };
    }
    const user = this.userOf(token);
    if (!user || user.is_disabled) return unauthenticated;
    this.options.admin.tokens.revoke(token);
    this.expiries.delete(token);
    return { ok: true, token: this.issue(user), user };
  }
}
