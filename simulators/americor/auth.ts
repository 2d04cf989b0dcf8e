import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { AmericorContext } from './context';
import { forbiddenBody } from './errors';

/** The documented token lifetime in seconds (7 days). */
export const DEFAULT_TOKEN_LIFETIME_S = 604_800;

/** Key of the sandbox's fake JWT signatures; tokens are checked against the store, not the signature. */
const SIGNING_KEY = 'americor-sandbox';

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A JWT-shaped token: three base64url parts whose payload carries `sub`, `jti`, `iat` and `exp`
 * (seconds since the epoch), as the documented example looks. Not meant to be verified by clients.
 */
export function formatJwt(
  subject: string,
  id: string,
  issuedAtMs: number,
  expiresAtMs: number,
): string {
  const header = base64UrlJson({ typ: 'JWT', alg: 'HS256' });
  const payload = base64UrlJson({
    iss: 'americor-sandbox',
    sub: subject,
    jti: id,
    iat: Math.floor(issuedAtMs / 1000),
    exp: Math.floor(expiresAtMs / 1000),
  });
  const signature = createHmac('sha256', SIGNING_KEY)
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** How an endpoint words its 401: the Forbidden JSON, or no body at all (reference §3). */
export type UnauthorizedBody = 'forbidden-json' | 'empty';

const REFUSALS = {
  unknown: 'Your request was made with invalid credentials.',
  expired: 'Your token has expired.',
  revoked: 'Your token has been revoked.',
} as const;

function refuse(reply: FastifyReply, body: UnauthorizedBody, message: string): FastifyReply {
  return body === 'forbidden-json'
    ? reply.code(401).send(forbiddenBody(message))
    : reply.code(401).send();
}

/**
 * Route hook demanding a valid token from `POST /v1/authentication/token`. Missing, unknown,
 * expired (sandbox clock) and revoked tokens all get 401, in the endpoint's documented body.
 */
export function requireToken(
  ctx: AmericorContext,
  body: UnauthorizedBody,
): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const token = bearerTokenOf(request);
    const check = ctx.admin.tokens.check(token);
    if (check === 'valid') return undefined;
    return refuse(reply, body, REFUSALS[check]);
  };
}
