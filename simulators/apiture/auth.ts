import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxAdmin } from '../kit/sandbox';
import type { SandboxCredentials } from '../kit/vendor';
import { ApitureError } from './errors';

/**
 * Every call carries both schemes of §2: `API-Key: <key>` and `Authorization: Bearer <token>`.
 * The reference documents no 401/403 (§2.4); the sandbox answers (inferred):
 *   - either header missing, or not a Bearer authorization: 401 `authenticationRequired`;
 *   - a bearer token that is not the configured one, or while tokens are revoked: 401
 *     `invalidAccessToken` with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750);
 *   - a valid token with an API key that is not the configured one (or revoked): 403 `invalidApiKey`.
 * With the `revokeTokens` fault both credentials are refused, and the token is checked first, so
 * the answer is the 401.
 */
export function apitureAuthHook(credentials: SandboxCredentials['apiture'], admin: SandboxAdmin) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const apiKey = request.headers['api-key'];
    const authorization = request.headers.authorization;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (typeof apiKey !== 'string' || apiKey === '' || token === undefined) {
      const missing = typeof apiKey !== 'string' || apiKey === '' ? 'API-Key' : 'Authorization';
      throw new ApitureError(
        {
          statusCode: 401,
          type: 'authenticationRequired',
          message: `This operation requires the ${missing} header.`,
          attributes: { header: missing },
          remediation: 'Send API-Key: {api-key} and Authorization: Bearer {access-token}.',
        },
        [],
        { 'www-authenticate': 'Bearer realm="apiture"' },
      );
    }
    const revoked = admin.staticCredentialsRevoked();
    if (revoked || token !== credentials.accessToken) {
      throw new ApitureError(
        {
          statusCode: 401,
          type: 'invalidAccessToken',
          message: 'The access token is invalid, expired or revoked.',
          remediation: 'Obtain a new access token from /auth/oauth2/token.',
        },
        [],
        { 'www-authenticate': 'Bearer realm="apiture", error="invalid_token"' },
      );
    }
    if (apiKey !== credentials.apiKey) {
      throw new ApitureError({
        statusCode: 403,
        type: 'invalidApiKey',
        message: 'The API key is not valid for this service.',
        remediation: 'Use the API key allocated to this client in the developer portal.',
      });
    }
  };
}
