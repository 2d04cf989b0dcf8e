import type { FastifyError, FastifyInstance } from 'fastify';
import { createSandbox } from '../kit/sandbox';
import type { Sandbox } from '../kit/sandbox';
import type { SandboxCredentials, VendorSandboxFactory, VendorSandboxOptions } from '../kit/vendor';
import { CreditProsAuth, DEFAULT_TOKEN_LIFETIME_S } from './auth';
import { MESSAGES, rateLimitBody, sendMessage, serverErrorBody } from './errors';
import { registerAuthRoutes } from './routes/auth';
import { registerClientRoutes } from './routes/clients';
import type { ClientListShape, RouteDeps } from './routes/deps';
import { registerMasterSchemaRoutes } from './routes/master-schemas';
import { registerNegativeItemRoutes } from './routes/negative-items';
import { registerReportRoutes } from './routes/reports';
import { registerSegmentRoutes } from './routes/segments';
import { seedCreditPros } from './seed';
import { CreditProsStore } from './store';

/**
 * The Credit Pros sandbox ("STG Portal 2.0" staff API): clients, per-bureau internal reports,
 * credit report master schemas, negative items, segments and staff login, over the kit's admin
 * API, faults and limiter. Paths are the reference's inferred ones, with no `/api` prefix: the
 * prefix, if any, belongs in the configured base URL.
 */

export type CreditProsCredentials = SandboxCredentials['creditPros'];

export interface CreditProsSandboxOptions extends VendorSandboxOptions<CreditProsCredentials> {
  /** Envelope of `GET /clients` and `POST /clients/search`; default `documented`. */
  clientListShape?: ClientListShape;
}

const DEFAULT_CREDENTIALS: CreditProsCredentials = { apiKey: 'sandbox' };

/** Errors raised by Fastify itself (bad JSON, wrong media type) in the vendor's `{message}` shape. */
function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 400) return sendMessage(reply, 400, MESSAGES.malformedJson);
    if (status > 400 && status < 500) return sendMessage(reply, status, error.message);
    return reply.code(500).send(serverErrorBody(500));
  });
  app.setNotFoundHandler((request, reply) => {
    const [path = ''] = request.url.split('?', 1);
    // Laravel's wording for an unknown route.
    return sendMessage(reply, 404, `The route ${path.replace(/^\//, '')} could not be found.`);
  });
}

/** Creates the sandbox with Credit Pros-specific options (the list envelope switch). */
export function buildCreditProsSandbox(options: CreditProsSandboxOptions): Sandbox {
  const clock = options.clock ?? Date.now;
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const sandbox = createSandbox({
    name: 'credit-pros',
    clock,
    rateLimit: options.rateLimit ?? null,
    rateLimitBody,
    errorBody: serverErrorBody,
    random: options.random,
  });
  const store = new CreditProsStore(seedCreditPros(options.population));
  const auth = new CreditProsAuth({
    store,
    admin: sandbox.admin,
    apiKey: credentials.apiKey,
    clock,
    tokenLifetimeS: options.tokenLifetimeS ?? DEFAULT_TOKEN_LIFETIME_S,
  });
  const deps: RouteDeps = {
    store,
    auth,
    clock,
    clientListShape: options.clientListShape ?? 'documented',
  };
  installErrorHandlers(sandbox.app);
  registerAuthRoutes(sandbox.app, deps);
  registerClientRoutes(sandbox.app, deps);
  registerReportRoutes(sandbox.app, deps);
  registerMasterSchemaRoutes(sandbox.app, deps);
  registerNegativeItemRoutes(sandbox.app, deps);
  registerSegmentRoutes(sandbox.app, deps);
  return sandbox;
}

/** The factory the gateway's embedded mode, tests and benchmarks use. */
export const createCreditProsSandbox: VendorSandboxFactory<CreditProsCredentials> = (options) =>
  buildCreditProsSandbox(options);
