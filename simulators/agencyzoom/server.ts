import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createSandbox } from '../kit/sandbox';
import type { Sandbox } from '../kit/sandbox';
import type { SandboxCredentials, VendorSandboxFactory } from '../kit/vendor';
import { DEFAULT_TOKEN_LIFETIME_S, bearerGuard, registerAuthRoutes } from './auth';
import type { AgencyZoomContext } from './context';
import { AgencyZoomError, INTERNAL_ERROR, INVALID_PARAMETERS, failure } from './errors';
import { agencyZoomRatePolicy } from './rate-policy';
import { registerAgencyZoomAdminRoutes } from './routes/admin';
import { registerCustomerRoutes } from './routes/customers';
import { registerLeadRoutes } from './routes/leads';
import { registerPolicyRoutes } from './routes/policies';
import { registerReferenceRoutes } from './routes/reference';
import { seedAgencyZoom, seedAsOf } from './seed';
import { AgencyZoomStore } from './store';

/** The store behind each AgencyZoom sandbox, for in-process assertions in tests. */
const stores = new WeakMap<Sandbox, AgencyZoomStore>();

/** The in-memory data of a sandbox made by `createAgencyZoomSandbox`. */
export function agencyZoomStoreOf(sandbox: Sandbox): AgencyZoomStore {
  const store = stores.get(sandbox);
  if (!store) throw new Error(`${sandbox.name} is not an AgencyZoom sandbox`);
  return store;
}

const DEFAULT_CREDENTIALS: SandboxCredentials['agencyZoom'] = {
  username: 'sandbox',
  password: 'sandbox',
};

/**
 * The AgencyZoom sandbox: the vendor's auth, leads, customers, policies and configuration lists
 * under `/v1/api/`, seeded from the population, with the documented 30 calls/min (60 at night, US
 * Central) limit unless `options.rateLimit` says otherwise (null: no limit). Not listening yet.
 */
export const createAgencyZoomSandbox: VendorSandboxFactory<SandboxCredentials['agencyZoom']> = (
  options,
) => {
  const clock = options.clock ?? Date.now;
  const tokenLifetimeS = options.tokenLifetimeS ?? DEFAULT_TOKEN_LIFETIME_S;
  if (!(tokenLifetimeS > 0)) {
    throw new Error(`tokenLifetimeS must be a positive number of seconds, got ${tokenLifetimeS}`);
  }
  const sandbox = createSandbox({
    name: 'agencyzoom',
    clock,
    rateLimit: options.rateLimit === undefined ? agencyZoomRatePolicy : options.rateLimit,
    rateLimitBody: (retryAfterS) =>
      failure(`Rate limit exceeded, retry after ${retryAfterS} second(s)`),
    errorBody: () => failure(INTERNAL_ERROR),
    random: options.random,
  });
  const store = new AgencyZoomStore(seedAgencyZoom(options.population, seedAsOf(clock())));
  const context: AgencyZoomContext = {
    store,
    clock,
    admin: sandbox.admin,
    credentials: options.credentials ?? DEFAULT_CREDENTIALS,
    tokenLifetimeS,
  };

  registerAgencyZoomAdminRoutes(sandbox.app, store);
  sandbox.app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send(failure(`No route ${request.method} ${request.url.split('?')[0]}`)),
  );
  void sandbox.app.register(async (api: FastifyInstance) => {
    api.setErrorHandler(answerError);
    registerAuthRoutes(api, context);
    await api.register(async (secured: FastifyInstance) => {
      secured.addHook('preHandler', bearerGuard(context));
      registerLeadRoutes(secured, context);
      registerCustomerRoutes(secured, context);
      registerPolicyRoutes(secured, context);
      registerReferenceRoutes(secured);
    });
  });
  stores.set(sandbox, store);
  return sandbox;
};

/**
 * Every error of a vendor route in the generic shape: handler errors keep their status; Fastify's
 * own 4xx (unparseable JSON, wrong content type) become `Invalid request parameter(s): ...`; the
 * rest is the documented 500 `Internal processing error`.
 */
async function answerError(
  error: FastifyError | AgencyZoomError,
  _request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (error instanceof AgencyZoomError) {
    return reply.code(error.statusCode).send(failure(error.message));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send(failure(`${INVALID_PARAMETERS}: ${error.message}`));
  }
  return reply.code(500).send(failure(INTERNAL_ERROR));
}
