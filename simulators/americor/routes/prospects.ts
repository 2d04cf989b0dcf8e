import type { FastifyInstance } from 'fastify';
import { requireToken } from '../auth';
import type { AmericorContext } from '../context';
import { sendValidationError } from '../errors';
import { validateProspect } from '../schemas';

/** `POST /v1/prospects` (§4.16): 200 `{uuid}`. */
export function registerProspectRoute(app: FastifyInstance, ctx: AmericorContext): void {
  app.post(
    '/v1/prospects',
    { onRequest: requireToken(ctx, 'forbidden-json') },
    async (request, reply) => {
      const parsed = validateProspect(request.body);
      if (!parsed.ok) return sendValidationError(reply, parsed.issues);
      const customer = ctx.store.createProspect(parsed.value);
      // The documented example answers only `uuid` (the field table also lists `id`): example followed.
      return { uuid: customer.uuid };
    },
  );
}
