import type { FastifyInstance } from 'fastify';
import { formatJwt } from '../auth';
import type { AmericorContext } from '../context';
import { forbiddenBody, sendValidationError } from '../errors';
import { validateTokenRequest } from '../schemas';

/** `POST /v1/authentication/token` (reference §2): `{username, publicKey}` -> `{token, lifetime}`. */
export function registerTokenRoute(app: FastifyInstance, ctx: AmericorContext): void {
  app.post('/v1/authentication/token', async (request, reply) => {
    const parsed = validateTokenRequest(request.body);
    if (!parsed.ok) return sendValidationError(reply, parsed.issues);
    const { username, publicKey } = parsed.value;
    if (username !== ctx.credentials.username || publicKey !== ctx.credentials.publicKey) {
      return reply.code(401).send(forbiddenBody('Incorrect username or public key.'));
    }
    const issuedAtMs = ctx.clock();
    const token = ctx.admin.tokens.issue(username, ctx.tokenLifetimeS, (id, expiresAtMs) =>
      formatJwt(username, id, issuedAtMs, expiresAtMs),
    );
    // `lifetime` is typed string in the field table but the example is a number: sent as the number.
    return { token, lifetime: ctx.tokenLifetimeS };
  });
}
