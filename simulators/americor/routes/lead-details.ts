import type { FastifyInstance } from 'fastify';
import type { AmericorContext } from '../context';
import { sendValidationError } from '../errors';
import { validateAch, validateBudget, validateCalculator } from '../schemas';
import { customerRoute } from './customer-routes';

/** Budget (§4.7/4.8), ACH (§4.9/4.10) and calculator (§4.11/4.12) PUTs: 200 `{}`, both variants. */
export function registerLeadDetailRoutes(app: FastifyInstance, ctx: AmericorContext): void {
  customerRoute(
    app,
    ctx,
    'PUT',
    '/v1/leads/{customer}/budget',
    ['id', 'uuid'],
    async (request, reply, customer) => {
      const parsed = validateBudget(request.body);
      if (!parsed.ok) return sendValidationError(reply, parsed.issues);
      ctx.store.setBudget(customer, parsed.value);
      return {};
    },
  );

  customerRoute(
    app,
    ctx,
    'PUT',
    '/v1/leads/{customer}/ach',
    ['id', 'uuid'],
    async (request, reply, customer, variant) => {
      const parsed = validateAch(request.body);
      // The current variant documents its 422 in form B ({field, message}); the deprecated one in form A.
      if (!parsed.ok) {
        return sendValidationError(reply, parsed.issues, variant === 'current' ? 'B' : 'A');
      }
      ctx.store.setAch(customer, parsed.value);
      return {};
    },
  );

  customerRoute(
    app,
    ctx,
    'PUT',
    '/v1/leads/{customer}/calculator',
    ['id', 'uuid'],
    async (request, reply, customer) => {
      const todayIso = new Date(ctx.clock()).toISOString().slice(0, 10);
      const parsed = validateCalculator(request.body, todayIso);
      if (!parsed.ok) return sendValidationError(reply, parsed.issues);
      ctx.store.setCalculator(customer, parsed.value);
      return {};
    },
  );
}
