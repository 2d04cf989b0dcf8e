import type { FastifyInstance } from 'fastify';
import { requireToken } from '../auth';
import type { AmericorContext } from '../context';
import { sendValidationError } from '../errors';
import { validateLead } from '../schemas';
import { customerRoute } from './customer-routes';

/** `POST /v1/leads` (§4.2) and `GET /v1/leads/{customerUuid}` (§4.13). */
export function registerLeadRoutes(app: FastifyInstance, ctx: AmericorContext): void {
  app.post(
    '/v1/leads',
    { onRequest: requireToken(ctx, 'forbidden-json') },
    async (request, reply) => {
      const parsed = validateLead(request.body);
      if (!parsed.ok) return sendValidationError(reply, parsed.issues);
      const customer = ctx.store.createLead(parsed.value);
      // 200, not 201 (documented): only creditor creation answers 201.
      return { id: customer.id, uuid: customer.uuid };
    },
  );

  // Only the documented fields: no identity, contact data or externalId come back.
  customerRoute(
    app,
    ctx,
    'GET',
    '/v1/leads/{customer}',
    ['uuid'],
    async (_request, _reply, customer) => {
      const rep = ctx.store.salesRep(customer.salesRepId);
      return {
        id: customer.id,
        uuid: customer.uuid,
        status: customer.status,
        salesPhase: customer.salesPhase,
        // Unassigned leads: null (inferred; the docs do not show an unassigned lead).
        salesRep: rep
          ? { id: rep.id, uuid: rep.uuid, name: rep.name, phone: rep.phone, email: rep.email }
          : null,
      };
    },
  );
}
