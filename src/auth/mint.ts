import { SignJWT } from 'jose';
import type { AuthConfig } from '../config';
import type { Scope } from './scopes';

/** A token the gateway accepts in `AUTH_MODE=jwt` with an HS256 secret: for development and tests. */
export async function mintToken(
  auth: Pick<AuthConfig, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience'>,
  options: { subject: string; scopes: readonly Scope[]; ttlSeconds: number },
): Promise<string> {
  if (!auth.jwtSecret)
    throw new Error(
      'minting needs JWT_SECRET (tokens from a JWKS come from your identity provider)',
    );
  return new SignJWT({ scope: options.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject)
    .setIssuer(auth.jwtIssuer)
    .setAudience(auth.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`)
    .sign(new TextEncoder().encode(auth.jwtSecret));
}
