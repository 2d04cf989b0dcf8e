import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxAdmin } from '../kit/sandbox';

/**
 * Bearer authentication of every `/clients` operation. The vendor documents only the
 * `Authorization` header ("JWT Bearer token"), no issuance and no 401 body; the sandbox accepts
 * exactly the configured token and answers every refusal `401` with an empty body and the
 * challenge ASP.NET's JWT handler sends (inferred):
 *
 * - header missing, or not `Bearer <token>`: `WWW-Authenticate: Bearer`
 * - another token: `WWW-Authenticate: Bearer error="invalid_token"`
 * - the configured token while the `revokeTokens` fault is set:
 *   `WWW-Authenticate: Bearer error="invalid_token", error_description="The token has been revoked"`
 */

export const CHALLENGE_MISSING = 'Bearer';
export const CHALLENGE_INVALID = 'Bearer error="invalid_token"';
export const CHALLENGE_REVOKED =
  'Bearer error="invalid_token", error_description="The token has been revoked"';

/** `Bearer` is matched case-insensitively, as ASP.NET does; the token is taken trimmed. */
const BEARER = /^Bearer\s+(\S.*)$/i;

export interface BearerAuthOptions {
  /** The one accepted token (`LENDINGCRM_TOKEN`, `sandbox` by default). */
  token: string;
  admin: SandboxAdmin;
}

export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** An `onRequest` hook that lets through only requests carrying the configured token. */
export function bearerAuth({ token, admin }: BearerAuthOptions): AuthHook {
  return async (request, reply) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    const presented = match?.[1]?.trim();
    let challenge: string | null = null;
    if (!presented) challenge = CHALLENGE_MISSING;
    else if (presented !== token) challenge = CHALLENGE_INVALID;
    else if (admin.staticCredentialsRevoked()) challenge = CHALLENGE_REVOKED;
    if (challenge === null) return undefined;
    return reply.code(401).header('www-authenticate', challenge).send();
  };
}
