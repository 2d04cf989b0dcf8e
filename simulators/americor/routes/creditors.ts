import type { FastifyInstance } from 'fastify';
import type { AmericorContext } from '../context';
import { sendNotFound, sendValidationError } from '../errors';
import { validateCreditor } from '../schemas';
import { INTEGER_SEGMENT } from '../store';
import { customerRoute } from './customer-routes';

/** Creditor add (§4.3/4.4, 201) and remove (§4.5/4.6, 200 `{}`), both path variants. */
export function registerCreditorRoutes(app: FastifyInstance, ctx: AmericorContext): void {
  customerRoute(
    app,
    ctx,
    'POST',
    '/v1/leads/{customer}/creditor',
    ['id', 'uuid'],
    async (request, reply, customer) => {
      const parsed = validateCreditor(request.body);
      if (!parsed.ok) return sendValidationError(reply, parsed.issues);
      const creditor = ctx.store.addCreditor(customer, parsed.value);
      return reply.code(201).send({ id: creditor.id });
    },
  );

  customerRoute(
    app,
    ctx,
    'DELETE',
    '/v1/leads/{customer}/creditor/:creditorId',
    ['id', 'uuid'],
    async (request, reply, customer) => {
      const { creditorId } = request.params as { creditorId: string };
      // A creditor of another customer is "not found" for this one (inferred); a second delete 404s.
      const removed =
        INTEGER_SEGMENT.test(creditorId) && ctx.store.removeCreditor(customer, Number(creditorId));
      if (!removed) return sendNotFound(reply, 'Creditor not found.');
      return {};
    },
  );
}
