import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import { AppError, ErrorCode } from '../errors';
import { DEVELOPMENT_SCOPES, isScope } from './scopes';
import type { Caller, Scope } from './scopes';

/** Turns a request's headers into a caller, or throws `UNAUTHENTICATED` with a reason safe to show. */
export type Authenticate = (
  headers: Record<string, string | string[] | undefined>,
) => Promise<Caller>;

const unauthenticated = (message: string) => new AppError(ErrorCode.UNAUTHENTICATED, message);

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Scopes from a `scope` string (space separated) or a `scp`/`scopes` array; unknown ones are dropped. */
function scopesOf(payload: JWTPayload): Set<Scope> {
  const raw = payload.scope ?? payload.scp ?? payload.scopes;
  const list =
    typeof raw === 'string' ? raw.split(/\s+/) : Array.isArray(raw) ? raw.map(String) : [];
  return new Set(list.filter(isScope));
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

export function createAuthenticator(config: AuthConfig): Authenticate {
  if (config.mode === 'none') {
    const anonymous: Caller = {
      id: 'anonymous',
      kind: 'anonymous',
      scopes: new Set(DEVELOPMENT_SCOPES),
    };
    return async () => anonymous;
  }
  if (config.mode === 'apikey') {
    const keys = config.apiKeys.map((key) => ({ ...key, digest: Buffer.from(key.sha256, 'hex') }));
    return async (headers) => {
      const given =
        header(headers, 'x-api-key') ??
        /^ApiKey\s+(.+)$/i.exec(header(headers, 'authorization') ?? '')?.[1];
      if (!given) throw unauthenticated('An API key is required (x-api-key header)');
      const digest = sha256(given);
      // Compare against every key in constant time: no early exit that would time a prefix.
      let match: (typeof keys)[number] | undefined;
      for (const key of keys)
        if (key.digest.length === digest.length && timingSafeEqual(key.digest, digest)) match = key;
      if (!match) throw unauthenticated('The API key is not valid');
      return { id: `apikey:${match.name}`, kind: 'apikey', scopes: new Set(match.scopes) };
    };
  }
  const key: Uint8Array | JWTVerifyGetKey = config.jwtJwksUrl
    ? createRemoteJWKSet(new URL(config.jwtJwksUrl))
    : new TextEncoder().encode(config.jwtSecret ?? '');
  const algorithms = config.jwtJwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : ['HS256'];
  return async (headers) => {
    const token = /^Bearer\s+(.+)$/i.exec(header(headers, 'authorization') ?? '')?.[1];
    if (!token) throw unauthenticated('A bearer token is required (Authorization: Bearer <token>)');
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        algorithms,
        clockTolerance: 5,
      });
      if (!payload.sub) throw unauthenticated('The token has no subject');
      return { id: `jwt:${payload.sub}`, kind: 'jwt', scopes: scopesOf(payload) };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw unauthenticated(`The token's ${error.claim} claim is not accepted`);
      throw unauthenticated('The token is not valid');
    }
  };
}
