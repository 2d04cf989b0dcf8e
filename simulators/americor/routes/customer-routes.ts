import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireToken } from '../auth';
import type { AmericorContext } from '../context';
import { CUSTOMER_REF } from '../customer-ref';
import type { CustomerRefShape } from '../customer-ref';
import { sendNotFound } from '../errors';
import { parseCustomerRef } from '../store';
import type { CustomerRecord } from '../types';

/** Which variant of an endpoint a request hit. */
export type Variant = 'deprecated' | 'current';

export type CustomerHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
  customer: CustomerRecord,
  variant: Variant,
) => Promise<unknown>;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const CUSTOMER_NOT_FOUND = 'Customer not found.';

/**
 * Registers one customer-addressed endpoint: `template` contains `{customer}`, replaced by
 * `:customerId` (integer id) and/or `:customerUuid` (uuid) per `shapes`. The handler runs after
 * the token check and the customer lookup (unknown customer: 404). 401s carry no body.
 */
export function customerRoute(
  app: FastifyInstance,
  ctx: AmericorContext,
  method: Method,
  template: string,
  shapes: readonly CustomerRefShape[],
  handler: CustomerHandler,
): void {
  for (const shape of shapes) {
    const param = shape === 'id' ? 'customerId' : 'customerUuid';
    app.route({
      method,
      url: template.replace('{customer}', `:${param}`),
      constraints: { [CUSTOMER_REF]: shape },
      onRequest: requireToken(ctx, 'empty'),
      handler: async (request, reply) => {
        const segment = (request.params as Record<string, string>)[param];
        const ref = parseCustomerRef(segment);
        const customer = ref ? ctx.store.find(ref) : undefined;
        if (!customer) return sendNotFound(reply, CUSTOMER_NOT_FOUND);
        return handler(request, reply, customer, shape === 'id' ? 'deprecated' : 'current');
      },
    });
  }
}
