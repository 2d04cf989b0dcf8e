import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ADMIN_PREFIX, createSandbox } from '../kit/sandbox';
import type { Sandbox } from '../kit/sandbox';
import type { SandboxCredentials, VendorSandboxFactory } from '../kit/vendor';
import { DEFAULT_TOKEN_LIFETIME_S } from './auth';
import type { AmericorContext } from './context';
import { customerRefStrategy } from './customer-ref';
import { badRequestBody, notFoundBody, rateLimitBody, serverErrorBody } from './errors';
import { registerAmericorAdminRoutes } from './routes/admin';
import { registerCreditorRoutes } from './routes/creditors';
import { registerEnrollmentRoutes } from './routes/enrollment';
import { registerLeadDetailRoutes } from './routes/lead-details';
import { registerLeadRoutes } from './routes/leads';
import { registerProspectRoute } from './routes/prospects';
import { registerTokenRoute } from './routes/token';
import { seedAmericor } from './seed';
import { AmericorStore } from './store';

const stores = new WeakMap<Sandbox, AmericorStore>();

/**
 * The Americor Partners API sandbox (reference: vendor-docs/americor.md): JWT login, leads,
 * creditors, budget/ACH/calculator, lead and enrollment reads, prospects. Not listening yet.
 */
export const createAmericorSandbox: VendorSandboxFactory<SandboxCredentials['americor']> = (
  options,
) => {
  const clock = options.clock ?? Date.now;
  const sandbox = createSandbox({
    name: 'americor',
    clock,
    rateLimit: options.rateLimit ?? null,
    rateLimitBody,
    errorBody: serverErrorBody,
    random: options.random,
  });
  const store = new AmericorStore(seedAmericor(options.population));
  const ctx: AmericorContext = {
    store,
    admin: sandbox.admin,
    clock,
    credentials: options.credentials ?? { username: 'sandbox', publicKey: 'sandbox' },
    tokenLifetimeS: options.tokenLifetimeS ?? DEFAULT_TOKEN_LIFETIME_S,
  };
  const app = sandbox.app;
  app.addConstraintStrategy(customerRefStrategy());
  installErrorReplies(app);
  registerTokenRoute(app, ctx);
  registerLeadRoutes(app, ctx);
  registerCreditorRoutes(app, ctx);
  registerLeadDetailRoutes(app, ctx);
  registerEnrollmentRoutes(app, ctx);
  registerProspectRoute(app, ctx);
  registerAmericorAdminRoutes(app, ctx);
  stores.set(sandbox, store);
  return sandbox;
};

/**
 * The in-process store of a sandbox made by `createAmericorSandbox`: everything written, and
 * `findByExternalId` (the same lookup as `GET /__admin/leads`).
 */
export function americorStoreOf(sandbox: Sandbox): AmericorStore {
  const store = stores.get(sandbox);
  if (!store) throw new Error(`sandbox "${sandbox.name}" was not made by createAmericorSandbox`);
  return store;
}

/** Unknown routes and framework errors in the vendor's Yii envelope; the admin API keeps its own. */
function installErrorReplies(app: FastifyInstance): void {
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send(notFoundBody('Page not found.')),
  );
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (request.url.startsWith(ADMIN_PREFIX))
      return reply.code(status).send({ error: error.message });
    if (status === 400) return reply.code(400).send(badRequestBody(error.message));
    if (status >= 500) return reply.code(status).send(serverErrorBody(status));
    return reply.code(status).send({
      name: STATUS_CODES[status] ?? 'Error',
      message: error.message,
      code: 0,
      status,
      type: 'yii\\web\\HttpException',
    });
  });
}
