import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AgencyZoomContext } from './context';
import { AgencyZoomError, INVALID_CREDENTIALS, success, unauthorized } from './errors';

/**
 * AgencyZoom auth (reference §2): `POST /v1/api/auth/login` trades the user's email and password
 * for a JWT sent as `Authorization: Bearer <jwt>`; `POST /v1/api/auth/logout` ends it.
 *
 * - Bad, missing or malformed login credentials: 400 `Invalid user name and/or password` (documented).
 * - Missing, unknown, expired or revoked bearer token on any other endpoint: 401 in the generic
 *   shape, with a message saying which (the docs list no 401; inferred).
 * - Token lifetime: `tokenLifetimeS` of the sandbox, default 3600 s (the docs are silent; inferred).
 */

/** Default token lifetime in seconds (inferred: undocumented). */
export const DEFAULT_TOKEN_LIFETIME_S = 3600;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function registerAuthRoutes(app: FastifyInstance, context: AgencyZoomContext): void {
  const login = async (request: FastifyRequest) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { username, password } = body;
    const expected = context.credentials;
    if (
      typeof username !== 'string' ||
      typeof password !== 'string' ||
      username.toLowerCase() !== expected.username.toLowerCase() ||
      password !== expected.password
    ) {
      throw new AgencyZoomError(400, INVALID_CREDENTIALS);
    }
    const jwt = context.admin.tokens.issue(username, context.tokenLifetimeS, (id, expiresAtMs) =>
      jwtLookAlike(username, id, expiresAtMs),
    );
    return { jwt, ownerAgent: true };
  };
  app.post('/v1/api/auth/login', login);
  // Documented as identical to `auth/login` (the "V4 SSO" login variant).
  app.post('/v1/api/auth/ssologin', login);

  app.post('/v1/api/auth/logout', async (request) => {
    const token = requireBearer(context, request);
    context.admin.tokens.revoke(token);
    return success('Logged out');
  });
}

/** Fastify `preHandler` that refuses a call without a valid bearer token. */
export function bearerGuard(context: AgencyZoomContext) {
  return async (request: FastifyRequest): Promise<void> => {
    requireBearer(context, request);
  };
}

/** Returns the request's valid bearer token or throws the 401. */
export function requireBearer(context: AgencyZoomContext, request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('Missing Authorization: Bearer <jwt> header');
  const match = BEARER.exec(header);
  if (!match) throw unauthorized('Authorization header must be "Bearer <jwt>"');
  const token = match[1];
  switch (context.admin.tokens.check(token)) {
    case 'valid':
      return token;
    case 'expired':
      throw unauthorized('Token expired, log in again');
    case 'revoked':
      throw unauthorized('Token revoked, log in again');
    case 'unknown':
      throw unauthorized('Invalid token');
  }
}

/**
 * `POST /v1/api/policies/create` also needs an `X-Api-Token` header. The docs never say how to get
 * one, so any non-empty value is accepted (inferred). A missing one is an auth failure (401,
 * inferred), and while the `revokeTokens` fault is set, every API token is refused with 401.
 */
export function requireApiToken(context: AgencyZoomContext, request: FastifyRequest): void {
  const value = request.headers['x-api-token'];
  const token = Array.isArray(value) ? value[0] : value;
  if (!token || token.trim() === '') throw unauthorized('Missing X-Api-Token header');
  if (context.admin.staticCredentialsRevoked()) throw unauthorized('X-Api-Token revoked');
}

/** A token shaped like a JWT (header.payload.signature) whose payload carries `sub` and `exp` (s). */
function jwtLookAlike(subject: string, id: string, expiresAtMs: number): string {
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ sub: subject, exp: Math.floor(expiresAtMs / 1000), jti: id });
  return `${header}.${payload}.${id}`;
}
